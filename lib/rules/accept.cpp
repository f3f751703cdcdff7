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
                 "must requirement " + describe(r)
                     + " has no acceptance result; add it to results: in acceptance.yaml with result: passed once the "
                       "customer has tested it, or waived with the customer's note",
                 ids_of(r.id));
      continue;
    }
    ctx.report(Record::acceptance, result->result.pos,
               "must requirement " + describe(r)
                   + " failed acceptance; fix it and add the retest's result after this one (result: passed), or "
                     "agree with the customer to waive it (result: waived, with a note)",
               ids_of(r.id));
  }
}

void check_hf605(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (!card.has_support) {
    ctx.report(Record::project, ctx.stage_pos(),
               "no after-sale support is recorded; add support: with owner: (who supports the customer after "
               "go-live) and until: (the end of the support period)");
    return;
  }
  if (!card.support_owner.has() && !card.support_owner.invalid) {
    ctx.report(Record::project, card.support_owner.pos,
               "support: has no owner; add owner: with the person who supports the customer after go-live");
  }
  if (!card.support_until.has() && !card.support_until.invalid) {
    ctx.report(Record::project, card.support_until.pos,
               "support: has no until; add until: with the date the support period ends");
  }
}

void check_hf606(Context& ctx)
{
  const auto& card = ctx.project.card;
  if (card.went_live.has() || card.went_live.invalid) {
    return;
  }
  ctx.report(Record::project, card.has_closure ? card.went_live.pos : ctx.stage_pos(),
             "no actual go-live date is recorded; add went_live: under closure: with the date the system went live");
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
      {"HF604", Gate::accept, Severity::error, "Must requirement not accepted",
       "The customer accepts the requirements, not just the project: every `must` requirement (one a change "
       "removed is gone from requirements.yaml or set to `wont`) needs a result in acceptance.yaml, `passed` "
       "or `waived` by the customer. A `failed` result stops acceptance until it is fixed and retested (add "
       "the retest's result after the failed one: the last result for a requirement counts) or the customer "
       "waives it.",
       "# acceptance.yaml\ndate: 2027-02-10\nsigned_by: Wang Fang\nresults:\n  - requirement: REQ-001\n    "
       "result: passed\n    evidence: UAT script 3, run 2027-02-08\n",
       check_hf604},
      {"HF605", Gate::accept, Severity::error, "No after-sale support",
       "After go-live the customer must know who supports them and until when, so nobody is left alone once "
       "the project team moves on. Record `support:` in project.yaml with `owner:` (a person) and `until:` "
       "(the end of the support period), and `channel:` (how to reach support).",
       "support:\n  owner: zhang.min\n  until: 2027-08-31\n  channel: hotline 400-800-1234, tickets\n", check_hf605},
      {"HF606", Gate::accept, Severity::error, "No actual go-live date",
       "The promised go-live date is in the contract; the actual one is what the next estimate learns from "
       "(the forecast and the portfolio compare them). Add `went_live:` under `closure:` in project.yaml "
       "with the date the system went live.",
       "closure:\n  went_live: 2027-01-12\n", check_hf606},
  };
}

}  // namespace handoff::rules
