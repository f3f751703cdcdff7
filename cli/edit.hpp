#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"
#include "edit/project_edit.hpp"

// What the record editors (req, activity, change approve, milestone, risk, kickoff, reported,
// accept, close, support) share: their options and one way to run an edit.
namespace handoff::cli {

struct EditOptions {
  std::string today;
  workspace::CommitOptions git;
};

// Adds --commit, --include-changes and --today.
void add_edit_options(CLI::App& app, EditOptions& options);

// A free text given inline (--summary TEXT) or from a file (--summary-file F), so that
// multi-line text keeps its paragraphs.
struct FreeText {
  std::string text;
  std::string file;
  // Returns the text, read from the file when one was given (trailing blank lines dropped, CRLF
  // read as LF); nullopt when neither was given. Throws UsageError for an unreadable file or a
  // file that is not UTF-8.
  std::optional<std::string> value() const;
};

// Adds --NAME TEXT and --NAME-file FILE (excluding each other) for `text`.
void add_free_text(CLI::App& app, FreeText& text, const std::string& name, const std::string& what);

// What an edit did, for the output and the commit.
struct EditDone {
  std::string summary;                   // "REQ-012 added", printed after "<project>: "
  std::string commit;                    // the commit message's subject after "handoff(<project>): "
  std::string person;                    // the person acting (--as), whose identity --commit must carry; may be empty
  std::vector<std::string> refuse = {};  // rules refusing the edit at any severity (ProjectEdit::check)
};

// Runs one edit of project `id`: opens the workspace, takes the lock, loads the project (a closed
// or inactive one is refused), lets `build` make the edits, checks them with the rules (an edit
// they would flag at once is refused, exit 1, nothing written), writes the files, and commits
// them with --commit. Prints what was done and the findings the edit adds. Returns the exit code.
int run_edit(const Globals& globals, const std::string& command, const std::string& id, const EditOptions& options,
             const std::function<EditDone(edit::ProjectEdit&)>& build);

// Returns the ids of `items` (requirements, milestones, risks, ...) that have one, in file order.
template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items)
{
  std::vector<std::string> ids;
  for (const auto& item : items) {
    if (item.id.has()) {
      ids.push_back(*item.id);
    }
  }
  return ids;
}

// Returns a number as a record holds it: 6, 12.5 (no trailing zeros).
std::string number_text(double value);

// Returns the comma-separated items of `values` (each option value may hold several), without
// the blanks around them.
std::vector<std::string> split_list(const std::vector<std::string>& values);

}  // namespace handoff::cli
