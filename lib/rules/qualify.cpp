// Gate `qualify` (HF101–HF103): before presales work starts, the deal has a customer
// decision maker, a sales owner and the customer's requirements on record.
#include "rules/rule.hpp"

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
  };
}

}  // namespace handoff::rules
