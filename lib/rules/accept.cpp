// Gate `accept` (HF601–HF603): before the customer accepts the project, every milestone is
// finished, no change request is left open, and the acceptance is on record.
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
    ctx.report(Record::plan, status_pos(m.status, m.pos),
               "milestone " + describe(m.id, m.name, m.pos) + " " + state
                   + "; finish it and set status: done (or accepted), or agree with the customer to drop it through a "
                     "change request",
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
    std::string message;
    if (!c.status.has()) {
      message = what
                + " has no status, so it counts as proposed; decide it (approved or rejected) and record the "
                  "outcome before acceptance";
    } else if (c.pending()) {
      message = what + " is still " + *c.status
                + "; decide it (approved or rejected) and record the outcome before "
                  "acceptance";
    } else {
      message = what
                + " is approved but not implemented; implement it and set status: implemented, or agree with "
                  "the customer to drop it and set status: rejected";
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
             "no customer acceptance date is recorded; add accepted: under closure: with the date the customer "
             "accepted the project");
}

}  // namespace

std::vector<Rule> accept_rules()
{
  using core::Gate;
  using core::Severity;
  return {
      {"HF601", Gate::accept, Severity::error, "Milestone not done",
       "A project goes to acceptance when everything planned is delivered: every milestone has status `done` "
       "(delivered) or `accepted` (signed off by the customer). Finish the milestone and update its status, or "
       "agree with the customer to drop it through a change request and remove it from the plan.",
       "- id: M4\n  name: Go-live\n  status: accepted\n  done: 2027-01-12\n", check_hf601},
      {"HF602", Gate::accept, Severity::error, "Change request still open",
       "Acceptance is of an agreed scope, so no change request may still be undecided or half done: `proposed` "
       "and `assessed` changes (or changes with no status) need a decision, and an `approved` change that is not "
       "`implemented` is promised work not yet delivered. Implement it, or agree with the customer to drop it "
       "and set `status: rejected`.",
       "- id: CR-001\n  status: implemented\n  implemented: 2026-11-20\n- id: CR-002\n  status: rejected\n",
       check_hf602},
      {"HF603", Gate::accept, Severity::error, "No acceptance date",
       "The customer's acceptance is the end of delivery and often triggers the final payment; the project "
       "record must say when it happened. Add `accepted:` under `closure:` in project.yaml with the date the "
       "customer accepted the project.",
       "closure:\n  accepted: 2027-02-10\n", check_hf603},
  };
}

}  // namespace handoff::rules
