// Gate `control` (HF501–HF513): during delivery no scope changes without an approved change
// request, and the plan, the risks and the status reports stay current. HF501 (scope drift from
// the signed baseline) is added with the sign-off support and goes in this file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "signoff/baseline.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using rules::describe;

using model::Change;
using model::Record;
using model::Text;

std::string describe(const Change& c)
{
  return "change request " + describe(c.id, c.title, c.pos);
}

bool has_approval(const Change& c, const std::string& role)
{
  return c.approved_for(role);
}

// Returns true while the date-driven warnings apply: the project is being delivered or accepted.
bool tracking_dates(const Context& ctx)
{
  return ctx.project.tracking_dates();
}

// HF501 (scope drift since the signed baseline) goes here.

void check_hf502(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.decided()) {
      continue;
    }
    std::vector<std::string> missing;
    for (const char* role : {"sales", "implementation"}) {
      if (!has_approval(c, role)) {
        missing.emplace_back(role);
      }
    }
    if (missing.empty()) {
      continue;
    }
    std::vector<std::string> keys;
    keys.reserve(missing.size());
    for (const auto& role : missing) {
      keys.push_back("role: " + role);
    }
    ctx.report(Record::changes, c.pos,
               describe(c) + " is " + *c.status + " without the " + (missing.size() == 1 ? "approval" : "approvals")
                   + " of " + support::join_words(missing) + "; add " + (missing.size() == 1 ? "an entry" : "entries")
                   + " to approvals: with " + support::join_words(keys) + ", who approved and when",
               ids_of(c.id));
  }
}

void check_hf503(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.decided() || !c.classification.has() || *c.classification != "out_of_scope") {
      continue;
    }
    std::vector<std::string> missing;
    std::vector<std::string> fixes;
    const bool customer = has_approval(c, "customer");
    if (!customer) {
      missing.emplace_back("customer approval");
      fixes.emplace_back("an approval with role: customer");
    }
    if (!c.cost.has()) {
      missing.emplace_back("impact cost");
      fixes.emplace_back("impact: cost: (the price to the customer)");
    }
    if (!c.effort_days.has()) {
      missing.emplace_back("impact effort_days");
      fixes.emplace_back("impact: effort_days:");
    }
    if (missing.empty()) {
      continue;
    }
    const core::Pos pos = customer && c.has_impact ? c.impact_pos : c.pos;
    ctx.report(Record::changes, pos,
               "out_of_scope " + describe(c) + " is " + *c.status + " without " + support::join_words(missing, " or ")
                   + "; a billable change needs the customer's agreement to its price and effort: add "
                   + support::join_words(fixes),
               ids_of(c.id));
  }
}

void check_hf504(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.implemented.has()) {
      continue;
    }
    const std::string when = c.implemented->str();
    if (!c.decided()) {
      const std::string state = c.status.has() ? "is " + *c.status : "has no status";
      ctx.report(Record::changes, c.implemented.pos,
                 describe(c) + " was implemented " + when + " but " + state
                     + ", so it was implemented without approval; have it approved and set status: implemented, or "
                       "remove the implemented date if it is not done",
                 ids_of(c.id));
      continue;
    }
    if (c.approvals.empty()) {
      continue;  // HF502 reports the missing approvals
    }
    const model::Approval* last = nullptr;
    for (const auto& a : c.approvals) {
      if (a.date.has() && (last == nullptr || *a.date > *last->date)) {
        last = &a;
      }
    }
    if (last == nullptr) {
      ctx.report(Record::changes, c.implemented.pos,
                 describe(c) + " was implemented " + when
                     + ", but none of its approvals has a date, so the log cannot show it was approved first; add "
                       "date: to each approval",
                 ids_of(c.id));
      continue;
    }
    if (*last->date <= *c.implemented) {
      continue;
    }
    const std::string who = last->role.has() ? *last->role + ", " : "";
    ctx.report(Record::changes, c.implemented.pos,
               describe(c) + " was implemented " + when + ", "
                   + support::plural(support::days_between(*c.implemented, *last->date), "day")
                   + " before its last approval (" + who + last->date->str()
                   + "); implement a change only once it is approved, or correct the dates",
               ids_of(c.id));
  }
}

void check_hf505(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.status.has() || *c.status == "proposed" || c.classification.has()) {
      continue;
    }
    ctx.report(Record::changes, c.pos,
               describe(c) + " is " + *c.status
                   + " but not classified; set classification: in_scope, value_added (a free concession) or "
                     "out_of_scope (billable)",
               ids_of(c.id));
  }
}

void check_hf506(Context& ctx)
{
  if (!tracking_dates(ctx)) {
    return;
  }
  for (const auto& m : ctx.project.plan.milestones) {
    if (!m.due.has() || *m.due >= ctx.today || m.finished()) {
      continue;
    }
    ctx.report(Record::plan, m.due.pos,
               "milestone " + describe(m.id, m.name, m.pos) + " was due " + m.due->str() + " and is not done ("
                   + support::plural(support::days_between(*m.due, ctx.today), "day")
                   + " overdue); update its status or re-plan it",
               ids_of(m.id));
  }
}

void check_hf507(Context& ctx)
{
  if (!tracking_dates(ctx)) {
    return;
  }
  for (const auto& r : ctx.project.risks) {
    if (!r.review_by.has() || *r.review_by >= ctx.today || !r.live()) {
      continue;
    }
    ctx.report(Record::risks, r.review_by.pos,
               r.status.value_or("open") + " risk " + describe(r.id, r.title, r.pos) + " was due for review "
                   + r.review_by->str() + " (" + support::plural(support::days_between(*r.review_by, ctx.today), "day")
                   + " overdue); review it and set the next review_by:, or update its status",
               ids_of(r.id));
  }
}

void check_hf508(Context& ctx)
{
  const auto& plan = ctx.project.plan;
  if (!tracking_dates(ctx) || !plan.cadence_days.has()) {
    return;
  }
  const long long cadence = *plan.cadence_days;
  const std::string every = "reports are due every " + support::plural(cadence, "day");
  const std::optional<support::Date> due = ctx.project.next_status_report();
  if (due && *due >= ctx.today) {
    return;
  }
  if (plan.last_report.has()) {
    ctx.report(Record::plan, plan.last_report.pos,
               "status report overdue: the last was " + plan.last_report->str() + " and " + every
                   + ", so the next was due " + due->str() + " ("
                   + support::plural(support::days_between(*due, ctx.today), "day")
                   + " overdue); send the status report to sales and update last_report:");
    return;
  }
  // No report yet: the first is due one cadence after the delivery start.
  if (!due) {
    ctx.report(Record::plan, plan.cadence_days.pos,
               "no status report is recorded, though " + every
                   + "; send the status report to sales and record its date in last_report:");
    return;
  }
  ctx.report(Record::plan, plan.cadence_days.pos,
             "no status report is recorded: " + every + " from the delivery start "
                 + ctx.project.card.delivery_start()->str() + ", so the first was due " + due->str() + " ("
                 + support::plural(support::days_between(*due, ctx.today), "day")
                 + " overdue); send the status report to sales and record its date in last_report:");
}

// The plan HF509 starts from: the one the baseline signed. The changes' schedule impacts are
// added to its last milestone; a change already carried into plan.yaml must not count twice.
struct SignedPlan {
  std::optional<model::Project> version;  // project.yaml and plan.yaml as the baseline signed them
  std::string commit;                     // abbreviated id of the commit they were read from
  // Why the current plan is judged although it changed since the baseline; empty when it did
  // not change (or there is no baseline): the current plan is then the signed one.
  std::string unknown;
};

// Returns the plan the baseline signed when plan.yaml changed since: read from the commit that
// added the later of the baseline's two entries, and used only when its digest is the signed one.
SignedPlan signed_plan(Context& ctx)
{
  SignedPlan out;
  const model::Project& p = ctx.project;
  const auto baseline = signoff::find_baseline(p);
  const std::string plan = model::record_name(Record::plan);
  if (!baseline || p.file(Record::plan).broken) {
    return out;
  }
  const model::Signoff& entry = baseline->latest();
  const auto signed_digest = entry.records.find(plan);
  const signoff::Content now = signoff::content_of(p);
  const auto current = now.records.find(plan);
  if (signed_digest == entry.records.end() || current == now.records.end()
      || current->second == signed_digest->second) {
    return out;  // unchanged since the baseline (or never signed): the current plan is the signed one
  }
  using State = signoff::History::State;
  if (ctx.history == nullptr) {
    out.unknown = "git history is not consulted (handoff.yaml sets history: off)";
    return out;
  }
  if (ctx.history->state() != State::available) {
    out.unknown = ctx.history->problem();
    return out;
  }
  const auto author = ctx.history->added_by(p.file(Record::signoffs).path, signoff::entry_digest(p, entry));
  if (!author) {
    out.unknown = "the baseline's sign-off is not committed yet";
    return out;
  }
  io::MemoryFileSystem fs;
  for (const Record record : {Record::project, Record::plan}) {
    if (auto text = ctx.history->file_at(author->oid, p.file(record).path)) {
      fs.add(p.file(record).path, std::move(*text));
    }
  }
  model::LoadOptions options;
  options.records = model::record_bit(Record::project) | model::record_bit(Record::plan);
  model::ProjectResult then = model::load_project(fs, ctx.config, p.folder, options);
  const signoff::Content then_content = signoff::content_of(then.project);
  const auto then_digest = then_content.records.find(plan);
  if (then_digest == then_content.records.end() || then_digest->second != signed_digest->second) {
    out.unknown =
        "commit " + author->commit + ", which added the baseline's sign-off, does not hold the signed plan.yaml";
    return out;
  }
  out.version = std::move(then.project);
  out.commit = author->commit;
  return out;
}

// Returns the milestone of `plan` due last (the first of a tie), or nullptr when none is dated.
const model::Milestone* last_milestone(const model::Plan& plan)
{
  const model::Milestone* last = nullptr;
  for (const auto& m : plan.milestones) {
    if (m.due.has() && (last == nullptr || *m.due > *last->due)) {
      last = &m;
    }
  }
  return last;
}

void check_hf509(Context& ctx)
{
  const auto& p = ctx.project;
  if (!p.card.go_live.has()) {
    return;
  }
  const bool any = std::any_of(p.changes.begin(), p.changes.end(), [](const Change& c) {
    return c.decided() && c.schedule_days.has() && *c.schedule_days != 0;
  });
  if (!any) {
    return;
  }
  const support::Date go_live = *p.card.go_live;
  const SignedPlan signed_ = signed_plan(ctx);
  const model::Milestone* last = last_milestone(signed_.version ? signed_.version->plan : p.plan);
  if (last == nullptr || *last->due > go_live) {
    return;  // no dated plan, or one already past go-live (HF404)
  }
  // Running total in file order; the finding points at the change that tips the plan past go-live.
  double total = 0;
  const Change* tipping = nullptr;
  std::vector<std::string> ids;
  std::vector<std::string> parts;
  for (const auto& c : p.changes) {
    if (!c.decided() || !c.schedule_days.has() || *c.schedule_days == 0) {
      continue;
    }
    total += *c.schedule_days;
    const std::string sign = *c.schedule_days > 0 ? "+" : "";
    parts.push_back((c.id.has() ? *c.id + " " : "") + sign + format_number(*c.schedule_days));
    if (c.id.has()) {
      ids.push_back(*c.id);
    }
    const auto days = static_cast<long long>(std::ceil(total - 1e-9));
    if (tipping == nullptr && last->due->plus_days(days) > go_live) {
      tipping = &c;
    }
  }
  const auto days = static_cast<long long>(std::ceil(total - 1e-9));
  const support::Date moved = last->due->plus_days(days);
  if (days <= 0 || moved <= go_live || tipping == nullptr) {
    return;
  }
  if (last->id.has()) {
    ids.push_back(*last->id);
  }
  const std::string due = signed_.version
                              ? "due " + last->due->str() + " in the signed plan (commit " + signed_.commit + ")"
                              : "due " + last->due->str();
  const std::string basis =
      signed_.unknown.empty()
          ? std::string()
          : " (judged on the current plan.yaml, which changed since the baseline: " + signed_.unknown + ")";
  ctx.report(Record::changes, tipping->schedule_days.pos,
             "approved changes move the plan " + support::plural(days, "day") + " (" + support::join_words(parts, ", ")
                 + "): the last milestone " + describe(last->id, last->name, last->pos) + ", " + due + ", moves to "
                 + moved.str() + ", " + support::plural(support::days_between(go_live, moved), "day")
                 + " after the promised go-live " + go_live.str() + basis
                 + "; agree a new go-live date with the customer, or win the days back elsewhere in the plan",
             ids);
}

void check_hf510(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    const model::Approval* sales = nullptr;
    const model::Approval* implementation = nullptr;
    for (const auto& a : c.approvals) {
      if (!a.role.has() || !a.by.has() || *a.role == "customer") {
        continue;
      }
      if (*a.role == "sales" && sales == nullptr) {
        sales = &a;
      } else if (*a.role == "implementation" && implementation == nullptr) {
        implementation = &a;
      }
      if (ctx.config.has_registry && ctx.config.person(*a.by) == nullptr) {
        continue;  // HF007 reports an unknown person
      }
      const std::vector<std::string> roles = ctx.roles_of(*a.by);
      if (std::find(roles.begin(), roles.end(), *a.role) != roles.end()) {
        continue;
      }
      const std::string where = ctx.config.has_registry ? " in handoff.yaml" : " in the team of project.yaml";
      ctx.report(Record::changes, a.by.pos,
                 describe(c) + " is approved for " + *a.role + " by " + *a.by + ", who holds "
                     + (roles.empty() ? std::string("no role") : "only " + support::join_words(roles, ", ")) + where
                     + "; the " + *a.role + " owner approves for " + *a.role,
                 {*a.by});
    }
    if (sales != nullptr && implementation != nullptr && *sales->by == *implementation->by) {
      ctx.report(Record::changes, implementation->by.pos,
                 describe(c) + " is approved by " + *sales->by
                     + " for both sales and implementation; each side approves for itself, so two people must agree: "
                       "the other side's owner approves",
                 {*sales->by});
    }
  }
}

void check_hf511(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    for (const auto& a : c.approvals) {
      if (!a.date.has()) {
        continue;
      }
      const std::string who = (a.role.has() ? *a.role + " approval" : std::string("approval"))
                              + (a.by.has() ? " by " + *a.by : std::string());
      if (*a.date > ctx.today) {
        ctx.report(Record::changes, a.date.pos,
                   "the " + who + " of " + describe(c) + " is dated " + a.date->str() + ", "
                       + support::plural(support::days_between(ctx.today, *a.date), "day") + " after today ("
                       + ctx.today.str() + "); an approval is recorded once it was given: correct the date",
                   ids_of(c.id));
      } else if (c.date.has() && *a.date < *c.date) {
        ctx.report(Record::changes, a.date.pos,
                   "the " + who + " of " + describe(c) + " is dated " + a.date->str() + ", "
                       + support::plural(support::days_between(*a.date, *c.date), "day")
                       + " before the request itself (" + c.date->str()
                       + "); a change is approved after it was requested: correct the dates",
                   ids_of(c.id));
      }
    }
  }
}

void check_hf512(Context& ctx)
{
  if (!tracking_dates(ctx)) {
    return;
  }
  const long long allowed = ctx.config.response_days();
  for (const auto& c : ctx.project.changes) {
    if (c.status.has() ? *c.status != "proposed" : c.status.invalid) {
      continue;  // a change without a status is still proposed
    }
    if (!c.date.has() || c.date->plus_days(allowed) >= ctx.today) {
      continue;
    }
    ctx.report(Record::changes, c.status.written ? c.status.pos : c.pos,
               describe(c) + " has been proposed since " + c.date->str() + " ("
                   + support::plural(support::days_between(*c.date, ctx.today), "day") + "; handoff.yaml allows "
                   + support::plural(allowed, "day")
                   + " in change_response_days); assess it and approve or reject it, so the requester gets an answer",
               ids_of(c.id));
  }
}

void check_hf513(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.decided() || !c.classification.has() || *c.classification != "value_added" || c.effort_days.has()
        || c.effort_days.invalid) {
      continue;
    }
    ctx.report(Record::changes, c.has_impact ? c.impact_pos : c.pos,
               "value_added " + describe(c) + " is " + *c.status
                   + " without impact effort_days; a free concession still costs the team effort: record it in "
                     "impact: effort_days: so the portfolio can count what was given away",
               ids_of(c.id));
  }
}

}  // namespace

std::vector<Rule> control_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF502", Gate::control, Severity::error, "Approved change without sales and implementation approval",
       "A change request is approved only when both sides agree: sales, who answers to the customer for price "
       "and relationship, and implementation, who must build it. An approved or implemented change needs an "
       "entry under `approvals:` with `role: sales` and one with `role: implementation`, each with who approved "
       "it and when.",
       "status: approved\napprovals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n"
       "  - role: implementation\n    by: zhang.min\n    date: 2026-11-04\n",
       check_hf502},
      {"HF503", Gate::control, Severity::error, "Billable change without customer approval or impact",
       "An `out_of_scope` change is billable: once approved (or implemented) the customer must have agreed to it, "
       "and the record must say what it costs them and what it takes. Add an approval with `role: customer` (its "
       "`by` is the customer's name) and `impact:` with `cost:` and `effort_days:`. If the change is given away "
       "for free, classify it `value_added` instead.",
       "classification: out_of_scope\nimpact:\n  effort_days: 5\n  cost: 20000\nstatus: approved\napprovals:\n"
       "  - role: customer\n    by: Wang Fang\n    date: 2026-11-06\n",
       check_hf503},
      {"HF504", Gate::control, Severity::error, "Change implemented before it was approved",
       "A change request is approved first and implemented after; otherwise the change log only records scope "
       "creep after the fact. The rule fires when `implemented:` is earlier than the latest approval date, when "
       "a change has an `implemented:` date but is not approved or implemented, and when none of its approvals "
       "has a date, so the order cannot be shown. Approve before implementing, or correct the dates.",
       "status: implemented\napprovals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n"
       "implemented: 2026-11-20\n",
       check_hf504},
      {"HF505", Gate::control, Severity::error, "Change past proposed without classification",
       "Whether a change is `in_scope`, a free `value_added` concession or billable `out_of_scope` is the "
       "decision sales and implementation most often disagree on, so it is recorded as soon as the change has "
       "been assessed. Set `classification:` on every change that is assessed, approved, rejected or "
       "implemented.",
       "status: assessed\nclassification: out_of_scope\n", check_hf505},
      {"HF506", Gate::control, Severity::warning, "Milestone overdue",
       "A milestone whose due date has passed and whose status is not `done` or `accepted` is either late or its "
       "record is stale; either way the status report to sales is wrong. Update its status (and `done:` date), "
       "or re-plan it. Raised only while the project is in delivery or acceptance, against `--today`.",
       "due: 2026-11-15\nstatus: done\ndone: 2026-11-14\n", check_hf506},
      {"HF507", Gate::control, Severity::warning, "Open risk past its review date",
       "A live risk (status `open` or `occurred`, or no status) must be looked at again by its `review_by:` date; a "
       "register "
       "nobody reviews does not protect the project. Review the risk, then set the next `review_by:` or change "
       "its status. Raised only while the project is in delivery or acceptance, against `--today`.",
       "status: open\nreview_by: 2026-12-01\n", check_hf507},
      {"HF508", Gate::control, Severity::warning, "Status report overdue",
       "The PM reports to sales every `reporting.cadence_days` days, so that the people who made the promises "
       "hear about problems early. The next report is due `cadence_days` after `last_report:`; with no "
       "`last_report:` yet, the first is due `cadence_days` after the delivery start (`contract.start`, else "
       "`contract.signed`). Send the report and record its date. Raised only while the project is in delivery "
       "or acceptance, against `--today`.",
       "reporting:\n  cadence_days: 7\n  last_report: 2026-11-18\n", check_hf508},
      {"HF509", Gate::control, Severity::warning, "Approved schedule impact pushes the plan past go-live",
       "Each approved or implemented change may move the plan by its `impact.schedule_days`. When their sum moves "
       "the last milestone's due date past the promised go-live (`contract.go_live`), the promise no longer holds "
       "even if every milestone is on time. The days are added to the plan the baseline signed, so a change "
       "already carried into plan.yaml does not count twice: when plan.yaml changed since the baseline, its "
       "signed version is read from the commit that added the baseline's sign-off (and used only when its digest "
       "is the signed one); without that history the current plan is judged, and the finding says so. Agree a new "
       "go-live date with the customer, or win the days back elsewhere in the plan.",
       "# last milestone due 2027-01-05, go_live 2027-01-15\nimpact:\n  schedule_days: 3\n", check_hf509},
      {"HF510", Gate::control, Severity::error, "Approval by someone without the role, or one person for both sides",
       "A change is agreed by two sides: sales answers for price and the customer relationship, implementation "
       "for what it takes to build. An approval counts only when its `by` holds its `role` (the registry's "
       "`roles:`, or without a registry the team of project.yaml), and the sales and the implementation "
       "approvals must come from two different people. Customer approvals are exempt: their `by` is the "
       "customer's name. Have the role's owner approve.",
       "approvals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n  - role: implementation\n"
       "    by: zhang.min\n    date: 2026-11-04\n",
       check_hf510},
      {"HF511", Gate::control, Severity::error, "Approval dated after today or before the request",
       "An approval records a decision that was taken: it cannot be dated after today (`--today`), nor before "
       "the change request's own `date:`. Such dates are typing mistakes or approvals written in advance; "
       "correct them.",
       "- id: CR-001\n  date: 2026-11-02\n  approvals:\n    - role: sales\n      by: li.wei\n      date: "
       "2026-11-05\n",
       check_hf511},
      {"HF512", Gate::control, Severity::warning, "Change request left proposed",
       "A customer who asks for a change deserves an answer. A change request still `proposed` (or without a "
       "status) more than `change_response_days` days after its `date:` (handoff.yaml, default 10) has not been "
       "assessed: assess it, then approve or reject it. Raised only while the project is in delivery or "
       "acceptance, against `--today`.",
       "# handoff.yaml\nchange_response_days: 10\n# changes.yaml\n- id: CR-003\n  date: 2026-11-17\n"
       "  status: assessed\n",
       check_hf512},
      {"HF513", Gate::control, Severity::warning, "Free concession without effort",
       "A `value_added` change is given to the customer for free, but it still costs the team time. Once it is "
       "approved or implemented, record `impact.effort_days` so that the portfolio counts what was given away "
       "and the plan accounts for it.",
       "classification: value_added\nimpact:\n  effort_days: 2\nstatus: approved\n", check_hf513},
  };
}

}  // namespace handoff::rules
