#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A project at stage acceptance that passes every gate up to accept on 2026-11-20. Line numbers
// matter to the tests below.
struct Base {
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: acceptance\n"  // 3
                        "customer:\n"
                        "  name: ACME Manufacturing\n"
                        "  contacts:\n"
                        "    - name: Wang Fang\n"
                        "      decision_maker: true\n"
                        "team:\n"
                        "  sales: li.wei\n"
                        "  implementation: zhang.min\n"
                        "  pm: zhang.min\n"
                        "contract:\n"
                        "  signed: 2026-10-01\n"
                        "  start: 2026-10-08\n"
                        "  go_live: 2027-06-30\n"
                        "kickoff:\n"
                        "  date: 2026-10-09\n"
                        "  attendees: [li.wei, zhang.min]\n"
                        "closure:\n"                        // 20
                        "  accepted: 2026-11-19\n"          // 21
                        "  went_live: 2026-11-16\n"         // 22
                        "support:\n"                        // 23
                        "  owner: zhang.min\n"              // 24
                        "  until: 2027-05-31\n"             // 25
                        "  channel: service desk\n";        // 26
  std::string acceptance = "date: 2026-11-18\n"             // 1
                           "signed_by: Wang Fang\n"         // 2
                           "results:\n"                     // 3
                           "  - requirement: REQ-001\n"     // 4
                           "    result: passed\n"           // 5
                           "    evidence: UAT script 1\n";  // 6
  std::string risks;
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"
                             "    title: Order tracking\n"
                             "    source: RFP 3.2\n"
                             "    priority: must\n"
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"
                             "  - id: REQ-002\n"
                             "    title: Yield report\n"
                             "    source: workshop 2026-09-12\n"
                             "    priority: should\n"
                             "    acceptance: Lists the yield per line for the last 30 days\n"
                             "    status: clarified\n";
  std::string feasibility = "assessed_by: zhang.min\n"
                            "estimate:\n"
                            "  duration_weeks: 26\n"
                            "recommendation: go\n"
                            "assessments:\n"
                            "  - requirement: REQ-001\n"
                            "    verdict: configuration\n"
                            "    effort_days: 10\n"
                            "  - requirement: REQ-002\n"
                            "    verdict: standard\n"
                            "    effort_days: 10\n";
  std::string plan = "milestones:\n"                                                                         // 1
                     "  - id: M1\n"                                                                          // 2
                     "    name: Blueprint signed\n"                                                          // 3
                     "    due: 2026-10-30\n"                                                                 // 4
                     "    owner: zhang.min\n"                                                                // 5
                     "    acceptance: Customer signs the blueprint; every must requirement has a process\n"  // 6
                     "    status: accepted\n"                                                                // 7
                     "    done: 2026-10-29\n"                                                                // 8
                     "  - id: M2\n"                                                                          // 9
                     "    name: Order tracking live\n"                                                       // 10
                     "    due: 2026-11-15\n"                                                                 // 11
                     "    owner: zhang.min\n"                                                                // 12
                     "    covers: [REQ-001, REQ-002]\n"                                                      // 13
                     "    depends_on: [M1]\n"                                                                // 14
                     "    acceptance: Operators scan 50 released orders and each shows as started\n"         // 15
                     "    status: done\n"                                                                    // 16
                     "    done: 2026-11-14\n"                                                                // 17
                     "raci:\n"
                     "  - activity: Configuration\n"
                     "    implementation: A/R\n"
                     "    pm: I\n"
                     "reporting:\n"
                     "  cadence_days: 7\n"
                     "  last_report: 2026-11-18\n";
  std::string changes = "changes:\n"                          // 1
                        "  - id: CR-001\n"                    // 2
                        "    title: Monthly yield report\n"   // 3
                        "    classification: in_scope\n"      // 4
                        "    status: implemented\n"           // 5
                        "    approvals:\n"                    // 6
                        "      - role: sales\n"               // 7
                        "        by: li.wei\n"                // 8
                        "        date: 2026-11-05\n"          // 9
                        "      - role: implementation\n"      // 10
                        "        by: zhang.min\n"             // 11
                        "        date: 2026-11-04\n"          // 12
                        "    implemented: 2026-11-12\n"       // 13
                        "  - id: CR-002\n"                    // 14
                        "    title: Label printer\n"          // 15
                        "    classification: out_of_scope\n"  // 16
                        "    status: rejected\n";             // 17

  Workspace workspace() const
  {
    Workspace ws;
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", feasibility);
    ws.file("projects/acme/plan.yaml", plan);
    ws.file("projects/acme/changes.yaml", changes);
    if (!acceptance.empty()) {
      ws.file("projects/acme/acceptance.yaml", acceptance);
    }
    if (!risks.empty()) {
      ws.file("projects/acme/risks.yaml", risks);
    }
    // Signed by both sides over the content above, so that HF411 and HF501 stay quiet.
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }

  std::string findings(const std::string& rule) const { return only(workspace().check("acme").findings, rule); }
};

// The base project, closed: it also has a satisfaction score and a retrospective.
Base closed()
{
  Base base;
  base.project = edit(base.project, "stage: acceptance", "stage: closed");
  base.project = edit(base.project, "  went_live: 2026-11-16\n",
                      "  went_live: 2026-11-16\n"                                                 // 22
                      "  csat: 4\n"                                                               // 23
                      "  retrospective: The ERP test system came late; put it in the contract\n"  // 24
                      "  lessons:\n"                                                              // 25
                      "    - text: Ask for the ERP test system in the contract\n"                 // 26
                      "      tags: [erp]\n");                                                     // 27
  return base;
}

}  // namespace

TEST_CASE("the acceptance base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("the closed base project passes every gate")
{
  CHECK(lines(closed().workspace().check("acme").findings) == "");
}

TEST_CASE("HF601 fires on a milestone that is not done")
{
  Base base;
  base.plan = edit(base.plan, "    status: done\n    done: 2026-11-14\n", "    status: in_progress\n");
  CHECK(base.findings("HF601")
        == "projects/acme/plan.yaml:16:13: error[HF601]: milestone M2 \"Order tracking live\" is still in_progress; "
           "finish it and set status: done (or accepted), or agree with the customer to drop it through a change "
           "request\n");
}

TEST_CASE("HF601 fires on a milestone without status")
{
  Base base;
  base.plan = edit(base.plan, "    status: done\n    done: 2026-11-14\n", "");
  CHECK(base.findings("HF601")
        == "projects/acme/plan.yaml:9:5: error[HF601]: milestone M2 \"Order tracking live\" has no status, so it is "
           "not done; finish it and set status: done (or accepted), or agree with the customer to drop it through a "
           "change request\n");
}

TEST_CASE("HF601 accepts done and accepted milestones")
{
  CHECK(Base().findings("HF601") == "");
}

TEST_CASE("HF602 fires on a change request still undecided")
{
  Base base;
  base.changes = edit(base.changes, "status: rejected", "status: assessed");
  CHECK(base.findings("HF602")
        == "projects/acme/changes.yaml:17:13: error[HF602]: change request CR-002 \"Label printer\" is still assessed; "
           "decide it (approved or rejected) and record the outcome before acceptance\n");
}

TEST_CASE("HF602 counts a change request without status as proposed")
{
  Base base;
  base.changes = edit(base.changes, "    status: rejected\n", "");
  CHECK(base.findings("HF602")
        == "projects/acme/changes.yaml:14:5: error[HF602]: change request CR-002 \"Label printer\" has no status, so "
           "it counts as proposed; decide it (approved or rejected) and record the outcome before acceptance\n");
}

TEST_CASE("HF602 fires on an approved change that is not implemented")
{
  Base base;
  base.changes = edit(base.changes, "    status: implemented\n", "    status: approved\n");
  base.changes = edit(base.changes, "    implemented: 2026-11-12\n", "");
  CHECK(base.findings("HF602")
        == "projects/acme/changes.yaml:5:13: error[HF602]: change request CR-001 \"Monthly yield report\" is approved "
           "but not implemented; implement it and set status: implemented, or agree with the customer to drop it and "
           "set status: rejected\n");
}

TEST_CASE("HF602 accepts implemented and rejected change requests")
{
  CHECK(Base().findings("HF602") == "");
}

TEST_CASE("HF603 fires on a project without closure")
{
  Base base;
  base.project = edit(base.project, "closure:\n  accepted: 2026-11-19\n", "");
  CHECK(base.findings("HF603")
        == "projects/acme/project.yaml:3:8: error[HF603]: no customer acceptance date is recorded; add accepted: under "
           "closure: with the date the customer accepted the project\n");
}

TEST_CASE("HF603 points at the closure when only the acceptance date is missing")
{
  Base base = closed();
  base.project = edit(base.project, "  accepted: 2026-11-19\n", "");
  CHECK(base.findings("HF603")
        == "projects/acme/project.yaml:21:3: error[HF603]: no customer acceptance date is recorded; add accepted: "
           "under closure: with the date the customer accepted the project\n");
}

TEST_CASE("HF603 accepts an acceptance date")
{
  CHECK(Base().findings("HF603") == "");
}

TEST_CASE("HF701 and HF702 do not apply to a project in acceptance")
{
  const auto findings = Base().workspace().check("acme").findings;
  CHECK(only(findings, "HF701") == "");
  CHECK(only(findings, "HF702") == "");
}

TEST_CASE("HF701 fires on a closed project without satisfaction score")
{
  Base base = closed();
  base.project = edit(base.project, "  csat: 4\n", "");
  CHECK(base.findings("HF701")
        == "projects/acme/project.yaml:21:3: error[HF701]: no customer satisfaction score is recorded; add csat: under "
           "closure: with the score (1 to 5) from the satisfaction survey\n");
}

TEST_CASE("HF701 accepts a satisfaction score")
{
  CHECK(closed().findings("HF701") == "");
}

TEST_CASE("HF702 fires on a closed project without retrospective")
{
  Base base = closed();
  base.project = edit(base.project, "The ERP test system came late; put it in the contract", "\"  \"");
  CHECK(base.findings("HF702")
        == "projects/acme/project.yaml:24:18: error[HF702]: no retrospective is recorded; add retrospective: under "
           "closure: with what went well, what did not, and what the next handoff should do differently\n");
}

TEST_CASE("HF701 and HF702 point at the stage when there is no closure")
{
  Base base = closed();
  base.project = edit(base.project, "closure:\n", "");
  base.project = edit(base.project, "  accepted: 2026-11-19\n", "");
  base.project = edit(base.project, "  csat: 4\n", "");
  base.project = edit(base.project, "  retrospective: The ERP test system came late; put it in the contract\n", "");
  base.project = edit(base.project, "  went_live: 2026-11-16\n", "");
  base.project = edit(base.project,
                      "  lessons:\n    - text: Ask for the ERP test system in the contract\n      tags: [erp]\n", "");
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF701")
        == "projects/acme/project.yaml:3:8: error[HF701]: no customer satisfaction score is recorded; add csat: under "
           "closure: with the score (1 to 5) from the satisfaction survey\n");
  CHECK(only(findings, "HF702")
        == "projects/acme/project.yaml:3:8: error[HF702]: no retrospective is recorded; add retrospective: under "
           "closure: with what went well, what did not, and what the next handoff should do differently\n");
}

TEST_CASE("HF702 accepts a retrospective")
{
  CHECK(closed().findings("HF702") == "");
}

TEST_CASE("HF604 fires on a must requirement without an acceptance result")
{
  Base base;
  base.acceptance = "";
  CHECK(base.findings("HF604")
        == "projects/acme/requirements.yaml:2:5: error[HF604]: must requirement REQ-001 \"Order tracking\" has no "
           "acceptance result; add it to results: in acceptance.yaml with result: passed once the customer has tested "
           "it, or waived with the customer's note\n");
}

TEST_CASE("HF604 fires on a must requirement whose last result failed")
{
  Base base;
  base.acceptance = edit(base.acceptance, "result: passed", "result: failed");
  CHECK(base.findings("HF604")
        == "projects/acme/acceptance.yaml:5:13: error[HF604]: must requirement REQ-001 \"Order tracking\" failed "
           "acceptance; fix it and add the retest's result after this one (result: passed), or agree with the "
           "customer to waive it (result: waived, with a note)\n");
  // A failed retest after a passed run holds it up again: the last result counts.
  base.acceptance = edit(base.acceptance, "result: failed", "result: passed");
  base.acceptance += "  - requirement: REQ-001\n    result: failed\n";
  CHECK(base.findings("HF604").rfind("projects/acme/acceptance.yaml:8:13: error[HF604]: must requirement REQ-001", 0)
        == 0);
}

TEST_CASE("HF604 accepts a passed retest, a waiver, and requirements that are not must")
{
  CHECK(Base().findings("HF604") == "");
  Base retest;
  retest.acceptance = edit(retest.acceptance, "result: passed", "result: failed");
  retest.acceptance += "  - requirement: REQ-001\n    result: passed\n    evidence: retest\n";
  CHECK(retest.findings("HF604") == "");
  Base waived;
  waived.acceptance = edit(waived.acceptance, "result: passed", "result: waived");
  CHECK(waived.findings("HF604") == "");
  Base removed;  // a change set the must requirement to wont; the should one never needs a result
  removed.acceptance = "";
  removed.requirements = edit(removed.requirements, "priority: must", "priority: wont");
  CHECK(removed.findings("HF604") == "");
}

TEST_CASE("HF604 stays silent about a result the loader rejected")
{
  Base base;
  base.acceptance = edit(base.acceptance, "result: passed", "result: pased");
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF604") == "");
  CHECK(only(findings, "HF002")
        == "projects/acme/acceptance.yaml:5:13: error[HF002]: result: expected one of passed, failed or waived, found "
           "\"pased\"; did you mean \"passed\"?\n");
}

TEST_CASE("HF604 stays silent when acceptance.yaml cannot be read")
{
  Base base;
  base.acceptance = "results:\n  - requirement: REQ-001\n    evidence: run 1: ok\n";
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF604") == "");
  CHECK(only(findings, "HF001").rfind("projects/acme/acceptance.yaml:3:", 0) == 0);
}

TEST_CASE("HF604 does not apply before acceptance")
{
  Base base;
  base.acceptance = "";
  base.project = edit(base.project, "stage: acceptance", "stage: delivery");
  CHECK(base.findings("HF604") == "");
}

TEST_CASE("HF007 fires on an acceptance result for an unknown requirement")
{
  Base base;
  base.acceptance += "  - requirement: REQ-102\n    result: passed\n";
  CHECK(base.findings("HF007")
        == "projects/acme/acceptance.yaml:7:18: error[HF007]: accepted requirement REQ-102 does not exist; did you "
           "mean REQ-002?\n");
}

TEST_CASE("HF007 fires on a support owner missing from the registry")
{
  Base base;
  base.project = edit(base.project, "  owner: zhang.min\n", "  owner: zhang.mim\n");
  auto ws = base.workspace();
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: zhang.min\n    roles: [implementation, pm]\n  - id: li.wei\n"
                          "    roles: [sales]\n");
  CHECK(only(ws.check("acme").findings, "HF007")
        == "projects/acme/project.yaml:24:10: error[HF007]: support owner \"zhang.mim\" is not in the people registry "
           "of handoff.yaml; did you mean \"zhang.min\"?\n");
}

TEST_CASE("HF605 fires on a project without after-sale support")
{
  Base base;
  base.project = edit(base.project, "support:\n  owner: zhang.min\n  until: 2027-05-31\n  channel: service desk\n", "");
  CHECK(base.findings("HF605")
        == "projects/acme/project.yaml:3:8: error[HF605]: no after-sale support is recorded; add support: with owner: "
           "(who supports the customer after go-live) and until: (the end of the support period)\n");
}

TEST_CASE("HF605 fires on support without owner or end date")
{
  Base base;
  base.project = edit(base.project, "  owner: zhang.min\n  until: 2027-05-31\n", "");
  CHECK(base.findings("HF605")
        == "projects/acme/project.yaml:24:3: error[HF605]: support: has no owner; add owner: with the person who "
           "supports the customer after go-live\n"
           "projects/acme/project.yaml:24:3: error[HF605]: support: has no until; add until: with the date the support "
           "period ends\n");
}

TEST_CASE("HF605 accepts an owner and an end date")
{
  CHECK(Base().findings("HF605") == "");
}

TEST_CASE("HF606 fires on a project without actual go-live date")
{
  Base base;
  base.project = edit(base.project, "  went_live: 2026-11-16\n", "");
  CHECK(base.findings("HF606")
        == "projects/acme/project.yaml:21:3: error[HF606]: no actual go-live date is recorded; add went_live: under "
           "closure: with the date the system went live\n");
}

TEST_CASE("HF606 accepts a go-live date")
{
  CHECK(Base().findings("HF606") == "");
}

TEST_CASE("HF703 fires on a serious risk still occurred or open at closure")
{
  Base base = closed();
  base.risks = "risks:\n"
               "  - id: R-1\n"
               "    title: ERP interface undocumented\n"
               "    probability: 4\n"
               "    impact: 5\n"
               "    owner: zhang.min\n"
               "    mitigation: Reverse-engineer it\n"
               "    status: occurred\n"  // 8
               "  - id: R-2\n"           // 9
               "    title: Key user leaves\n"
               "    probability: 3\n"
               "    impact: 5\n"
               "    owner: zhang.min\n"
               "    mitigation: Train a second key user\n";
  CHECK(base.findings("HF703")
        == "projects/acme/risks.yaml:8:13: error[HF703]: risk R-1 \"ERP interface undocumented\" is still occurred "
           "with score 20 (4 x 5); deal with it and set status: closed, or mitigated with who carries it after the "
           "project in mitigation:\n"
           "projects/acme/risks.yaml:9:5: error[HF703]: risk R-2 \"Key user leaves\" has no status, so it counts as "
           "open with score 15 (3 x 5); deal with it and set status: closed, or mitigated with who carries it after "
           "the project in mitigation:\n");
}

TEST_CASE("HF703 accepts closed, mitigated and small risks, and does not apply before closing")
{
  Base base = closed();
  base.risks = "risks:\n"
               "  - id: R-1\n    title: A\n    probability: 4\n    impact: 5\n    status: closed\n"
               "  - id: R-2\n    title: B\n    probability: 5\n    impact: 5\n    status: mitigated\n"
               "  - id: R-3\n    title: C\n    probability: 2\n    impact: 5\n    status: occurred\n";
  CHECK(base.findings("HF703") == "");
  Base open;
  open.risks = "risks:\n  - id: R-1\n    title: A\n    probability: 4\n    impact: 5\n    owner: zhang.min\n"
               "    mitigation: M\n    status: open\n";
  CHECK(open.findings("HF703") == "");
}

TEST_CASE("HF704 fires on a low satisfaction score without follow-up")
{
  Base base = closed();
  base.project = edit(base.project, "  csat: 4\n", "  csat: 3\n");
  CHECK(base.findings("HF704")
        == "projects/acme/project.yaml:23:9: error[HF704]: customer satisfaction is 3 and no follow-up is recorded; "
           "talk to the customer about it and add csat_followup: under closure: with what was done and agreed\n");
}

TEST_CASE("HF704 accepts a follow-up and a good score")
{
  CHECK(closed().findings("HF704") == "");
  Base base = closed();
  base.project = edit(base.project, "  csat: 4\n", "  csat: 2\n  csat_followup: Sales visited; fixes agreed\n");
  CHECK(base.findings("HF704") == "");
}

TEST_CASE("HF705 warns about a closed project without lessons")
{
  Base base = closed();
  base.project = edit(base.project,
                      "  lessons:\n    - text: Ask for the ERP test system in the contract\n      tags: [erp]\n", "");
  CHECK(base.findings("HF705")
        == "projects/acme/project.yaml:21:3: warning[HF705]: no lessons are recorded for the next projects; add "
           "lessons: under closure: with at least one text: (and tags: that say what it is about)\n");
}

TEST_CASE("HF705 accepts a lesson")
{
  CHECK(closed().findings("HF705") == "");
}
