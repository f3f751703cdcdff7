#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"

// What a sign-off binds to (the digests of the signed records and of each requirement and
// milestone), the baseline, and the difference between signed and current content.
namespace handoff::signoff {

// The records a sign-off binds to, in the order they are written.
inline constexpr model::Record k_signed_records[] = {model::Record::requirements, model::Record::feasibility,
                                                     model::Record::plan};

// A requirement or a milestone as it is now.
struct Item {
  std::string id;
  std::string kind;   // "requirement" or "milestone"
  std::string title;  // the requirement's title or the milestone's name; may be empty
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

// Returns the digests of the project's signed records and items, from the parsed documents
// the loader keeps (an absent record counts as an empty one).
Content content_of(const model::Project& project);

// The latest sales and implementation sign-offs that signed the same content.
struct Baseline {
  const model::Signoff* sales = nullptr;
  const model::Signoff* implementation = nullptr;
  // Returns whichever of the two was signed last (the later one in the file).
  const model::Signoff& latest() const;
};

// Returns true when two sign-offs bind to the same records and items.
bool same_content(const model::Signoff& a, const model::Signoff& b);

// Returns the project's baseline: of the pairs of a sales and an implementation sign-off with
// the same content, the one whose later entry is last in signoffs.yaml. Nullopt if none.
std::optional<Baseline> find_baseline(const model::Project& project);

// Returns the digest of the canonical form of a sign-off entry as written in signoffs.yaml
// (how git history recognises it), or "" when the entry is not in the parsed file.
std::string entry_digest(const model::Project& project, const model::Signoff& entry);

// Returns the latest sign-off for `role`, or nullptr.
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

// Returns the difference between `signed_` and `now`.
Drift drift(const model::Signoff& signed_, const Content& now);

// Returns "added", "changed" or "removed".
const char* to_string(Drift::Change::Kind kind);

}  // namespace handoff::signoff
