#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"
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
    setup_decisions(app);
    // Not required here: `change approve ...` has none of them; run() says what is missing.
    app.add_option("ID", m_id, "The project (REQUIRED to propose a change)");
    app.add_option("--title", m_title, "What changes, in a few words (REQUIRED to propose a change)")
        ->type_name("TEXT");
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
kind's ids (REQ-008 after REQ-007, M8 after M7), which is then named as new. Then each side
approves it (`change approve`), or it is rejected; once approved, HF501 accepts the scope drift
of the ids it affects, and `change implement` records when it was done.
--commit commits changes.yaml alone; when the file already holds uncommitted edits (an
earlier request, say), they would go into this commit too, so it refuses them unless
--include-changes.

Examples:
  handoff change acme-mes --title "Shift report" --affects REQ-009
  handoff change acme-mes --title "Move blueprint sign-off" --affects M1,M2 --classification in_scope
  handoff change acme-mes --title "Go-live moves two weeks" --affects go_live,M7 --channel meeting \
      --requested-by "Wang Fang" --schedule 14 --effort 0
  handoff change approve acme-mes CR-002 --role sales --classification in_scope
  handoff change approve acme-mes CR-002 --role implementation --as zhang.min --commit
  handoff change implement acme-mes CR-002 --date 2026-12-01)");
  }

  int run(const Globals& globals) override
  {
    if (m_approve->parsed() || m_reject->parsed()) {
      return decide(globals, m_approve->parsed());
    }
    if (m_implement->parsed()) {
      return implement(globals);
    }
    for (const auto& [name, value] : {std::pair{"ID", &m_id}, std::pair{"--title", &m_title}}) {
      if (value->empty()) {
        throw UsageError(fmt::format("{} is required\nFor example: handoff change acme-mes --title \"Shift report\" "
                                     "--affects REQ-009\nRun `handoff change --help` for usage.",
                                     name));
      }
    }
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
  void setup_decisions(CLI::App& app)
  {
    m_approve = app.add_subcommand("approve", "Approve a change request for a role; approved once both sides have");
    m_reject = app.add_subcommand("reject", "Reject a change request");
    for (CLI::App* sub : {m_approve, m_reject}) {
      sub->add_option("ID", m_decide_id, "The project")->required();
      sub->add_option("CR", m_cr, "The change request (CR-002)")->required();
      sub->add_option("--role", m_role, "The role approving: sales, implementation, customer, ...")
          ->required()
          ->type_name("ROLE");
      sub->add_option("--as", m_as,
                      "Who decides: a person id (default: the team's holder of --role); for role customer, the "
                      "customer's name")
          ->type_name("PERSON");
      sub->add_option("--date", m_date, "When (default: today)")->type_name("DATE");
      add_edit_options(*sub, m_edit);
    }
    m_approve
        ->add_option("--classification", m_decided_class,
                     "Classify it as you approve: in_scope, value_added or out_of_scope")
        ->check(one_of({"in_scope", "value_added", "out_of_scope"}));
    m_implement = app.add_subcommand("implement", "Record that an approved change request was implemented");
    m_implement->add_option("ID", m_decide_id, "The project")->required();
    m_implement->add_option("CR", m_cr, "The change request (CR-002)")->required();
    m_implement->add_option("--date", m_date, "When (default: today)")->type_name("DATE");
    add_edit_options(*m_implement, m_edit);
  }

  // The change request m_cr of the project being edited; NotFound when there is none.
  const model::Change& change_of(edit::ProjectEdit& e) const
  {
    std::vector<std::string> ids;
    const model::Change* found = nullptr;
    for (const auto& c : e.project().changes) {
      if (c.id.has()) {
        ids.push_back(*c.id);
        found = *c.id == m_cr ? &c : found;
      }
    }
    e.require_id(model::Record::changes, ids, m_cr, "change request");
    return *found;
  }

  int decide(const Globals& globals, bool approve)
  {
    return run_edit(
        globals, approve ? "change approve" : "change reject", m_decide_id, m_edit, [&](edit::ProjectEdit& e) {
          const model::Change& change = change_of(e);
          std::string who = m_as;
          if (who.empty()) {
            const auto& team = e.project().card.team;
            const auto it =
                std::find_if(team.begin(), team.end(), [&](const auto& entry) { return entry.role == m_role; });
            if (it == team.end() || !it->person.has()) {
              throw UsageError(fmt::format("team: has no {} to decide for; name who does with --as", m_role));
            }
            who = *it->person;
          }
          const std::string date = m_date.empty() ? e.today().str() : m_date;
          auto& file = e.file(model::Record::changes);
          const yaml::Path at = {yaml::Step::at("changes"), yaml::Step::item("id", m_cr)};
          if (!approve) {
            file.set(at, "status", "rejected");
            return EditDone{fmt::format("{} rejected by {} ({})", m_cr, who, m_role),
                            fmt::format("{} rejects {}", who, m_cr), m_role == "customer" ? "" : who};
          }
          if (!m_decided_class.empty()) {
            file.set(at, "classification", m_decided_class);
          }
          file.append(at, "approvals",
                      yaml::ItemText().field("role", m_role).field("by", who).field("date", date).str());
          // Approved once sales and implementation (and, for a billable change, the
          // customer) have approved.
          std::vector<std::string> roles = {m_role};
          for (const auto& a : change.approvals) {
            roles.push_back(a.role.value_or(""));
          }
          const std::string classification =
              m_decided_class.empty() ? change.classification.value_or("") : m_decided_class;
          std::vector<std::string> waiting;
          for (const char* needed : {"sales", "implementation", "customer"}) {
            if ((std::string(needed) != "customer" || classification == "out_of_scope")
                && std::find(roles.begin(), roles.end(), needed) == roles.end()) {
              waiting.emplace_back(needed);
            }
          }
          const std::string state = change.state();
          if (waiting.empty() && (state == "proposed" || state == "assessed")) {
            file.set(at, "status", "approved");
          }
          std::string summary = fmt::format("{} approved by {} ({})", m_cr, who, m_role);
          if (!waiting.empty()) {
            summary += "; waiting for " + support::join_words(waiting);
          } else if (state == "proposed" || state == "assessed") {
            summary += "; status: approved";
          }
          return EditDone{summary, fmt::format("{} approves {} for {}", who, m_cr, m_role),
                          m_role == "customer" ? "" : who};
        });
  }

  int implement(const Globals& globals)
  {
    return run_edit(globals, "change implement", m_decide_id, m_edit, [&](edit::ProjectEdit& e) {
      change_of(e);
      const std::string date = m_date.empty() ? e.today().str() : m_date;
      const yaml::Path at = {yaml::Step::at("changes"), yaml::Step::item("id", m_cr)};
      e.file(model::Record::changes).set(at, "status", "implemented");
      e.file(model::Record::changes).set(at, "implemented", date);
      return EditDone{fmt::format("{} implemented on {}", m_cr, date), fmt::format("{} implemented", m_cr), {}};
    });
  }

  CLI::App* m_approve = nullptr;
  CLI::App* m_reject = nullptr;
  CLI::App* m_implement = nullptr;
  std::string m_decide_id;
  std::string m_cr;
  std::string m_role;
  std::string m_as;
  std::string m_date;
  std::string m_decided_class;
  EditOptions m_edit;
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
