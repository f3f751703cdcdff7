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
                 {"requirement " + describe(req)
                      + " has no feasibility assessment; have implementation assess it and add it to assessments: "
                        "in feasibility.yaml with a verdict",
                  "需求 " + describe_zh(req)
                      + " 没有可行性评估；请由实施团队评估，并在 feasibility.yaml 的 assessments: "
                        "下添加带结论（verdict）的评估"},
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
               {"requirement " + describe(*req) + " is assessed infeasible but is still " + *req->priority
                    + "; agree an alternative with the customer and lower it to could or wont, or have it re-assessed",
                "需求 " + describe_zh(*req) + " 被评估为不可行（infeasible），但优先级仍为 " + *req->priority
                    + "；请与客户商定替代方案并将其降为 could 或 wont，或请实施团队重新评估"},
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
    const std::string what_zh = a.requirement.has() ? "需求 " + describe(p, *a.requirement) + " 的" : "";
    ctx.report(
        Record::feasibility, a.pos,
        {"assessment " + what + "says customization but has no effort_days; estimate the custom work in person-days",
         what_zh + "评估结论为 customization（定制开发），但没有 effort_days；请以人天估算定制工作量"},
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
             {"the promise outruns the assessment: go-live " + card.go_live->str()
                  + " is promised, but the estimate of " + format_number(*f.duration_weeks) + " weeks from "
                  + start->str() + " supports " + supported.str() + " at the earliest (" + support::plural(gap, "day")
                  + " later); renegotiate the date or re-plan the scope",
              "承诺超出了评估：承诺上线日期为 " + card.go_live->str() + "，但按评估的 "
                  + format_number(*f.duration_weeks) + " 周工期从 " + start->str() + " 起算，最早只能在 "
                  + supported.str() + " 上线（晚 " + std::to_string(gap) + " 天）；请重新商定日期或重新规划范围"});
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
               {"no feasibility assessment recorded; add feasibility.yaml with assessed_by: (the implementation or "
                "presales person who assessed the requirements), the estimate and an assessment per requirement",
                "尚未记录可行性评估；请添加 feasibility.yaml，写明 assessed_by:（评估需求的实施或售前人员）、"
                "估算，以及每条需求的评估"});
    return;
  }
  if (!by.has()) {
    ctx.report(Record::feasibility, p.feasibility.pos,
               {"feasibility.yaml does not say who assessed it; add assessed_by: with the implementation or presales "
                "person who made the estimate",
                "feasibility.yaml 未注明评估人；请添加 assessed_by:，填写做出估算的实施或售前人员"});
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
    const std::string held_zh = roles.empty() ? "没有角色" : "角色为 " + support::join_words(roles, ", ");
    ctx.report(Record::feasibility, by.pos,
               {"assessed_by " + *by + " holds neither the implementation nor the presales role (handoff.yaml gives "
                    + held
                    + "); have implementation or presales assess the requirements, or add the role in "
                      "handoff.yaml if they hold it",
                "assessed_by " + *by + " 既不担任 implementation 角色也不担任 presales 角色（handoff.yaml 中" + held_zh
                    + "）；请由实施或售前人员评估需求；如此人确实担任该角色，请在 handoff.yaml 中补上"},
               {*by});
    return;
  }
  for (const char* role : {"implementation", "presales"}) {
    const model::TeamMember* m = p.card.member(role);
    if (m != nullptr && m->person.has() && *m->person == *by) {
      return;
    }
  }
  ctx.report(
      Record::feasibility, by.pos,
      {"assessed_by " + *by
           + " is neither the implementation nor the presales member of the team; have them assess the "
             "requirements, or name the assessor under team: as implementation: or presales:",
       "assessed_by " + *by
           + " 不是团队中的实施或售前成员；请由他们评估需求，或在 team: 下将评估人列为 implementation: 或 presales:"},
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
             {"must requirements take " + format_number(must) + " of the " + format_number(total)
                  + " assessed effort days (" + percent
                  + "%, over 60%), leaving little scope to trade if delivery slips; review the priorities with the "
                    "customer",
              "must 需求占评估工作量 " + format_number(total) + " 人天中的 " + format_number(must) + " 人天（" + percent
                  + "%，超过 60%），交付延误时几乎没有可以取舍的范围；请与客户重新审视优先级"},
             ids);
}

void check_hf307(Context& ctx)
{
  const auto& rec = ctx.project.feasibility.recommendation;
  if (!rec.has() || *rec != "no_go") {
    return;
  }
  ctx.report(Record::feasibility, rec.pos,
             {"the feasibility assessment recommends no_go, but the contract is signed; escalate to management, "
              "resolve the blockers with the customer and re-assess to go or go_with_conditions",
              "可行性评估建议 no_go（不实施），但合同已经签订；请上报管理层，与客户解决阻碍因素，并重新评估为 go 或 "
              "go_with_conditions"});
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
             {"the promise outruns the workspace's history: go-live " + card.go_live->str()
                  + " is promised, but the reference class of " + forecast::describe_class(fc) + " took a median "
                  + forecast::ratio_text(fc.schedule.p50) + " times their estimated duration, so the estimate of "
                  + format_number(*f.duration_weeks) + " weeks from " + start->str() + " forecasts "
                  + fc.p50_date->str() + " (P50; P80 " + fc.p80_date->str() + "), "
                  + support::plural(*fc.days_to_p50, "day")
                  + " later; renegotiate the date, or record why this project will beat its class (`handoff "
                    "forecast "
                  + p.folder + "`)",
              "承诺超出了工作区的历史经验：承诺上线日期为 " + card.go_live->str() + "，但参考类（"
                  + forecast::describe_class_zh(fc) + "）的实际工期中位数为估算工期的 "
                  + forecast::ratio_text(fc.schedule.p50) + " 倍，因此按 " + format_number(*f.duration_weeks)
                  + " 周的估算从 " + start->str() + " 起算，预测上线日期为 " + fc.p50_date->str() + "（P50；P80 为 "
                  + fc.p80_date->str() + "），晚 " + std::to_string(*fc.days_to_p50)
                  + " 天；请重新商定日期，或记录本项目为何能优于同类项目（`handoff forecast " + p.folder + "`）"},
             fc.schedule.ids);
}

}  // namespace

std::vector<Rule> feasibility_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF301", Gate::feasibility, Severity::error, "In-scope requirement without assessment", "范围内需求尚未评估",
       "Every requirement that is in scope (priority not `wont`) must have been looked at by implementation before "
       "the handoff, or the estimate does not cover it. Add an entry for it under `assessments:` in "
       "feasibility.yaml with a verdict (standard, configuration, customization or infeasible).",
       "每条范围内的需求（优先级不是 `wont`）都必须在交接前经过实施团队评估，否则估算不包含它。请在 feasibility.yaml "
       "的 `assessments:` 下为它添加一条评估，并给出结论（standard、configuration、customization 或 infeasible）。",
       "assessments:\n  - requirement: REQ-001\n    verdict: configuration\n    effort_days: 10\n", check_hf301},
      {"HF302", Gate::feasibility, Severity::error, "Infeasible requirement still must/should",
       "不可行的需求仍为必须或应该",
       "Implementation has said a requirement cannot be delivered, yet it is still promised as must or should: "
       "the customer will expect it and acceptance will fail. Agree an alternative with the customer and lower "
       "the priority to `could` or `wont`, or have implementation re-assess it.",
       "实施团队已判定某条需求无法交付，但它仍作为 must 或 should "
       "被承诺：客户会期待它，验收也会失败。请与客户商定替代方案，将优先级降为 `could` 或 "
       "`wont`，或请实施团队重新评估。",
       "# requirements.yaml\n- id: REQ-009\n  priority: wont\n# feasibility.yaml\n- requirement: REQ-009\n"
       "  verdict: infeasible\n",
       check_hf302},
      {"HF303", Gate::feasibility, Severity::error, "Customization without effort estimate", "定制开发缺少工作量估算",
       "Custom development is where projects overrun; an assessment that says `customization` without "
       "`effort_days` leaves the cost of that work out of the estimate. Have implementation estimate it in "
       "person-days.",
       "定制开发是项目超支的高发区；结论为 `customization` 却没有 `effort_days` "
       "的评估，使这部分工作的成本没有计入估算。请由实施团队以人天估算。",
       "- requirement: REQ-004\n  verdict: customization\n  effort_days: 15\n", check_hf303},
      {"HF304", Gate::feasibility, Severity::error, "Promised go-live earlier than the estimate allows",
       "承诺上线日期早于估算可达日期",
       "The go-live date promised to the customer (`contract.go_live`) is earlier than the delivery start "
       "(`contract.start`, else `contract.signed`) plus the assessed duration (`estimate.duration_weeks` x 7 days, "
       "rounded up to a whole day). That gap is the classic lost project: renegotiate the date with the customer, "
       "or re-plan the scope so the estimate fits.",
       "向客户承诺的上线日期（`contract.go_live`）早于交付开始日期（`contract.start`，没有则为 "
       "`contract.signed`）加上评估工期（`estimate.duration_weeks` × 7 "
       "天，向上取整到整天）。这种差距是项目失败的典型原因：请与客户重新商定日期，或重新规划范围，使估算能够满足。",
       "# project.yaml\ncontract:\n  start: 2026-10-08\n  go_live: 2027-04-15\n# feasibility.yaml\nestimate:\n"
       "  duration_weeks: 26\n",
       check_hf304},
      {"HF305", Gate::feasibility, Severity::error, "Assessment not made by implementation or presales",
       "评估人不是实施或售前人员",
       "Only the people who will build the solution can say what it takes; an estimate without an assessor, or "
       "made by someone without an implementation or presales role, cannot back a promise. Set `assessed_by:`. "
       "With a people registry the person needs the implementation or presales role in handoff.yaml; without "
       "one, they must be the team's `implementation` or `presales` member.",
       "只有负责构建方案的人才能说清需要多少投入；没有评估人的估算，或由不担任实施或售前角色的人做出的估算，无法支撑承"
       "诺。请设置 `assessed_by:`。有人员名册时，此人在 handoff.yaml 中须担任 implementation 或 presales "
       "角色；没有名册时，须是项目 `team:` 中的 implementation 或 presales 成员。",
       "assessed_by: zhang.min\n", check_hf305},
      {"HF306", Gate::feasibility, Severity::warning, "Must requirements take most of the effort",
       "必须类需求占工作量比例过高",
       "When must requirements take over 60% of the assessed effort (the sum of `effort_days` of the assessments), "
       "there is little lower-priority scope to trade if the project slips, and every delay becomes a broken "
       "promise. Review the priorities with the customer, or accept the risk knowingly.",
       "当 must 需求占评估工作量（各评估的 `effort_days` 之和）超过 60% "
       "时，项目延误时几乎没有低优先级范围可以取舍，每一次延误都会变成违背承诺。请与客户重新审视优先级，或在知情的前提"
       "下接受该风险。",
       "# 100 of 200 assessed days on must requirements (50%)\n", check_hf306},
      {"HF307", Gate::feasibility, Severity::error, "Recommendation no_go on a contracted project",
       "已签约项目的评估结论为不建议实施",
       "Implementation recommended not to do the project, yet the contract is signed. Escalate to management, "
       "resolve the blockers with the customer, and re-assess to `go` or `go_with_conditions` with the conditions "
       "listed.",
       "实施团队建议不做该项目，但合同已经签订。请上报管理层，与客户解决阻碍因素，并重新评估为 `go` 或 "
       "`go_with_conditions`（列明条件）。",
       "recommendation: go_with_conditions\nconditions: [Customer provides ERP test system by M1]\n", check_hf307},
      {"HF308", Gate::feasibility, Severity::warning, "Promised go-live earlier than the history forecasts",
       "承诺上线日期早于历史数据预测的日期",
       "Estimates are optimistic, and the workspace's closed projects know by how much. The reference class is "
       "every closed project with `contract.start`, `estimate.duration_weeks` and `closure.went_live` (only those "
       "of the same `customer.industry` when at least `forecast.min_class` share it); each overran its estimate "
       "by a ratio, and the median ratio (P50) stretches this project's estimate to the date it will more likely "
       "go live. A promise earlier than that date is a coin flip at best. The rule speaks only at `contracted` "
       "and `handoff`, while the promise can still be renegotiated, only when the class has at least "
       "`forecast.min_class` projects (handoff.yaml, default 5), and not when HF304 already reports the promise "
       "outrunning the estimate itself. Renegotiate the date, or record why this project will do better than its "
       "class. `handoff forecast ID` shows the class, the ratios and both dates.",
       "估算总是偏乐观，而工作区中已关闭的项目知道偏了多少。参考类是所有具有 "
       "`contract.start`、`estimate.duration_weeks` 和 `closure.went_live` 的已关闭项目（当至少 `forecast.min_class` "
       "个项目属于同一 `customer.industry` "
       "时，只取该行业）；每个项目都以某个比例超出其估算，比例的中位数（P50）将本项目的估算延长到更可能的上线日期。早于"
       "该日期的承诺充其量是碰运气。本规则只在 `contracted` 和 `handoff` 阶段（承诺仍可重新商定时）、参考类至少有 "
       "`forecast.min_class` 个项目（handoff.yaml，默认 5）时生效，且 HF304 "
       "已报告承诺超出估算本身时不再报告。请重新商定日期，或记录本项目为何能优于同类项目。`handoff forecast ID` "
       "会显示参考类、比例和两个日期。",
       "# feasibility.yaml: 20 weeks from 2026-11-02; the closed projects of the class took a median 1.10\n"
       "# times their estimate: 20 x 7 x 1.10 = 154 days, P50 2027-04-05\n# project.yaml\ncontract:\n"
       "  start: 2026-11-02\n  go_live: 2027-04-16\n",
       check_hf308},
  };
}

}  // namespace handoff::rules
