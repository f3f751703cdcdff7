#include <fmt/format.h>

#include "app.hpp"
#include "git/repo.hpp"
#include "signoff/change.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

// Returns the comma-separated ids of one --affects value, without the blanks around them
// ("REQ-001, M3" is REQ-001 and M3); an empty value or item gives an empty id.
std::vector<std::string> ids_of(const std::string& value)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    out.push_back(support::trim(value.substr(start, comma == std::string::npos ? comma : comma - start)));
    if (comma == std::string::npos) {
      return out;
    }
    start = comma + 1;
  }
}

// With --commit: refuses to append a change request when the last one in changes.yaml is the
// same request, of the same day, and the file differs from HEAD's: a run killed between the
// write and the commit left it there, and running the command again would add it twice.
void refuse_uncommitted_repeat(const workspace::Workspace& ws, const model::Project& project,
                               const signoff::ChangeRequest& request, const std::string& path)
{
  if (project.changes.empty()) {
    return;
  }
  const model::Change& last = project.changes.back();
  std::vector<std::string> affects;
  for (const auto& id : last.affects.items) {
    affects.push_back(id.value_or(""));
  }
  if (last.title.value_or("") != request.title || !last.date.has() || *last.date != request.date
      || last.state() != "proposed" || affects != request.affects
      || last.classification.value_or("") != request.classification || last.channel.value_or("") != request.channel
      || last.priority.value_or("") != request.priority || last.requested_by.value_or("") != request.requested_by) {
    return;
  }
  const io::ReadResult file = ws.fs().read(path, ws.load_options().max_file_size);
  if (!file.ok) {
    return;
  }
  std::optional<std::string> committed;
  try {
    committed = git::read_revision(ws.root(), "HEAD", {path}).files[path];
  } catch (const std::runtime_error&) {
    return;  // no commit yet: nothing to compare with
  }
  if (committed == file.data) {
    return;
  }
  throw UsageError(fmt::format(
      "{} already holds {} \"{}\" of {}, not committed: an earlier `handoff change --commit` was interrupted "
      "before its commit. Commit that entry (`git commit -m \"handoff({}): propose {} {}\" {}`) or remove it, "
      "instead of running the command again (nothing was written)",
      path, last.id.value_or("the change"), request.title, request.date.str(), project.folder,
      last.id.value_or("the change"), request.title, path));
}

class ChangeCommand final : public Command {
public:
  std::string_view name() const override { return "change"; }
  std::string_view summary() const override { return "Record a change request (appends to changes.yaml)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--title", m_title, "What changes, in a few words")->required()->type_name("TEXT");
    app.add_option("--affects", m_affects,
                   "Requirement, milestone, contract item or commitment ids the change adds, alters or removes "
                   "(go_live: the promised go-live date)")
        ->check(CLI::Validator(
            [](const std::string& value) -> std::string {
              // Split here, not by CLI11: a value that splits into nothing (",,,") would make it
              // take the next option as the ids.
              for (const auto& id : ids_of(value)) {
                if (id.empty()) {
                  return fmt::format("{}; give ids separated by commas, such as --affects REQ-001,M3, or leave "
                                     "--affects out",
                                     value.empty() ? std::string("an empty value names no id")
                                                   : support::quote(value) + " holds an empty id");
                }
              }
              return "";
            },
            ""))
        ->type_name("ID");
    app.add_option("--classification", m_classification, "in_scope, value_added (free) or out_of_scope (billable)")
        ->type_name("CLASS");
    app.add_option("--channel", m_channel, "How the request arrived: email, call, meeting, chat, ticket or other")
        ->type_name("CHANNEL");
    app.add_option("--priority", m_priority, "How much the requester needs it: must, should or could")
        ->type_name("PRIORITY");
    app.add_option("--requested-by", m_requested_by, "Who asked for it (free text, such as the customer's name)")
        ->type_name("TEXT");
    app.add_option("--effort", m_effort, "impact.effort_days: person-days it takes")->type_name("DAYS");
    app.add_option("--schedule", m_schedule, "impact.schedule_days: days the plan moves")->type_name("DAYS");
    app.add_option("--cost", m_cost, "impact.cost: the price to the customer")->type_name("AMOUNT");
    add_commit_options(app, m_git, "changes.yaml (and nothing else)");
    add_today_option(app, m_today);
    app.footer(R"(
Appends a change request with the next free id (CR-001, CR-002, ...), today's date and
status: proposed to projects/ID/changes.yaml, keeping the file's comments. --affects takes
the ids of requirements, milestones, contract items and commitments (now or in a sign-off),
go_live, and the id of a requirement or milestone the change adds: one shaped like that
kind's ids (REQ-008 after REQ-007, M8 after M7), which is then named as new. Assess it, get the
approvals and set its status in the file; once approved, HF501 accepts the scope drift of the
ids it affects.
--commit commits changes.yaml alone; when the file already holds uncommitted edits (an
earlier request, say), they would go into this commit too, so it refuses them unless
--include-changes.

Examples:
  handoff change acme-mes --title "Shift report" --affects REQ-009
  handoff change acme-mes --title "Move blueprint sign-off" --affects M1,M2 --classification in_scope
  handoff change acme-mes --title "Go-live moves two weeks" --affects go_live,M7 --channel meeting \
      --requested-by "Wang Fang" --schedule 14 --effort 0)");
  }

  int run(const Globals& globals) override
  {
    signoff::ChangeRequest request;
    request.title = m_title;
    for (const auto& value : m_affects) {
      for (auto& id : ids_of(value)) {
        request.affects.push_back(std::move(id));
      }
    }
    request.classification = m_classification;
    request.channel = m_channel;
    request.priority = m_priority;
    request.requested_by = m_requested_by;
    request.effort_days = m_effort;
    request.schedule_days = m_schedule;
    request.cost = m_cost;
    request.date = resolve_today(m_today);
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    require_inside(ws, m_id);
    workspace::Transaction transaction(ws, "handoff change " + m_id, m_git);
    const model::ProjectResult loaded = ws.load(m_id);
    const std::string changes_file = loaded.project.file(model::Record::changes).path;
    if (m_git.commit) {
      refuse_uncommitted_repeat(ws, loaded.project, request, changes_file);
    }
    // change checks no gate and records no digest: only changes.yaml itself matters, since its
    // commit would take in whatever else was changed in it.
    transaction.begin({changes_file}, {}, "the commit of the new change request would take those changes in");
    try {
      const signoff::AppendedChange done =
          signoff::append_change(ws.root(), ws.fs(), loaded.project, request, ws.load_options());
      // With --commit the entry is reported once it is committed: a failed commit puts the
      // file back, and the output must not say it was appended.
      const std::string id = m_git.commit
                                 ? transaction.commit(fmt::format("handoff({}): propose {} {}", m_id, done.id, m_title))
                                 : std::string();
      if (!globals.quiet) {
        print(
            fmt::format("{}: {} proposed ({} {})\n", m_id, done.id, done.file, done.created ? "created" : "appended"));
        if (m_git.commit) {
          print(fmt::format("{}: committed {} as {}\n", m_id,
                            workspace::committed_files(done.file, transaction.included()), id));
        }
        for (const auto& item : done.new_items) {
          print(fmt::format("{}: {} is new: {} adds it; add the {} to {} before {} is implemented (HF007)\n", m_id,
                            support::visible(item.id), done.id, item.kind, item.file, done.id));
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
  std::string m_channel;
  std::string m_priority;
  std::string m_requested_by;
  std::optional<double> m_effort;
  std::optional<double> m_schedule;
  std::optional<double> m_cost;
  std::string m_today;
  workspace::CommitOptions m_git;
};

}  // namespace

std::unique_ptr<Command> make_change()
{
  return std::make_unique<ChangeCommand>();
}

}  // namespace handoff::cli
