#include <fmt/format.h>

#include "app.hpp"
#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "support/text.hpp"
#include "workspace/baseline.hpp"
#include "workspace/transaction.hpp"

namespace handoff::cli {

namespace {

class BaselineCommand final : public Command {
public:
  std::string_view name() const override { return "baseline"; }
  std::string_view summary() const override
  {
    return "Accept today's findings for now: `check` then fails only on new ones";
  }

  void setup(CLI::App& app) override
  {
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Checks every project, as `handoff check` does, and writes the findings to
.handoff/baseline.json (commit it). From then on `handoff check` leaves out the findings the
baseline holds, fails only on new ones, and names the ones fixed since. A finding is matched
by its project, file, rule, ids and message without its numbers: moving lines or the passing
of days keeps it matched; a new mistake, even of the same rule, is new. `status`, `advance`
and the reports ignore the baseline: it changes what `check` reports, not the records' gates.

Examples:
  handoff baseline                           accept today's findings, then commit the file
  handoff check                              fails only on findings added since
  handoff check --no-baseline                every finding, as without a baseline
  handoff baseline                           again, to drop the findings fixed since)");
  }

  int run(const Globals& globals) override
  {
    rules::CheckOptions options;
    options.today = resolve_today(m_today);
    const workspace::Workspace ws = open_workspace(globals);
    const workspace::Transaction lock(ws, "handoff baseline", workspace::CommitOptions{});  // the lock only
    const support::Parallelism parallelism{m_jobs, make_progress(globals, true, "checking projects")};
    const rules::CheckRun run = ws.check({}, options, parallelism);
    std::vector<core::Finding> findings = run.workspace_findings;
    int errors = 0;
    for (const auto& p : run.projects) {
      findings.insert(findings.end(), p.findings.begin(), p.findings.end());
    }
    for (const auto& f : findings) {
      errors += f.severity == core::Severity::error ? 1 : 0;
    }
    const std::string path = io::join(ws.root(), workspace::Baseline::path());
    if (auto error = io::write_atomic(path, workspace::Baseline::write(findings), std::nullopt, ws.root())) {
      throw UsageError(*error);
    }
    const auto count = static_cast<long long>(findings.size());
    if (!globals.quiet) {
      print(fmt::format("wrote {}: {} ({}, {}) in {}; `handoff check` now fails only on new findings; commit "
                        "the file\n",
                        workspace::Baseline::path(), support::plural(count, "finding"),
                        support::plural(errors, "error"), support::plural(count - errors, "warning"),
                        support::plural(static_cast<long long>(run.projects.size()), "project")));
    }
    return k_exit_ok;
  }

private:
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_baseline()
{
  return std::make_unique<BaselineCommand>();
}

}  // namespace handoff::cli
