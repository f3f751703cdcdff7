#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"

// What a sign-off binds to (the digests of the signed records, of the agreement in
// project.yaml and of each requirement, milestone, contract item and commitment), which entries
// count, the baseline, and the difference between signed and current content.
namespace handoff::signoff {

// The records a sign-off binds to, in the order they are written. For `project` only the
// agreement counts (agreement_node()).
inline constexpr model::Record k_signed_records[] = {model::Record::project, model::Record::requirements,
                                                     model::Record::feasibility, model::Record::plan};

// The item key of a contract field in a sign-off's `items:` ("contract.go_live"), and the name a
// change request's `affects:` uses for the promised go-live date.
inline constexpr const char* k_go_live_item = "contract.go_live";
inline constexpr const char* k_go_live_affects = "go_live";

// A requirement, milestone, contract item, commitment or contract field as it is now.
struct Item {
  std::string id;     // contract fields: "contract.go_live", "contract.value", ...
  std::string kind;   // "requirement", "milestone", "contract item", "commitment" or "contract field"
  std::string title;  // the title, name or commitment text; for a contract field its value; may be empty
  model::Record record = model::Record::requirements;
  core::Pos pos;       // of the item
  std::string digest;  // over its scope fields only
};

// The current content of a project, as digests.
struct Content {
  std::map<std::string, std::string> records;  // record name -> digest; broken records left out
  std::vector<model::Record> broken;           // signed records that cannot be read
  std::vector<Item> items;                     // in file order; the first of a duplicated id only

  const Item* item(const std::string& id) const;
};

// The scope fields of an item's digest (docs/signoffs.md): progress fields are left out.
const std::vector<std::string>& requirement_scope_fields();
const std::vector<std::string>& milestone_scope_fields();
// A payment's terms, signed with the agreement: id, title, percent, amount, due.
const std::vector<std::string>& payment_scope_fields();
// The contract fields of project.yaml under signature (each is an item "contract.<field>").
const std::vector<std::string>& contract_fields();

// Returns the agreement of a parsed project.yaml as a mapping: contract (signed, start, go_live,
// value, currency, items with id, title and price, payments with id, title, percent, amount and due
// when the schedule is not empty) and commitments (id, text, refs). Closure,
// stage, team, customer and tags stay outside.
yaml::Node agreement_node(const yaml::Node* project_root);

// Returns the digests of the project's signed records and items, from the parsed documents
// the loader keeps (an absent record counts as an empty one).
Content content_of(const model::Project& project);

// Returns the name a change request's `affects:` uses for an item id: "go_live" for
// "contract.go_live", the id itself otherwise.
std::string affects_name(const std::string& item_id);

// Returns true when `a` was signed before `b`: entries without `at:` (written before it
// existed) come first, in file order; entries with `at:` follow in the order of their
// timestamps, ties in file order.
bool signed_before(const model::Signoff& a, const model::Signoff& b);

// A sales and an implementation sign-off that signed the same content.
struct Baseline {
  const model::Signoff* sales = nullptr;
  const model::Signoff* implementation = nullptr;
  // Returns whichever of the two was signed last.
  const model::Signoff& latest() const;
};

// Returns true when two sign-offs bind to the same records and items.
bool same_content(const model::Signoff& a, const model::Signoff& b);

// The state of a project's sign-offs: each side's latest entry (a later entry of a role
// supersedes the earlier ones) and the baseline.
struct Signatures {
  const model::Signoff* sales = nullptr;           // the latest sales entry
  const model::Signoff* implementation = nullptr;  // the latest implementation entry
  // What the latest entries of both sides agree on; when they disagree, the most recent
  // earlier moment both sides' latest entries agreed on. Nullopt if they never agreed.
  std::optional<Baseline> baseline;

  // Returns true when both sides signed and their latest entries bind to different content.
  bool disagree() const;
};

// Returns the state of the project's sign-offs, replaying the entries in signing order.
Signatures signatures(const model::Project& project);

// Returns the project's baseline (signatures(project).baseline).
std::optional<Baseline> find_baseline(const model::Project& project);

// Returns the sign-off entries that count, in file order: the latest entry of each role and
// the two entries of the baseline. Superseded entries are history: HF413, HF414 and HF418
// judge only these.
std::vector<const model::Signoff*> counting_entries(const model::Project& project);

// Returns the digest of the canonical form of a sign-off entry as written in signoffs.yaml
// (how git history recognises it), or "" when the entry is not in the parsed file.
std::string entry_digest(const model::Project& project, const model::Signoff& entry);

// Returns the latest sign-off for `role` (in signing order), or nullptr.
const model::Signoff* latest_signoff(const model::Project& project, const std::string& role);

// How current content differs from what a sign-off bound to.
struct Drift {
  struct Change {
    enum class Kind { added, changed, removed };
    Kind kind = Kind::changed;
    std::string id;
    const Item* item = nullptr;  // the current item; nullptr when removed
  };
  std::vector<model::Record> records;  // signed records whose digest differs (broken ones left out)
  std::vector<Change> items;           // current items in file order, then removed ids sorted

  bool empty() const { return records.empty() && items.empty(); }
};

// Returns the difference between `signed_` and `now`. An entry written before the agreement in
// project.yaml was signed (no `records: project`) is not compared on the agreement.
Drift drift(const model::Signoff& signed_, const Content& now);

// Returns the difference between what two sign-offs bind to, as a Drift of `b` against `a`
// (items carry no current item; records named when their digests differ).
Drift drift_between(const model::Signoff& a, const model::Signoff& b);

// Returns "added", "changed" or "removed".
const char* to_string(Drift::Change::Kind kind);

}  // namespace handoff::signoff
