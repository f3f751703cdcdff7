// The editors of plan.yaml and risks.yaml: milestone done/move, risk add/close, reported.
#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

std::vector<std::string> milestone_ids(const model::Project& project)
{
  return ids_of(project.plan.milestones);
}

std::vector<std::string> risk_ids(const model::Project& project)
{
  return ids_of(project.risks);
}

class MilestoneCommand final : public Command {
public:
  std::string_view name() const override { return "milestone"; }
  std::string_view summary() const override
  {
    return "Add a milestone, mark one done, or move its due date (plan.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a milestone with the next free id (M1, M2, ...)");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add->add_option("--name", m_name, "The milestone's name")->required()->check(non_empty("name", "give a name"));
    m_add->add_option("--due", m_due, "The planned date (HF402)")->type_name("DATE");
    m_add->add_option("--owner", m_owner, "Who owns it (a person id)")->type_name("PERSON");
    m_add->add_option("--covers", m_covers, "The requirements it delivers (HF401)")->type_name("REQ");
    m_add->add_option("--depends-on", m_depends, "Milestones that must come first")->type_name("M");
    add_free_text(*m_add, m_acceptance, "acceptance", "The outcome that shows it is done (HF402, HF403)");
    add_edit_options(*m_add, m_options);

    m_done = app.add_subcommand("done", "Mark a milestone done on a date (default: today)");
    m_done->add_option("ID", m_id, "The project")->required();
    m_done->add_option("MILESTONE", m_milestone, "The milestone (M3)")->required();
    m_done->add_option("--date", m_date, "When it was done (default: today; never after today)")->type_name("DATE");
    add_edit_options(*m_done, m_options);

    m_move = app.add_subcommand("move", "Move a milestone's due date");
    m_move->add_option("ID", m_id, "The project")->required();
    m_move->add_option("MILESTONE", m_milestone, "The milestone (M3)")->required();
    m_move->add_option("--due", m_date, "The new due date")->required()->type_name("DATE");
    m_move->add_option("--change", m_change, "The approved change request that moves it (CR-002)")->type_name("CR");
    add_edit_options(*m_move, m_options);

    app.footer(R"(
Edits in place of projects/ID/plan.yaml. After the baseline a new milestone, or a signed one's
changed date, is
scope: moving it needs an approved change request that affects it (HF501), or the edit is
refused; --change names that request, and is checked to be approved and to name the milestone.

Examples:
  handoff milestone add acme-mes --name "Order tracking live on line 1" --due 2027-02-15 \
      --owner zhang.min --covers REQ-001,REQ-002 --acceptance "Line 1 tracks every order for a week"
  handoff milestone done acme-mes M3 --date 2027-01-15
  handoff milestone move acme-mes M5 --due 2027-03-01 --change CR-002 --commit)");
  }

  int run(const Globals& globals) override
  {
    if (m_add->parsed()) {
      const auto acceptance = m_acceptance.value();
      return run_edit(globals, "milestone add", m_id, m_options, [&](edit::ProjectEdit& e) {
        const std::string id = edit::next_id(milestone_ids(e.project()), "M", 1);
        ItemText item;
        item.field("id", id).field("name", m_name);
        if (!m_due.empty()) {
          item.field("due", m_due);
        }
        if (!m_owner.empty()) {
          item.field("owner", m_owner);
        }
        if (!m_covers.empty()) {
          item.list("covers", split_list(m_covers));
        }
        if (!m_depends.empty()) {
          item.list("depends_on", split_list(m_depends));
        }
        if (acceptance) {
          item.field("acceptance", *acceptance);
        }
        item.field("status", "planned");
        e.file(model::Record::plan).append({}, "milestones", item.str());
        return EditDone{id + " added", fmt::format("add milestone {} {}", id, m_name), {}};
      });
    }
    if (m_done->parsed()) {
      return run_edit(globals, "milestone done", m_id, m_options, [&](edit::ProjectEdit& e) {
        e.require_id(model::Record::plan, milestone_ids(e.project()), m_milestone, "milestone");
        const std::string date = m_date.empty() ? e.today().str() : m_date;
        const yaml::Path at = {Step::at("milestones"), Step::item("id", m_milestone)};
        e.file(model::Record::plan).set(at, "status", "done");
        e.file(model::Record::plan).set(at, "done", date);
        return EditDone{
            fmt::format("{} done on {}", m_milestone, date), fmt::format("{} done on {}", m_milestone, date), {}};
      });
    }
    return run_edit(globals, "milestone move", m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::plan, milestone_ids(e.project()), m_milestone, "milestone");
      if (!m_change.empty()) {
        std::vector<std::string> ids;
        const model::Change* change = nullptr;
        for (const auto& c : e.project().changes) {
          if (c.id.has()) {
            ids.push_back(*c.id);
            change = *c.id == m_change ? &c : change;
          }
        }
        e.require_id(model::Record::changes, ids, m_change, "change request");
        const auto& affects = change->affects.items;
        const bool names =
            std::any_of(affects.begin(), affects.end(), [&](const auto& id) { return id.value_or("") == m_milestone; });
        if (change->state() != "approved" && change->state() != "implemented") {
          throw edit::Refused(fmt::format("{} is {}, not approved: approve it first (`handoff change approve {} {} "
                                          "--role sales`, then implementation)",
                                          m_change, change->state(), m_id, m_change));
        }
        if (!names) {
          throw edit::Refused(
              fmt::format("{} does not affect {}: its affects: names what it may change", m_change, m_milestone));
        }
      }
      e.file(model::Record::plan).set({Step::at("milestones"), Step::item("id", m_milestone)}, "due", m_date);
      return EditDone{
          fmt::format("{} due {}", m_milestone, m_date),
          fmt::format("move {} to {}{}", m_milestone, m_date, m_change.empty() ? "" : " (" + m_change + ")"),
          {}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  CLI::App* m_done = nullptr;
  CLI::App* m_move = nullptr;
  std::string m_name;
  std::string m_due;
  std::string m_owner;
  std::vector<std::string> m_covers;
  std::vector<std::string> m_depends;
  FreeText m_acceptance;
  std::string m_id;
  std::string m_milestone;
  std::string m_date;
  std::string m_change;
  EditOptions m_options;
};

class RiskCommand final : public Command {
public:
  std::string_view name() const override { return "risk"; }
  std::string_view summary() const override { return "Add a risk to the register, or close one (risks.yaml)"; }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Add a risk with the next free id (R-1, R-2, ...)");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add->add_option("--title", m_title, "The risk, in a few words")
        ->required()
        ->check(non_empty("title", "give a few words"));
    m_add->add_option("--probability", m_probability, "1 to 5")->required()->check(CLI::Range(1, 5));
    m_add->add_option("--impact", m_impact, "1 to 5 (probability x impact of 15 or more is high)")
        ->required()
        ->check(CLI::Range(1, 5));
    m_add->add_option("--owner", m_owner, "Who owns it (a person id)")->required()->type_name("PERSON");
    add_free_text(*m_add, m_mitigation, "mitigation", "What is done about it");
    m_add->add_option("--response", m_response, "avoid, mitigate, transfer or accept")
        ->check(one_of({"avoid", "mitigate", "transfer", "accept"}));
    m_add->add_option("--review-by", m_review, "The next review date")->type_name("DATE");
    add_edit_options(*m_add, m_options);

    m_close = app.add_subcommand("close", "Close a risk (or mark it mitigated or occurred)");
    m_close->add_option("ID", m_id, "The project")->required();
    m_close->add_option("RISK", m_risk, "The risk (R-2)")->required();
    m_close->add_option("--status", m_status, "closed (the default), mitigated or occurred")
        ->check(one_of({"closed", "mitigated", "occurred"}));
    add_edit_options(*m_close, m_options);

    app.footer(R"(
Edits in place of projects/ID/risks.yaml (created when missing).

Examples:
  handoff risk add acme-mes --title "ERP test system late" --probability 4 --impact 4 \
      --owner zhang.min --mitigation "Mock the ERP interface for M2" --review-by 2026-12-15
  handoff risk close acme-mes R-2
  handoff risk close acme-mes R-3 --status mitigated --commit)");
  }

  int run(const Globals& globals) override
  {
    if (m_add->parsed()) {
      const auto mitigation = m_mitigation.value();
      return run_edit(globals, "risk add", m_id, m_options, [&](edit::ProjectEdit& e) {
        const std::string id = edit::next_id(risk_ids(e.project()), "R-", 1);
        ItemText item;
        item.field("id", id)
            .field("title", m_title)
            .field("probability", std::to_string(m_probability))
            .field("impact", std::to_string(m_impact))
            .field("owner", m_owner);
        if (!m_response.empty()) {
          item.field("response", m_response);
        }
        if (mitigation) {
          item.field("mitigation", *mitigation);
        }
        item.field("status", "open");
        if (!m_review.empty()) {
          item.field("review_by", m_review);
        }
        e.file(model::Record::risks).append({}, "risks", item.str());
        return EditDone{id + " added", fmt::format("add risk {} {}", id, m_title), {}};
      });
    }
    const std::string status = m_status.empty() ? "closed" : m_status;
    return run_edit(globals, "risk close", m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::risks, risk_ids(e.project()), m_risk, "risk");
      e.file(model::Record::risks).set({Step::at("risks"), Step::item("id", m_risk)}, "status", status);
      return EditDone{fmt::format("{} {}", m_risk, status), fmt::format("risk {} {}", m_risk, status), {}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  CLI::App* m_close = nullptr;
  std::string m_id;
  std::string m_risk;
  std::string m_title;
  int m_probability = 0;
  int m_impact = 0;
  std::string m_owner;
  FreeText m_mitigation;
  std::string m_response;
  std::string m_review;
  std::string m_status;
  EditOptions m_options;
};

class ReportedCommand final : public Command {
public:
  std::string_view name() const override { return "reported"; }
  std::string_view summary() const override
  {
    return "Record that a status report was sent (plan.yaml reporting.last_report)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--date", m_date, "When it was sent (default: today)")->type_name("DATE");
    app.add_option("--cadence-days", m_cadence, "Also set the days between status reports (1 to 365)")
        ->check(CLI::Range(1, 365));
    add_edit_options(app, m_options);
    app.footer(R"(
Sets reporting.last_report in projects/ID/plan.yaml, in place: HF508 counts the next report's
due date from it, one cadence later.

Examples:
  handoff reported acme-mes --cadence-days 7 --date 2026-11-18
  handoff reported acme-mes
  handoff reported acme-mes --date 2026-12-04 --commit)");
  }

  int run(const Globals& globals) override
  {
    return run_edit(globals, "reported", m_id, m_options, [&](edit::ProjectEdit& e) {
      const std::string date = m_date.empty() ? e.today().str() : m_date;
      if (m_cadence) {
        e.file(model::Record::plan).set({Step::at("reporting")}, "cadence_days", std::to_string(*m_cadence));
      }
      e.file(model::Record::plan).set({Step::at("reporting")}, "last_report", date);
      return EditDone{"status report sent " + date, "status report sent " + date, {}};
    });
  }

private:
  std::string m_id;
  std::string m_date;
  std::optional<int> m_cadence;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_milestone()
{
  return std::make_unique<MilestoneCommand>();
}

std::unique_ptr<Command> make_risk()
{
  return std::make_unique<RiskCommand>();
}

std::unique_ptr<Command> make_reported()
{
  return std::make_unique<ReportedCommand>();
}

}  // namespace handoff::cli
