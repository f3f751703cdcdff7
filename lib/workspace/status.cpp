#include "workspace/status.hpp"

namespace handoff::workspace {

std::vector<output::StatusRow> status_rows(const Workspace& ws, const std::vector<std::string>& ids,
                                           const rules::CheckOptions& options, const support::Parallelism& parallelism)
{
  const std::vector<std::string> which = ids.empty() ? ws.project_ids() : ids;
  std::vector<output::StatusRow> rows(which.size());
  ws.evaluate(which, options, parallelism, [&](std::size_t i, rules::CheckedProject&& checked) {
    rows[i] = output::summarize(checked.outcome, checked.project);
  });
  return rows;
}

}  // namespace handoff::workspace
