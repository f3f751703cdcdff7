// Gate `close` (HF701–HF702): a project is closed once the customer's satisfaction is measured
// and the team has written down what the next handoff should do differently.
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
  };
}

}  // namespace handoff::rules
