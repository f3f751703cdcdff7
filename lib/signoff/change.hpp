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
  // or go_live
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

struct AppendedChange {
  std::string file;  // changes.yaml, relative to the workspace root
  std::string id;    // the id given to the change
  bool created = false;
};

// Returns the next free change id: CR- and one more than the highest CR-number (CR-001 first).
std::string next_change_id(const model::Project& project);

// Appends the change request with status `proposed` to the project's changes.yaml below
// `root`, atomically and as text (comments kept). Throws ChangeError for an empty title, an
// unknown classification, channel, priority or affected id, a negative effort or cost, or a
// file that cannot be appended to or written.
AppendedChange append_change(const std::string& root, const io::FileSystem& fs, const model::Project& project,
                             const ChangeRequest& request, const model::LoadOptions& options);

}  // namespace handoff::signoff
