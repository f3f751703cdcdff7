#pragma once

#include <string>
#include <vector>

#include "workspace/workspace.hpp"

namespace handoff::workspace {

// The projects a set of changed files touches.
struct ChangedProjects {
  bool all = false;              // the configuration (handoff.yaml) changed: every project is affected
  std::vector<std::string> ids;  // the existing projects with a changed file, sorted
};

// Returns the projects of `ws` touched by `paths` (relative to the workspace root): a file
// under `<projects>/<id>/` touches project `id` when it still exists; handoff.yaml touches all.
ChangedProjects changed_projects(const Workspace& ws, const std::vector<std::string>& paths);

}  // namespace handoff::workspace
