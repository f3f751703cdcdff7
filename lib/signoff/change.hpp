#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "support/date.hpp"

// `handoff change`: appends a proposed change request to a project's changes.yaml.
namespace handoff::signoff {

// The change request is refused; the message says why.
class ChangeError : public core::UserError {
public:
  using core::UserError::UserError;
};

struct ChangeRequest {
  std::string title;
  // requirement, milestone, contract item or commitment ids (current, or signed in a sign-off),
  // go_live, or a new requirement or milestone id (shaped like that kind's ids) the change adds
  std::vector<std::string> affects;
  std::string classification;  // empty, in_scope, value_added or out_of_scope
  std::string channel;         // empty, email, call, meeting, chat, ticket or other
  std::string priority;        // empty, must, should or could
  std::string requested_by;    // free text; empty: not written
  std::optional<double> effort_days;
  std::optional<double> schedule_days;
  std::optional<double> cost;
  support::Date date;
};

// An id in `affects` that no item has yet: the requirement or milestone the change adds.
struct NewItem {
  std::string id;
  std::string kind;  // "requirement" or "milestone"
  std::string file;  // where it is to be added: requirements.yaml or plan.yaml, relative to the workspace root
};

struct AppendedChange {
  std::string file;  // changes.yaml, relative to the workspace root
  std::string id;    // the id given to the change
  bool created = false;
  std::vector<NewItem> new_items;  // the ids of `affects` that are new, in their order
};

// Returns the next free change id: CR- and one more than the highest CR-number (CR-001 first).
std::string next_change_id(const model::Project& project);

// The shape of a new requirement's or milestone's id: the text before the number ("REQ-",
// "M") and, when the kind's ids are zero-padded to one width, that width (0: any).
struct IdShape {
  std::string prefix;
  std::size_t width = 0;

  // Returns true when `id` is the prefix followed by digits (of the width, when it has one).
  bool fits(const std::string& id) const;
  // Returns the id of number `n` in this shape: REQ-008, M8.
  std::string with_number(long long n) const;
};

// Returns the shapes of a kind's ids, one per prefix they use (in order of first use), or
// `fallback` when none has a number at its end.
std::vector<IdShape> id_shapes(const std::vector<std::string>& ids, const IdShape& fallback);

// Appends the change request with status `proposed` to the project's changes.yaml below
// `root`, atomically and as text (comments kept). An id in `affects` that no item has, now or
// in a sign-off, is taken as new when it has the shape of the project's requirement ids
// (REQ-NNN by default) or milestone ids (M and a number by default), and returned in
// `new_items`. Throws ChangeError for an empty title, an unknown classification, channel or
// priority, an affected id that is neither known nor so shaped (with "did you mean"), a
// negative effort or cost, or a file that cannot be appended to or written.
AppendedChange append_change(const std::string& root, const io::FileSystem& fs, const model::Project& project,
                             const ChangeRequest& request, const model::LoadOptions& options);

}  // namespace handoff::signoff
