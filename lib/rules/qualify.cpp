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
             {"no decision maker among the customer contacts; add the person who decides for the customer under "
              "customer.contacts with decision_maker: true",
              "客户联系人中没有决策人；请在 customer.contacts 下添加客户方的决策人，并标注 decision_maker: true"});
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
             {"no sales owner in team; name the salesperson who owns the deal and its promises as sales: under team:",
              "团队中没有销售负责人；请在 team: 下用 sales: 指定对该商机及其承诺负责的销售"});
}

void check_hf103(Context& ctx)
{
  const auto& p = ctx.project;
  const auto& file = p.file(Record::requirements);
  if (file.broken || !p.requirements.empty()) {
    return;  // a broken file's content is unknown: HF001 already reports it
  }
  if (file.exists) {
    ctx.report(
        Record::requirements, p.requirements_pos,
        {"requirements.yaml lists no requirements; record what the customer asked for under requirements:, "
         "each with an id, a title and its source",
         "requirements.yaml 中没有任何需求；请在 requirements: 下记录客户提出的需求，每条需求包含编号、标题和来源"});
    return;
  }
  ctx.report(Record::project, ctx.stage_pos(),
             {"no requirements recorded; add requirements.yaml with what the customer asked for, each with an id, "
              "a title and its source",
              "尚未记录需求；请添加 requirements.yaml，记录客户提出的需求，每条需求包含编号、标题和来源"});
}

void check_hf104(Context& ctx)
{
  using Summary = model::Activity::Summary;
  for (const auto& a : ctx.project.activities) {
    const std::vector<std::string> ids = a.id.has() ? std::vector<std::string>{*a.id} : std::vector<std::string>{};
    switch (a.summary_state(ctx.today)) {
    case Summary::missing:
      ctx.report(Record::activities, a.pos,
                 {describe(a) + " has no written summary (due " + a.summary_due()->str()
                      + "); write what was learned under summary:, share it with sales and record the day as "
                        "summary_date:",
                  describe_zh(a) + " 没有书面纪要（应于 " + a.summary_due()->str()
                      + " 前完成）；请在 summary: 下写明所了解的情况，分享给销售，并将分享日期记为 summary_date:"},
                 ids);
      break;
    case Summary::undated:
      ctx.report(Record::activities, a.summary.pos,
                 {describe(a) + " does not say when its summary was shared; add summary_date: (due "
                      + a.summary_due()->str() + ")",
                  describe_zh(a) + " 未注明纪要的分享日期；请添加 summary_date:（应于 " + a.summary_due()->str()
                      + " 前分享）"},
                 ids);
      break;
    case Summary::late:
      ctx.report(Record::activities, a.summary_date.pos,
                 {describe(a) + ": summary shared on " + a.summary_date->str() + ", "
                      + support::plural(support::days_between(*a.summary_due(), *a.summary_date), "day")
                      + " after it was due (" + a.summary_due()->str()
                      + "); share the written summary with sales within 24 hours of the activity",
                  describe_zh(a) + "：纪要于 " + a.summary_date->str() + " 分享，比截止日期（" + a.summary_due()->str()
                      + "）晚了 " + std::to_string(support::days_between(*a.summary_due(), *a.summary_date))
                      + " 天；请在活动后 24 小时内将书面纪要分享给销售"},
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
      ctx.report(
          Record::activities, a.hours.pos,
          {describe(a) + ": " + hours
               + " presales hours not confirmed by sales; add confirmed_by: with the "
                 "sales person who agrees them",
           describe_zh(a) + "：" + hours + " 小时售前工时未经销售确认；请添加 confirmed_by:，填写认可这些工时的销售"},
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
    const std::string held_zh =
        roles.empty() ? std::string(ctx.config.has_registry ? "在 handoff.yaml 中没有角色" : "在 team: 中没有角色")
                      : "角色：" + support::join_words(roles, ", ");
    ctx.report(
        Record::activities, a.confirmed_by.pos,
        {describe(a) + ": hours confirmed by " + by + ", who does not hold the sales role (" + held
             + "); have the sales owner confirm the hours",
         describe_zh(a) + "：工时由 " + by + " 确认，但此人不担任销售角色（" + held_zh + "）；请由销售负责人确认工时"},
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
             {"the outcome does not say its " + support::join_words(absent)
                  + "; an inactive project keeps when and why it ended (outcome: {status: lost | no_go | cancelled, "
                    "date: YYYY-MM-DD, reason: ...}), for the win rate and the next deal with this customer",
              "项目结果（outcome）缺少 " + join_zh(absent)
                  + "；未继续的项目应记录何时、因何结束（outcome: {status: lost | no_go | cancelled, date: YYYY-MM-DD, "
                    "reason: ...}），以便统计赢单率，并供与该客户的下一次商机参考"});
}

}  // namespace

std::vector<Rule> qualify_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF101", Gate::qualify, Severity::error, "No decision maker among customer contacts", "客户联系人中没有决策人",
       "A deal that reaches presales needs to know who decides on the customer's side: that person approves the "
       "scope, signs off milestones and accepts the result, and implementation must be able to reach them. Mark "
       "that contact with `decision_maker: true` under `customer.contacts` (add the contact if it is missing).",
       "进入售前的商机需要知道客户方由谁拍板：此人批准范围、签认里程碑并验收成果，实施团队必须能联系到他。请在 "
       "`customer.contacts` 下为该联系人标注 `decision_maker: true`（如缺少该联系人，请先添加）。",
       "customer:\n  name: ACME Manufacturing\n  contacts:\n    - name: Wang Fang\n      title: CIO\n"
       "      decision_maker: true\n",
       check_hf101},
      {"HF102", Gate::qualify, Severity::error, "No sales owner in team", "团队中没有销售负责人",
       "Every promise made during the sale needs an owner whom implementation can ask about it later; without a "
       "named salesperson, questions about what was sold have nobody to go to. Add the salesperson who owns the "
       "deal as `sales:` under `team:`.",
       "销售过程中的每一项承诺都需要有负责人，实施团队日后才能找人询问；没有指定的销售，关于卖了什么的问题就无人可问。"
       "请在 `team:` 下用 `sales:` 填写负责该商机的销售。",
       "team:\n  sales: li.wei\n  presales: chen.jie\n", check_hf102},
      {"HF103", Gate::qualify, Severity::error, "No requirements recorded", "尚未记录需求",
       "Presales work (solution design, estimate, feasibility) starts from the customer's requirements; with none "
       "on record, everything later in the handoff is built on hearsay. Create `requirements.yaml` and list what "
       "the customer asked for, each with an id, a title and where it came from. A requirements.yaml that cannot be "
       "read is reported by HF001 instead.",
       "售前工作（方案设计、估算、可行性评估）从客户需求出发；没有记录需求，交接中后续的一切都建立在道听途说之上。请创"
       "建 `requirements.yaml`，列出客户提出的需求，每条包含编号、标题和来源。无法读取的 requirements.yaml 由 HF001 "
       "报告。",
       "requirements:\n  - id: REQ-001\n    title: Production order tracking\n    source: RFP 3.2\n", check_hf103},
      {"HF104", Gate::qualify, Severity::warning, "Presales activity summary missing or late", "售前活动纪要缺失或逾期",
       "A visit, call or demo is worth what its written summary keeps: sales needs it within 24 hours to follow "
       "up while the customer remembers, and delivery reads it months later. Each activity in `activities.yaml` "
       "needs a `summary` and a `summary_date` at most one day after its `date`. Nothing is reported until the "
       "day after the activity has passed; a summary shared later than that is reported as late. The rule only "
       "has something to say when the project has an activities.yaml.",
       "一次拜访、电话或演示的价值取决于其书面纪要：销售需要在 24 "
       "小时内拿到纪要，趁客户记忆犹新时跟进，实施团队在几个月后也要查阅。`activities.yaml` 中的每项活动都需要 "
       "`summary`，以及不晚于 `date` 后一天的 "
       "`summary_date`。活动次日过去之前不会报告；晚于此日分享的纪要报告为逾期。只有项目包含 activities.yaml "
       "时本规则才会生效。",
       "activities:\n  - id: A-1\n    date: 2026-09-10\n    kind: visit\n    summary: Walked the plant; MES scope "
       "is lines 1-3\n    summary_date: 2026-09-11\n",
       check_hf104},
      {"HF105", Gate::qualify, Severity::warning, "Presales hours not confirmed by sales", "售前工时未经销售确认",
       "Presales hours are a cost of the sale, and sales decides whether the deal is worth them. An activity that "
       "records `hours` needs `confirmed_by`: a person holding the sales role (in the people registry of "
       "handoff.yaml, or without a registry in the project's `team:`). Ask the sales owner to confirm the hours "
       "and name them.",
       "售前工时是销售成本，由销售判断该商机是否值得投入。记录了 `hours` 的活动需要 "
       "`confirmed_by`：一位担任销售角色的人员（在 handoff.yaml 的人员名册中；没有名册时在项目的 `team:` "
       "中）。请由销售负责人确认工时并填写其编号。",
       "  - id: A-1\n    date: 2026-09-10\n    hours: 6\n    confirmed_by: li.wei   # holds the sales role\n",
       check_hf105},
      {"HF106", Gate::qualify, Severity::error, "Outcome without status, date or reason",
       "项目结果缺少状态、日期或原因",
       "A project with `outcome:` in project.yaml ended without going on: the deal was lost, we declined it "
       "(`no_go`), or it was cancelled. Such a project is inactive: only the schema gate and this rule apply to "
       "it, `status` shows the outcome instead of gates, and `advance` refuses to move it. The outcome needs its "
       "`status`, its `date` and a `reason`, so that the win rate counts it and the next deal with the customer "
       "knows why.",
       "project.yaml 中有 `outcome:` "
       "的项目已经结束而不再推进：商机丢单（lost）、我方放弃（`no_go`"
       "）或被取消（cancelled）。这样的项目处于非活动状态：只有 schema 关口和本规则适用，`status` "
       "显示结果而非关口，`advance` 拒绝推进。结果需要 `status`、`date` 和 "
       "`reason`，以便赢单率能统计它，与该客户的下一次商机也能知道原因。",
       "outcome:\n  status: lost\n  date: 2026-10-20\n  reason: Price; the customer chose a local vendor\n",
       check_hf106},
  };
}

}  // namespace handoff::rules
