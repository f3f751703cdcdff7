#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"
#include "model/records.hpp"
#include "support/date.hpp"
#include "workspace/workspace.hpp"
#include "yaml/edit.hpp"

// The editors' common ground (DESIGN §10.2): in-place text edits of one project's records,
// checked by the same rules `check` runs before anything is written.
namespace handoff::edit {

// An edit the rules would flag at once, or that a closed or inactive project cannot take: the
// message names the rule and what to do; nothing was written (exit 1).
class Refused : public core::UserError {
public:
  using core::UserError::UserError;
};

// The command names something that is not there (an unknown requirement, change, milestone):
// a usage error (exit 2), with a suggestion when one is close.
class NotFound : public core::UserError {
public:
  using core::UserError::UserError;
};

// The rules whose new findings refuse an edit: the schema gate's (a wrong value, type, date or
// unknown id: HF001-HF012), a signer, approver or kickoff without the role or on both sides
// (HF413, HF415, HF417, HF510), dates out of order or in the future (HF504, HF511) and scope
// drift without an approved change (HF501). Only findings at error severity, after handoff.yaml's
// overrides, refuse.
bool refuses(const std::string& rule);

class ProjectEdit {
public:
  // Loads project `id` of `ws`. Throws Refused when it is closed or inactive.
  ProjectEdit(const workspace::Workspace& ws, const std::string& id, support::Date today);

  const model::Project& project() const { return m_project; }
  support::Date today() const { return m_today; }

  // Returns the edit of `record`, reading it (an absent file starts empty) the first time.
  // Throws core::UserError when the file cannot be read or is not valid YAML.
  yaml::TextEdit& file(model::Record record);

  // Throws NotFound for `id` (of `what`: "requirement") not among `ids`, the ids of `record`;
  // first reads `record` (file()), so that a file that cannot be read says so instead of
  // "has no requirement".
  void require_id(model::Record record, const std::vector<std::string>& ids, const std::string& id,
                  const std::string& what);

  // Checks the edits: evaluates the project with the edited files in place of those on disk,
  // through every gate, and throws Refused listing the findings of refusing rules (see
  // refuses(), and `also` at any severity but off: `activity confirm` refuses HF105, a warning)
  // that the edits add, located in the edited text. Returns the other findings the edits add in
  // the gates up to the project's next stage (what `check --next` shows), for the command to
  // mention.
  std::vector<core::Finding> check(const std::vector<std::string>& also = {}) const;

  // The files edited, relative to the workspace root, in record order.
  std::vector<std::string> files() const;

  // Writes every edited file atomically (each fails when it changed since it was read).
  // Throws core::UserError naming the file.
  void write() const;

private:
  struct Edited {
    std::string path;
    std::string before;
    bool existed = false;
    std::unique_ptr<yaml::TextEdit> edit;
  };
  const workspace::Workspace& m_ws;
  model::Project m_project;
  support::Date m_today;
  std::map<model::Record, Edited> m_files;
};

// Returns the next id of the form `prefix` and a number, one more than the highest of `ids`
// with that prefix, written with as many digits as that one (at least `width`): REQ-012 after
// REQ-011, R-4 after R-3.
std::string next_id(const std::vector<std::string>& ids, const std::string& prefix, std::size_t width);

// Throws NotFound for `id` (of `what`: "requirement") not among `ids`, naming the closest.
void require_id(const std::vector<std::string>& ids, const std::string& id, const std::string& what,
                const std::string& file);

// Formats findings as `check` prints them (file:line:col: severity[rule]: message), one a line.
std::string describe(const std::vector<core::Finding>& findings);

}  // namespace handoff::edit
