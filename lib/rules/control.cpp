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

std::string describe_zh(const Change& c)
{
  return "变更申请 " + rules::describe_zh(c.id, c.title, c.pos);
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
               {describe(c) + " is " + *c.status + " without the " + (missing.size() == 1 ? "approval" : "approvals")
                    + " of " + support::join_words(missing) + "; add " + (missing.size() == 1 ? "an entry" : "entries")
                    + " to approvals: with " + support::join_words(keys) + ", who approved and when",
                describe_zh(c) + " 状态为 " + *c.status + "，但缺少 " + join_zh(missing)
                    + " 的审批；请在 approvals: 中添加 " + join_zh(keys) + " 的记录，写明审批人和日期"},
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
    std::vector<std::string> missing_zh;
    std::vector<std::string> fixes_zh;
    const bool customer = has_approval(c, "customer");
    if (!customer) {
      missing.emplace_back("customer approval");
      fixes.emplace_back("an approval with role: customer");
      missing_zh.emplace_back("客户审批");
      fixes_zh.emplace_back("一条 role: customer 的审批");
    }
    if (!c.cost.has()) {
      missing.emplace_back("impact cost");
      fixes.emplace_back("impact: cost: (the price to the customer)");
      missing_zh.emplace_back("影响评估中的费用");
      fixes_zh.emplace_back("impact: cost:（客户需支付的价格）");
    }
    if (!c.effort_days.has()) {
      missing.emplace_back("impact effort_days");
      fixes.emplace_back("impact: effort_days:");
      missing_zh.emplace_back("影响评估中的工作量");
      fixes_zh.emplace_back("impact: effort_days:");
    }
    if (missing.empty()) {
      continue;
    }
    const core::Pos pos = customer && c.has_impact ? c.impact_pos : c.pos;
    ctx.report(Record::changes, pos,
               {"out_of_scope " + describe(c) + " is " + *c.status + " without " + support::join_words(missing, " or ")
                    + "; a billable change needs the customer's agreement to its price and effort: add "
                    + support::join_words(fixes),
                "out_of_scope " + describe_zh(c) + " 状态为 " + *c.status + "，但缺少" + join_zh(missing_zh)
                    + "；收费变更需要客户同意其价格和工作量：请添加" + join_zh(fixes_zh)},
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
      const std::string state_zh = c.status.has() ? "状态为 " + *c.status : "没有状态";
      ctx.report(Record::changes, c.implemented.pos,
                 {describe(c) + " was implemented " + when + " but " + state
                      + ", so it was implemented without approval; have it approved and set status: implemented, or "
                        "remove the implemented date if it is not done",
                  describe_zh(c) + " 已于 " + when + " 实施，但" + state_zh
                      + "，即未经批准就已实施；请补办批准并设置 status: implemented，如尚未完成，请删除实施日期"},
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
                 {describe(c) + " was implemented " + when
                      + ", but none of its approvals has a date, so the log cannot show it was approved first; add "
                        "date: to each approval",
                  describe_zh(c) + " 已于 " + when
                      + " 实施，但所有审批都没有日期，无法证明是先批准后实施；请为每条审批添加 date:"},
                 ids_of(c.id));
      continue;
    }
    if (*last->date <= *c.implemented) {
      continue;
    }
    const std::string who = last->role.has() ? *last->role + ", " : "";
    ctx.report(Record::changes, c.implemented.pos,
               {describe(c) + " was implemented " + when + ", "
                    + support::plural(support::days_between(*c.implemented, *last->date), "day")
                    + " before its last approval (" + who + last->date->str()
                    + "); implement a change only once it is approved, or correct the dates",
                describe_zh(c) + " 于 " + when + " 实施，比最后一次审批（" + who + last->date->str() + "）早 "
                    + std::to_string(support::days_between(*c.implemented, *last->date))
                    + " 天；变更应在批准之后才实施，或请更正日期"},
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
               {describe(c) + " is " + *c.status
                    + " but not classified; set classification: in_scope, value_added (a free concession) or "
                      "out_of_scope (billable)",
                describe_zh(c) + " 状态为 " + *c.status
                    + "，但尚未分类；请设置 classification: in_scope、value_added（免费赠送）或 out_of_scope（收费）"},
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
               {"milestone " + describe(m.id, m.name, m.pos) + " was due " + m.due->str() + " and is not done ("
                    + support::plural(support::days_between(*m.due, ctx.today), "day")
                    + " overdue); update its status or re-plan it",
                "里程碑 " + rules::describe_zh(m.id, m.name, m.pos) + " 计划于 " + m.due->str()
                    + " 完成，但尚未完成（逾期 " + std::to_string(support::days_between(*m.due, ctx.today))
                    + " 天）；请更新其状态或重新计划"},
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
               {r.status.value_or("open") + " risk " + describe(r.id, r.title, r.pos) + " was due for review "
                    + r.review_by->str() + " (" + support::plural(support::days_between(*r.review_by, ctx.today), "day")
                    + " overdue); review it and set the next review_by:, or update its status",
                r.status.value_or("open") + " 风险 " + rules::describe_zh(r.id, r.title, r.pos) + " 应于 "
                    + r.review_by->str() + " 复核（逾期 "
                    + std::to_string(support::days_between(*r.review_by, ctx.today))
                    + " 天）；请复核并设置下一个 review_by:，或更新其状态"},
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
  const std::string every_zh = "报告周期为每 " + std::to_string(cadence) + " 天";
  const std::optional<support::Date> due = ctx.project.next_status_report();
  if (due && *due >= ctx.today) {
    return;
  }
  if (plan.last_report.has()) {
    ctx.report(Record::plan, plan.last_report.pos,
               {"status report overdue: the last was " + plan.last_report->str() + " and " + every
                    + ", so the next was due " + due->str() + " ("
                    + support::plural(support::days_between(*due, ctx.today), "day")
                    + " overdue); send the status report to sales and update last_report:",
                "状态报告逾期：上一次为 " + plan.last_report->str() + "，" + every_zh + "，下一次应于 " + due->str()
                    + " 发送（逾期 " + std::to_string(support::days_between(*due, ctx.today))
                    + " 天）；请向销售发送状态报告并更新 last_report:"});
    return;
  }
  // No report yet: the first is due one cadence after the delivery start.
  if (!due) {
    ctx.report(Record::plan, plan.cadence_days.pos,
               {"no status report is recorded, though " + every
                    + "; send the status report to sales and record its date in last_report:",
                "没有记录状态报告，但" + every_zh + "；请向销售发送状态报告，并将日期记录在 last_report: 中"});
    return;
  }
  ctx.report(Record::plan, plan.cadence_days.pos,
             {"no status report is recorded: " + every + " from the delivery start "
                  + ctx.project.card.delivery_start()->str() + ", so the first was due " + due->str() + " ("
                  + support::plural(support::days_between(*due, ctx.today), "day")
                  + " overdue); send the status report to sales and record its date in last_report:",
              "没有记录状态报告：自交付开始（" + ctx.project.card.delivery_start()->str() + "）起" + every_zh
                  + "，第一次报告应于 " + due->str() + " 发送（逾期 "
                  + std::to_string(support::days_between(*due, ctx.today))
                  + " 天）；请向销售发送状态报告，并将日期记录在 last_report: 中"});
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
  const std::string due_zh = signed_.version
                                 ? " 在签字的计划（提交 " + signed_.commit + "）中于 " + last->due->str() + " 到期"
                                 : " 原计划于 " + last->due->str() + " 完成";
  const std::string basis_zh = signed_.unknown.empty()
                                   ? std::string()
                                   : "（按当前的 plan.yaml 判断，它在基线之后有修改：" + signed_.unknown + "）";
  ctx.report(Record::changes, tipping->schedule_days.pos,
             {"approved changes move the plan " + support::plural(days, "day") + " (" + support::join_words(parts, ", ")
                  + "): the last milestone " + describe(last->id, last->name, last->pos) + ", " + due + ", moves to "
                  + moved.str() + ", " + support::plural(support::days_between(go_live, moved), "day")
                  + " after the promised go-live " + go_live.str() + basis
                  + "; agree a new go-live date with the customer, or win the days back elsewhere in the plan",
              "已批准的变更使计划推迟 " + std::to_string(days) + " 天（" + support::join_words(parts, ", ")
                  + "）：最后一个里程碑 " + rules::describe_zh(last->id, last->name, last->pos) + due_zh + "，将推迟到 "
                  + moved.str() + "，比承诺的上线日期 " + go_live.str() + " 晚 "
                  + std::to_string(support::days_between(go_live, moved)) + " 天" + basis_zh
                  + "；请与客户商定新的上线日期，或在计划的其他地方把时间追回来"},
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
      const std::string where_zh = ctx.config.has_registry ? "在 handoff.yaml 中" : "在 project.yaml 的团队中";
      ctx.report(Record::changes, a.by.pos,
                 {describe(c) + " is approved for " + *a.role + " by " + *a.by + ", who holds "
                      + (roles.empty() ? std::string("no role") : "only " + support::join_words(roles, ", ")) + where
                      + "; the " + *a.role + " owner approves for " + *a.role,
                  describe_zh(c) + " 由 " + *a.by + " 代表 " + *a.role + " 审批，但此人" + where_zh
                      + (roles.empty() ? std::string("没有角色") : "只担任 " + support::join_words(roles, ", "))
                      + "；应由 " + *a.role + " 的负责人代表 " + *a.role + " 审批"},
                 {*a.by});
    }
    if (sales != nullptr && implementation != nullptr && *sales->by == *implementation->by) {
      ctx.report(Record::changes, implementation->by.pos,
                 {describe(c) + " is approved by " + *sales->by
                      + " for both sales and implementation; each side approves for itself, so two people must agree: "
                        "the other side's owner approves",
                  describe_zh(c) + " 由 " + *sales->by
                      + " 同时代表销售和实施审批；双方各自审批，须由两个人达成一致：请由另一方的负责人审批"},
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
      const std::string who_zh =
          (a.by.has() ? *a.by + " 的" : std::string()) + (a.role.has() ? " " + *a.role + " 审批" : std::string("审批"));
      if (*a.date > ctx.today) {
        ctx.report(Record::changes, a.date.pos,
                   {"the " + who + " of " + describe(c) + " is dated " + a.date->str() + ", "
                        + support::plural(support::days_between(ctx.today, *a.date), "day") + " after today ("
                        + ctx.today.str() + "); an approval is recorded once it was given: correct the date",
                    describe_zh(c) + " 中" + who_zh + "日期为 " + a.date->str() + "，比今天（" + ctx.today.str()
                        + "）晚 " + std::to_string(support::days_between(ctx.today, *a.date))
                        + " 天；审批应在作出之后才记录：请更正日期"},
                   ids_of(c.id));
      } else if (c.date.has() && *a.date < *c.date) {
        ctx.report(
            Record::changes, a.date.pos,
            {"the " + who + " of " + describe(c) + " is dated " + a.date->str() + ", "
                 + support::plural(support::days_between(*a.date, *c.date), "day") + " before the request itself ("
                 + c.date->str() + "); a change is approved after it was requested: correct the dates",
             describe_zh(c) + " 中" + who_zh + "日期为 " + a.date->str() + "，比申请本身（" + c.date->str() + "）早 "
                 + std::to_string(support::days_between(*a.date, *c.date)) + " 天；变更应在提出之后才审批：请更正日期"},
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
               {describe(c) + " has been proposed since " + c.date->str() + " ("
                    + support::plural(support::days_between(*c.date, ctx.today), "day") + "; handoff.yaml allows "
                    + support::plural(allowed, "day")
                    + " in change_response_days); assess it and approve or reject it, so the requester gets an answer",
                describe_zh(c) + " 自 " + c.date->str() + " 提出以来已 "
                    + std::to_string(support::days_between(*c.date, ctx.today))
                    + " 天未处理（handoff.yaml 的 change_response_days 允许 " + std::to_string(allowed)
                    + " 天）；请评估并批准或拒绝，让申请人得到答复"},
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
               {"value_added " + describe(c) + " is " + *c.status
                    + " without impact effort_days; a free concession still costs the team effort: record it in "
                      "impact: effort_days: so the portfolio can count what was given away",
                "value_added " + describe_zh(c) + " 状态为 " + *c.status
                    + "，但没有 impact effort_days；免费赠送仍会占用团队工作量：请记录在 impact: effort_days: 中，"
                      "以便组合报告统计赠送了多少"},
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
       "已批准的变更缺少销售和实施的审批",
       "A change request is approved only when both sides agree: sales, who answers to the customer for price "
       "and relationship, and implementation, who must build it. An approved or implemented change needs an "
       "entry under `approvals:` with `role: sales` and one with `role: implementation`, each with who approved "
       "it and when.",
       "变更申请只有在双方都同意时才算批准：对客户负责价格和关系的销售，以及必须实施它的实施团队。已批准或已实施的变更"
       "需要在 `approvals:` 下各有一条 `role: sales` 和 `role: implementation` 的记录，并写明审批人和日期。",
       "status: approved\napprovals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n"
       "  - role: implementation\n    by: zhang.min\n    date: 2026-11-04\n",
       check_hf502},
      {"HF503", Gate::control, Severity::error, "Billable change without customer approval or impact",
       "收费变更缺少客户审批或影响评估",
       "An `out_of_scope` change is billable: once approved (or implemented) the customer must have agreed to it, "
       "and the record must say what it costs them and what it takes. Add an approval with `role: customer` (its "
       "`by` is the customer's name) and `impact:` with `cost:` and `effort_days:`. If the change is given away "
       "for free, classify it `value_added` instead.",
       "`out_of_scope` "
       "变更是收费的：一旦批准（或实施），客户必须已经同意，记录中也必须写明客户需要支付多少、需要投入多少。请添加一条 "
       "`role: customer` 的审批（其 `by` 为客户方人员姓名），以及包含 `cost:` 和 `effort_days:` 的 "
       "`impact:`。如果该变更是免费赠送的，请将其分类为 `value_added`。",
       "classification: out_of_scope\nimpact:\n  effort_days: 5\n  cost: 20000\nstatus: approved\napprovals:\n"
       "  - role: customer\n    by: Wang Fang\n    date: 2026-11-06\n",
       check_hf503},
      {"HF504", Gate::control, Severity::error, "Change implemented before it was approved", "变更在批准之前已实施",
       "A change request is approved first and implemented after; otherwise the change log only records scope "
       "creep after the fact. The rule fires when `implemented:` is earlier than the latest approval date, when "
       "a change has an `implemented:` date but is not approved or implemented, and when none of its approvals "
       "has a date, so the order cannot be shown. Approve before implementing, or correct the dates.",
       "变更申请应先批准、后实施；否则变更日志只是事后记录了范围蔓延。以下情况会报告：`implemented:` "
       "早于最近一次审批日期；变更有 `implemented:` "
       "日期但尚未批准或实施；所有审批都没有日期，无法证明先后顺序。请先批准再实施，或更正日期。",
       "status: implemented\napprovals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n"
       "implemented: 2026-11-20\n",
       check_hf504},
      {"HF505", Gate::control, Severity::error, "Change past proposed without classification",
       "变更已过提出阶段但未分类",
       "Whether a change is `in_scope`, a free `value_added` concession or billable `out_of_scope` is the "
       "decision sales and implementation most often disagree on, so it is recorded as soon as the change has "
       "been assessed. Set `classification:` on every change that is assessed, approved, rejected or "
       "implemented.",
       "变更属于 `in_scope`（范围内）、免费让步的 `value_added`（赠送）还是收费的 "
       "`out_of_scope`"
       "（范围外），是销售与实施最常产生分歧的决定，因此变更一经评估就要记录。请为每个已评估、已批准、已拒绝或已实施的"
       "变更设置 `classification:`。",
       "status: assessed\nclassification: out_of_scope\n", check_hf505},
      {"HF506", Gate::control, Severity::warning, "Milestone overdue", "里程碑逾期",
       "A milestone whose due date has passed and whose status is not `done` or `accepted` is either late or its "
       "record is stale; either way the status report to sales is wrong. Update its status (and `done:` date), "
       "or re-plan it. Raised only while the project is in delivery or acceptance, against `--today`.",
       "计划日期已过、状态却不是 `done` 或 `accepted` "
       "的里程碑，要么已经逾期，要么记录已经过时；无论哪种，给销售的状态报告都是错的。请更新其状态（及 `done:` "
       "日期），或重新计划。仅在项目处于交付或验收阶段时，按 `--today` 报告。",
       "due: 2026-11-15\nstatus: done\ndone: 2026-11-14\n", check_hf506},
      {"HF507", Gate::control, Severity::warning, "Open risk past its review date", "未关闭风险已过复核日期",
       "A live risk (status `open` or `occurred`, or no status) must be looked at again by its `review_by:` date; a "
       "register "
       "nobody reviews does not protect the project. Review the risk, then set the next `review_by:` or change "
       "its status. Raised only while the project is in delivery or acceptance, against `--today`.",
       "未关闭的风险（状态为 `open` 或 `occurred`，或没有状态）必须在其 `review_by:` "
       "日期前重新审视；无人复核的风险登记册保护不了项目。请复核该风险，然后设置下一个 `review_by:` "
       "或更改其状态。仅在项目处于交付或验收阶段时，按 `--today` 报告。",
       "status: open\nreview_by: 2026-12-01\n", check_hf507},
      {"HF508", Gate::control, Severity::warning, "Status report overdue", "状态报告逾期",
       "The PM reports to sales every `reporting.cadence_days` days, so that the people who made the promises "
       "hear about problems early. The next report is due `cadence_days` after `last_report:`; with no "
       "`last_report:` yet, the first is due `cadence_days` after the delivery start (`contract.start`, else "
       "`contract.signed`). Send the report and record its date. Raised only while the project is in delivery "
       "or acceptance, against `--today`.",
       "项目经理每隔 `reporting.cadence_days` 天向销售报告一次，让做出承诺的人尽早知道问题。下一次报告应在 "
       "`last_report:` 之后 `cadence_days` 天内发出；还没有 `last_report:` "
       "时，第一次报告应在交付开始（`contract.start`，没有则为 `contract.signed`）之后 `cadence_days` "
       "天内发出。请发送报告并记录日期。仅在项目处于交付或验收阶段时，按 `--today` 报告。",
       "reporting:\n  cadence_days: 7\n  last_report: 2026-11-18\n", check_hf508},
      {"HF509", Gate::control, Severity::warning, "Approved schedule impact pushes the plan past go-live",
       "已批准的工期影响使计划晚于上线日期",
       "Each approved or implemented change may move the plan by its `impact.schedule_days`. When their sum moves "
       "the last milestone's due date past the promised go-live (`contract.go_live`), the promise no longer holds "
       "even if every milestone is on time. The days are added to the plan the baseline signed, so a change "
       "already carried into plan.yaml does not count twice: when plan.yaml changed since the baseline, its "
       "signed version is read from the commit that added the baseline's sign-off (and used only when its digest "
       "is the signed one); without that history the current plan is judged, and the finding says so. Agree a new "
       "go-live date with the customer, or win the days back elsewhere in the plan.",
       "每个已批准或已实施的变更都可能按其 `impact.schedule_days` "
       "推迟计划。当这些天数之和使最后一个里程碑的计划日期晚于承诺的上线日期（`contract.go_live`"
       "）时，即使每个里程碑都按时完成，承诺也无法兑现。天数加在基线签字的计划上，因此已经写入 plan.yaml "
       "的变更不会被重复计算：plan.yaml "
       "在基线之后有修改时，从添加基线签字的提交中读取签字时的版本（仅当其摘要与签字一致时使用）；"
       "没有这段历史时按当前计划判断，并在发现中说明。请与客户商定新的上线日期，或在计划的其他地方把时间追回来。",
       "# last milestone due 2027-01-05, go_live 2027-01-15\nimpact:\n  schedule_days: 3\n", check_hf509},
      {"HF510", Gate::control, Severity::error, "Approval by someone without the role, or one person for both sides",
       "审批人不具备该角色，或同一人代表双方审批",
       "A change is agreed by two sides: sales answers for price and the customer relationship, implementation "
       "for what it takes to build. An approval counts only when its `by` holds its `role` (the registry's "
       "`roles:`, or without a registry the team of project.yaml), and the sales and the implementation "
       "approvals must come from two different people. Customer approvals are exempt: their `by` is the "
       "customer's name. Have the role's owner approve.",
       "变更由双方商定：销售对价格和客户关系负责，实施对实现所需投入负责。只有当审批的 `by` 担任其 `role`（名册中的 "
       "`roles:`，没有名册时为 project.yaml "
       "的团队）时，审批才有效，且销售审批和实施审批必须来自两个不同的人。客户审批除外：其 `by` "
       "为客户方人员姓名。请由该角色的负责人审批。",
       "approvals:\n  - role: sales\n    by: li.wei\n    date: 2026-11-05\n  - role: implementation\n"
       "    by: zhang.min\n    date: 2026-11-04\n",
       check_hf510},
      {"HF511", Gate::control, Severity::error, "Approval dated after today or before the request",
       "审批日期晚于今天或早于申请日期",
       "An approval records a decision that was taken: it cannot be dated after today (`--today`), nor before "
       "the change request's own `date:`. Such dates are typing mistakes or approvals written in advance; "
       "correct them.",
       "审批记录的是已经作出的决定：其日期不能晚于今天（`--today`），也不能早于变更申请本身的 "
       "`date:`。这样的日期是输入错误或预先写好的审批；请更正。",
       "- id: CR-001\n  date: 2026-11-02\n  approvals:\n    - role: sales\n      by: li.wei\n      date: "
       "2026-11-05\n",
       check_hf511},
      {"HF512", Gate::control, Severity::warning, "Change request left proposed", "变更申请长期停留在已提出状态",
       "A customer who asks for a change deserves an answer. A change request still `proposed` (or without a "
       "status) more than `change_response_days` days after its `date:` (handoff.yaml, default 10) has not been "
       "assessed: assess it, then approve or reject it. Raised only while the project is in delivery or "
       "acceptance, against `--today`.",
       "客户提出变更，就应得到答复。在其 `date:` 之后超过 `change_response_days` 天（handoff.yaml，默认 10 天）仍为 "
       "`proposed`（或没有状态）的变更申请尚未评估：请评估，然后批准或拒绝。仅在项目处于交付或验收阶段时，按 `--today` "
       "报告。",
       "# handoff.yaml\nchange_response_days: 10\n# changes.yaml\n- id: CR-003\n  date: 2026-11-17\n"
       "  status: assessed\n",
       check_hf512},
      {"HF513", Gate::control, Severity::warning, "Free concession without effort", "赠送变更未记录工作量",
       "A `value_added` change is given to the customer for free, but it still costs the team time. Once it is "
       "approved or implemented, record `impact.effort_days` so that the portfolio counts what was given away "
       "and the plan accounts for it.",
       "`value_added` 变更是免费送给客户的，但仍然占用团队的时间。一旦批准或实施，请记录 "
       "`impact.effort_days`，让组合报告统计赠送了多少，计划也能把它计算在内。",
       "classification: value_added\nimpact:\n  effort_days: 2\nstatus: approved\n", check_hf513},
  };
}

}  // namespace handoff::rules
