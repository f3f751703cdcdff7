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
                        "closure:\n"                 // 20
                        "  accepted: 2026-11-19\n";  // 21
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
  base.project += "  csat: 4\n"                                                                // 19
                  "  retrospective: The ERP test system came late; put it in the contract\n";  // 20
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
        == "projects/acme/project.yaml:23:18: error[HF702]: no retrospective is recorded; add retrospective: under "
           "closure: with what went well, what did not, and what the next handoff should do differently\n");
}

TEST_CASE("HF701 and HF702 point at the stage when there is no closure")
{
  Base base = closed();
  base.project = edit(base.project, "closure:\n", "");
  base.project = edit(base.project, "  accepted: 2026-11-19\n", "");
  base.project = edit(base.project, "  csat: 4\n", "");
  base.project = edit(base.project, "  retrospective: The ERP test system came late; put it in the contract\n", "");
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
