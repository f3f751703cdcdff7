#include <fmt/format.h>

#include "app.hpp"
#include "support/text.hpp"
#include "workspace/todo.hpp"

namespace handoff::cli {

namespace {

class TodoCommand final : public Command {
public:
  std::string_view name() const override { return "todo"; }
  std::string_view summary() const override { return "What waits on each person, by due date"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_ids, "Projects to look at (default: all)");
    app.add_option("--person", m_person, "Only what waits on this person (an id of the records)")
        ->check(non_empty("person", "give a person id, or leave --person out to list everyone"))
        ->type_name("ID");
    app.add_option("--within", m_within,
                   "Days ahead: milestones, risk reviews and status reports due by then are listed (default 14)")
        ->check(CLI::Range(0LL, 3660LL).description(""))
        ->type_name("DAYS");
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(one_of({"text", "json"}))
        ->type_name("FORMAT");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
Items, read from the same evaluation as `handoff check` (a finding it answers is named):
  question       an open question on a requirement that the person owns
  approval       a change request (not rejected) without the approval of a role the person holds
                 in the team: sales and implementation, the customer when out_of_scope; due
                 change_response_days after the request (HF512)
  milestone      a milestone the person owns, not done, overdue or due within DAYS
  risk           a live risk the person owns whose review_by is past or within DAYS
  status_report  the next status report, owed by the team's pm, overdue or due within DAYS
  signoff        the sales or implementation sign-off still missing at stage handoff
  activity       the written summary of a presales activity the person took part in, due the
                 day after it (HF104)
  invoice        a payment whose trigger happened (or whose date comes within DAYS), not yet
                 invoiced, for team.finance (else sales); due invoice_days after it (HF514)
  payment        an invoiced payment not yet received, for team.finance (else sales); due
                 payment_terms_days after the invoice, listed from DAYS before (HF515)
Milestones and risks count at every active stage; status reports during delivery and
acceptance, as in `check`.
Closed projects and inactive ones (outcome:) have no items.
Each person's items are sorted by due date; items without a date come last. Exit 0.

Examples:
  handoff todo
  handoff todo --person li.wei --within 7
  HANDOFF_TODAY=2026-11-20 handoff todo --format json
  handoff todo --format json | jq -r '.items[] | select(.kind == "approval") | .person')");
  }

  int run(const Globals& globals) override
  {
    workspace::TodoOptions options;
    options.check.today = resolve_today(m_today);
    options.within = m_within;
    options.person = m_person;
    const workspace::Workspace ws = open_workspace(globals);
    options.language = output_language(globals, &ws.config());
    require_projects(ws, m_ids);
    if (!m_person.empty() && ws.config().has_registry && ws.config().person(m_person) == nullptr) {
      std::string message =
          fmt::format("--person \"{}\" is not in the people of handoff.yaml", support::visible(m_person));
      if (const auto guess = ws.config().person_hint(m_person)) {
        message += fmt::format("; did you mean {}?", support::visible(*guess));
      } else {
        message += "; give the id the records use";
      }
      throw UsageError(message);
    }
    const support::Parallelism parallelism{m_jobs, make_progress(globals, m_format == "text", "checking projects")};
    const auto items = workspace::todo_items(ws, m_ids, options, parallelism);
    print(m_format == "json" ? workspace::todo_json(items, options)
                             : workspace::todo_text(items, ws.config(), options, globals.quiet));
    return k_exit_ok;
  }

private:
  std::vector<std::string> m_ids;
  std::string m_person;
  long long m_within = 14;
  std::string m_format = "text";
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_todo()
{
  return std::make_unique<TodoCommand>();
}

}  // namespace handoff::cli
