// The editors of project.yaml and acceptance.yaml: kickoff, accept, support, close.
#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

class KickoffCommand final : public Command {
public:
  std::string_view name() const override { return "kickoff"; }
  std::string_view summary() const override
  {
    return "Record the kickoff meeting where sales hands the project over (project.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--date", m_date, "When it took place (default: today)")->type_name("DATE");
    app.add_option("--attendees", m_attendees, "Who attended from our side: person ids, separated by commas")
        ->required()
        ->type_name("PERSON");
    app.add_option("--customer-attendees", m_customer, "The customer's attendees (names, separated by commas)")
        ->type_name("NAME");
    add_free_text(app, m_notes, "notes", "What was agreed");
    add_edit_options(app, m_options);
    app.footer(R"(
Sets kickoff: in projects/ID/project.yaml, in place. HF417 needs the sales and implementation
owners of team: among the attendees; an edit that leaves one out is refused.

Examples:
  handoff kickoff acme-mes --date 2026-10-09 --attendees li.wei,chen.jie,zhang.min,wang.lei \
      --customer-attendees "Wang Fang,Zhou Hao" --notes "Scope and go-live walked through")");
  }

  int run(const Globals& globals) override
  {
    const auto notes = m_notes.value();
    return run_edit(globals, "kickoff", m_id, m_options, [&](edit::ProjectEdit& e) {
      const std::string date = m_date.empty() ? e.today().str() : m_date;
      auto& file = e.file(model::Record::project);
      file.set({Step::at("kickoff")}, "date", date);
      file.set_list({Step::at("kickoff")}, "attendees", split_list(m_attendees));
      if (!m_customer.empty()) {
        file.set_list({Step::at("kickoff")}, "customer_attendees", split_list(m_customer));
      }
      if (notes) {
        file.set({Step::at("kickoff")}, "notes", *notes);
      }
      return EditDone{"kickoff on " + date + " recorded", "kickoff on " + date, {}};
    });
  }

private:
  std::string m_id;
  std::string m_date;
  std::vector<std::string> m_attendees;
  std::vector<std::string> m_customer;
  FreeText m_notes;
  EditOptions m_options;
};

class AcceptCommand final : public Command {
public:
  std::string_view name() const override { return "accept"; }
  std::string_view summary() const override
  {
    return "Record an acceptance test result, or the customer's acceptance (acceptance.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("REQ", m_req, "The requirement tested; leave it out with --signed-by to record the acceptance");
    app.add_option("--result", m_result, "passed, failed or waived (by the customer)")
        ->check(one_of({"passed", "failed", "waived"}));
    add_free_text(app, m_evidence, "evidence", "What shows it: test script, run, protocol");
    add_free_text(app, m_note, "note", "What failed, or why the customer waived it");
    app.add_option("--signed-by", m_signed_by, "The customer's name who signs the acceptance (without REQ)")
        ->type_name("NAME");
    app.add_option("--date", m_date, "The acceptance date, with --signed-by (default: today)")->type_name("DATE");
    add_edit_options(app, m_options);
    app.footer(R"(
With REQ and --result, appends a result to projects/ID/acceptance.yaml (the last result of a
requirement counts: a retest goes after the failed run it repeats). Without REQ, --signed-by
records that the customer accepted: acceptance.yaml date and signed_by, and closure.accepted in
project.yaml.

Examples:
  handoff accept acme-mes REQ-003 --result passed --evidence "UAT run 2, script GEN-01"
  handoff accept acme-mes REQ-009 --result failed --note "Shift report misses night shift"
  handoff accept acme-mes --signed-by "Wang Fang" --date 2027-04-20 --commit)");
  }

  int run(const Globals& globals) override
  {
    if (m_req.empty()) {
      if (m_signed_by.empty() || !m_result.empty()) {
        throw UsageError("accept needs REQ and --result to record a test result, or --signed-by NAME without REQ to "
                         "record the customer's acceptance");
      }
      return run_edit(globals, "accept", m_id, m_options, [&](edit::ProjectEdit& e) {
        const std::string date = m_date.empty() ? e.today().str() : m_date;
        e.file(model::Record::acceptance).set({}, "date", date);
        e.file(model::Record::acceptance).set({}, "signed_by", m_signed_by);
        e.file(model::Record::project).set({Step::at("closure")}, "accepted", date);
        return EditDone{fmt::format("accepted on {} by {}", date, m_signed_by),
                        fmt::format("accepted on {} by {}", date, m_signed_by),
                        {}};
      });
    }
    if (m_result.empty() || !m_signed_by.empty()) {
      throw UsageError("accept ID REQ needs --result passed, failed or waived (--signed-by goes without REQ)");
    }
    const auto evidence = m_evidence.value();
    const auto note = m_note.value();
    return run_edit(globals, "accept", m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::requirements, ids_of(e.project().requirements), m_req, "requirement");
      ItemText item;
      item.field("requirement", m_req).field("result", m_result);
      if (evidence) {
        item.field("evidence", *evidence);
      }
      if (note) {
        item.field("note", *note);
      }
      e.file(model::Record::acceptance).append({}, "results", item.str());
      return EditDone{fmt::format("{} {}", m_req, m_result), fmt::format("acceptance of {}: {}", m_req, m_result), {}};
    });
  }

private:
  std::string m_id;
  std::string m_req;
  std::string m_result;
  FreeText m_evidence;
  FreeText m_note;
  std::string m_signed_by;
  std::string m_date;
  EditOptions m_options;
};

class SupportCommand final : public Command {
public:
  std::string_view name() const override { return "support"; }
  std::string_view summary() const override
  {
    return "Hand the customer over to after-sale support (project.yaml support:)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--owner", m_owner, "Who supports the customer after go-live (a person id)")
        ->required()
        ->type_name("PERSON");
    app.add_option("--until", m_until, "The end of the support period")->required()->type_name("DATE");
    app.add_option("--channel", m_channel, "How the customer reaches support: hotline, ticket system, e-mail")
        ->type_name("TEXT");
    add_edit_options(app, m_options);
    app.footer(R"(
Sets support: in projects/ID/project.yaml, in place (HF605 needs it at acceptance).

Examples:
  handoff support acme-mes --owner zhao.qiang --until 2028-04-30 --channel "ticket system")");
  }

  int run(const Globals& globals) override
  {
    return run_edit(globals, "support", m_id, m_options, [&](edit::ProjectEdit& e) {
      auto& file = e.file(model::Record::project);
      file.set({Step::at("support")}, "owner", m_owner);
      file.set({Step::at("support")}, "until", m_until);
      if (!m_channel.empty()) {
        file.set({Step::at("support")}, "channel", m_channel);
      }
      return EditDone{fmt::format("support by {} until {}", m_owner, m_until),
                      fmt::format("support by {} until {}", m_owner, m_until),
                      {}};
    });
  }

private:
  std::string m_id;
  std::string m_owner;
  std::string m_until;
  std::string m_channel;
  EditOptions m_options;
};

class CloseCommand final : public Command {
public:
  std::string_view name() const override { return "close"; }
  std::string_view summary() const override
  {
    return "Record the end of the project: go-live, satisfaction, effort, lessons (project.yaml closure:)";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project")->required();
    app.add_option("--went-live", m_went_live, "The actual go-live date")->type_name("DATE");
    app.add_option("--csat", m_csat, "Customer satisfaction, 1 to 5")->check(CLI::Range(1, 5));
    app.add_option("--effort-days", m_effort, "Person-days actually spent")
        ->type_name("DAYS")
        ->check(CLI::NonNegativeNumber);
    add_free_text(app, m_retrospective, "retrospective", "What went well, what did not, what to do differently");
    add_free_text(app, m_followup, "csat-followup", "What was done about a satisfaction score of 3 or less");
    app.add_option("--lesson", m_lessons, "A lesson for later projects (repeat for several)")->type_name("TEXT");
    add_edit_options(app, m_options);
    app.footer(R"(
Sets closure: in projects/ID/project.yaml, in place, and appends each --lesson to
closure.lessons. `handoff advance ID` then moves the project to closed when the close gate
passes.

Examples:
  handoff close acme-mes --went-live 2027-03-28 --csat 4 --effort-days 410 \
      --retrospective-file retro.md --lesson "Ask for the ERP test system at contract signature")");
  }

  int run(const Globals& globals) override
  {
    const auto retrospective = m_retrospective.value();
    const auto followup = m_followup.value();
    if (m_went_live.empty() && !m_csat && !m_effort && !retrospective && !followup && m_lessons.empty()) {
      throw UsageError("close needs something to record: --went-live, --csat, --effort-days, --retrospective, "
                       "--csat-followup or --lesson");
    }
    return run_edit(globals, "close", m_id, m_options, [&](edit::ProjectEdit& e) {
      auto& file = e.file(model::Record::project);
      const yaml::Path closure = {Step::at("closure")};
      if (!m_went_live.empty()) {
        file.set(closure, "went_live", m_went_live);
      }
      if (m_csat) {
        file.set(closure, "csat", std::to_string(*m_csat));
      }
      if (followup) {
        file.set(closure, "csat_followup", *followup);
      }
      if (m_effort) {
        file.set(closure, "actual_effort_days", number_text(*m_effort));
      }
      if (retrospective) {
        file.set(closure, "retrospective", *retrospective);
      }
      for (const auto& lesson : m_lessons) {
        file.append(closure, "lessons", ItemText().field("text", lesson).str());
      }
      return EditDone{"closure recorded", "closure", {}};
    });
  }

private:
  std::string m_id;
  std::string m_went_live;
  std::optional<int> m_csat;
  std::optional<double> m_effort;
  FreeText m_retrospective;
  FreeText m_followup;
  std::vector<std::string> m_lessons;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_kickoff()
{
  return std::make_unique<KickoffCommand>();
}

std::unique_ptr<Command> make_accept()
{
  return std::make_unique<AcceptCommand>();
}

std::unique_ptr<Command> make_support()
{
  return std::make_unique<SupportCommand>();
}

std::unique_ptr<Command> make_close()
{
  return std::make_unique<CloseCommand>();
}

}  // namespace handoff::cli
