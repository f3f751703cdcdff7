#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "app.hpp"
#include "git/changed.hpp"
#include "git/repo.hpp"
#include "output/format.hpp"
#include "support/text.hpp"
#include "workspace/baseline.hpp"
#include "workspace/changed.hpp"

namespace handoff::cli {

namespace {

class CheckCommand final : public Command {
public:
  std::string_view name() const override { return "check"; }
  std::string_view summary() const override { return "Check the records and the lifecycle gates of the projects"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_ids, "Projects to check (default: all)");
    app.add_option("--changed-since", m_changed_since,
                   "Check only the projects with a file changed between git revision REV and the work tree "
                   "(all when handoff.yaml changed): for pull requests")
        ->check(non_empty("revision", "give a branch, tag or commit such as origin/main, or leave --changed-since "
                                      "out to check every project"))
        ->type_name("REV");
    app.add_option("--gate", m_gate,
                   "Check only this gate, whatever the stage: schema, qualify, clarify, feasibility, "
                   "handoff, control, accept, close")
        ->type_name("GATE");
    app.add_option("--format", m_format,
                   "Output format: text, json, github (Actions annotations), junit (JUnit XML) or sarif "
                   "(SARIF 2.1.0 for code scanning)")
        ->check(one_of({"text", "json", "github", "junit", "sarif"}))
        ->type_name("FORMAT");
    app.add_flag("--next", m_next,
                 "Check each project against the gates of the stage after the one it claims: what `handoff "
                 "advance` needs")
        ->excludes("--gate");
    app.add_flag("--strict", m_strict, "Warnings fail the check too (exit 1)");
    app.add_flag("--no-baseline", m_no_baseline,
                 "Report every finding, also those .handoff/baseline.json holds (see `handoff baseline`)");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Each project is checked against every gate up to the stage it claims. Findings print like a
compiler's diagnostics, then a summary:
  projects/acme-mes/plan.yaml:14:5: error[HF401]: must requirement REQ-003 "Yield report" is covered by no milestone

Examples:
  handoff check                              every project
  handoff check acme-mes globex-crm          two projects
  handoff check --gate clarify --strict      one gate, warnings fail too
  handoff check acme-mes --next              what the next stage needs (writes nothing)
  handoff check --format json > findings.json
  handoff check --format github              annotations on a GitHub pull request
  handoff check --format junit > junit.xml   test report for GitLab, Jenkins, ...
  handoff check --no-baseline                also the findings .handoff/baseline.json holds
  handoff check --format sarif > h.sarif     for GitHub code scanning
  HANDOFF_TODAY=2026-11-20 handoff check     reproducible date-driven rules
  handoff check -j 1                         one project at a time (same output as -j 8)
  handoff check --changed-since origin/main  only what a pull request changed (needs that commit:
                                             fetch-depth: 0 in a shallow CI checkout)

On a terminal, a run that takes over a second shows its progress on stderr.)");
  }

  int run(const Globals& globals) override
  {
    try {
      return run_check(globals);
    } catch (const core::UserError& e) {
      // A machine format still gets a document, holding the error (the caller's upload step
      // then shows it instead of failing on an empty file); stderr and the exit code are as
      // for every usage error.
      const std::string message = e.what();
      if (m_format == "json") {
        print(output::json_error(message));
      } else if (m_format == "github") {
        print(output::github_error(message));
      } else if (m_format == "junit") {
        print(output::junit_error(message));
      } else if (m_format == "sarif") {
        print(output::sarif_error(message));
      }
      throw;
    }
  }

private:
  int run_check(const Globals& globals)
  {
    rules::CheckOptions options;
    options.today = resolve_today(m_today);
    options.strict = m_strict;
    options.next = m_next;
    if (!m_gate.empty()) {
      options.gate = core::parse_gate(m_gate);
      if (!options.gate) {
        std::vector<std::string> names(core::gate_names().begin(), core::gate_names().end());
        std::string message = fmt::format("--gate \"{}\" is not a gate", m_gate);
        if (const auto guess = support::did_you_mean(m_gate, names)) {
          message += fmt::format("; did you mean \"{}\"?", *guess);
        } else {
          message += "; gates: " + support::join_words(names, ", ");
        }
        throw UsageError(message);
      }
    }
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, m_ids);
    if (!m_no_baseline && !m_next) {  // --next says what `advance` needs: every finding counts
      m_baseline = workspace::Baseline::read(ws.fs());
    }
    std::vector<std::string> notes;
    bool nothing = false;  // --changed-since found no changed project: check none
    if (!m_changed_since.empty()) {
      if (!m_ids.empty()) {
        throw UsageError("--changed-since chooses the projects itself: give either project ids or --changed-since");
      }
      const auto changed = workspace::changed_projects(ws, git::changed_since(ws.root(), m_changed_since));
      const std::size_t total = ws.project_ids().size();
      if (changed.all) {
        notes.push_back(fmt::format("--changed-since {}: {} changed, so every project is checked", m_changed_since,
                                    ws.config().file));
      } else {
        notes.push_back(fmt::format("--changed-since {}: {} of {} changed and checked", m_changed_since,
                                    support::plural(static_cast<long long>(changed.ids.size()), "project"), total));
        nothing = changed.ids.empty();
        m_ids = changed.ids;
      }
    }
    const support::Parallelism parallelism{m_jobs, make_progress(globals, m_format == "text", "checking projects")};
    if (m_format == "text") {
      return run_text(globals, ws, options, parallelism, notes, nothing);
    }
    const core::Language language = output_language(globals, &ws.config());
    rules::CheckRun run;
    if (nothing) {
      run.today = options.today;
      run.strict = options.strict;
      run.workspace_findings = ws.workspace_findings();
    } else {
      run = ws.check(m_ids, options, parallelism);
    }
    run.notes.insert(run.notes.begin(), notes.begin(), notes.end());
    run.language = language;
    if (m_baseline) {
      std::set<std::string> checked{""};
      filter(run.workspace_findings);
      for (auto& p : run.projects) {
        filter(p.findings);
        checked.insert(p.id);
      }
      add_baseline_notes(checked, options, run.notes);
    }
    // Code scanning, annotations and test reports place a finding by its path from the
    // repository's top: a workspace in a subfolder (`-C records`) adds that folder.
    if (const std::string prefix = git::workspace_prefix(ws.root()); !prefix.empty()) {
      for (auto& f : run.workspace_findings) {
        f.file = prefix + f.file;
      }
      for (auto& p : run.projects) {
        for (auto& f : p.findings) {
          f.file = prefix + f.file;
        }
        for (auto& f : p.readiness.blockers) {
          f.file = prefix + f.file;
        }
      }
    }
    if (m_format == "json") {
      print(output::json(run));
    } else if (m_format == "github") {
      print(output::github(run, globals.quiet));
    } else if (m_format == "junit") {
      print(output::junit(run));
    } else if (m_format == "sarif") {
      print(output::sarif(run));
    }
    const bool not_ready = m_next
                           && std::any_of(run.projects.begin(), run.projects.end(),
                                          [](const rules::ProjectOutcome& p) { return !p.readiness.ready(); });
    return output::failed(run) || not_ready ? k_exit_findings : k_exit_ok;
  }

  // The text format is printed project by project as they are checked, in the same order and
  // with the same bytes as the whole document would have, so memory stays flat however many
  // projects there are. A progress line on the same terminal is cleared before each print and
  // drawn again on its next tick.
  int run_text(const Globals& globals, const workspace::Workspace& ws, const rules::CheckOptions& options,
               const support::Parallelism& parallelism, const std::vector<std::string>& notes, bool nothing)
  {
    output::TextWriter writer(
        output::TextStyle{globals.use_color, globals.quiet, output_language(globals, &ws.config())}, options.strict);
    std::vector<core::Finding> workspace_findings = ws.workspace_findings();
    filter(workspace_findings);
    print(writer.workspace(workspace_findings));
    std::set<std::string> checked{""};
    if (nothing) {
      print(writer.end(notes));
      return writer.failed() ? k_exit_findings : k_exit_ok;
    }
    const bool clear_progress = parallelism.progress && ::isatty(STDOUT_FILENO) != 0;
    bool not_ready = false;  // --next: a project that cannot move fails the run, as `advance` would
    rules::CheckRun run = ws.check_each(m_ids, options, parallelism, [&](rules::ProjectOutcome&& outcome) {
      filter(outcome.findings);
      checked.insert(outcome.id);
      std::string lines = writer.project(outcome);
      not_ready = not_ready || !outcome.readiness.ready();
      if (m_next && !globals.quiet) {
        lines += next_stage_line(outcome);
      }
      if (lines.empty()) {
        return;
      }
      if (clear_progress) {
        std::fputs("\r\033[K", stderr);
      }
      print(lines);
      if (clear_progress) {
        std::fflush(stdout);
      }
    });
    run.notes.insert(run.notes.begin(), notes.begin(), notes.end());
    add_baseline_notes(checked, options, run.notes);
    print(writer.end(run.notes));
    return writer.failed() || (m_next && not_ready) ? k_exit_findings : k_exit_ok;
  }

  // Leaves out the findings the baseline holds (nothing without a baseline).
  void filter(std::vector<core::Finding>& findings)
  {
    if (m_baseline) {
      m_suppressed += m_baseline->filter(findings);
    }
  }

  // Says how many findings the baseline left out and which of its findings are fixed (of the
  // projects checked; not with --gate, which checks only part of each project).
  void add_baseline_notes(const std::set<std::string>& checked, const rules::CheckOptions& options,
                          std::vector<std::string>& notes) const
  {
    if (!m_baseline) {
      return;
    }
    if (m_suppressed > 0) {
      notes.push_back(fmt::format("{} of {} not shown: they were there when the baseline was written; "
                                  "`--no-baseline` shows them",
                                  support::plural(static_cast<long long>(m_suppressed), "finding"),
                                  workspace::Baseline::path()));
    }
    if (options.gate) {
      return;
    }
    const auto fixed = m_baseline->fixed(checked);
    for (const auto& entry : fixed) {
      notes.push_back(fmt::format("fixed since the baseline: {}: {}: {}", entry.file, entry.rule, entry.message));
    }
    if (!fixed.empty()) {
      notes.push_back(
          fmt::format("`handoff baseline` drops the {} from {}",
                      fixed.size() == 1 ? std::string("fixed finding") : fmt::format("{} fixed findings", fixed.size()),
                      workspace::Baseline::path()));
    }
  }

  // Returns the line that says whether the project can move to its next stage: the evaluation's
  // one readiness verdict, which `advance` and `status` read too.
  static std::string next_stage_line(const rules::ProjectOutcome& outcome)
  {
    const rules::Readiness& r = outcome.readiness;
    switch (r.state) {
    case rules::Readiness::State::no_stage:
      return fmt::format("{}: not ready: project.yaml has no valid `stage:` to move from\n", outcome.id);
    case rules::Readiness::State::closed:
      return fmt::format("{}: not ready for anything: closed is the last stage; nothing comes next\n", outcome.id);
    case rules::Readiness::State::inactive:
      return fmt::format("{}: not ready for anything: the project is inactive ({}); a project that ended does not "
                         "move on\n",
                         outcome.id, r.ended.empty() ? std::string("outcome: without a status") : "outcome " + r.ended);
    case rules::Readiness::State::ready:
      return fmt::format("{}: ready to move from {} to {}: `handoff advance {}`\n", outcome.id,
                         core::to_string(*outcome.stage), core::to_string(*r.next), outcome.id);
    case rules::Readiness::State::blocked:
      break;
    }
    return fmt::format("{}: not ready to move from {} to {}: {} must be fixed first\n", outcome.id,
                       core::to_string(*outcome.stage), core::to_string(*r.next),
                       r.blockers.size() == 1 ? std::string("the finding above")
                                              : fmt::format("the {} findings above", r.blockers.size()));
  }

  std::vector<std::string> m_ids;
  std::string m_changed_since;
  std::string m_gate;
  bool m_next = false;
  std::string m_format = "text";
  bool m_strict = false;
  bool m_no_baseline = false;
  std::optional<workspace::Baseline> m_baseline;
  std::size_t m_suppressed = 0;
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_check()
{
  return std::make_unique<CheckCommand>();
}

}  // namespace handoff::cli
