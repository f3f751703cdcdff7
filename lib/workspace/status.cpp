#include "workspace/status.hpp"

namespace handoff::workspace {

std::vector<output::StatusRow> status_rows(const Workspace& ws, const std::vector<std::string>& ids,
                                           const rules::CheckOptions& options, const support::Parallelism& parallelism)
{
  const std::vector<std::string> which = ids.empty() ? ws.project_ids() : ids;
  std::vector<output::StatusRow> rows(which.size());
  const auto reference = ws.reference(support::resolve_jobs(parallelism.jobs));
  rules::CheckOptions with_reference = options;
  if (with_reference.reference == nullptr) {
    with_reference.reference = reference.get();
  }
  support::for_each_index(which.size(), parallelism, [&](std::size_t i) {
    model::ProjectResult loaded = ws.load(which[i]);
    const model::Project project = loaded.project;  // check_project consumes the result
    rows[i] = output::summarize(rules::check_project(ws.config(), std::move(loaded), with_reference), project);
  });
  return rows;
}

}  // namespace handoff::workspace
