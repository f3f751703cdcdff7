// Gate `qualify` (HF101–HF106): before presales work starts, the deal has a customer
// decision maker, a sales owner and the customer's requirements on record; presales activity
// is summarized in time and its hours confirmed by sales; a deal that ended says when and why.
#include <algorithm>

#include "forecast/render.hpp"
#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using model::Record;

void check_hf101(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::project).broken) {
    return;  // HF001 already says the card cannot be read
  }
  for (const auto& c : p.card.contacts) {
    if ((c.decision_maker.has() && *c.decision_maker) || c.decision_maker.invalid) {
      return;  // a decision maker, or a flag HF002 already rejected
    }
  }
  ctx.report(Record::project, p.card.has_customer ? p.card.customer_pos : ctx.stage_pos(),
             "no decision maker among the customer contacts; add the person who decides for the customer under "
             "customer.contacts with decision_maker: true");
}

void check_hf102(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::project).broken) {
    return;
  }
  const model::TeamMember* sales = p.card.member("sales");
  if (sales != nullptr && sales->person.has()) {
    return;
  }
  core::Pos pos = ctx.stage_pos();
  if (sales != nullptr) {
    pos = sales->pos;
  } else if (!p.card.team.empty()) {
    pos = p.card.team_pos;
  }
  ctx.report(Record::project, pos,
             "no sales owner in team; name the salesperson who owns the deal and its promises as sales: under team:");
}

void check_hf103(Context& ctx)
{
  const auto& p = ctx.project;
  const auto& file = p.file(Record::requirements);
  if (file.broken || !p.requirements.empty()) {
    return;  // a broken file's content is unknown: HF001 already reports it
  }
  if (file.exists) {
    ctx.report(Record::requirements, p.requirements_pos,
               "requirements.yaml lists no requirements; record what the customer asked for under requirements:, "
               "each with an id, a title and its source");
    return;
  }
  ctx.report(Record::project, ctx.stage_pos(),
             "no requirements recorded; add requirements.yaml with what the customer asked for, each with an id, "
             "a title and its source");
}

void check_hf104(Context& ctx)
{
  using Summary = model::Activity::Summary;
  for (const auto& a : ctx.project.activities) {
    const std::vector<std::string> ids = a.id.has() ? std::vector<std::string>{*a.id} : std::vector<std::string>{};
    switch (a.summary_state(ctx.today)) {
    case Summary::missing:
      ctx.report(Record::activities, a.pos,
                 describe(a) + " has no written summary (due " + a.summary_due()->str()
                     + "); write what was learned under summary:, share it with sales and record the day as "
                       "summary_date:",
                 ids);
      break;
    case Summary::undated:
      ctx.report(Record::activities, a.summary.pos,
                 describe(a) + " does not say when its summary was shared; add summary_date: (due "
                     + a.summary_due()->str() + ")",
                 ids);
      break;
    case Summary::late:
      ctx.report(Record::activities, a.summary_date.pos,
                 describe(a) + ": summary shared on " + a.summary_date->str() + ", "
                     + support::plural(support::days_between(*a.summary_due(), *a.summary_date), "day")
                     + " after it was due (" + a.summary_due()->str()
                     + "); share the written summary with sales within 24 hours of the activity",
                 ids);
      break;
    case Summary::unknown:
    case Summary::not_due:
    case Summary::on_time:
      break;
    }
  }
}

void check_hf105(Context& ctx)
{
  for (const auto& a : ctx.project.activities) {
    if (!a.hours.has()) {
      continue;
    }
    const std::vector<std::string> ids = a.id.has() ? std::vector<std::string>{*a.id} : std::vector<std::string>{};
    const std::string hours = forecast::amount(*a.hours);
    if (!a.confirmed_by.has()) {
      if (a.confirmed_by.invalid) {
        continue;
      }
      ctx.report(Record::activities, a.hours.pos,
                 describe(a) + ": " + hours
                     + " presales hours not confirmed by sales; add confirmed_by: with the "
                       "sales person who agrees them",
                 ids);
      continue;
    }
    const std::string& by = *a.confirmed_by;
    if (ctx.config.has_registry && ctx.config.person(by) == nullptr) {
      continue;  // HF007 reports a person missing from the registry
    }
    const std::vector<std::string> roles = ctx.roles_of(by);
    if (std::find(roles.begin(), roles.end(), "sales") != roles.end()) {
      continue;
    }
    const std::string held =
        roles.empty() ? std::string(ctx.config.has_registry ? "no roles in handoff.yaml" : "no role in team:")
                      : "roles: " + support::join_words(roles, ", ");
    ctx.report(Record::activities, a.confirmed_by.pos,
               describe(a) + ": hours confirmed by " + by + ", who does not hold the sales role (" + held
                   + "); have the sales owner confirm the hours",
               ids);
  }
}

void check_hf106(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.has_outcome || card.outcome.malformed || ctx.project.file(Record::project).broken) {
    return;
  }
  const auto& o = card.outcome;
  std::vector<std::string> absent;
  if (!o.status.has() && !o.status.invalid) {
    absent.emplace_back("status");
  }
  if (!o.date.has() && !o.date.invalid) {
    absent.emplace_back("date");
  }
  if (!o.reason.has() && !o.reason.invalid) {
    absent.emplace_back("reason");
  }
  if (absent.empty()) {
    return;
  }
  ctx.report(Record::project, card.outcome.pos,
             "the outcome does not say its " + support::join_words(absent)
                 + "; an inactive project keeps when and why it ended (outcome: {status: lost | no_go | cancelled, "
                   "date: YYYY-MM-DD, reason: ...}), for the win rate and the next deal with this customer");
}

}  // namespace

std::vector<Rule> qualify_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF101", Gate::qualify, Severity::error, "No decision maker among customer contacts",
       "A deal that reaches presales needs to know who decides on the customer's side: that person approves the "
       "scope, signs off milestones and accepts the result, and implementation must be able to reach them. Mark "
       "that contact with `decision_maker: true` under `customer.contacts` (add the contact if it is missing).",
       "customer:\n  name: ACME Manufacturing\n  contacts:\n    - name: Wang Fang\n      title: CIO\n"
       "      decision_maker: true\n",
       check_hf101},
      {"HF102", Gate::qualify, Severity::error, "No sales owner in team",
       "Every promise made during the sale needs an owner whom implementation can ask about it later; without a "
       "named salesperson, questions about what was sold have nobody to go to. Add the salesperson who owns the "
       "deal as `sales:` under `team:`.",
       "team:\n  sales: li.wei\n  presales: chen.jie\n", check_hf102},
      {"HF103", Gate::qualify, Severity::error, "No requirements recorded",
       "Presales work (solution design, estimate, feasibility) starts from the customer's requirements; with none "
       "on record, everything later in the handoff is built on hearsay. Create `requirements.yaml` and list what "
       "the customer asked for, each with an id, a title and where it came from. A requirements.yaml that cannot be "
       "read is reported by HF001 instead.",
       "requirements:\n  - id: REQ-001\n    title: Production order tracking\n    source: RFP 3.2\n", check_hf103},
      {"HF104", Gate::qualify, Severity::warning, "Presales activity summary missing or late",
       "A visit, call or demo is worth what its written summary keeps: sales needs it within 24 hours to follow "
       "up while the customer remembers, and delivery reads it months later. Each activity in `activities.yaml` "
       "needs a `summary` and a `summary_date` at most one day after its `date`. Nothing is reported until the "
       "day after the activity has passed; a summary shared later than that is reported as late. The rule only "
       "has something to say when the project has an activities.yaml.",
       "activities:\n  - id: A-1\n    date: 2026-09-10\n    kind: visit\n    summary: Walked the plant; MES scope "
       "is lines 1-3\n    summary_date: 2026-09-11\n",
       check_hf104},
      {"HF105", Gate::qualify, Severity::warning, "Presales hours not confirmed by sales",
       "Presales hours are a cost of the sale, and sales decides whether the deal is worth them. An activity that "
       "records `hours` needs `confirmed_by`: a person holding the sales role (in the people registry of "
       "handoff.yaml, or without a registry in the project's `team:`). Ask the sales owner to confirm the hours "
       "and name them.",
       "  - id: A-1\n    date: 2026-09-10\n    hours: 6\n    confirmed_by: li.wei   # holds the sales role\n",
       check_hf105},
      {"HF106", Gate::qualify, Severity::error, "Outcome without status, date or reason",
       "A project with `outcome:` in project.yaml ended without going on: the deal was lost, we declined it "
       "(`no_go`), or it was cancelled. Such a project is inactive: only the schema gate and this rule apply to "
       "it, `status` shows the outcome instead of gates, and `advance` refuses to move it. The outcome needs its "
       "`status`, its `date` and a `reason`, so that the win rate counts it and the next deal with the customer "
       "knows why.",
       "outcome:\n  status: lost\n  date: 2026-10-20\n  reason: Price; the customer chose a local vendor\n",
       check_hf106},
  };
}

}  // namespace handoff::rules
