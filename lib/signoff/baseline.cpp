#include "signoff/baseline.hpp"

#include <algorithm>
#include <set>

#include "model/schema.hpp"
#include "signoff/canonical.hpp"

namespace handoff::signoff {

namespace {

// Returns a mapping with the entries of `node` whose keys are in `keys` (order kept).
yaml::Node select(const yaml::Node& node, const std::vector<std::string>& keys)
{
  yaml::Node fields;
  fields.kind = yaml::Kind::mapping;
  fields.pos = node.pos;
  for (std::size_t i = 0; i < node.map_size(); ++i) {
    const yaml::Node& k = node.key(i);
    if (k.is_scalar() && std::find(keys.begin(), keys.end(), k.value) != keys.end()) {
      fields.children.push_back(k);
      fields.children.push_back(node.val(i));
    }
  }
  return fields;
}

// Adds the items of `list` (requirements, milestones, contract items or commitments), each
// digested over its `scope` fields, to `out`.
void add_items(const yaml::Node* list, const char* kind, const char* title_key, const std::vector<std::string>& scope,
               model::Record record, Content& out, std::set<std::string>& seen)
{
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
    Item item;
    item.id = id->value;
    item.kind = kind;
    if (const yaml::Node* title = node.find(title_key); title != nullptr && title->is_scalar()) {
      item.title = title->value;
    }
    item.record = record;
    item.pos = node.pos;
    item.digest = digest(select(node, scope));
    out.items.push_back(std::move(item));
  }
}

const yaml::Node* child(const yaml::Node* node, const char* key)
{
  return node != nullptr && node->is_mapping() ? node->find(key) : nullptr;
}

const std::vector<std::string>& contract_item_fields()
{
  static const std::vector<std::string> k_fields = {"id", "title", "price"};
  return k_fields;
}

// A payment's terms: what the customer agreed to pay, and when. Whether it was invoiced or received
// (and the internal note, a write-off) is bookkeeping, outside the signature.
const std::vector<std::string>& payment_fields()
{
  static const std::vector<std::string> k_fields = {"id", "title", "percent", "amount", "due"};
  return k_fields;
}

// Returns the non-empty `payments:` list of a contract mapping, else nullptr: a contract without a
// payment schedule (or with an empty one) keeps the canonical form it had before payments existed,
// so that its sign-offs stay valid.
const yaml::Node* payments_of(const yaml::Node& contract)
{
  const yaml::Node* payments = contract.find("payments");
  if (payments == nullptr || payments->is_null() || (payments->is_sequence() && payments->children.empty())) {
    return nullptr;
  }
  return payments;
}

const std::vector<std::string>& commitment_fields()
{
  static const std::vector<std::string> k_fields = {"id", "text", "refs"};
  return k_fields;
}

// Returns a copy of `list` whose mapping items keep only `keys`.
yaml::Node select_each(const yaml::Node& list, const std::vector<std::string>& keys)
{
  if (!list.is_sequence()) {
    return list;
  }
  yaml::Node out = list;
  for (auto& item : out.children) {
    if (item.is_mapping()) {
      item = select(item, keys);
    }
  }
  return out;
}

// Returns the position in the file order of `s` (its line, then column).
bool file_before(const model::Signoff& a, const model::Signoff& b)
{
  return a.pos.line < b.pos.line || (a.pos.line == b.pos.line && a.pos.column < b.pos.column);
}

bool is_side(const model::Signoff& s)
{
  return s.role.has() && (*s.role == "sales" || *s.role == "implementation");
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

const std::vector<std::string>& payment_scope_fields()
{
  return payment_fields();
}

const std::vector<std::string>& milestone_scope_fields()
{
  static const std::vector<std::string> k_fields = {"id", "name", "due", "owner", "covers", "depends_on", "acceptance"};
  return k_fields;
}

const std::vector<std::string>& contract_fields()
{
  static const std::vector<std::string> k_fields = {"signed", "start", "go_live", "value", "currency"};
  return k_fields;
}

yaml::Node agreement_node(const yaml::Node* project_root)
{
  yaml::Node out;
  out.kind = yaml::Kind::mapping;
  const auto add = [&out](const char* key, yaml::Node value) {
    yaml::Node k;
    k.kind = yaml::Kind::scalar;
    k.value = key;
    out.children.push_back(std::move(k));
    out.children.push_back(std::move(value));
  };
  if (const yaml::Node* contract = child(project_root, "contract"); contract != nullptr && contract->is_mapping()) {
    const std::vector<std::string>& keys = contract_fields();
    yaml::Node c = select(*contract, keys);
    if (const yaml::Node* items = contract->find("items")) {
      yaml::Node k;
      k.kind = yaml::Kind::scalar;
      k.value = "items";
      c.children.push_back(std::move(k));
      c.children.push_back(select_each(*items, contract_item_fields()));
    }
    if (const yaml::Node* payments = payments_of(*contract)) {
      yaml::Node k;
      k.kind = yaml::Kind::scalar;
      k.value = "payments";
      c.children.push_back(std::move(k));
      c.children.push_back(select_each(*payments, payment_fields()));
    }
    add("contract", std::move(c));
  } else if (contract != nullptr) {
    add("contract", *contract);  // not a mapping (HF002): its content is still signed
  }
  if (const yaml::Node* commitments = child(project_root, "commitments")) {
    add("commitments", select_each(*commitments, commitment_fields()));
  }
  return out;
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
    out.records[model::record_name(record)] = record == model::Record::project
                                                  ? digest(agreement_node(file.tree.get()))
                                                  : digest(file.tree ? *file.tree : k_empty);
  }
  // Requirements and milestones claim their ids first, as before the agreement was signed, so
  // that a contract item or commitment sharing an id never changes their digests.
  std::set<std::string> seen;
  Content scope;
  add_items(child(project.file(model::Record::requirements).tree.get(), "requirements"), "requirement", "title",
            requirement_scope_fields(), model::Record::requirements, scope, seen);
  add_items(child(project.file(model::Record::plan).tree.get(), "milestones"), "milestone", "name",
            milestone_scope_fields(), model::Record::plan, scope, seen);
  const yaml::Node* card = project.file(model::Record::project).tree.get();
  if (const yaml::Node* contract = child(card, "contract"); contract != nullptr && contract->is_mapping()) {
    for (const auto& field : contract_fields()) {
      const yaml::Node* key = contract->find_key(field);
      const yaml::Node* value = contract->find(field);
      if (key == nullptr || value == nullptr || value->is_null() || !seen.insert("contract." + field).second) {
        continue;  // an absent or empty field is not part of the agreement
      }
      Item item;
      item.id = "contract." + field;
      item.kind = "contract field";
      item.title = value->is_scalar() ? value->value : "";
      item.record = model::Record::project;
      item.pos = value->pos.line > 0 ? value->pos : key->pos;
      item.digest = digest(*value);
      out.items.push_back(std::move(item));
    }
    add_items(contract->find("items"), "contract item", "title", contract_item_fields(), model::Record::project, out,
              seen);
    add_items(payments_of(*contract), "payment", "title", payment_fields(), model::Record::project, out, seen);
  }
  add_items(child(card, "commitments"), "commitment", "text", commitment_fields(), model::Record::project, out, seen);
  for (auto& item : scope.items) {
    out.items.push_back(std::move(item));
  }
  return out;
}

std::string affects_name(const std::string& item_id)
{
  return item_id == k_go_live_item ? std::string(k_go_live_affects) : item_id;
}

bool signed_before(const model::Signoff& a, const model::Signoff& b)
{
  if (a.at.has() != b.at.has()) {
    return !a.at.has();
  }
  if (a.at.has() && *a.at != *b.at) {
    return *a.at < *b.at;
  }
  return file_before(a, b);
}

const model::Signoff& Baseline::latest() const
{
  return signed_before(*sales, *implementation) ? *implementation : *sales;
}

bool same_content(const model::Signoff& a, const model::Signoff& b)
{
  return a.records == b.records && a.items == b.items;
}

bool Signatures::disagree() const
{
  return sales != nullptr && implementation != nullptr && !same_content(*sales, *implementation);
}

Signatures signatures(const model::Project& project)
{
  std::vector<const model::Signoff*> order;
  for (const auto& s : project.signoffs) {
    if (is_side(s)) {
      order.push_back(&s);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const model::Signoff* a, const model::Signoff* b) { return signed_before(*a, *b); });
  Signatures out;
  for (const model::Signoff* s : order) {
    (*s->role == "sales" ? out.sales : out.implementation) = s;
    if (out.sales != nullptr && out.implementation != nullptr && same_content(*out.sales, *out.implementation)) {
      out.baseline = Baseline{out.sales, out.implementation};
    }
  }
  return out;
}

std::optional<Baseline> find_baseline(const model::Project& project)
{
  return signatures(project).baseline;
}

std::vector<const model::Signoff*> counting_entries(const model::Project& project)
{
  std::set<const model::Signoff*> counting;
  std::map<std::string, const model::Signoff*> latest;
  for (const auto& s : project.signoffs) {
    if (!s.role.has()) {
      continue;
    }
    const model::Signoff*& slot = latest[*s.role];
    if (slot == nullptr || signed_before(*slot, s)) {
      slot = &s;
    }
  }
  for (const auto& [role, s] : latest) {
    counting.insert(s);
  }
  if (const auto baseline = find_baseline(project)) {
    counting.insert(baseline->sales);
    counting.insert(baseline->implementation);
  }
  std::vector<const model::Signoff*> out;
  for (const auto& s : project.signoffs) {
    if (counting.count(&s) != 0) {
      out.push_back(&s);
    }
  }
  return out;
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
    if (s.role.has() && *s.role == role && (found == nullptr || signed_before(*found, s))) {
      found = &s;
    }
  }
  return found;
}

Drift drift(const model::Signoff& signed_, const Content& now)
{
  Drift out;
  // An entry written before the agreement was under signature has no digest of it.
  const bool agreement = signed_.records.count(model::record_name(model::Record::project)) != 0;
  for (const model::Record record : k_signed_records) {
    if (std::find(now.broken.begin(), now.broken.end(), record) != now.broken.end()
        || (record == model::Record::project && !agreement)) {
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
  const bool project_known =
      std::find(now.broken.begin(), now.broken.end(), model::Record::project) == now.broken.end();
  for (const auto& item : now.items) {
    if (item.record == model::Record::project && !agreement) {
      continue;
    }
    const auto was = signed_.items.find(item.id);
    if (was == signed_.items.end()) {
      out.items.push_back({Drift::Change::Kind::added, item.id, &item});
    } else if (was->second != item.digest) {
      out.items.push_back({Drift::Change::Kind::changed, item.id, &item});
    }
  }
  // A signed id that is gone is removed only when both records it could live in are readable.
  if (requirements_known && plan_known && project_known) {
    for (const auto& [id, digest] : signed_.items) {
      if (now.item(id) == nullptr) {
        out.items.push_back({Drift::Change::Kind::removed, id, nullptr});
      }
    }
  }
  return out;
}

Drift drift_between(const model::Signoff& a, const model::Signoff& b)
{
  Drift out;
  for (const model::Record record : k_signed_records) {
    const std::string name = model::record_name(record);
    const auto x = a.records.find(name);
    const auto y = b.records.find(name);
    const bool in_a = x != a.records.end();
    const bool in_b = y != b.records.end();
    if (in_a != in_b || (in_a && x->second != y->second)) {
      out.records.push_back(record);
    }
  }
  for (const auto& [id, digest] : b.items) {
    const auto was = a.items.find(id);
    if (was == a.items.end()) {
      out.items.push_back({Drift::Change::Kind::added, id, nullptr});
    } else if (was->second != digest) {
      out.items.push_back({Drift::Change::Kind::changed, id, nullptr});
    }
  }
  for (const auto& [id, digest] : a.items) {
    if (b.items.count(id) == 0) {
      out.items.push_back({Drift::Change::Kind::removed, id, nullptr});
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
