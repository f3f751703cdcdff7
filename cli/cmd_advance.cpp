#include <fmt/format.h>

#include "app.hpp"
#include "output/format.hpp"
#include "report/labels.hpp"
#include "workspace/advance.hpp"

namespace handoff::cli {

namespace {

class AdvanceCommand final : public Command {
public:
  std::string_view name() const override { return "advance"; }
  std::string_view summary() const override { return "Move a project to the next stage when that stage's gates pass"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project to advance")->required();
    app.add_flag("--strict", m_strict, "Warnings block the move too");
    add_commit_options(app, m_git, "project.yaml (and nothing else)");
    app.add_flag("-n,--dry-run", m_dry_run, "Say whether the project could move and what blocks it; write nothing");
    add_today_option(app, m_today);
    app.footer(R"(
Checks every gate up to the next stage. When they pass, rewrites only the value of `stage:`
in project.yaml (comments and formatting stay as they are), prints the warnings of those
gates and exits 0. Otherwise prints what blocks the move and exits 1, changing nothing.
With --dry-run it only says whether the move would happen (`handoff check ID --next` shows
the same findings in the check's formats).
The gates read every record of the project as it is on disk, so --commit refuses records
with uncommitted changes (a commit of project.yaml alone would not hold what passed) unless
--include-changes commits them too; without --commit the command warns about them.

Examples:
  handoff advance acme-mes
  handoff advance acme-mes --dry-run
  handoff advance acme-mes --strict)");
  }

  int run(const Globals& globals) override
  {
    rules::CheckOptions options;
    options.today = resolve_today(m_today);
    options.strict = m_strict;
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    if (m_dry_run && m_git.commit) {
      throw UsageError("--dry-run writes nothing, so there is nothing to --commit; use one or the other");
    }
    require_inside(ws, m_id);
    require_not_link(ws, m_id, "project.yaml", "advance");
    // A dry run writes nothing, so it takes no lock. The gates read every record of the project
    // as it is on disk: a commit of project.yaml alone would not hold what they passed.
    std::optional<workspace::Transaction> transaction;
    const char* why = "advance checks its gates on those versions";
    std::vector<std::string> unsaved;
    if (!m_dry_run) {
      transaction.emplace(ws, "handoff advance " + m_id, m_git);
      unsaved = transaction->begin({io::join(io::join(ws.config().projects_dir, m_id), "project.yaml")},
                                   workspace::project_records(ws, m_id), why);
    }
    const workspace::Advance result = workspace::advance(ws, m_id, options, m_dry_run);
    const core::Language language = output_language(globals, &ws.config());
    const bool zh = language == core::Language::zh_cn;
    const auto from = [&] { return core::stage_label(*result.from, language); };
    const auto to = [&] { return core::stage_label(*result.to, language); };
    using Outcome = workspace::Advance::Outcome;
    const auto print_findings = [&](const std::vector<core::Finding>& findings) {
      rules::CheckRun run;
      run.today = options.today;
      run.strict = options.strict;
      rules::ProjectOutcome outcome;
      outcome.id = m_id;
      outcome.findings = findings;
      run.projects.push_back(std::move(outcome));
      print(output::text(run, output::TextStyle{globals.use_color, true, language}));
    };
    if (result.outcome == Outcome::moved || result.outcome == Outcome::ready) {
      print_findings(result.warnings);
    }
    switch (result.outcome) {
    case Outcome::ready:
      if (!globals.quiet) {
        print(zh ? fmt::format("{}：可以从{}进入{}（试运行：未写入任何文件；`handoff advance {}` 推进阶段）\n", m_id,
                               from(), to(), m_id)
                 : fmt::format("{}: ready to move from {} to {} (dry run: nothing written; `handoff advance {}` moves "
                               "it)\n",
                               m_id, from(), to(), m_id));
      }
      return k_exit_ok;
    case Outcome::moved: {
      // With --commit the move is reported once it is committed: a failed commit puts the file
      // back, and the output must not say the stage moved.
      const std::string id =
          m_git.commit
              ? transaction->commit(fmt::format("handoff({}): advance to {}", m_id, core::to_string(*result.to)))
              : std::string();
      print_error(workspace::uncommitted_warning(unsaved, why));
      if (!globals.quiet) {
        print(zh ? fmt::format("{}：{} -> {}（已更新 {}）\n", m_id, from(), to(), result.file)
                 : fmt::format("{}: {} -> {} ({} updated)\n", m_id, from(), to(), result.file));
        if (m_git.commit) {
          const std::string files = workspace::committed_files(result.file, transaction->included());
          print(zh ? fmt::format("{}：已提交 {}，提交 {}\n", m_id, files, id)
                   : fmt::format("{}: committed {} as {}\n", m_id, files, id));
        }
      }
      return k_exit_ok;
    }
    case Outcome::last_stage:
      print_error(zh ? fmt::format("{}：已关闭，这是最后一个阶段，无需推进\n", m_id)
                     : fmt::format("{}: already closed, the last stage; nothing to advance\n", m_id));
      return k_exit_findings;
    case Outcome::inactive:
      if (zh) {
        print_error(fmt::format("{}：无法推进：项目已终止（{} 中的 {}）；已结束的项目不再推进：新的商机请新建项目"
                                "（写上 follows: {}），或在商机恢复时删除 outcome:\n",
                                m_id, result.file,
                                result.ended.empty()
                                    ? std::string("outcome:")
                                    : "outcome " + report::code_label("status", result.ended, language),
                                m_id));
        return k_exit_findings;
      }
      print_error(fmt::format("{}: cannot advance: the project is inactive ({} in {}); a project that "
                              "ended does not move on: start a new project for a new deal (with follows: {}), "
                              "or remove outcome: if the deal is alive again\n",
                              m_id, result.ended.empty() ? std::string("outcome:") : "outcome " + result.ended,
                              result.file, m_id));
      return k_exit_findings;
    case Outcome::no_stage:
    case Outcome::blocked:
      break;
    }
    std::vector<core::Finding> shown = result.blockers;
    shown.insert(shown.end(), result.warnings.begin(), result.warnings.end());
    print_findings(shown);
    if (result.outcome == Outcome::no_stage) {
      print_error(zh ? fmt::format("{}：无法推进：{} 没有有效的 `stage:`\n", m_id, result.file)
                     : fmt::format("{}: cannot advance: {} has no valid `stage:`\n", m_id, result.file));
    } else {
      print_error(
          zh ? fmt::format("{}：无法从{}推进到{}：有 {} 项阻断问题\n", m_id, from(), to(), result.blockers.size())
             : fmt::format("{}: cannot advance from {} to {}: {} blocking\n", m_id, from(), to(),
                           result.blockers.size() == 1 ? std::string("1 finding")
                                                       : fmt::format("{} findings", result.blockers.size())));
    }
    return k_exit_findings;
  }

private:
  std::string m_id;
  bool m_strict = false;
  std::string m_today;
  workspace::CommitOptions m_git;
  bool m_dry_run = false;
};

}  // namespace

std::unique_ptr<Command> make_advance()
{
  return std::make_unique<AdvanceCommand>();
}

}  // namespace handoff::cli
