#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A project in delivery that passes every gate up to control on 2026-11-20. Line numbers matter
// to the tests below.
struct Base {
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: delivery\n"
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
                        "  attendees: [li.wei, zhang.min]\n";
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
                     "    due: 2026-11-15\n"                                                                 // 4
                     "    owner: zhang.min\n"                                                                // 5
                     "    acceptance: Customer signs the blueprint; every must requirement has a process\n"  // 6
                     "    status: done\n"                                                                    // 7
                     "    done: 2026-11-14\n"                                                                // 8
                     "  - id: M2\n"                                                                          // 9
                     "    name: Order tracking live\n"                                                       // 10
                     "    due: 2027-03-31\n"                                                                 // 11
                     "    owner: zhang.min\n"                                                                // 12
                     "    covers: [REQ-001, REQ-002]\n"                                                      // 13
                     "    depends_on: [M1]\n"                                                                // 14
                     "    acceptance: Operators scan 50 released orders and each shows as started\n"         // 15
                     "    status: planned\n"                                                                 // 16
                     "raci:\n"                                                                               // 17
                     "  - activity: Configuration\n"                                                         // 18
                     "    implementation: A/R\n"                                                             // 19
                     "    pm: I\n"                                                                           // 20
                     "reporting:\n"                                                                          // 21
                     "  cadence_days: 7\n"                                                                   // 22
                     "  last_report: 2026-11-18\n";                                                          // 23
  std::string risks = "risks:\n"                                                                             // 1
                      "  - id: R-1\n"                                                                        // 2
                      "    title: ERP interface is undocumented\n"                                           // 3
                      "    probability: 4\n"                                                                 // 4
                      "    impact: 4\n"                                                                      // 5
                      "    owner: zhang.min\n"                                                               // 6
                      "    mitigation: Reverse-engineer on the test system during M1\n"                      // 7
                      "    status: open\n"                                                                   // 8
                      "    review_by: 2026-12-01\n";                                                         // 9
  std::string changes = "changes:\n"                                                                         // 1
                        "  - id: CR-001\n"                                                                   // 2
                        "    title: Monthly yield report\n"                                                  // 3
                        "    requested_by: Wang Fang\n"                                                      // 4
                        "    date: 2026-11-02\n"                                                             // 5
                        "    affects: [REQ-002]\n"                                                           // 6
                        "    classification: out_of_scope\n"                                                 // 7
                        "    impact:\n"                                                                      // 8
                        "      effort_days: 5\n"                                                             // 9
                        "      schedule_days: 3\n"                                                           // 10
                        "      cost: 20000\n"                                                                // 11
                        "    status: implemented\n"                                                          // 12
                        "    approvals:\n"                                                                   // 13
                        "      - role: sales\n"                                                              // 14
                        "        by: li.wei\n"                                                               // 15
                        "        date: 2026-11-05\n"                                                         // 16
                        "      - role: implementation\n"                                                     // 17
                        "        by: zhang.min\n"                                                            // 18
                        "        date: 2026-11-04\n"                                                         // 19
                        "      - role: customer\n"                                                           // 20
                        "        by: Wang Fang\n"                                                            // 21
                        "        date: 2026-11-06\n"                                                         // 22
                        "    implemented: 2026-11-12\n"                                                      // 23
                        "  - id: CR-002\n"                                                                   // 24
                        "    title: Label printer\n"                                                         // 25
                        "    date: 2026-11-15\n"                                                             // 26
                        "    affects: [REQ-001]\n"                                                           // 27
                        "    status: proposed\n";                                                            // 28

  Workspace workspace() const
  {
    Workspace ws;
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", feasibility);
    ws.file("projects/acme/plan.yaml", plan);
    ws.file("projects/acme/risks.yaml", risks);
    ws.file("projects/acme/changes.yaml", changes);
    // Signed by both sides over the content above, so that HF411 and HF501 stay quiet.
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }

  std::string findings(const std::string& rule, const std::string& today = "2026-11-20") const
  {
    return only(workspace().check("acme", today).findings, rule);
  }

  // Runs only the control gate, whatever the stage (like `check --gate control`).
  std::string control_gate(const std::string& rule) const
  {
    handoff::rules::CheckOptions options;
    options.gate = handoff::core::Gate::control;
    return only(workspace().check("acme", "2026-11-20", options).findings, rule);
  }
};

// Checks the base project with one changes.yaml edit; returns the findings of `rule`.
std::string changes_edit(const std::string& rule, const std::string& from, const std::string& to)
{
  Base base;
  base.changes = edit(base.changes, from, to);
  return base.findings(rule);
}

const std::string k_customer_approval = "      - role: customer\n        by: Wang Fang\n        date: 2026-11-06\n";

}  // namespace

TEST_CASE("the control base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("HF502 fires on an implemented change without implementation approval")
{
  CHECK(changes_edit("HF502", "      - role: implementation\n        by: zhang.min\n        date: 2026-11-04\n", "")
        == "projects/acme/changes.yaml:2:5: error[HF502]: change request CR-001 \"Monthly yield report\" is "
           "implemented without the approval of implementation; add an entry to approvals: with role: "
           "implementation, who approved and when\n");
}

TEST_CASE("HF502 names both missing approvals")
{
  Base base;
  base.changes = edit(base.changes, "status: proposed", "status: approved\n    classification: in_scope");
  CHECK(base.findings("HF502")
        == "projects/acme/changes.yaml:24:5: error[HF502]: change request CR-002 \"Label printer\" is approved "
           "without the approvals of sales and implementation; add entries to approvals: with role: sales and role: "
           "implementation, who approved and when\n");
}

TEST_CASE("HF502 does not ask a proposed change for approvals")
{
  CHECK(Base().findings("HF502") == "");
}

TEST_CASE("HF503 fires on an out_of_scope change without customer approval")
{
  CHECK(changes_edit("HF503", k_customer_approval, "")
        == "projects/acme/changes.yaml:2:5: error[HF503]: out_of_scope change request CR-001 \"Monthly yield report\" "
           "is implemented without customer approval; a billable change needs the customer's agreement to its price "
           "and effort: add an approval with role: customer\n");
}

TEST_CASE("HF503 fires on an out_of_scope change without its cost, at the impact")
{
  CHECK(changes_edit("HF503", "      cost: 20000\n", "")
        == "projects/acme/changes.yaml:9:7: error[HF503]: out_of_scope change request CR-001 \"Monthly yield report\" "
           "is implemented without impact cost; a billable change needs the customer's agreement to its price and "
           "effort: add impact: cost: (the price to the customer)\n");
}

TEST_CASE("HF503 names everything an approved out_of_scope change lacks")
{
  Base base;
  base.changes =
      edit(base.changes, "    impact:\n      effort_days: 5\n      schedule_days: 3\n      cost: 20000\n", "");
  base.changes = edit(base.changes, k_customer_approval, "");
  CHECK(base.findings("HF503")
        == "projects/acme/changes.yaml:2:5: error[HF503]: out_of_scope change request CR-001 \"Monthly yield report\" "
           "is implemented without customer approval, impact cost or impact effort_days; a billable change needs the "
           "customer's agreement to its price and effort: add an approval with role: customer, impact: cost: (the "
           "price to the customer) and impact: effort_days:\n");
}

TEST_CASE("HF503 does not ask an in_scope change for customer approval or cost")
{
  Base base;
  base.changes = edit(base.changes, "classification: out_of_scope", "classification: in_scope");
  base.changes = edit(base.changes, k_customer_approval, "");
  base.changes = edit(base.changes, "      cost: 20000\n", "");
  CHECK(base.findings("HF503") == "");
}

TEST_CASE("HF504 fires on a change implemented before its last approval")
{
  CHECK(changes_edit("HF504", "implemented: 2026-11-12", "implemented: 2026-11-05")
        == "projects/acme/changes.yaml:23:18: error[HF504]: change request CR-001 \"Monthly yield report\" was "
           "implemented 2026-11-05, 1 day before its last approval (customer, 2026-11-06); implement a change only "
           "once it is approved, or correct the dates\n");
}

TEST_CASE("HF504 fires on an implemented date on a change that was never approved")
{
  CHECK(changes_edit("HF504", "    status: proposed\n", "    status: proposed\n    implemented: 2026-11-18\n")
        == "projects/acme/changes.yaml:29:18: error[HF504]: change request CR-002 \"Label printer\" was implemented "
           "2026-11-18 but is proposed, so it was implemented without approval; have it approved and set status: "
           "implemented, or remove the implemented date if it is not done\n");
}

TEST_CASE("HF504 fires when no approval of an implemented change has a date")
{
  Base base;
  for (const char* date : {"        date: 2026-11-05\n", "        date: 2026-11-04\n", "        date: 2026-11-06\n"}) {
    base.changes = edit(base.changes, date, "");
  }
  CHECK(base.findings("HF504")
        == "projects/acme/changes.yaml:20:18: error[HF504]: change request CR-001 \"Monthly yield report\" was "
           "implemented 2026-11-12, but none of its approvals has a date, so the log cannot show it was approved "
           "first; add date: to each approval\n");
}

TEST_CASE("HF504 accepts a change implemented on the day of its last approval")
{
  CHECK(changes_edit("HF504", "implemented: 2026-11-12", "implemented: 2026-11-06") == "");
}

TEST_CASE("HF505 fires on an assessed change without classification")
{
  CHECK(changes_edit("HF505", "status: proposed", "status: assessed")
        == "projects/acme/changes.yaml:24:5: error[HF505]: change request CR-002 \"Label printer\" is assessed but "
           "not classified; set classification: in_scope, value_added (a free concession) or out_of_scope "
           "(billable)\n");
}

TEST_CASE("HF505 does not ask a proposed change for a classification")
{
  CHECK(Base().findings("HF505") == "");
}

TEST_CASE("HF506 warns about an overdue milestone in delivery")
{
  Base base;
  base.plan = edit(base.plan, "    status: done\n    done: 2026-11-14\n", "    status: in_progress\n");
  CHECK(base.findings("HF506")
        == "projects/acme/plan.yaml:4:10: warning[HF506]: milestone M1 \"Blueprint signed\" was due 2026-11-15 and is "
           "not done (5 days overdue); update its status or re-plan it\n");
  CHECK(base.findings("HF506", "2026-11-16")
        == "projects/acme/plan.yaml:4:10: warning[HF506]: milestone M1 \"Blueprint signed\" was due 2026-11-15 and is "
           "not done (1 day overdue); update its status or re-plan it\n");
}

TEST_CASE("HF506 accepts a milestone due today, or done")
{
  Base base;
  CHECK(base.findings("HF506") == "");
  base.plan = edit(base.plan, "    status: done\n    done: 2026-11-14\n", "    status: in_progress\n");
  CHECK(base.findings("HF506", "2026-11-15") == "");
}

TEST_CASE("HF506, HF507 and HF508 are silent in stages handoff and closed")
{
  for (const char* stage : {"stage: handoff", "stage: closed"}) {
    CAPTURE(stage);
    Base base;
    base.project = edit(base.project, "stage: delivery", stage);
    base.plan = edit(base.plan, "    status: done\n    done: 2026-11-14\n", "    status: in_progress\n");
    base.plan = edit(base.plan, "last_report: 2026-11-18", "last_report: 2026-10-01");
    base.risks = edit(base.risks, "review_by: 2026-12-01", "review_by: 2026-11-01");
    for (const char* rule : {"HF506", "HF507", "HF508"}) {
      CAPTURE(rule);
      CHECK(base.control_gate(rule) == "");
    }
    // The same records warn in acceptance.
    base.project = edit(base.project, stage, "stage: acceptance");
    for (const char* rule : {"HF506", "HF507", "HF508"}) {
      CAPTURE(rule);
      CHECK(base.control_gate(rule) != "");
    }
  }
}

TEST_CASE("HF507 warns about an open risk past its review date")
{
  Base base;
  base.risks = edit(base.risks, "review_by: 2026-12-01", "review_by: 2026-11-10");
  CHECK(base.findings("HF507")
        == "projects/acme/risks.yaml:9:16: warning[HF507]: open risk R-1 \"ERP interface is undocumented\" was due for "
           "review 2026-11-10 (10 days overdue); review it and set the next review_by:, or update its status\n");
}

TEST_CASE("HF507 counts a risk without status as open")
{
  Base base;
  base.risks = edit(base.risks, "    status: open\n    review_by: 2026-12-01\n", "    review_by: 2026-11-19\n");
  CHECK(base.findings("HF507")
        == "projects/acme/risks.yaml:8:16: warning[HF507]: open risk R-1 \"ERP interface is undocumented\" was due for "
           "review 2026-11-19 (1 day overdue); review it and set the next review_by:, or update its status\n");
}

TEST_CASE("HF507 accepts a mitigated risk past its review date")
{
  Base base;
  base.risks = edit(base.risks, "review_by: 2026-12-01", "review_by: 2026-11-10");
  base.risks = edit(base.risks, "status: open", "status: mitigated");
  CHECK(base.findings("HF507") == "");
}

TEST_CASE("HF508 warns when the next status report is overdue")
{
  Base base;
  base.plan = edit(base.plan, "last_report: 2026-11-18", "last_report: 2026-11-10");
  CHECK(base.findings("HF508")
        == "projects/acme/plan.yaml:23:16: warning[HF508]: status report overdue: the last was 2026-11-10 and reports "
           "are due every 7 days, so the next was due 2026-11-17 (3 days overdue); send the status report to sales "
           "and update last_report:\n");
}

TEST_CASE("HF508 counts the first report from the delivery start")
{
  Base base;
  base.plan = edit(base.plan, "  last_report: 2026-11-18\n", "");
  CHECK(base.findings("HF508")
        == "projects/acme/plan.yaml:22:17: warning[HF508]: no status report is recorded: reports are due every 7 days "
           "from the delivery start 2026-10-08, so the first was due 2026-10-15 (36 days overdue); send the status "
           "report to sales and record its date in last_report:\n");
  CHECK(base.findings("HF508", "2026-10-15") == "");
}

TEST_CASE("HF508 accepts a report due today, and a plan without a cadence")
{
  Base base;
  base.plan = edit(base.plan, "last_report: 2026-11-18", "last_report: 2026-11-13");
  CHECK(base.findings("HF508") == "");
  base.plan = edit(base.plan, "  cadence_days: 7\n", "");
  base.plan = edit(base.plan, "last_report: 2026-11-13", "last_report: 2026-09-01");
  CHECK(base.findings("HF508") == "");
}

TEST_CASE("HF509 warns when approved schedule impact pushes the plan past go-live")
{
  CHECK(changes_edit("HF509", "schedule_days: 3", "schedule_days: 95")
        == "projects/acme/changes.yaml:10:22: warning[HF509]: approved changes move the plan 95 days (CR-001 +95): "
           "the last milestone M2 \"Order tracking live\", due 2027-03-31, moves to 2027-07-04, 4 days after the "
           "promised go-live 2027-06-30; agree a new go-live date with the customer, or win the days back elsewhere "
           "in the plan\n");
}

TEST_CASE("HF509 points at the change that tips the plan past go-live")
{
  Base base;
  base.changes = edit(base.changes, "schedule_days: 3", "schedule_days: 60");
  base.changes =
      edit(base.changes, "    status: proposed\n", "    impact:\n      schedule_days: 31.5\n    status: approved\n");
  CHECK(base.findings("HF509")
        == "projects/acme/changes.yaml:29:22: warning[HF509]: approved changes move the plan 92 days (CR-001 +60, "
           "CR-002 +31.5): the last milestone M2 \"Order tracking live\", due 2027-03-31, moves to 2027-07-01, 1 day "
           "after the promised go-live 2027-06-30; agree a new go-live date with the customer, or win the days back "
           "elsewhere in the plan\n");
}

TEST_CASE("HF509 ignores the schedule impact of changes not approved")
{
  Base base;
  base.changes =
      edit(base.changes, "    status: proposed\n", "    impact:\n      schedule_days: 300\n    status: proposed\n");
  CHECK(base.findings("HF509") == "");
}

// --- HF510–HF513 (change control: who may approve, and when) ---------------------------------

TEST_CASE("HF510 fires on an approval by someone without the role")
{
  CHECK(changes_edit("HF510", "      - role: implementation\n        by: zhang.min\n",
                     "      - role: implementation\n        by: li.wei\n")
        == "projects/acme/changes.yaml:18:13: error[HF510]: change request CR-001 \"Monthly yield report\" is "
           "approved for implementation by li.wei, who holds only sales in the team of project.yaml; the "
           "implementation owner approves for implementation\n"
           "projects/acme/changes.yaml:18:13: error[HF510]: change request CR-001 \"Monthly yield report\" is "
           "approved by li.wei for both sales and implementation; each side approves for itself, so two people must "
           "agree: the other side's owner approves\n");
}

TEST_CASE("HF510 fires on one person approving both sides though they hold both roles")
{
  Workspace ws = Base().workspace();
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    roles: [sales, implementation]\n"
                          "  - id: zhang.min\n    roles: [implementation, pm]\n");
  ws.file("projects/acme/changes.yaml", edit(Base().changes, "      - role: implementation\n        by: zhang.min\n",
                                             "      - role: implementation\n        by: li.wei\n"));
  CHECK(only(ws.check("acme").findings, "HF510")
        == "projects/acme/changes.yaml:18:13: error[HF510]: change request CR-001 \"Monthly yield report\" is "
           "approved by li.wei for both sales and implementation; each side approves for itself, so two people must "
           "agree: the other side's owner approves\n");
}

TEST_CASE("HF510 accepts the owners' approvals and any customer name")
{
  CHECK(Base().findings("HF510") == "");
  CHECK(changes_edit("HF510", "by: Wang Fang", "by: Someone Else") == "");
}

TEST_CASE("HF511 fires on an approval dated after today")
{
  CHECK(changes_edit("HF511", "        date: 2026-11-06\n", "        date: 2026-11-21\n")
        == "projects/acme/changes.yaml:22:15: error[HF511]: the customer approval by Wang Fang of change request "
           "CR-001 \"Monthly yield report\" is dated 2026-11-21, 1 day after today (2026-11-20); an approval is "
           "recorded once it was given: correct the date\n");
}

TEST_CASE("HF511 fires on an approval dated before the request")
{
  CHECK(changes_edit("HF511", "        date: 2026-11-04\n", "        date: 2026-10-30\n")
        == "projects/acme/changes.yaml:19:15: error[HF511]: the implementation approval by zhang.min of change "
           "request CR-001 \"Monthly yield report\" is dated 2026-10-30, 3 days before the request itself "
           "(2026-11-02); a change is approved after it was requested: correct the dates\n");
}

TEST_CASE("HF511 accepts approvals between the request and today")
{
  CHECK(Base().findings("HF511") == "");
  CHECK(changes_edit("HF511", "        date: 2026-11-06\n", "        date: 2026-11-20\n") == "");
}

TEST_CASE("HF512 warns about a change request left proposed past change_response_days")
{
  Base base;
  CHECK(base.findings("HF512", "2026-11-25") == "");  // proposed 2026-11-15: 10 days is the default
  CHECK(base.findings("HF512", "2026-11-26")
        == "projects/acme/changes.yaml:28:13: warning[HF512]: change request CR-002 \"Label printer\" has been "
           "proposed since 2026-11-15 (11 days; handoff.yaml allows 10 days in change_response_days); assess it and "
           "approve or reject it, so the requester gets an answer\n");
  Workspace ws = base.workspace();
  ws.file("handoff.yaml", "version: 1\nchange_response_days: 3\n");
  CHECK(only(ws.check("acme", "2026-11-19").findings, "HF512")
        == "projects/acme/changes.yaml:28:13: warning[HF512]: change request CR-002 \"Label printer\" has been "
           "proposed since 2026-11-15 (4 days; handoff.yaml allows 3 days in change_response_days); assess it and "
           "approve or reject it, so the requester gets an answer\n");
}

TEST_CASE("HF512 counts a change without status as proposed, and is silent outside delivery and acceptance")
{
  Base base;
  base.changes = edit(base.changes, "    status: proposed\n", "");
  CHECK(base.findings("HF512", "2026-12-01")
        == "projects/acme/changes.yaml:24:5: warning[HF512]: change request CR-002 \"Label printer\" has been "
           "proposed since 2026-11-15 (16 days; handoff.yaml allows 10 days in change_response_days); assess it and "
           "approve or reject it, so the requester gets an answer\n");
  base.project = edit(base.project, "stage: delivery", "stage: handoff");
  CHECK(base.findings("HF512", "2026-12-01") == "");
}

TEST_CASE("HF513 warns about an approved value_added change without effort")
{
  Base base;
  base.changes = edit(base.changes, "classification: out_of_scope\n    impact:\n      effort_days: 5\n",
                      "classification: value_added\n    impact:\n");
  CHECK(base.findings("HF513")
        == "projects/acme/changes.yaml:9:7: warning[HF513]: value_added change request CR-001 \"Monthly yield "
           "report\" is implemented without impact effort_days; a free concession still costs the team effort: "
           "record it in impact: effort_days: so the portfolio can count what was given away\n");
}

TEST_CASE("HF513 accepts a value_added change with effort, and one not approved yet")
{
  CHECK(changes_edit("HF513", "classification: out_of_scope", "classification: value_added") == "");
  CHECK(changes_edit("HF513", "    affects: [REQ-001]\n", "    affects: [REQ-001]\n    classification: value_added\n")
        == "");
}
