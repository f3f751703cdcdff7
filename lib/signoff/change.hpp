#pragma once

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
  std::vector<std::string> affects;  // requirement / milestone ids (current, or signed in a baseline)
  std::string classification;        // empty, in_scope, value_added or out_of_scope
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
// unknown classification or affected id, or a file that cannot be appended to or written.
AppendedChange append_change(const std::string& root, const io::FileSystem& fs, const model::Project& project,
                             const ChangeRequest& request, const model::LoadOptions& options);

}  // namespace handoff::signoff
