#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A project at stage handoff that passes every gate up to handoff. Line numbers matter to the
// tests below.
struct Base {
  std::string config;  // handoff.yaml, when not empty
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: handoff\n"
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
                        "commitments:\n"                                // 17
                        "  - id: C-1\n"                                 // 18
                        "    text: Order tracking on the shop floor\n"  // 19
                        "    made_by: li.wei\n"                         // 20
                        "    refs: [REQ-001]\n"                         // 21
                        "kickoff:\n"
                        "  date: 2026-10-09\n"
                        "  attendees: [li.wei, zhang.min]\n";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"            // 2
                             "    title: Order tracking\n"  // 3
                             "    source: RFP 3.2\n"
                             "    priority: must\n"
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"
                             "  - id: REQ-002\n"          // 8
                             "    title: Yield report\n"  // 9
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
                     "    due: 2026-12-15\n"                                                                 // 4
                     "    owner: zhang.min\n"                                                                // 5
                     "    acceptance: Customer signs the blueprint; every must requirement has a process\n"  // 6
                     "    status: planned\n"                                                                 // 7
                     "  - id: M2\n"                                                                          // 8
                     "    name: Order tracking live\n"                                                       // 9
                     "    due: 2027-03-31\n"                                                                 // 10
                     "    owner: zhang.min\n"                                                                // 11
                     "    covers: [REQ-001, REQ-002]\n"                                                      // 12
                     "    depends_on: [M1]\n"                                                                // 13
                     "    acceptance: Operators scan 50 released orders and each shows as started\n"         // 14
                     "    status: planned\n"                                                                 // 15
                     "raci:\n"                                                                               // 16
                     "  - activity: Requirement clarification\n"                                             // 17
                     "    sales: A\n"                                                                        // 18
                     "    implementation: R\n"                                                               // 19
                     "    customer: C\n"                                                                     // 20
                     "  - activity: Configuration\n"                                                         // 21
                     "    implementation: A/R\n"                                                             // 22
                     "    pm: I\n";                                                                          // 23
  std::string risks = "risks:\n"                                                                             // 1
                      "  - id: R-1\n"                                                                        // 2
                      "    title: ERP interface is undocumented\n"                                           // 3
                      "    probability: 4\n"                                                                 // 4
                      "    impact: 4\n"                                                                      // 5
                      "    owner: zhang.min\n"                                                               // 6
                      "    mitigation: Reverse-engineer on the test system during M1\n"                      // 7
                      "    status: open\n"                                                                   // 8
                      "    review_by: 2026-12-01\n";                                                         // 9

  Workspace workspace() const
  {
    Workspace ws;
    if (!config.empty()) {
      ws.file("handoff.yaml", config);
    }
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", feasibility);
    ws.file("projects/acme/plan.yaml", plan);
    ws.file("projects/acme/risks.yaml", risks);
    // Signed by both sides over the content above, so that HF411 and HF501 stay quiet.
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }

  std::string findings(const std::string& rule) const { return only(workspace().check("acme").findings, rule); }
};

// Checks the base project with one plan.yaml edit; returns the findings of `rule`.
std::string plan_edit(const std::string& rule, const std::string& from, const std::string& to)
{
  Base base;
  base.plan = edit(base.plan, from, to);
  return base.findings(rule);
}

}  // namespace

TEST_CASE("the handoff base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("handoff rules do not apply to a contracted project")
{
  Base base;
  base.project = edit(base.project, "stage: handoff", "stage: contracted");
  base.plan = "";
  CHECK(lines(base.workspace().check("acme").findings) == "");
}

TEST_CASE("HF401 fires on a must requirement that no milestone covers")
{
  CHECK(plan_edit("HF401", "covers: [REQ-001, REQ-002]", "covers: [REQ-002]")
        == "projects/acme/requirements.yaml:2:5: error[HF401]: must requirement REQ-001 \"Order tracking\" is "
           "covered by no milestone; add it to a milestone's covers:\n");
}

TEST_CASE("HF401 does not ask for a should requirement to be covered")
{
  CHECK(plan_edit("HF401", "covers: [REQ-001, REQ-002]", "covers: [REQ-001]") == "");
}

TEST_CASE("HF401 stays silent when plan.yaml cannot be read")
{
  Base base;
  base.plan = "milestones: [\n";
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF001") != "");
  CHECK(only(findings, "HF401") == "");
}

TEST_CASE("HF402 names everything a milestone is missing")
{
  CHECK(plan_edit("HF402",
                  "    owner: zhang.min\n    acceptance: Customer signs the blueprint; every must requirement "
                  "has a process\n",
                  "")
        == "projects/acme/plan.yaml:2:5: error[HF402]: milestone M1 \"Blueprint signed\" has no owner and no "
           "acceptance criterion; add owner: and acceptance:\n");
  Base base;
  base.plan = edit(base.plan, "    due: 2027-03-31\n    owner: zhang.min\n", "    owner:\n");
  base.plan = edit(base.plan, "    acceptance: Operators scan 50 released orders and each shows as started\n",
                   "    acceptance: \"\"\n");
  CHECK(base.findings("HF402")
        == "projects/acme/plan.yaml:8:5: error[HF402]: milestone M2 \"Order tracking live\" has no owner, no due "
           "date and no acceptance criterion; add owner:, due: and acceptance:\n");
}

TEST_CASE("HF402 accepts a milestone with owner, due date and acceptance")
{
  CHECK(Base().findings("HF402") == "");
}

TEST_CASE("HF403 leaves a missing acceptance criterion to HF402")
{
  CHECK(plan_edit("HF403", "    acceptance: Customer signs the blueprint; every must requirement has a process\n", "")
        == "");
}

TEST_CASE("HF403 fires on an acceptance that repeats the milestone's name")
{
  CHECK(plan_edit("HF403", "acceptance: Customer signs the blueprint; every must requirement has a process",
                  "acceptance: blueprint  SIGNED.")
        == "projects/acme/plan.yaml:6:17: warning[HF403]: milestone M1 \"Blueprint signed\" has acceptance "
           "\"blueprint  SIGNED.\", which only repeats its name; say what the customer will see or measure when it "
           "is done\n");
}

TEST_CASE("HF403 fires on an acceptance that is only a date")
{
  CHECK(plan_edit("HF403", "acceptance: Customer signs the blueprint; every must requirement has a process",
                  "acceptance: done by 2026-12-15")
        == "projects/acme/plan.yaml:6:17: warning[HF403]: milestone M1 \"Blueprint signed\" has acceptance \"done by "
           "2026-12-15\", which is only a date; say what the customer will see or measure when it is done\n");
  CHECK(plan_edit("HF403", "acceptance: Customer signs the blueprint; every must requirement has a process",
                  "acceptance: 2026/12/15.")
        == "projects/acme/plan.yaml:6:17: warning[HF403]: milestone M1 \"Blueprint signed\" has acceptance "
           "\"2026/12/15.\", which is only a date; say what the customer will see or measure when it is done\n");
}

TEST_CASE("HF403 fires on a placeholder acceptance")
{
  CHECK(plan_edit("HF403", "acceptance: Customer signs the blueprint; every must requirement has a process",
                  "acceptance: TBD")
        == "projects/acme/plan.yaml:6:17: warning[HF403]: milestone M1 \"Blueprint signed\" has acceptance \"TBD\", "
           "which is a placeholder; say what the customer will see or measure when it is done\n");
}

TEST_CASE("HF403 accepts an outcome that mentions a date")
{
  CHECK(plan_edit("HF403", "acceptance: Customer signs the blueprint; every must requirement has a process",
                  "acceptance: Customer signs the blueprint by 2026-12-15")
        == "");
}

TEST_CASE("HF404 fires on a milestone due after the promised go-live")
{
  CHECK(plan_edit("HF404", "due: 2027-03-31", "due: 2027-07-10")
        == "projects/acme/plan.yaml:10:10: error[HF404]: milestone M2 \"Order tracking live\" is due 2027-07-10, 10 "
           "days after the go-live promised to the customer (2027-06-30); re-plan it to finish by go-live, or agree "
           "a new go-live date with the customer and record it with an approved change request that affects "
           "go_live\n");
}

TEST_CASE("HF404 accepts a milestone due on the go-live date")
{
  CHECK(plan_edit("HF404", "due: 2027-03-31", "due: 2027-06-30") == "");
}

TEST_CASE("HF405 reports a dependency cycle once, with its path")
{
  const auto found = plan_edit("HF405", "    status: planned\n  - id: M2\n",
                               "    status: planned\n    depends_on: [M2]\n  - id: M2\n");
  CHECK(found
        == "projects/acme/plan.yaml:14:18: error[HF405]: milestones depend on each other in a cycle: M1 → M2 → M1 "
           "(each depends on the next); remove one of these dependencies\n");
}

TEST_CASE("HF405 reports each cycle of a longer chain")
{
  Base base;
  base.plan = "milestones:\n"
              "  - id: M1\n"
              "    name: One\n"
              "    depends_on: [M3]\n"  // 4
              "  - id: M2\n"
              "    name: Two\n"
              "    depends_on: [M1]\n"  // 7
              "  - id: M3\n"
              "    name: Three\n"
              "    depends_on: [M2, M3]\n";  // 10
  CHECK(base.findings("HF405")
        == "projects/acme/plan.yaml:7:18: error[HF405]: milestones depend on each other in a cycle: M1 → M3 → M2 → "
           "M1 (each depends on the next); remove one of these dependencies\n"
           "projects/acme/plan.yaml:10:22: error[HF405]: milestone M3 \"Three\" depends on itself; remove M3 from its "
           "depends_on:\n");
}

TEST_CASE("HF405 fires on a milestone due before one it depends on")
{
  CHECK(plan_edit("HF405", "due: 2026-12-15", "due: 2027-04-10")
        == "projects/acme/plan.yaml:13:18: error[HF405]: milestone M2 \"Order tracking live\" is due 2027-03-31, 10 "
           "days before M1 \"Blueprint signed\" (due 2027-04-10), which it depends on; move M2 after M1 or remove the "
           "dependency\n");
}

TEST_CASE("HF405 accepts a milestone due on the day of the one it depends on")
{
  CHECK(plan_edit("HF405", "due: 2026-12-15", "due: 2027-03-31") == "");
}

TEST_CASE("HF406 fires on a RACI activity without an Accountable")
{
  CHECK(plan_edit("HF406", "    sales: A\n", "    sales: C\n")
        == "projects/acme/plan.yaml:17:5: error[HF406]: RACI activity \"Requirement clarification\" has no "
           "Accountable; mark exactly one role A (or A/R), the one who answers for it\n");
}

TEST_CASE("HF406 fires on a RACI activity with two Accountables")
{
  CHECK(plan_edit("HF406", "    pm: I\n", "    pm: A\n")
        == "projects/acme/plan.yaml:21:5: error[HF406]: RACI activity \"Configuration\" has 2 Accountables "
           "(implementation and pm); keep exactly one A and make the others R, C or I\n");
}

TEST_CASE("HF406 and HF407 accept one A and one R, or one A/R")
{
  const auto findings = Base().workspace().check("acme").findings;
  CHECK(only(findings, "HF406") == "");
  CHECK(only(findings, "HF407") == "");
}

TEST_CASE("HF407 fires on a RACI activity without a Responsible")
{
  CHECK(plan_edit("HF407", "    implementation: R\n", "    implementation: C\n")
        == "projects/acme/plan.yaml:17:5: error[HF407]: RACI activity \"Requirement clarification\" has no "
           "Responsible; mark the role that does the work R (or A/R)\n");
}

TEST_CASE("HF408 fires on a RACI role nobody in the team holds")
{
  CHECK(plan_edit("HF408", "    customer: C\n", "    customer: C\n    presales: C\n")
        == "projects/acme/plan.yaml:21:5: error[HF408]: RACI activity \"Requirement clarification\" assigns the "
           "presales role, but nobody in the team holds it; add presales: to team: in project.yaml, or give the work "
           "to a role the team has\n");
}

TEST_CASE("HF408 exempts the customer and leaves unknown roles to HF007")
{
  Base base;
  base.plan = edit(base.plan, "    customer: C\n", "    customer: C\n    finance: I\n");
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF408") == "");
  CHECK(only(findings, "HF007") != "");
}

TEST_CASE("HF409 fires on a commitment without refs")
{
  Base base;
  base.project = edit(base.project, "    refs: [REQ-001]\n", "");
  CHECK(base.findings("HF409")
        == "projects/acme/project.yaml:18:5: error[HF409]: commitment C-1 \"Order tracking on the shop floor\" is not "
           "traced to any requirement or milestone; add refs: with the requirements or milestones that honour it\n");
}

TEST_CASE("HF409 fires on a commitment whose refs name nothing that exists")
{
  Base base;
  base.project = edit(base.project, "refs: [REQ-001]", "refs: [REQ-099, M9]");
  CHECK(base.findings("HF409")
        == "projects/acme/project.yaml:21:11: error[HF409]: commitment C-1 \"Order tracking on the shop floor\" refers "
           "only to ids that do not exist (REQ-099, M9); point refs: at the requirements or milestones that honour "
           "it\n");
}

TEST_CASE("HF409 accepts a commitment traced to a milestone")
{
  Base base;
  base.project = edit(base.project, "refs: [REQ-001]", "refs: [REQ-099, M2]");
  CHECK(base.findings("HF409") == "");
}

TEST_CASE("HF410 fires on a high risk without owner")
{
  Base base;
  base.risks = edit(base.risks, "    owner: zhang.min\n", "");
  CHECK(base.findings("HF410")
        == "projects/acme/risks.yaml:2:5: error[HF410]: risk R-1 \"ERP interface is undocumented\" scores 16 "
           "(probability 4 x impact 4) but has no owner; name an owner:\n");
}

TEST_CASE("HF410 fires on a high risk without owner and mitigation")
{
  Base base;
  base.risks =
      edit(base.risks, "    owner: zhang.min\n    mitigation: Reverse-engineer on the test system during M1\n", "");
  base.risks = edit(base.risks, "probability: 4", "probability: 5");
  CHECK(base.findings("HF410")
        == "projects/acme/risks.yaml:2:5: error[HF410]: risk R-1 \"ERP interface is undocumented\" scores 20 "
           "(probability 5 x impact 4) but has no owner and no mitigation; name an owner: and record the mitigation: "
           "(what is done about it)\n");
}

TEST_CASE("HF410 accepts a risk under 15, or a closed one, without owner")
{
  Base base;
  base.risks = edit(base.risks, "    owner: zhang.min\n", "");
  base.risks = edit(base.risks, "    impact: 4\n", "    impact: 3\n");
  CHECK(base.findings("HF410") == "");
  Base closed;
  closed.risks = edit(closed.risks, "    owner: zhang.min\n", "");
  closed.risks = edit(closed.risks, "status: open", "status: closed");
  CHECK(closed.findings("HF410") == "");
}

// --- HF417 -----------------------------------------------------------------------------------

TEST_CASE("HF417 fires when no kickoff is recorded")
{
  Base base;
  base.project = edit(base.project, "kickoff:\n  date: 2026-10-09\n  attendees: [li.wei, zhang.min]\n", "");
  CHECK(base.findings("HF417")
        == "projects/acme/project.yaml:3:8: error[HF417]: no kickoff is recorded; hold the kickoff meeting where "
           "sales hands the project to implementation and record it in project.yaml: kickoff: {date: YYYY-MM-DD, "
           "attendees: [sales owner, implementation owner], customer_attendees: [...], notes: ...}\n");
}

TEST_CASE("HF417 fires when the sales or implementation owner missed the kickoff")
{
  Base base;
  base.project = edit(base.project, "attendees: [li.wei, zhang.min]", "attendees: [zhang.min]");
  CHECK(base.findings("HF417")
        == "projects/acme/project.yaml:24:14: error[HF417]: the kickoff's attendees do not include the sales owner "
           "li.wei; the handoff is made in person by both sides: add them to kickoff attendees: (or hold the "
           "kickoff again with them)\n");
  base.project = edit(base.project, "  attendees: [zhang.min]\n", "  customer_attendees: [Wang Fang]\n");
  CHECK(base.findings("HF417")
        == "projects/acme/project.yaml:23:3: error[HF417]: the kickoff's attendees do not include the sales owner "
           "li.wei and the implementation owner zhang.min; the handoff is made in person by both sides: add them to "
           "kickoff attendees: (or hold the kickoff again with them)\n");
}

TEST_CASE("HF417 fires on a kickoff without a date")
{
  Base base;
  base.project = edit(base.project, "  date: 2026-10-09\n", "");
  CHECK(base.findings("HF417")
        == "projects/acme/project.yaml:23:3: error[HF417]: the kickoff has no date; add date: (when the kickoff took "
           "place)\n");
}

TEST_CASE("HF417 accepts a kickoff both owners attended, and is not run before handoff")
{
  Base base;
  CHECK(base.findings("HF417") == "");
  base.project = edit(base.project, "attendees: [li.wei, zhang.min]", "attendees: [chen.jie, zhang.min, li.wei]");
  CHECK(base.findings("HF417") == "");
  base.project = edit(base.project, "stage: handoff", "stage: contracted");
  base.project = edit(base.project, "kickoff:\n  date: 2026-10-09\n  attendees: [chen.jie, zhang.min, li.wei]\n", "");
  CHECK(base.findings("HF417") == "");
}

TEST_CASE("HF404 compares with the current go-live, which an approved change may have moved")
{
  Base base;
  base.plan = edit(base.plan, "due: 2027-03-31", "due: 2027-07-10");
  CHECK(base.findings("HF404") != "");
  base.project = edit(base.project, "go_live: 2027-06-30", "go_live: 2027-07-15");
  CHECK(base.findings("HF404") == "");
}
