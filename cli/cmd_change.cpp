#include <fmt/format.h>

#include "app.hpp"
#include "git/commit.hpp"
#include "signoff/change.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

class ChangeCommand final : public Command {
public:
  std::string_view name() const override { return "change"; }
  std::string_view summary() const override { return "Record a change request (appends to changes.yaml)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--title", m_title, "What changes, in a few words")->required()->type_name("TEXT");
    app.add_option("--affects", m_affects, "Requirement or milestone ids the change adds, alters or removes")
        ->type_name("ID")
        ->delimiter(',');
    app.add_option("--classification", m_classification, "in_scope, value_added (free) or out_of_scope (billable)")
        ->type_name("CLASS");
    app.add_flag("--commit", m_commit, "Commit changes.yaml (and nothing else) with your git identity");
    add_today_option(app, m_today);
    app.footer(R"(
Appends a change request with the next free id (CR-001, CR-002, ...), today's date and
status: proposed to projects/ID/changes.yaml, keeping the file's comments. Assess it, get the
approvals and set its status in the file; once approved, HF501 accepts the scope drift of the
ids it affects.

Examples:
  handoff change acme-mes --title "Shift report" --affects REQ-009
  handoff change acme-mes --title "Move blueprint sign-off" --affects M1,M2 --classification in_scope)");
  }

  int run(const Globals& globals) override
  {
    signoff::ChangeRequest request;
    request.title = m_title;
    // "REQ-001, M3" splits into "REQ-001" and " M3": the blanks around an id are no part of it.
    for (const auto& id : m_affects) {
      const std::string trimmed(support::trim(id));
      if (!trimmed.empty()) {
        request.affects.push_back(trimmed);
      }
    }
    request.classification = m_classification;
    request.date = resolve_today(m_today);
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const model::ProjectResult loaded = ws.load(m_id);
    try {
      const signoff::AppendedChange done =
          signoff::append_change(ws.root(), ws.fs(), loaded.project, request, ws.load_options());
      if (!globals.quiet) {
        print(
            fmt::format("{}: {} proposed ({} {})\n", m_id, done.id, done.file, done.created ? "created" : "appended"));
      }
      if (m_commit) {
        const std::string id = git::commit_files(ws.root(), {done.file},
                                                 fmt::format("handoff({}): propose {} {}", m_id, done.id, m_title));
        if (!globals.quiet) {
          print(fmt::format("{}: committed {} as {}\n", m_id, done.file, id));
        }
      }
    } catch (const signoff::ChangeError& e) {
      throw UsageError(e.what());
    }
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_title;
  std::vector<std::string> m_affects;
  std::string m_classification;
  std::string m_today;
  bool m_commit = false;
};

}  // namespace

std::unique_ptr<Command> make_change()
{
  return std::make_unique<ChangeCommand>();
}

}  // namespace handoff::cli
