#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A contracted project that passes every gate up to contracted. Line numbers matter to the
// tests below.
struct Base {
  std::string config;  // handoff.yaml, when not empty
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: contracted\n"
                        "customer:\n"
                        "  name: ACME Manufacturing\n"
                        "  contacts:\n"
                        "    - name: Wang Fang\n"
                        "      decision_maker: true\n"
                        "team:\n"
                        "  sales: li.wei\n"
                        "  implementation: zhang.min\n"
                        "contract:\n"
                        "  signed: 2026-10-01\n"
                        "  start: 2026-10-08\n"
                        "  go_live: 2027-06-30\n";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"            // 2
                             "    title: Order tracking\n"  // 3
                             "    source: RFP 3.2\n"        // 4
                             "    priority: must\n"         // 5
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"            // 7
                             "  - id: REQ-002\n"                  // 8
                             "    title: Yield report\n"          // 9
                             "    source: workshop 2026-09-12\n"  // 10
                             "    priority: should\n"             // 11
                             "    acceptance: Lists the yield per line for the last 30 days\n"
                             "    status: clarified\n";
  std::string feasibility = "assessed_by: zhang.min\n"      // 1
                            "estimate:\n"                   // 2
                            "  duration_weeks: 26\n"        // 3
                            "recommendation: go\n"          // 4
                            "assessments:\n"                // 5
                            "  - requirement: REQ-001\n"    // 6
                            "    verdict: configuration\n"  // 7
                            "    effort_days: 10\n"         // 8
                            "  - requirement: REQ-002\n"    // 9
                            "    verdict: standard\n"       // 10
                            "    effort_days: 10\n";        // 11

  Workspace workspace() const
  {
    Workspace ws;
    if (!config.empty()) {
      ws.file("handoff.yaml", config);
    }
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    if (!feasibility.empty()) {
      ws.file("projects/acme/feasibility.yaml", feasibility);
    }
    return ws;
  }

  std::string findings(const std::string& rule) const { return only(workspace().check("acme").findings, rule); }
};

// Checks the base project with one feasibility.yaml edit; returns the findings of `rule`.
std::string feasibility_edit(const std::string& rule, const std::string& from, const std::string& to)
{
  Base base;
  base.feasibility = edit(base.feasibility, from, to);
  return base.findings(rule);
}

const std::string k_registry = "version: 1\n"
                               "people:\n"
                               "  - id: li.wei\n"
                               "    roles: [sales]\n"
                               "  - id: zhang.min\n"
                               "    roles: [pm, product]\n";

}  // namespace

TEST_CASE("the feasibility base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("HF301 fires on an in-scope requirement without assessment")
{
  CHECK(feasibility_edit("HF301", "  - requirement: REQ-002\n    verdict: standard\n    effort_days: 10\n", "")
        == "projects/acme/requirements.yaml:8:5: error[HF301]: requirement REQ-002 \"Yield report\" has no "
           "feasibility assessment; have implementation assess it and add it to assessments: in feasibility.yaml "
           "with a verdict\n");
}

TEST_CASE("HF301 does not ask for an assessment of a wont requirement")
{
  Base base;
  base.requirements = edit(base.requirements, "    priority: should\n", "    priority: wont\n");
  base.feasibility =
      edit(base.feasibility, "  - requirement: REQ-002\n    verdict: standard\n    effort_days: 10\n", "");
  CHECK(base.findings("HF301") == "");
}

TEST_CASE("HF301 and HF305 stay silent when feasibility.yaml cannot be read")
{
  Base base;
  base.feasibility = "assessed_by: zhang.min\nassessments: [\n";
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF001") != "");
  CHECK(only(findings, "HF301") == "");
  CHECK(only(findings, "HF305") == "");
}

TEST_CASE("HF302 fires on an infeasible requirement that is still should")
{
  CHECK(feasibility_edit("HF302", "    verdict: standard\n", "    verdict: infeasible\n")
        == "projects/acme/requirements.yaml:11:15: error[HF302]: requirement REQ-002 \"Yield report\" is assessed "
           "infeasible but is still should; agree an alternative with the customer and lower it to could or wont, or "
           "have it re-assessed\n");
}

TEST_CASE("HF302 accepts an infeasible requirement lowered to could")
{
  Base base;
  base.requirements = edit(base.requirements, "    priority: should\n", "    priority: could\n");
  base.feasibility = edit(base.feasibility, "    verdict: standard\n", "    verdict: infeasible\n");
  CHECK(base.findings("HF302") == "");
}

TEST_CASE("HF303 fires on customization without effort_days")
{
  CHECK(feasibility_edit("HF303", "    verdict: standard\n    effort_days: 10\n", "    verdict: customization\n")
        == "projects/acme/feasibility.yaml:9:5: error[HF303]: assessment of requirement REQ-002 \"Yield report\" "
           "says customization but has no effort_days; estimate the custom work in person-days\n");
}

TEST_CASE("HF303 accepts customization with effort_days")
{
  CHECK(feasibility_edit("HF303", "    verdict: standard\n", "    verdict: customization\n") == "");
}

TEST_CASE("HF304 fires when the promised go-live is earlier than the estimate allows")
{
  Base base;
  base.project = edit(base.project, "go_live: 2027-06-30", "go_live: 2027-01-15");
  CHECK(base.findings("HF304")
        == "projects/acme/project.yaml:15:12: error[HF304]: the promise outruns the assessment: go-live 2027-01-15 "
           "is promised, but the estimate of 26 weeks from 2026-10-08 supports 2027-04-08 at the earliest (83 days "
           "later); renegotiate the date or re-plan the scope\n");
}

TEST_CASE("HF304 counts from the signature without a start and rounds part-days up")
{
  Base base;
  base.project = edit(base.project, "  start: 2026-10-08\n  go_live: 2027-06-30", "  go_live: 2027-04-04");
  base.feasibility = edit(base.feasibility, "duration_weeks: 26", "duration_weeks: 26.5");
  // 2026-10-01 + ceil(185.5) days = 2027-04-05; rounding down would pass
  CHECK(base.findings("HF304")
        == "projects/acme/project.yaml:14:12: error[HF304]: the promise outruns the assessment: go-live 2027-04-04 "
           "is promised, but the estimate of 26.5 weeks from 2026-10-01 supports 2027-04-05 at the earliest (1 day "
           "later); renegotiate the date or re-plan the scope\n");
}

TEST_CASE("HF304 accepts a go-live on the earliest supported date")
{
  Base base;
  base.project = edit(base.project, "go_live: 2027-06-30", "go_live: 2027-04-08");
  CHECK(base.findings("HF304") == "");
}

TEST_CASE("HF304 needs a go-live date to compare with")
{
  Base base;
  base.project = edit(base.project, "  go_live: 2027-06-30\n", "");
  CHECK(base.findings("HF304") == "");
}

TEST_CASE("HF305 fires when there is no feasibility.yaml")
{
  Base base;
  base.feasibility.clear();
  CHECK(base.findings("HF305")
        == "projects/acme/project.yaml:3:8: error[HF305]: no feasibility assessment recorded; add feasibility.yaml "
           "with assessed_by: (the implementation or presales person who assessed the requirements), the estimate "
           "and an assessment per requirement\n");
}

TEST_CASE("HF305 fires when feasibility.yaml does not say who assessed it")
{
  CHECK(feasibility_edit("HF305", "assessed_by: zhang.min\n", "")
        == "projects/acme/feasibility.yaml:1:1: error[HF305]: feasibility.yaml does not say who assessed it; add "
           "assessed_by: with the implementation or presales person who made the estimate\n");
}

TEST_CASE("HF305 without a registry: the assessor must be the team's implementation or presales member")
{
  CHECK(feasibility_edit("HF305", "assessed_by: zhang.min", "assessed_by: li.wei")
        == "projects/acme/feasibility.yaml:1:14: error[HF305]: assessed_by li.wei is neither the implementation nor "
           "the presales member of the team; have them assess the requirements, or name the assessor under team: as "
           "implementation: or presales:\n");
  Base base;
  base.project = edit(base.project, "  implementation: zhang.min\n", "  presales: chen.jie\n");
  base.feasibility = edit(base.feasibility, "assessed_by: zhang.min", "assessed_by: chen.jie");
  CHECK(base.findings("HF305") == "");
}

TEST_CASE("HF305 with a registry: the assessor must hold the implementation or presales role")
{
  Base base;
  base.config = k_registry;
  CHECK(base.findings("HF305")
        == "projects/acme/feasibility.yaml:1:14: error[HF305]: assessed_by zhang.min holds neither the implementation "
           "nor the presales role (handoff.yaml gives roles pm, product); have implementation or presales assess the "
           "requirements, or add the role in handoff.yaml if they hold it\n");
  base.config = edit(k_registry, "roles: [pm, product]", "roles: [implementation, pm]");
  CHECK(base.findings("HF305") == "");
}

TEST_CASE("HF306 fires when must requirements take over 60% of the assessed effort")
{
  CHECK(feasibility_edit("HF306", "    verdict: configuration\n    effort_days: 10\n",
                         "    verdict: configuration\n    effort_days: 25.5\n")
        == "projects/acme/feasibility.yaml:6:5: warning[HF306]: must requirements take 25.5 of the 35.5 assessed "
           "effort days (72%, over 60%), leaving little scope to trade if delivery slips; review the priorities with "
           "the customer\n");
}

TEST_CASE("HF306 counts an assessment of no effort in neither sum")
{
  Base base;
  base.feasibility = edit(base.feasibility, "    verdict: standard\n    effort_days: 10\n",
                          "    verdict: standard\n    effort_days: 0\n");
  CHECK(base.findings("HF306")
        == "projects/acme/feasibility.yaml:6:5: warning[HF306]: must requirements take 10 of the 10 assessed effort "
           "days (100%, over 60%), leaving little scope to trade if delivery slips; review the priorities with the "
           "customer\n");
}

TEST_CASE("HF306 accepts exactly 60%")
{
  CHECK(feasibility_edit("HF306", "    verdict: configuration\n    effort_days: 10\n",
                         "    verdict: configuration\n    effort_days: 15\n")
        == "");
}

TEST_CASE("HF306 skips a project with no assessed effort")
{
  Base base;
  base.feasibility = edit(base.feasibility, "    effort_days: 10\n", "    effort_days: 0\n");
  base.feasibility = edit(base.feasibility, "    effort_days: 10\n", "    effort_days: 0\n");
  CHECK(base.findings("HF306") == "");
}

TEST_CASE("HF307 fires on a no_go recommendation for a contracted project")
{
  CHECK(feasibility_edit("HF307", "recommendation: go\n", "recommendation: no_go\n")
        == "projects/acme/feasibility.yaml:4:17: error[HF307]: the feasibility assessment recommends no_go, but the "
           "contract is signed; escalate to management, resolve the blockers with the customer and re-assess to go "
           "or go_with_conditions\n");
}

TEST_CASE("HF307 accepts no_go before the contract")
{
  Base base;
  base.project = edit(base.project, "stage: contracted", "stage: presales");
  base.feasibility = edit(base.feasibility, "recommendation: go\n", "recommendation: no_go\n");
  CHECK(lines(base.workspace().check("acme").findings) == "");
}
