#pragma once

#include <string>
#include <vector>

#include "scaffold/scaffold.hpp"

// `handoff init` and `handoff new`: a new workspace folder, a new project folder, and the
// editor schemas.
namespace handoff::workspace {

// Writes the editor schemas to <root>/.handoff/schema unless that folder exists. Returns true
// when it wrote them. Throws core::UserError when the folder cannot be created.
bool ensure_schemas(const std::string& root);

// What init_workspace did.
struct Init {
  std::string config;      // the handoff.yaml written
  std::string projects;    // the projects/ folder created
  std::string schema_dir;  // where the editor schemas went; empty when they were there already
  bool git_initialised = false;
  std::string git_warning;  // why `git init` failed, if it did (the workspace works without git)
};

// Starts a workspace in `dir` (created when missing): a commented handoff.yaml, projects/,
// the editor schemas, and a git repository unless `dir` is inside a git work tree already.
// Never overwrites: throws core::UserError when `dir` is a file or holds a handoff.yaml.
Init init_workspace(const std::string& dir);

class Workspace;
class Transaction;

// What create_project did.
struct NewProject {
  std::string dir;                    // the project folder, relative to the workspace root
  std::vector<std::string> records;   // the files written, relative to the workspace root
  bool wrote_schemas = false;         // the editor schemas were missing and are written now
  std::string schema_warning;         // why they could not be written (the project exists anyway)
  std::string commit;                 // with --commit: the short id of the commit
  std::vector<std::string> included;  // with --include-changes: uncommitted files committed too
};

// Creates the project folder of `fields.id` from the scaffolds, all at once or not at all,
// in `transaction` (which holds the workspace lock). The command reads handoff.yaml (its people
// and settings), so with --commit an uncommitted handoff.yaml is refused unless
// --include-changes commits it too. With --commit, commits the new records and removes the
// folder again when the commit fails, so the project and its commit go together. Then writes
// the editor schemas when they are missing. The caller has validated the id and the people.
// Never overwrites: throws core::UserError when the project exists, when a commit cannot be
// made (core::ToolError when libgit2 fails), or when a write fails.
NewProject create_project(const Workspace& ws, const scaffold::ProjectFields& fields, Transaction& transaction);

}  // namespace handoff::workspace
