// Gate `feasibility` (HF301–HF307): the Technical Feasibility Report backs what was sold —
// every in-scope requirement assessed by implementation or presales, and the promised go-live
// within the estimate.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "forecast/render.hpp"
#include "rules/describe.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

namespace {

using rules::describe;

using model::Record;
using model::Requirement;

// Returns how a finding names the requirement an assessment is about.
std::string describe(const model::Project& project, const std::string& id)
{
  const Requirement* req = project.requirement(id);
  return req != nullptr ? describe(*req) : id;
}

void check_hf301(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::feasibility).broken) {
    return;  // the assessments are unknown: HF001 already reports the file
  }
  std::set<std::string> assessed;
  for (const auto& a : p.feasibility.assessments) {
    if (a.requirement.has()) {
      assessed.insert(*a.requirement);
    }
  }
  for (const auto& req : p.requirements) {
    if (req.id.has() && req.in_scope() && assessed.count(*req.id) == 0) {
      ctx.report(Record::requirements, req.pos,
                 "requirement " + describe(req)
                     + " has no feasibility assessment; have implementation assess it and add it to assessments: "
                       "in feasibility.yaml with a verdict",
                 {*req.id});
    }
  }
}

void check_hf302(Context& ctx)
{
  const auto& p = ctx.project;
  for (const auto& a : p.feasibility.assessments) {
    if (!a.requirement.has() || !a.verdict.has() || *a.verdict != "infeasible") {
      continue;
    }
    const Requirement* req = p.requirement(*a.requirement);
    if (req == nullptr || !req->is_must_or_should()) {
      continue;
    }
    ctx.report(Record::requirements, req->priority.pos,
               "requirement " + describe(*req) + " is assessed infeasible but is still " + *req->priority
                   + "; agree an alternative with the customer and lower it to could or wont, or have it re-assessed",
               {*a.requirement});
  }
}

void check_hf303(Context& ctx)
{
  const auto& p = ctx.project;
  for (const auto& a : p.feasibility.assessments) {
    if (!a.verdict.has() || *a.verdict != "customization" || a.effort_days.has()) {
      continue;
    }
    const std::string what = a.requirement.has() ? "of requirement " + describe(p, *a.requirement) + " " : "";
    ctx.report(Record::feasibility, a.pos,
               "assessment " + what
                   + "says customization but has no effort_days; estimate the custom work in person-days",
               a.requirement.has() ? std::vector<std::string>{*a.requirement} : std::vector<std::string>{});
  }
}

void check_hf304(Context& ctx)
{
  const auto& card = ctx.project.card;
  const auto& f = ctx.project.feasibility;
  const auto start = card.delivery_start();
  if (!start || !card.go_live.has() || !f.duration_weeks.has()) {
    return;
  }
  // Calendar days from the delivery start; a part-day still needs the whole day.
  const support::Date supported = *ctx.project.estimated_go_live();
  const long long gap = support::days_between(*card.go_live, supported);
  if (gap <= 0) {
    return;
  }
  // The finding points at the promise: it was made before (or without) the assessment.
  ctx.report(Record::project, card.go_live.pos,
             "the promise outruns the assessment: go-live " + card.go_live->str() + " is promised, but the estimate of "
                 + format_number(*f.duration_weeks) + " weeks from " + start->str() + " supports " + supported.str()
                 + " at the earliest (" + support::plural(gap, "day")
                 + " later); renegotiate the date or re-plan the scope");
}

void check_hf305(Context& ctx)
{
  const auto& p = ctx.project;
  const auto& file = p.file(Record::feasibility);
  const auto& by = p.feasibility.assessed_by;
  if (file.broken) {
    return;
  }
  if (!file.exists) {
    ctx.report(Record::project, ctx.stage_pos(),
               "no feasibility assessment recorded; add feasibility.yaml with assessed_by: (the implementation or "
               "presales person who assessed the requirements), the estimate and an assessment per requirement");
    return;
  }
  if (!by.has()) {
    ctx.report(Record::feasibility, p.feasibility.pos,
               "feasibility.yaml does not say who assessed it; add assessed_by: with the implementation or presales "
               "person who made the estimate");
    return;
  }
  const auto& config = ctx.config;
  if (config.has_registry) {
    const model::Person* person = config.person(*by);
    if (person == nullptr) {
      return;  // HF007 reports a person missing from the registry
    }
    std::vector<std::string> roles;
    for (const auto& role : person->roles.items) {
      if (!role.has()) {
        continue;
      }
      if (*role == "implementation" || *role == "presales") {
        return;
      }
      roles.push_back(*role);
    }
    const std::string held = roles.empty() ? "no roles" : "roles " + support::join_words(roles, ", ");
    ctx.report(Record::feasibility, by.pos,
               "assessed_by " + *by + " holds neither the implementation nor the presales role (handoff.yaml gives "
                   + held
                   + "); have implementation or presales assess the requirements, or add the role in "
                     "handoff.yaml if they hold it",
               {*by});
    return;
  }
  for (const char* role : {"implementation", "presales"}) {
    const model::TeamMember* m = p.card.member(role);
    if (m != nullptr && m->person.has() && *m->person == *by) {
      return;
    }
  }
  ctx.report(Record::feasibility, by.pos,
             "assessed_by " + *by
                 + " is neither the implementation nor the presales member of the team; have them assess the "
                   "requirements, or name the assessor under team: as implementation: or presales:",
             {*by});
}

void check_hf306(Context& ctx)
{
  const auto& p = ctx.project;
  double total = 0;
  double must = 0;
  std::vector<std::string> ids;
  core::Pos first;
  for (const auto& a : p.feasibility.assessments) {
    if (!a.effort_days.has()) {
      continue;
    }
    total += *a.effort_days;
    const Requirement* req = a.requirement.has() ? p.requirement(*a.requirement) : nullptr;
    if (req != nullptr && req->is_must()) {
      must += *a.effort_days;
      if (ids.empty()) {
        first = a.pos;
      }
      if (std::find(ids.begin(), ids.end(), *a.requirement) == ids.end()) {
        ids.push_back(*a.requirement);
      }
    }
  }
  if (total <= 0 || must <= 0.6 * total) {
    return;
  }
  const double share = 100.0 * must / total;
  // Never print "60%" for a share just over the limit.
  const std::string percent = std::round(share) > 60 ? format_number(std::round(share)) : format_number(share);
  ctx.report(Record::feasibility, first,
             "must requirements take " + format_number(must) + " of the " + format_number(total)
                 + " assessed effort days (" + percent
                 + "%, over 60%), leaving little scope to trade if delivery slips; review the priorities with the "
                   "customer",
             ids);
}

void check_hf307(Context& ctx)
{
  const auto& rec = ctx.project.feasibility.recommendation;
  if (!rec.has() || *rec != "no_go") {
    return;
  }
  ctx.report(Record::feasibility, rec.pos,
             "the feasibility assessment recommends no_go, but the contract is signed; escalate to management, "
             "resolve the blockers with the customer and re-assess to go or go_with_conditions");
}

void check_hf308(Context& ctx)
{
  const auto& p = ctx.project;
  const auto& card = p.card;
  const auto& f = p.feasibility;
  if (ctx.reference == nullptr || (p.stage() != core::Stage::contracted && p.stage() != core::Stage::handoff)) {
    return;  // the promise can be renegotiated only before delivery starts
  }
  const auto start = card.delivery_start();
  if (!start || !card.go_live.has() || !f.duration_weeks.has() || *f.duration_weeks <= 0) {
    return;
  }
  // A promise the estimate itself does not support is HF304's: fix the estimate's gap first.
  if (support::days_between(*card.go_live, *p.estimated_go_live()) > 0) {
    return;
  }
  const forecast::Forecast& fc = *ctx.forecast();  // the evaluation's one forecast of the project
  if (!fc.p50_date || support::days_between(*card.go_live, *fc.p50_date) <= 0) {
    return;
  }
  ctx.report(Record::project, card.go_live.pos,
             "the promise outruns the workspace's history: go-live " + card.go_live->str()
                 + " is promised, but the reference class of " + forecast::describe_class(fc) + " took a median "
                 + forecast::ratio_text(fc.schedule.p50) + " times their estimated duration, so the estimate of "
                 + format_number(*f.duration_weeks) + " weeks from " + start->str() + " forecasts " + fc.p50_date->str()
                 + " (P50; P80 " + fc.p80_date->str() + "), " + support::plural(*fc.days_to_p50, "day")
                 + " later; renegotiate the date, or record why this project will beat its class (`handoff "
                   "forecast "
                 + p.folder + "`)",
             fc.schedule.ids);
}

}  // namespace

std::vector<Rule> feasibility_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF301", Gate::feasibility, Severity::error, "In-scope requirement without assessment",
       "Every requirement that is in scope (priority not `wont`) must have been looked at by implementation before "
       "the handoff, or the estimate does not cover it. Add an entry for it under `assessments:` in "
       "feasibility.yaml with a verdict (standard, configuration, customization or infeasible).",
       "assessments:\n  - requirement: REQ-001\n    verdict: configuration\n    effort_days: 10\n", check_hf301},
      {"HF302", Gate::feasibility, Severity::error, "Infeasible requirement still must/should",
       "Implementation has said a requirement cannot be delivered, yet it is still promised as must or should: "
       "the customer will expect it and acceptance will fail. Agree an alternative with the customer and lower "
       "the priority to `could` or `wont`, or have implementation re-assess it.",
       "# requirements.yaml\n- id: REQ-009\n  priority: wont\n# feasibility.yaml\n- requirement: REQ-009\n"
       "  verdict: infeasible\n",
       check_hf302},
      {"HF303", Gate::feasibility, Severity::error, "Customization without effort estimate",
       "Custom development is where projects overrun; an assessment that says `customization` without "
       "`effort_days` leaves the cost of that work out of the estimate. Have implementation estimate it in "
       "person-days.",
       "- requirement: REQ-004\n  verdict: customization\n  effort_days: 15\n", check_hf303},
      {"HF304", Gate::feasibility, Severity::error, "Promised go-live earlier than the estimate allows",
       "The go-live date promised to the customer (`contract.go_live`) is earlier than the delivery start "
       "(`contract.start`, else `contract.signed`) plus the assessed duration (`estimate.duration_weeks` x 7 days, "
       "rounded up to a whole day). That gap is the classic lost project: renegotiate the date with the customer, "
       "or re-plan the scope so the estimate fits.",
       "# project.yaml\ncontract:\n  start: 2026-10-08\n  go_live: 2027-04-15\n# feasibility.yaml\nestimate:\n"
       "  duration_weeks: 26\n",
       check_hf304},
      {"HF305", Gate::feasibility, Severity::error, "Assessment not made by implementation or presales",
       "Only the people who will build the solution can say what it takes; an estimate without an assessor, or "
       "made by someone without an implementation or presales role, cannot back a promise. Set `assessed_by:`. "
       "With a people registry the person needs the implementation or presales role in handoff.yaml; without "
       "one, they must be the team's `implementation` or `presales` member.",
       "assessed_by: zhang.min\n", check_hf305},
      {"HF306", Gate::feasibility, Severity::warning, "Must requirements take most of the effort",
       "When must requirements take over 60% of the assessed effort (the sum of `effort_days` of the assessments), "
       "there is little lower-priority scope to trade if the project slips, and every delay becomes a broken "
       "promise. Review the priorities with the customer, or accept the risk knowingly.",
       "# 100 of 200 assessed days on must requirements (50%)\n", check_hf306},
      {"HF307", Gate::feasibility, Severity::error, "Recommendation no_go on a contracted project",
       "Implementation recommended not to do the project, yet the contract is signed. Escalate to management, "
       "resolve the blockers with the customer, and re-assess to `go` or `go_with_conditions` with the conditions "
       "listed.",
       "recommendation: go_with_conditions\nconditions: [Customer provides ERP test system by M1]\n", check_hf307},
      {"HF308", Gate::feasibility, Severity::warning, "Promised go-live earlier than the history forecasts",
       "Estimates are optimistic, and the workspace's closed projects know by how much. The reference class is "
       "every closed project with `contract.start`, `estimate.duration_weeks` and `closure.went_live` (only those "
       "of the same `customer.industry` when at least `forecast.min_class` share it); each overran its estimate "
       "by a ratio, and the median ratio (P50) stretches this project's estimate to the date it will more likely "
       "go live. A promise earlier than that date is a coin flip at best. The rule speaks only at `contracted` "
       "and `handoff`, while the promise can still be renegotiated, only when the class has at least "
       "`forecast.min_class` projects (handoff.yaml, default 5), and not when HF304 already reports the promise "
       "outrunning the estimate itself. Renegotiate the date, or record why this project will do better than its "
       "class. `handoff forecast ID` shows the class, the ratios and both dates.",
       "# feasibility.yaml: 20 weeks from 2026-11-02; the closed projects of the class took a median 1.10\n"
       "# times their estimate: 20 x 7 x 1.10 = 154 days, P50 2027-04-05\n# project.yaml\ncontract:\n"
       "  start: 2026-11-02\n  go_live: 2027-04-16\n",
       check_hf308},
  };
}

}  // namespace handoff::rules
