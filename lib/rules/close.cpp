// Gate `close` (HF701–HF705): a project is closed once the customer's satisfaction is measured
// (and followed up when low), no serious risk is left live, and the team has written down what
// the next handoff should do differently.
#include <string>

#include "rules/describe.hpp"
#include "rules/rule.hpp"

namespace handoff::rules {

namespace {

using model::Record;

// Returns where a finding about a missing closure field points: the closure, else the stage.
core::Pos closure_pos(const Context& ctx, core::Pos field)
{
  return ctx.project.card.has_closure ? field : ctx.stage_pos();
}

void check_hf701(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.csat.has()) {
    return;
  }
  ctx.report(Record::project, closure_pos(ctx, card.csat.pos),
             {"no customer satisfaction score is recorded; add csat: under closure: with the score (1 to 5) from the "
              "satisfaction survey",
              "没有记录客户满意度评分；请在 closure: 下添加 csat:，填写满意度调查的评分（1 到 5）"});
}

void check_hf702(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.retrospective.has()) {
    return;
  }
  ctx.report(
      Record::project, closure_pos(ctx, card.retrospective.pos),
      {"no retrospective is recorded; add retrospective: under closure: with what went well, what did not, "
       "and what the next handoff should do differently",
       "没有记录项目复盘；请在 closure: 下添加 retrospective:，写明做得好的、做得不好的，以及下一次交接应如何改进"});
}

void check_hf703(Context& ctx)
{
  for (const auto& r : ctx.project.risks) {
    const auto score = r.score();
    if (!r.live() || r.status.invalid || !score || *score < 15) {
      continue;
    }
    const std::string state = r.status.has() ? "is still " + *r.status : "has no status, so it counts as open";
    const std::string state_zh = r.status.has() ? "仍为 " + *r.status : "没有状态，按未关闭处理";
    ctx.report(
        Record::risks, r.status.written ? r.status.pos : r.pos,
        {"risk " + describe(r.id, r.title, r.pos) + " " + state + " with score " + std::to_string(*score) + " ("
             + std::to_string(*r.probability) + " x " + std::to_string(*r.impact)
             + "); deal with it and set status: closed, or mitigated with who carries it after the project in "
               "mitigation:",
         "风险 " + describe_zh(r.id, r.title, r.pos) + " " + state_zh + "，评分为 " + std::to_string(*score) + "（"
             + std::to_string(*r.probability) + " x " + std::to_string(*r.impact)
             + "）；请处理该风险并设置 status: closed，或设为 mitigated 并在 mitigation: 中写明项目结束后由谁承担"},
        ids_of(r.id));
  }
}

void check_hf704(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.csat.has() || *card.csat > 3 || card.csat_followup.has() || card.csat_followup.invalid) {
    return;
  }
  ctx.report(
      Record::project, card.csat.pos,
      {"customer satisfaction is " + std::to_string(*card.csat)
           + " and no follow-up is recorded; talk to the customer about it and add csat_followup: under "
             "closure: with what was done and agreed",
       "客户满意度为 " + std::to_string(*card.csat)
           + "，但没有记录跟进；请与客户沟通，并在 closure: 下添加 csat_followup:，写明所采取的行动和达成的共识"});
}

void check_hf705(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.lessons.empty()) {
    return;
  }
  ctx.report(Record::project, card.has_closure ? card.closure_pos : ctx.stage_pos(),
             {"no lessons are recorded for the next projects; add lessons: under closure: with at least one text: "
              "(and tags: that say what it is about)",
              "没有为后续项目记录经验教训；请在 closure: 下添加 lessons:，至少包含一条 text:（并用 tags: 标明主题）"});
}

}  // namespace

std::vector<Rule> close_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF701", Gate::close, Severity::error, "No customer satisfaction score", "没有客户满意度评分",
       "Customer satisfaction is how the company learns whether its handoffs work; the portfolio report averages "
       "it across projects. Run the satisfaction survey and record the score, 1 (very dissatisfied) to 5 (very "
       "satisfied), as `csat:` under `closure:` in project.yaml.",
       "客户满意度反映了公司的交接是否有效；组合报告会计算各项目的平均值。请进行满意度调查，并将评分（1 "
       "表示非常不满意，5 表示非常满意）记录在 project.yaml 的 `closure:` 下的 `csat:` 中。",
       "closure:\n  csat: 4\n", check_hf701},
      {"HF702", Gate::close, Severity::error, "No retrospective", "没有项目复盘",
       "A closed project should leave a lesson for the next one. Hold a retrospective with sales and "
       "implementation and record, as `retrospective:` under `closure:` in project.yaml, what went well, what "
       "did not, and what the next handoff should do differently.",
       "已关闭的项目应为下一个项目留下经验。请与销售和实施团队一起复盘，并在 project.yaml 的 `closure:` 下用 "
       "`retrospective:` 记录做得好的、做得不好的，以及下一次交接应如何改进。",
       "closure:\n  retrospective: |\n    The ERP test system came late; ask for it in the contract next time.\n",
       check_hf702},
      {"HF703", Gate::close, Severity::error, "Serious risk still live", "高风险仍未关闭",
       "A project does not close with a serious risk still open or occurred: a risk scoring 15 or more "
       "(probability x impact) that nobody deals with after the team leaves lands on the customer or on "
       "support. Deal with it and set `status: closed`, or `mitigated` with who carries it after the project "
       "(support, the customer) in `mitigation:`.",
       "仍有高风险未关闭或已发生时，项目不能关闭：评分 15 分及以上（概率 x "
       "影响）的风险，如果团队撤离后无人处理，就会落到客户或售后支持身上。请处理该风险并设置 `status: closed`，或设为 "
       "`mitigated` 并在 `mitigation:` 中写明项目结束后由谁承担（售后支持、客户）。",
       "- id: R-2\n  probability: 4\n  impact: 5\n  status: closed\n  mitigation: Interface frozen in CR-002\n",
       check_hf703},
      {"HF704", Gate::close, Severity::error, "Low satisfaction without follow-up", "满意度低但没有跟进",
       "A satisfaction score of 3 or less says the customer is not happy; closing the project without talking "
       "to them loses the next sale. Follow it up and record, as `csat_followup:` under `closure:`, what was "
       "done and agreed.",
       "满意度评分为 3 分或以下说明客户并不满意；不与客户沟通就关闭项目，会失去下一次销售机会。请跟进，并在 `closure:` "
       "下用 `csat_followup:` 记录所采取的行动和达成的共识。",
       "closure:\n  csat: 2\n  csat_followup: Sales director visited on 2027-03-02; two report fixes agreed.\n",
       check_hf704},
      {"HF705", Gate::close, Severity::warning, "No lessons recorded", "没有记录经验教训",
       "The lessons of a closed project are what the next estimate and the next handoff learn from: the "
       "reports show them to projects with the same tags. Record at least one under `closure.lessons`, with "
       "tags that say what it is about.",
       "已关闭项目的经验教训是下一次估算和交接的依据：报告会将其展示给标签相同的项目。请在 `closure.lessons` "
       "下至少记录一条，并用标签标明主题。",
       "closure:\n  lessons:\n    - text: Ask for the ERP test system in the contract.\n      tags: [erp, "
       "integration]\n",
       check_hf705},
  };
}

}  // namespace handoff::rules
