#include "workspace/status.hpp"

namespace handoff::workspace {

std::vector<output::StatusRow> status_rows(const Workspace& ws, const std::vector<std::string>& ids,
                                           const rules::CheckOptions& options)
{
  std::vector<output::StatusRow> rows;
  for (const auto& id : ids.empty() ? ws.project_ids() : ids) {
    model::ProjectResult loaded = ws.load(id);
    const model::Project project = loaded.project;  // check_project consumes the result
    rows.push_back(output::summarize(rules::check_project(ws.config(), std::move(loaded), options), project));
  }
  return rows;
}

}  // namespace handoff::workspace
