#include "signoff/diff.hpp"

#include <algorithm>

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

// Adds the differences of two mappings (or values) under `prefix`, recursing into mappings.
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
  if (!same(before, after)) {
    out.push_back({prefix, value_of(before), value_of(after)});
  }
}

// Returns the id of a list item, or nullptr.
const yaml::Node* id_of(const yaml::Node& item)
{
  const yaml::Node* id = item.is_mapping() ? item.find("id") : nullptr;
  return id != nullptr && id->is_scalar() ? id : nullptr;
}

// Returns true when `node` is absent or a list whose items all are mappings with an id.
bool id_keyed(const yaml::Node* node)
{
  if (node == nullptr || node->is_null()) {
    return true;
  }
  return node->is_sequence() && std::all_of(node->children.begin(), node->children.end(), [](const yaml::Node& item) {
           return id_of(item) != nullptr;
         });
}

const yaml::Node* find_item(const yaml::Node* list, const std::string& id)
{
  if (list == nullptr || !list->is_sequence()) {
    return nullptr;
  }
  for (const auto& item : list->children) {
    if (const yaml::Node* i = id_of(item); i != nullptr && i->value == id) {
      return &item;
    }
  }
  return nullptr;
}

std::string title_of(const yaml::Node& item)
{
  for (const char* key : {"title", "name"}) {
    if (const yaml::Node* t = item.find(key); t != nullptr && t->is_scalar()) {
      return t->value;
    }
  }
  return "";
}

void diff_items(const std::string& list, const yaml::Node* before, const yaml::Node* after, RecordDiff& out)
{
  if (after != nullptr && after->is_sequence()) {
    for (const auto& item : after->children) {
      const std::string id = id_of(item)->value;
      if (find_item(after, id) != &item) {
        continue;  // a duplicate id (HF006): the first one stands for it
      }
      const yaml::Node* old = find_item(before, id);
      ItemDiff d;
      d.list = list;
      d.id = id;
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
  if (before != nullptr && before->is_sequence()) {
    for (const auto& item : before->children) {
      const std::string id = id_of(item)->value;
      if (find_item(before, id) == &item && find_item(after, id) == nullptr) {
        out.items.push_back({ItemDiff::Kind::removed, list, id, title_of(item), {}});
      }
    }
  }
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
    const yaml::Node* b = child(&before, key);
    const yaml::Node* a = child(&after, key);
    const bool is_list = (b != nullptr && b->is_sequence()) || (a != nullptr && a->is_sequence());
    if (is_list && id_keyed(b) && id_keyed(a)) {
      diff_items(key, b, a, out);
    } else {
      diff_fields(key, b, a, out.fields);
    }
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
