// Gate `accept` (HF601–HF606): before the customer accepts the project, every milestone is
// finished, no change request is left open, the acceptance is on record with a result for every
// must requirement, and the after-sale support and the actual go-live date are written down.
#include <string>
#include <vector>

#include "rules/describe.hpp"
#include "rules/rule.hpp"

namespace handoff::rules {

namespace {

using rules::describe;

using model::Record;
using model::Text;

// Returns where a finding about a status points: the status, else the item.
core::Pos status_pos(const Text& status, core::Pos item)
{
  return status.written ? status.pos : item;
}

void check_hf601(Context& ctx)
{
  for (const auto& m : ctx.project.plan.milestones) {
    if (m.finished()) {
      continue;
    }
    const std::string state = m.status.has() ? "is still " + *m.status : "has no status, so it is not done";
    const std::string state_zh = m.status.has() ? "仍为 " + *m.status : "没有状态，视为未完成";
    ctx.report(Record::plan, status_pos(m.status, m.pos),
               {"milestone " + describe(m.id, m.name, m.pos) + " " + state
                    + "; finish it and set status: done (or accepted), or agree with the customer to drop it through a "
                      "change request",
                "里程碑 " + describe_zh(m.id, m.name, m.pos) + " " + state_zh
                    + "；请完成它并设置 status: done（或 accepted），或通过变更申请与客户商定取消"},
               ids_of(m.id));
  }
}

void check_hf602(Context& ctx)
{
  for (const auto& c : ctx.project.changes) {
    if (!c.open()) {
      continue;  // rejected or implemented: closed
    }
    const std::string what = "change request " + describe(c.id, c.title, c.pos);
    const std::string what_zh = "变更申请 " + describe_zh(c.id, c.title, c.pos);
    core::Message message;
    if (!c.status.has()) {
      message = {what
                     + " has no status, so it counts as proposed; decide it (approved or rejected) and record the "
                       "outcome before acceptance",
                 what_zh + " 没有状态，按已提出（proposed）处理；请在验收前作出决定（approved 或 rejected）并记录结果"};
    } else if (c.pending()) {
      message = {what + " is still " + *c.status
                     + "; decide it (approved or rejected) and record the outcome before "
                       "acceptance",
                 what_zh + " 仍为 " + *c.status + "；请在验收前作出决定（approved 或 rejected）并记录结果"};
    } else {
      message = {what
                     + " is approved but not implemented; implement it and set status: implemented, or agree with "
                       "the customer to drop it and set status: rejected",
                 what_zh
                     + " 已批准但尚未实施；请实施并设置 status: implemented，或与客户商定取消并设置 status: rejected"};
    }
    ctx.report(Record::changes, status_pos(c.status, c.pos), message, ids_of(c.id));
  }
}

void check_hf603(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.accepted.has()) {
    return;
  }
  ctx.report(Record::project, card.has_closure ? card.accepted.pos : ctx.stage_pos(),
             {"no customer acceptance date is recorded; add accepted: under closure: with the date the customer "
              "accepted the project",
              "没有记录客户验收日期；请在 closure: 下添加 accepted:，填写客户验收项目的日期"});
}

void check_hf604(Context& ctx)
{
  const auto& p = ctx.project;
  if (p.file(Record::acceptance).broken) {
    return;  // its content is unknown: HF001 says why
  }
  for (const auto& r : p.requirements) {
    if (!p.blocks_acceptance(r)) {
      continue;
    }
    const model::AcceptanceResult* result = p.acceptance.result_for(*r.id);
    if (result == nullptr) {
      ctx.report(Record::requirements, r.pos,
                 {"must requirement " + describe(r)
                      + " has no acceptance result; add it to results: in acceptance.yaml with result: passed once the "
                        "customer has tested it, or waived with the customer's note",
                  "must 需求 " + describe_zh(r)
                      + " 没有验收结果；客户测试通过后，请在 acceptance.yaml 的 results: 中添加 result: passed，"
                        "或附客户说明记为 waived"},
                 ids_of(r.id));
      continue;
    }
    ctx.report(
        Record::acceptance, result->result.pos,
        {"must requirement " + describe(r)
             + " failed acceptance; fix it and add the retest's result after this one (result: passed), or "
               "agree with the customer to waive it (result: waived, with a note)",
         "must 需求 " + describe_zh(r)
             + " 未通过验收；请修复后在此条之后添加复测结果（result: passed），或与客户商定豁免（result: waived，"
               "并附说明）"},
        ids_of(r.id));
  }
}

void check_hf605(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.has_support) {
    ctx.report(
        Record::project, ctx.stage_pos(),
        {"no after-sale support is recorded; add support: with owner: (who supports the customer after "
         "go-live) and until: (the end of the support period)",
         "没有记录售后支持安排；请添加 support:，写明 owner:（上线后为客户提供支持的人）和 until:（支持期结束日期）"});
    return;
  }
  if (!card.support_owner.has() && !card.support_owner.invalid) {
    ctx.report(Record::project, card.support_owner.pos,
               {"support: has no owner; add owner: with the person who supports the customer after go-live",
                "support: 没有负责人；请添加 owner:，填写上线后为客户提供支持的人"});
  }
  if (!card.support_until.has() && !card.support_until.invalid) {
    ctx.report(Record::project, card.support_until.pos,
               {"support: has no until; add until: with the date the support period ends",
                "support: 没有截止日期；请添加 until:，填写支持期结束的日期"});
  }
}

void check_hf606(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.went_live.has() || card.went_live.invalid) {
    return;
  }
  ctx.report(Record::project, card.has_closure ? card.went_live.pos : ctx.stage_pos(),
             {"no actual go-live date is recorded; add went_live: under closure: with the date the system went live",
              "没有记录实际上线日期；请在 closure: 下添加 went_live:，填写系统上线的日期"});
}

}  // namespace

std::vector<Rule> accept_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF601", Gate::accept, Severity::error, "Milestone not done", "里程碑尚未完成",
       "A project goes to acceptance when everything planned is delivered: every milestone has status `done` "
       "(delivered) or `accepted` (signed off by the customer). Finish the milestone and update its status, or "
       "agree with the customer to drop it through a change request and remove it from the plan.",
       "计划的内容全部交付后，项目才进入验收：每个里程碑的状态都应为 `done`（已交付）或 "
       "`accepted`（客户已签认）。请完成该里程碑并更新状态，或通过变更申请与客户商定取消，并将其从计划中移除。",
       "- id: M4\n  name: Go-live\n  status: accepted\n  done: 2027-01-12\n", check_hf601},
      {"HF602", Gate::accept, Severity::error, "Change request still open", "变更申请尚未关闭",
       "Acceptance is of an agreed scope, so no change request may still be undecided or half done: `proposed` "
       "and `assessed` changes (or changes with no status) need a decision, and an `approved` change that is not "
       "`implemented` is promised work not yet delivered. Implement it, or agree with the customer to drop it "
       "and set `status: rejected`.",
       "验收针对的是已商定的范围，因此不能有尚未决定或做了一半的变更申请：`proposed` 和 `assessed` "
       "状态（或没有状态）的变更需要作出决定，已 `approved` 但未 `implemented` "
       "的变更是尚未交付的承诺工作。请实施它，或与客户商定取消并设置 `status: rejected`。",
       "- id: CR-001\n  status: implemented\n  implemented: 2026-11-20\n- id: CR-002\n  status: rejected\n",
       check_hf602},
      {"HF603", Gate::accept, Severity::error, "No acceptance date", "没有验收日期",
       "The customer's acceptance is the end of delivery and often triggers the final payment; the project "
       "record must say when it happened. Add `accepted:` under `closure:` in project.yaml with the date the "
       "customer accepted the project.",
       "客户验收标志着交付结束，通常也触发尾款支付；项目记录必须写明验收时间。请在 project.yaml 的 `closure:` 下添加 "
       "`accepted:`，填写客户验收项目的日期。",
       "closure:\n  accepted: 2027-02-10\n", check_hf603},
      {"HF604", Gate::accept, Severity::error, "Must requirement not accepted", "必须需求未通过验收",
       "The customer accepts the requirements, not just the project: every `must` requirement (one a change "
       "removed is gone from requirements.yaml or set to `wont`) needs a result in acceptance.yaml, `passed` "
       "or `waived` by the customer. A `failed` result stops acceptance until it is fixed and retested (add "
       "the retest's result after the failed one: the last result for a requirement counts) or the customer "
       "waives it.",
       "客户验收的是需求，而不仅仅是项目：每条 `must` 需求（经变更删除的需求已从 requirements.yaml 中移除或设为 "
       "`wont`）都需要在 acceptance.yaml 中有结果，由客户给出 `passed` 或 `waived`。`failed` "
       "结果会阻止验收，直到修复并复测（在失败结果之后添加复测结果：以该需求的最后一条结果为准），或客户同意豁免。",
       "# acceptance.yaml\ndate: 2027-02-10\nsigned_by: Wang Fang\nresults:\n  - requirement: REQ-001\n    "
       "result: passed\n    evidence: UAT script 3, run 2027-02-08\n",
       check_hf604},
      {"HF605", Gate::accept, Severity::error, "No after-sale support", "没有售后支持安排",
       "After go-live the customer must know who supports them and until when, so nobody is left alone once "
       "the project team moves on. Record `support:` in project.yaml with `owner:` (a person) and `until:` "
       "(the end of the support period), and `channel:` (how to reach support).",
       "上线后，客户必须知道由谁支持、支持到何时，这样项目团队撤离后客户不会无人可找。请在 project.yaml 中记录 "
       "`support:`，包含 `owner:`（人员）、`until:`（支持期结束日期）和 `channel:`（联系支持的方式）。",
       "support:\n  owner: zhang.min\n  until: 2027-08-31\n  channel: hotline 400-800-1234, tickets\n", check_hf605},
      {"HF606", Gate::accept, Severity::error, "No actual go-live date", "没有实际上线日期",
       "The promised go-live date is in the contract; the actual one is what the next estimate learns from "
       "(the forecast and the portfolio compare them). Add `went_live:` under `closure:` in project.yaml "
       "with the date the system went live.",
       "承诺的上线日期写在合同中；实际上线日期是下一次估算的依据（预测和组合报告会比较两者）。请在 project.yaml 的 "
       "`closure:` 下添加 `went_live:`，填写系统上线的日期。",
       "closure:\n  went_live: 2027-01-12\n", check_hf606},
  };
}

}  // namespace handoff::rules
