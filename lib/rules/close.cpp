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
             "no customer satisfaction score is recorded; add csat: under closure: with the score (1 to 5) from the "
             "satisfaction survey");
}

void check_hf702(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.retrospective.has()) {
    return;
  }
  ctx.report(Record::project, closure_pos(ctx, card.retrospective.pos),
             "no retrospective is recorded; add retrospective: under closure: with what went well, what did not, "
             "and what the next handoff should do differently");
}

void check_hf703(Context& ctx)
{
  for (const auto& r : ctx.project.risks) {
    const auto score = r.score();
    if (!r.live() || r.status.invalid || !score || *score < 15) {
      continue;
    }
    const std::string state = r.status.has() ? "is still " + *r.status : "has no status, so it counts as open";
    ctx.report(Record::risks, r.status.written ? r.status.pos : r.pos,
               "risk " + describe(r.id, r.title, r.pos) + " " + state + " with score " + std::to_string(*score) + " ("
                   + std::to_string(*r.probability) + " x " + std::to_string(*r.impact)
                   + "); deal with it and set status: closed, or mitigated with who carries it after the project in "
                     "mitigation:",
               ids_of(r.id));
  }
}

void check_hf704(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.csat.has() || *card.csat > 3 || card.csat_followup.has() || card.csat_followup.invalid) {
    return;
  }
  ctx.report(Record::project, card.csat.pos,
             "customer satisfaction is " + std::to_string(*card.csat)
                 + " and no follow-up is recorded; talk to the customer about it and add csat_followup: under "
                   "closure: with what was done and agreed");
}

void check_hf705(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.lessons.empty()) {
    return;
  }
  ctx.report(Record::project, card.has_closure ? card.closure_pos : ctx.stage_pos(),
             "no lessons are recorded for the next projects; add lessons: under closure: with at least one text: "
             "(and tags: that say what it is about)");
}

}  // namespace

std::vector<Rule> close_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF701", Gate::close, Severity::error, "No customer satisfaction score",
       "Customer satisfaction is how the company learns whether its handoffs work; the portfolio report averages "
       "it across projects. Run the satisfaction survey and record the score, 1 (very dissatisfied) to 5 (very "
       "satisfied), as `csat:` under `closure:` in project.yaml.",
       "closure:\n  csat: 4\n", check_hf701},
      {"HF702", Gate::close, Severity::error, "No retrospective",
       "A closed project should leave a lesson for the next one. Hold a retrospective with sales and "
       "implementation and record, as `retrospective:` under `closure:` in project.yaml, what went well, what "
       "did not, and what the next handoff should do differently.",
       "closure:\n  retrospective: |\n    The ERP test system came late; ask for it in the contract next time.\n",
       check_hf702},
      {"HF703", Gate::close, Severity::error, "Serious risk still live",
       "A project does not close with a serious risk still open or occurred: a risk scoring 15 or more "
       "(probability x impact) that nobody deals with after the team leaves lands on the customer or on "
       "support. Deal with it and set `status: closed`, or `mitigated` with who carries it after the project "
       "(support, the customer) in `mitigation:`.",
       "- id: R-2\n  probability: 4\n  impact: 5\n  status: closed\n  mitigation: Interface frozen in CR-002\n",
       check_hf703},
      {"HF704", Gate::close, Severity::error, "Low satisfaction without follow-up",
       "A satisfaction score of 3 or less says the customer is not happy; closing the project without talking "
       "to them loses the next sale. Follow it up and record, as `csat_followup:` under `closure:`, what was "
       "done and agreed.",
       "closure:\n  csat: 2\n  csat_followup: Sales director visited on 2027-03-02; two report fixes agreed.\n",
       check_hf704},
      {"HF705", Gate::close, Severity::warning, "No lessons recorded",
       "The lessons of a closed project are what the next estimate and the next handoff learn from: the "
       "reports show them to projects with the same tags. Record at least one under `closure.lessons`, with "
       "tags that say what it is about.",
       "closure:\n  lessons:\n    - text: Ask for the ERP test system in the contract.\n      tags: [erp, "
       "integration]\n",
       check_hf705},
  };
}

}  // namespace handoff::rules
