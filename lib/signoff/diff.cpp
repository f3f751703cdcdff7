#include "signoff/diff.hpp"

#include <algorithm>
#include <string_view>

#include "signoff/canonical.hpp"

namespace handoff::signoff {

namespace {

std::optional<std::string> value_of(const yaml::Node* node)
{
  if (node == nullptr || node->is_null()) {
    return std::nullopt;
  }
  return render(*node);
}

bool same(const yaml::Node* a, const yaml::Node* b)
{
  static const yaml::Node k_null;
  return canonical_form(a != nullptr ? *a : k_null) == canonical_form(b != nullptr ? *b : k_null);
}

// Returns the keys of two mappings: those of `after` in order, then those only `before` has.
std::vector<std::string> keys_of(const yaml::Node* before, const yaml::Node* after)
{
  std::vector<std::string> keys;
  for (const yaml::Node* node : {after, before}) {
    if (node == nullptr || !node->is_mapping()) {
      continue;
    }
    for (std::size_t i = 0; i < node->map_size(); ++i) {
      if (node->key(i).is_scalar() && std::find(keys.begin(), keys.end(), node->key(i).value) == keys.end()) {
        keys.push_back(node->key(i).value);
      }
    }
  }
  return keys;
}

const yaml::Node* child(const yaml::Node* node, const std::string& key)
{
  return node != nullptr && node->is_mapping() ? node->find(key) : nullptr;
}

// Returns the field that keys the items of `list` ("id", "requirement" for assessments and
// acceptance results, "role" for approvals): every item is a mapping with that field as a scalar
// and, for the fields other than id, no two share a value unless `repeats` (a duplicated id is
// HF006's; its first item stands for it). Returns nullptr when no field does, and "" for an absent
// or empty list (compatible with any).
const char* key_of(const yaml::Node* list, bool repeats = false)
{
  if (list == nullptr || list->is_null() || (list->is_sequence() && list->children.empty())) {
    return "";
  }
  if (!list->is_sequence()) {
    return nullptr;
  }
  for (const char* key : {"id", "requirement", "role"}) {
    std::vector<std::string> seen;
    bool ok = true;
    for (const auto& item : list->children) {
      const yaml::Node* k = item.is_mapping() ? item.find(key) : nullptr;
      if (k == nullptr || !k->is_scalar()
          || (!repeats && std::string_view(key) != "id"
              && std::find(seen.begin(), seen.end(), k->value) != seen.end())) {
        ok = false;
        break;
      }
      seen.push_back(k->value);
    }
    if (ok) {
      return key;
    }
  }
  return nullptr;
}

// Returns the key both versions of a list can be compared by, or nullptr.
const char* common_key(const yaml::Node* before, const yaml::Node* after, bool repeats = false)
{
  const char* a = key_of(before, repeats);
  const char* b = key_of(after, repeats);
  if (a == nullptr || b == nullptr) {
    return nullptr;
  }
  if (*a == '\0') {
    return *b == '\0' ? nullptr : b;  // two empty lists: nothing to key
  }
  return *b == '\0' || std::string_view(a) == b ? a : nullptr;
}

// Returns the `nth` item (from 0) of `list` whose `key` is `value`, or nullptr.
const yaml::Node* find_item(const yaml::Node* list, const char* key, const std::string& value, std::size_t nth = 0)
{
  if (list == nullptr || !list->is_sequence()) {
    return nullptr;
  }
  for (const auto& item : list->children) {
    const yaml::Node* k = item.is_mapping() ? item.find(key) : nullptr;
    if (k != nullptr && k->is_scalar() && k->value == value && nth-- == 0) {
      return &item;
    }
  }
  return nullptr;
}

// Returns how many items before `item` in `list` share its `key` value: 0 for the first.
std::size_t occurrence(const yaml::Node& list, const char* key, const yaml::Node& item)
{
  std::size_t n = 0;
  const std::string& value = item.find(key)->value;
  for (const auto& other : list.children) {
    if (&other == &item) {
      break;
    }
    n += other.find(key)->value == value ? 1 : 0;
  }
  return n;
}

// Returns how an item is named in a diff: its key value, and for an id that repeats (a retest
// in acceptance.yaml) which of them, "REQ-003 #2".
std::string item_label(const std::string& value, std::size_t nth)
{
  return nth == 0 ? value : value + " #" + std::to_string(nth + 1);
}

bool is_list(const yaml::Node* node)
{
  return node != nullptr && node->is_sequence();
}

// Adds the differences of two mappings (or values) under `prefix`, recursing into mappings and
// into lists keyed by a field (approvals by role: "approvals[sales].date").
void diff_fields(const std::string& prefix, const yaml::Node* before, const yaml::Node* after,
                 std::vector<FieldDiff>& out)
{
  const bool before_map = before != nullptr && before->is_mapping();
  const bool after_map = after != nullptr && after->is_mapping();
  if ((before_map || before == nullptr || before->is_null()) && (after_map || after == nullptr || after->is_null())
      && (before_map || after_map)) {
    for (const auto& key : keys_of(before, after)) {
      diff_fields(prefix.empty() ? key : prefix + "." + key, child(before, key), child(after, key), out);
    }
    return;
  }
  if ((is_list(before) || is_list(after)) && !same(before, after)) {
    if (const char* key = common_key(before, after)) {
      std::vector<std::string> values;
      for (const yaml::Node* list : {after, before}) {
        if (is_list(list)) {
          for (const auto& item : list->children) {
            const std::string& v = item.find(key)->value;
            if (std::find(values.begin(), values.end(), v) == values.end()) {
              values.push_back(v);
            }
          }
        }
      }
      for (const auto& v : values) {
        const yaml::Node* b = find_item(before, key, v);
        const yaml::Node* a = find_item(after, key, v);
        const std::string at = prefix + "[" + v + "]";
        if (b == nullptr || a == nullptr) {
          out.push_back({at, value_of(b), value_of(a)});
        } else {
          diff_fields(at, b, a, out);
        }
      }
      return;
    }
  }
  if (!same(before, after)) {
    out.push_back({prefix, value_of(before), value_of(after)});
  }
}

std::string title_of(const yaml::Node& item)
{
  for (const char* key : {"title", "name", "text"}) {
    if (const yaml::Node* t = item.find(key); t != nullptr && t->is_scalar()) {
      return t->value;
    }
  }
  return "";
}

// Adds the items of the list `list` (keyed by `key`) added, removed or changed field by field.
// Items that share a key value other than an id (a failed run and its retest) are paired in
// order: the second in one version with the second in the other.
void diff_items(const std::string& list, const char* key, const yaml::Node* before, const yaml::Node* after,
                RecordDiff& out)
{
  const bool by_id = std::string_view(key) == "id";
  if (is_list(after)) {
    for (const auto& item : after->children) {
      const std::string id = item.find(key)->value;
      const std::size_t nth = by_id ? 0 : occurrence(*after, key, item);
      if (find_item(after, key, id, nth) != &item) {
        continue;  // a duplicate id (HF006): the first one stands for it
      }
      const yaml::Node* old = find_item(before, key, id, nth);
      ItemDiff d;
      d.list = list;
      d.id = item_label(id, nth);
      d.title = title_of(item);
      if (old == nullptr) {
        d.kind = ItemDiff::Kind::added;
        out.items.push_back(std::move(d));
        continue;
      }
      diff_fields("", old, &item, d.fields);
      if (!d.fields.empty()) {
        out.items.push_back(std::move(d));
      }
    }
  }
  if (is_list(before)) {
    for (const auto& item : before->children) {
      const std::string id = item.find(key)->value;
      const std::size_t nth = by_id ? 0 : occurrence(*before, key, item);
      if (find_item(before, key, id, nth) == &item && find_item(after, key, id, nth) == nullptr) {
        out.items.push_back({ItemDiff::Kind::removed, list, item_label(id, nth), title_of(item), {}});
      }
    }
  }
}

// Adds the differences of the top-level entry `name` of a record: keyed lists item by item, a
// mapping's keyed lists too (contract.items), everything else field by field.
void diff_entry(const std::string& name, const yaml::Node* before, const yaml::Node* after, RecordDiff& out)
{
  if (is_list(before) || is_list(after)) {
    if (const char* key = common_key(before, after, true)) {
      diff_items(name, key, before, after, out);
      return;
    }
  }
  const bool before_map = before != nullptr && before->is_mapping();
  const bool after_map = after != nullptr && after->is_mapping();
  if ((before_map || after_map) && (before_map || before == nullptr || before->is_null())
      && (after_map || after == nullptr || after->is_null())) {
    for (const auto& key : keys_of(before, after)) {
      const yaml::Node* b = child(before, key);
      const yaml::Node* a = child(after, key);
      if ((is_list(b) || is_list(a)) && common_key(b, a, true) != nullptr) {
        diff_items(name + "." + key, common_key(b, a, true), b, a, out);
      } else {
        diff_fields(name + "." + key, b, a, out.fields);
      }
    }
    return;
  }
  diff_fields(name, before, after, out.fields);
}

}  // namespace

std::string render(const yaml::Node& node)
{
  switch (node.kind) {
  case yaml::Kind::null:
    return "~";
  case yaml::Kind::scalar:
    return node.value;
  case yaml::Kind::sequence: {
    std::string out = "[";
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      out += (i > 0 ? ", " : "") + render(node.children[i]);
    }
    return out + "]";
  }
  case yaml::Kind::mapping: {
    std::string out = "{";
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      out += (i > 0 ? ", " : "") + render(node.key(i)) + ": " + render(node.val(i));
    }
    return out + "}";
  }
  }
  return "";
}

RecordDiff diff_record(model::Record record, const yaml::Node& before, const yaml::Node& after)
{
  RecordDiff out;
  out.record = record;
  for (const auto& key : keys_of(&before, &after)) {
    diff_entry(key, child(&before, key), child(&after, key), out);
  }
  return out;
}

const char* to_string(ItemDiff::Kind kind)
{
  switch (kind) {
  case ItemDiff::Kind::added:
    return "added";
  case ItemDiff::Kind::removed:
    return "removed";
  case ItemDiff::Kind::changed:
    return "changed";
  }
  return "changed";
}

}  // namespace handoff::signoff
