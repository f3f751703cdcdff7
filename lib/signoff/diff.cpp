#include "signoff/diff.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "signoff/canonical.hpp"

namespace handoff::signoff {

namespace {

// Every step below takes time in proportion to the records' size: lists and mappings are
// indexed once instead of searched for each item (a record of 100,000 acceptance results or
// 400,000 keys must not make diff quadratic).

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

// A field of two mappings: its key and its value in each (the first of a repeated key, as
// yaml::Node::find gives it), nullptr where a mapping does not have it.
struct FieldPair {
  std::string key;
  const yaml::Node* before = nullptr;
  const yaml::Node* after = nullptr;
};

// Returns the fields of two mappings (or nulls): those of `after` in order, then those only
// `before` has.
std::vector<FieldPair> fields_of(const yaml::Node* before, const yaml::Node* after)
{
  std::vector<FieldPair> out;
  std::unordered_map<std::string_view, std::size_t> at;
  const auto add = [&](const yaml::Node* node, bool is_after) {
    if (node == nullptr || !node->is_mapping()) {
      return;
    }
    for (std::size_t i = 0; i < node->map_size(); ++i) {
      const yaml::Node& key = node->key(i);
      if (!key.is_scalar()) {
        continue;
      }
      const auto [it, fresh] = at.try_emplace(key.value, out.size());
      if (fresh) {
        out.push_back({key.value, nullptr, nullptr});
      }
      const yaml::Node*& slot = is_after ? out[it->second].after : out[it->second].before;
      if (slot == nullptr) {
        slot = &node->val(i);
      }
    }
  };
  add(after, true);
  add(before, false);
  return out;
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
    const bool unique = !repeats && std::string_view(key) != "id";
    std::unordered_set<std::string_view> seen;
    bool ok = true;
    for (const auto& item : list->children) {
      const yaml::Node* k = item.is_mapping() ? item.find(key) : nullptr;
      if (k == nullptr || !k->is_scalar() || (unique && !seen.insert(k->value).second)) {
        ok = false;
        break;
      }
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

// The items of a list whose `key` field is a scalar, by that value, each value's items in list
// order.
class Items {
public:
  Items(const yaml::Node* list, const char* key)
  {
    if (list == nullptr || !list->is_sequence()) {
      return;
    }
    for (const auto& item : list->children) {
      const yaml::Node* k = item.is_mapping() ? item.find(key) : nullptr;
      if (k != nullptr && k->is_scalar()) {
        m_by_value[k->value].push_back(&item);
      }
    }
  }

  // Returns the `nth` item (from 0) whose key is `value`, or nullptr.
  const yaml::Node* find(std::string_view value, std::size_t nth = 0) const
  {
    const auto it = m_by_value.find(value);
    return it == m_by_value.end() || nth >= it->second.size() ? nullptr : it->second[nth];
  }

private:
  std::unordered_map<std::string_view, std::vector<const yaml::Node*>> m_by_value;
};

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
    for (const auto& field : fields_of(before, after)) {
      diff_fields(prefix.empty() ? field.key : prefix + "." + field.key, field.before, field.after, out);
    }
    return;
  }
  if ((is_list(before) || is_list(after)) && !same(before, after)) {
    if (const char* key = common_key(before, after)) {
      const Items in_before(before, key);
      const Items in_after(after, key);
      std::vector<std::string_view> values;
      std::unordered_set<std::string_view> seen;
      for (const yaml::Node* list : {after, before}) {
        if (is_list(list)) {
          for (const auto& item : list->children) {
            const std::string& v = item.find(key)->value;
            if (seen.insert(v).second) {
              values.push_back(v);
            }
          }
        }
      }
      for (const auto& v : values) {
        const yaml::Node* b = in_before.find(v);
        const yaml::Node* a = in_after.find(v);
        const std::string at = prefix + "[" + std::string(v) + "]";
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
// order: the second in one version with the second in the other. Of items that share an id (a
// duplicate, HF006) the first stands for them.
void diff_items(const std::string& list, const char* key, const yaml::Node* before, const yaml::Node* after,
                RecordDiff& out)
{
  const bool by_id = std::string_view(key) == "id";
  const Items in_before(before, key);
  const Items in_after(after, key);
  if (is_list(after)) {
    std::unordered_map<std::string_view, std::size_t> seen;  // items so far per key value
    for (const auto& item : after->children) {
      const std::string& id = item.find(key)->value;
      const std::size_t nth = seen[id]++;
      if (by_id && nth > 0) {
        continue;
      }
      const yaml::Node* old = in_before.find(id, nth);
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
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const auto& item : before->children) {
      const std::string& id = item.find(key)->value;
      const std::size_t nth = seen[id]++;
      if (by_id && nth > 0) {
        continue;
      }
      if (in_after.find(id, nth) == nullptr) {
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
    for (const auto& field : fields_of(before, after)) {
      const yaml::Node* b = field.before;
      const yaml::Node* a = field.after;
      const char* key = is_list(b) || is_list(a) ? common_key(b, a, true) : nullptr;
      if (key != nullptr) {
        diff_items(name + "." + field.key, key, b, a, out);
      } else {
        diff_fields(name + "." + field.key, b, a, out.fields);
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
  for (const auto& field : fields_of(&before, &after)) {
    diff_entry(field.key, field.before, field.after, out);
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
