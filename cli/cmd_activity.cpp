#include <fmt/format.h>

#include "app.hpp"
#include "edit.hpp"

namespace handoff::cli {

namespace {

using yaml::ItemText;
using yaml::Step;

std::vector<std::string> activity_ids(const model::Project& project)
{
  return ids_of(project.activities);
}

class ActivityCommand final : public Command {
public:
  std::string_view name() const override { return "activity"; }
  std::string_view summary() const override
  {
    return "Log a presales visit, call or demo, its summary and the hours sales confirms (activities.yaml)";
  }

  void setup(CLI::App& app) override
  {
    app.require_subcommand(1);
    m_add = app.add_subcommand("add", "Log an activity with the next free id (A-1, A-2, ...)");
    m_add->add_option("ID", m_id, "The project")->required();
    m_add->add_option("--kind", m_kind, "visit, call, demo, workshop, proposal or other")
        ->required()
        ->check(one_of({"visit", "call", "demo", "workshop", "proposal", "other"}));
    m_add->add_option("--date", m_date, "When it happened (YYYY-MM-DD)")->required()->type_name("DATE");
    m_add->add_option("--by", m_by, "Who took part from our side: person ids, separated by commas")
        ->required()
        ->type_name("PERSON");
    m_add->add_option("--customer", m_customer, "Who took part from the customer (names, separated by commas)")
        ->type_name("NAME");
    m_add->add_option("--hours", m_hours, "Presales hours spent")->type_name("HOURS")->check(CLI::NonNegativeNumber);
    add_free_text(*m_add, m_summary, "summary", "The written summary shared with sales");
    m_add->add_option("--summary-date", m_summary_date, "When the summary was shared (default: today)")
        ->type_name("DATE");
    add_free_text(*m_add, m_next_steps, "next-steps", "What happens next, and by when");
    add_edit_options(*m_add, m_options);

    m_text = app.add_subcommand("summary", "Record an activity's written summary");
    m_text->add_option("ID", m_id, "The project")->required();
    m_text->add_option("ACTIVITY", m_activity, "The activity (A-1)")->required();
    add_free_text(*m_text, m_summary_text, "text", "The summary");
    m_text->add_option("--date", m_summary_date, "When it was shared (default: today)")->type_name("DATE");
    add_edit_options(*m_text, m_options);

    m_confirm = app.add_subcommand("confirm", "Confirm an activity's hours, as a person holding the sales role");
    m_confirm->add_option("ID", m_id, "The project")->required();
    m_confirm->add_option("ACTIVITY", m_activity, "The activity (A-1)")->required();
    m_confirm->add_option("--as", m_as, "Who confirms (a person id holding the sales role)")
        ->required()
        ->type_name("PERSON");
    add_edit_options(*m_confirm, m_options);

    app.footer(R"(
Each is an edit in place of projects/ID/activities.yaml (created when missing): comments and
layout stay. The summary is due within a day of the activity (HF104); the hours need the
confirmation of a person holding the sales role (HF105), which `confirm` refuses to anyone else.
Multi-line summaries, in any language, keep their paragraphs when read from a file.

Examples:
  handoff activity add acme-mes --kind visit --date 2026-09-03 --by chen.jie,li.wei \
      --customer "Wang Fang" --hours 6 --summary-file visit-notes.md
  handoff activity summary acme-mes A-2 --text "Demo of batch genealogy; SAP questions open"
  handoff activity confirm acme-mes A-2 --as li.wei --commit)");
  }

  int run(const Globals& globals) override
  {
    if (m_add->parsed()) {
      const auto summary = m_summary.value();
      const auto next_steps = m_next_steps.value();
      return run_edit(globals, "activity add", m_id, m_options, [&](edit::ProjectEdit& e) {
        const std::string id = edit::next_id(activity_ids(e.project()), "A-", 1);
        ItemText item;
        item.field("id", id).field("date", m_date).field("kind", m_kind).list("by", split_list(m_by));
        if (!m_customer.empty()) {
          item.list("customer", split_list(m_customer));
        }
        if (summary) {
          item.field("summary", *summary);
          item.field("summary_date", m_summary_date.empty() ? e.today().str() : m_summary_date);
        }
        if (m_hours) {
          item.field("hours", number_text(*m_hours));
        }
        if (next_steps) {
          item.field("next_steps", *next_steps);
        }
        e.file(model::Record::activities).append({}, "activities", item.str());
        return EditDone{id + " logged", fmt::format("log {} {} {}", id, m_kind, m_date), {}};
      });
    }
    if (m_text->parsed()) {
      const auto text = m_summary_text.value();
      if (!text) {
        throw UsageError("activity summary needs --text TEXT or --text-file FILE");
      }
      return run_edit(globals, "activity summary", m_id, m_options, [&](edit::ProjectEdit& e) {
        e.require_id(model::Record::activities, activity_ids(e.project()), m_activity, "activity");
        const yaml::Path at = {Step::at("activities"), Step::item("id", m_activity)};
        e.file(model::Record::activities).set(at, "summary", *text);
        e.file(model::Record::activities)
            .set(at, "summary_date", m_summary_date.empty() ? e.today().str() : m_summary_date);
        return EditDone{m_activity + " summary recorded", "summary of " + m_activity, {}};
      });
    }
    return run_edit(globals, "activity confirm", m_id, m_options, [&](edit::ProjectEdit& e) {
      e.require_id(model::Record::activities, activity_ids(e.project()), m_activity, "activity");
      e.file(model::Record::activities)
          .set({Step::at("activities"), Step::item("id", m_activity)}, "confirmed_by", m_as);
      return EditDone{fmt::format("{} hours confirmed by {}", m_activity, m_as),
                      fmt::format("{} confirms the hours of {}", m_as, m_activity),
                      m_as,
                      {"HF105"}};
    });
  }

private:
  CLI::App* m_add = nullptr;
  CLI::App* m_text = nullptr;
  CLI::App* m_confirm = nullptr;
  std::string m_id;
  std::string m_activity;
  std::string m_kind;
  std::string m_date;
  std::vector<std::string> m_by;
  std::vector<std::string> m_customer;
  std::optional<double> m_hours;
  FreeText m_summary;
  FreeText m_summary_text;
  FreeText m_next_steps;
  std::string m_summary_date;
  std::string m_as;
  EditOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_activity()
{
  return std::make_unique<ActivityCommand>();
}

}  // namespace handoff::cli
