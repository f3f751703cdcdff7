#pragma once

#include <string>
#include <vector>

#include "output/status.hpp"
#include "workspace/workspace.hpp"

namespace handoff::workspace {

// Checks the projects `ids` (all when empty) on `parallelism.jobs` threads and summarizes each
// for `handoff status`, in the order of `ids`. Keeps only the rows, not the loaded projects.
std::vector<output::StatusRow> status_rows(const Workspace& ws, const std::vector<std::string>& ids,
                                           const rules::CheckOptions& options,
                                           const support::Parallelism& parallelism = {});

}  // namespace handoff::workspace
