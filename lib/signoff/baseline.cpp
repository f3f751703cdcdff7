#include "signoff/baseline.hpp"

#include <algorithm>
#include <set>

#include "model/schema.hpp"
#include "signoff/canonical.hpp"

namespace handoff::signoff {

namespace {

// Adds the items of the list `key` of `root` (requirements or milestones) to `out`.
void add_items(const yaml::Node* root, const char* key, const char* kind, const char* title_key,
               const std::vector<std::string>& scope, model::Record record, Content& out, std::set<std::string>& seen)
{
  const yaml::Node* list = root != nullptr && root->is_mapping() ? root->find(key) : nullptr;
  if (list == nullptr || !list->is_sequence()) {
    return;
  }
  for (const auto& node : list->children) {
    if (!node.is_mapping()) {
      continue;
    }
    const yaml::Node* id = node.find("id");
    if (id == nullptr || !id->is_scalar() || !model::is_id(id->value) || !seen.insert(id->value).second) {
      continue;  // no usable id (HF002/HF003) or a duplicate (HF006): nothing to key a digest by
    }
    yaml::Node fields;
    fields.kind = yaml::Kind::mapping;
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      const yaml::Node& k = node.key(i);
      if (k.is_scalar() && std::find(scope.begin(), scope.end(), k.value) != scope.end()) {
        fields.children.push_back(k);
        fields.children.push_back(node.val(i));
      }
    }
    Item item;
    item.id = id->value;
    item.kind = kind;
    if (const yaml::Node* title = node.find(title_key); title != nullptr && title->is_scalar()) {
      item.title = title->value;
    }
    item.record = record;
    item.pos = node.pos;
    item.digest = digest(fields);
    out.items.push_back(std::move(item));
  }
}

}  // namespace

const Item* Content::item(const std::string& id) const
{
  for (const auto& i : items) {
    if (i.id == id) {
      return &i;
    }
  }
  return nullptr;
}

const std::vector<std::string>& requirement_scope_fields()
{
  static const std::vector<std::string> k_fields = {"id",   "title",         "description", "priority",
                                                    "type", "contract_item", "acceptance"};
  return k_fields;
}

const std::vector<std::string>& milestone_scope_fields()
{
  static const std::vector<std::string> k_fields = {"id", "name", "due", "owner", "covers", "depends_on", "acceptance"};
  return k_fields;
}

Content content_of(const model::Project& project)
{
  Content out;
  static const yaml::Node k_empty;
  for (const model::Record record : k_signed_records) {
    const model::RecordFile& file = project.file(record);
    if (file.broken) {
      out.broken.push_back(record);
      continue;
    }
    out.records[model::record_name(record)] = digest(file.tree ? *file.tree : k_empty);
  }
  std::set<std::string> seen;
  add_items(project.file(model::Record::requirements).tree.get(), "requirements", "requirement", "title",
            requirement_scope_fields(), model::Record::requirements, out, seen);
  add_items(project.file(model::Record::plan).tree.get(), "milestones", "milestone", "name", milestone_scope_fields(),
            model::Record::plan, out, seen);
  return out;
}

const model::Signoff& Baseline::latest() const
{
  const bool sales_later =
      sales->pos.line > implementation->pos.line
      || (sales->pos.line == implementation->pos.line && sales->pos.column > implementation->pos.column);
  return sales_later ? *sales : *implementation;
}

bool same_content(const model::Signoff& a, const model::Signoff& b)
{
  return a.records == b.records && a.items == b.items;
}

std::optional<Baseline> find_baseline(const model::Project& project)
{
  const auto& all = project.signoffs;
  // Walk from the newest entry: the first one that has a partner of the other role with the
  // same content, earlier in the file, ends the baseline pair.
  for (std::size_t i = all.size(); i-- > 0;) {
    const model::Signoff& later = all[i];
    if (!later.role.has() || (*later.role != "sales" && *later.role != "implementation")) {
      continue;
    }
    const std::string other = *later.role == "sales" ? "implementation" : "sales";
    for (std::size_t j = i; j-- > 0;) {
      const model::Signoff& earlier = all[j];
      if (earlier.role.has() && *earlier.role == other && same_content(earlier, later)) {
        Baseline b;
        b.sales = *later.role == "sales" ? &later : &earlier;
        b.implementation = *later.role == "sales" ? &earlier : &later;
        return b;
      }
    }
  }
  return std::nullopt;
}

std::string entry_digest(const model::Project& project, const model::Signoff& entry)
{
  const auto& tree = project.file(model::Record::signoffs).tree;
  const yaml::Node* list = tree && tree->is_mapping() ? tree->find("signoffs") : nullptr;
  if (list == nullptr || !list->is_sequence()) {
    return "";
  }
  for (const auto& node : list->children) {
    if (node.is_mapping() && node.pos.line == entry.pos.line && node.pos.column == entry.pos.column) {
      return digest(node);
    }
  }
  return "";
}

const model::Signoff* latest_signoff(const model::Project& project, const std::string& role)
{
  const model::Signoff* found = nullptr;
  for (const auto& s : project.signoffs) {
    if (s.role.has() && *s.role == role) {
      found = &s;
    }
  }
  return found;
}

Drift drift(const model::Signoff& signed_, const Content& now)
{
  Drift out;
  for (const model::Record record : k_signed_records) {
    if (std::find(now.broken.begin(), now.broken.end(), record) != now.broken.end()) {
      continue;
    }
    const std::string name = model::record_name(record);
    const auto was = signed_.records.find(name);
    const auto is = now.records.find(name);
    if (was == signed_.records.end() || is == now.records.end() || was->second != is->second) {
      out.records.push_back(record);
    }
  }
  const bool requirements_known =
      std::find(now.broken.begin(), now.broken.end(), model::Record::requirements) == now.broken.end();
  const bool plan_known = std::find(now.broken.begin(), now.broken.end(), model::Record::plan) == now.broken.end();
  for (const auto& item : now.items) {
    const auto was = signed_.items.find(item.id);
    if (was == signed_.items.end()) {
      out.items.push_back({Drift::Change::Kind::added, item.id, &item});
    } else if (was->second != item.digest) {
      out.items.push_back({Drift::Change::Kind::changed, item.id, &item});
    }
  }
  // A signed id that is gone is removed only when both records it could live in are readable.
  if (requirements_known && plan_known) {
    for (const auto& [id, digest] : signed_.items) {
      if (now.item(id) == nullptr) {
        out.items.push_back({Drift::Change::Kind::removed, id, nullptr});
      }
    }
  }
  return out;
}

const char* to_string(Drift::Change::Kind kind)
{
  switch (kind) {
  case Drift::Change::Kind::added:
    return "added";
  case Drift::Change::Kind::changed:
    return "changed";
  case Drift::Change::Kind::removed:
    return "removed";
  }
  return "changed";
}

}  // namespace handoff::signoff
