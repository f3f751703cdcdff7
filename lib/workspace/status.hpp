#pragma once

#include <string>
#include <vector>

#include "output/status.hpp"
#include "workspace/workspace.hpp"

namespace handoff::workspace {

// Checks the projects `ids` (all when empty) and summarizes each for `handoff status`.
std::vector<output::StatusRow> status_rows(const Workspace& ws, const std::vector<std::string>& ids,
                                           const rules::CheckOptions& options);

}  // namespace handoff::workspace
