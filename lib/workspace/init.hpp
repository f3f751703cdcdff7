#pragma once

#include <string>

// `handoff init` and the editor schemas: a new workspace folder.
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

}  // namespace handoff::workspace
