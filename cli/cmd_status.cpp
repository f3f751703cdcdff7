#include "app.hpp"
#include "workspace/status.hpp"

namespace handoff::cli {

namespace {

class StatusCommand final : public Command {
public:
  std::string_view name() const override { return "status"; }
  std::string_view summary() const override
  {
    return "One line per project: stage, ready for, failing gates, next milestone";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_ids, "Projects to show (default: all)");
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(one_of({"text", "json"}))
        ->type_name("FORMAT");
    app.add_flag("--strict", m_strict, "Count warnings as failures when deciding what passes");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Columns: the stage the project claims, the highest stage whose gates all pass (READY FOR),
the gates up to the claimed stage that fail, the next milestone not done, open change
requests (proposed, assessed or approved) and the highest score of a live risk.
`status` never fails on findings: it exits 0 unless the arguments or workspace are wrong.

Examples:
  handoff status
  handoff status --format json | jq '.projects[] | select(.failing_gates != [])')");
  }

  int run(const Globals& globals) override
  {
    rules::CheckOptions options;
    options.today = resolve_today(m_today);
    options.strict = m_strict;
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, m_ids);
    const support::Parallelism parallelism{m_jobs, make_progress(globals, m_format == "text", "checking projects")};
    const auto rows = workspace::status_rows(ws, m_ids, options, parallelism);
    print(m_format == "json"
              ? output::status_json(rows, options.today)
              : output::status_text(rows, globals.use_color, globals.quiet, output_language(globals, &ws.config())));
    return k_exit_ok;
  }

private:
  std::vector<std::string> m_ids;
  std::string m_format = "text";
  bool m_strict = false;
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_status()
{
  return std::make_unique<StatusCommand>();
}

}  // namespace handoff::cli
