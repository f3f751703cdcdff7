// `suppress:` in project.yaml: a warning the team accepts, with the reason (docs/records.md).
#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A project in delivery whose only finding on 2026-11-20 is HF507 for R-1 (review_by passed).
// project.yaml is 11 lines; a `suppress:` block added at its end starts on line 12.
const std::string k_project = "id: acme\n"
                              "name: ACME MES\n"
                              "stage: delivery\n"
                              "customer:\n"
                              "  name: ACME Manufacturing\n"
                              "  contacts:\n"
                              "    - name: Wang Fang\n"
                              "      decision_maker: true\n"
                              "team:\n"
                              "  sales: li.wei\n"
                              "  implementation: zhang.min\n";
const std::string k_risks = "risks:\n"
                            "  - id: R-1\n"
                            "    title: ERP interface is undocumented\n"
                            "    probability: 2\n"
                            "    impact: 2\n"
                            "    owner: zhang.min\n"
                            "    status: open\n"
                            "    review_by: 2026-11-10\n"
                            "  - id: R-2\n"
                            "    title: Key users busy at year end\n"
                            "    probability: 2\n"
                            "    impact: 2\n"
                            "    owner: zhang.min\n"
                            "    status: open\n"
                            "    review_by: 2026-11-12\n";

handoff::rules::ProjectOutcome check(const std::string& suppress, bool strict = false,
                                     const std::string& config = "version: 1\n")
{
  Workspace ws;
  ws.file("handoff.yaml", config);
  ws.file("projects/acme/project.yaml", k_project + suppress);
  ws.file("projects/acme/risks.yaml", k_risks);
  handoff::rules::CheckOptions options;
  options.gate = handoff::core::Gate::control;  // the risks' gate, whatever else the project lacks
  options.strict = strict;
  return ws.check("acme", "2026-11-20", options);
}

// The schema gate's findings of the same project (where a wrong `suppress:` entry is reported).
std::string schema_findings(const std::string& suppress, const std::string& config = "version: 1\n")
{
  Workspace ws;
  ws.file("handoff.yaml", config);
  ws.file("projects/acme/project.yaml", k_project + suppress);
  ws.file("projects/acme/risks.yaml", k_risks);
  handoff::rules::CheckOptions options;
  options.gate = handoff::core::Gate::schema;
  return lines(ws.check("acme", "2026-11-20", options).findings);
}

const std::string k_r1_finding = "projects/acme/risks.yaml:8:16: warning[HF507]: open risk R-1 \"ERP interface is "
                                 "undocumented\" was due for review 2026-11-10 (10 days overdue); review it and set "
                                 "the next review_by:, or update its status\n";
const std::string k_r2_finding = "projects/acme/risks.yaml:15:16: warning[HF507]: open risk R-2 \"Key users busy at "
                                 "year end\" was due for review 2026-11-12 (8 days overdue); review it and set the "
                                 "next review_by:, or update its status\n";

}  // namespace

TEST_CASE("without suppress: both overdue reviews are warnings")
{
  const auto outcome = check("");
  CHECK(only(outcome.findings, "HF507") == k_r1_finding + k_r2_finding);
  CHECK(outcome.suppressed.empty());
}

TEST_CASE("suppress: with ids moves the matching warning out of the findings, with its reason and place")
{
  const auto outcome = check("suppress:\n"
                             "  - rule: HF507\n"
                             "    ids: [R-1]\n"
                             "    reason: Reviewed at the customer's monthly steering meeting\n");
  CHECK(lines(outcome.findings) == k_r2_finding);
  REQUIRE(outcome.suppressed.size() == 1);
  CHECK(lines({outcome.suppressed[0].finding}) == k_r1_finding);
  CHECK(outcome.suppressed[0].reason == "Reviewed at the customer's monthly steering meeting");
  CHECK(outcome.suppressed[0].at.line == 13);
  CHECK(outcome.suppressed[0].at.column == 5);
}

TEST_CASE("suppress: without ids takes every finding of the rule")
{
  const auto outcome = check("suppress:\n  - rule: HF507\n    reason: Risks are reviewed monthly with the customer\n");
  CHECK(lines(outcome.findings) == "");
  CHECK(outcome.suppressed.size() == 2);
}

TEST_CASE("suppress: ids that name nothing the rule reports suppress nothing")
{
  const auto outcome = check("suppress:\n  - rule: HF507\n    ids: [R-9]\n    reason: A typo in the id\n");
  CHECK(lines(outcome.findings) == k_r1_finding + k_r2_finding);
  CHECK(outcome.suppressed.empty());
}

TEST_CASE("a suppressed warning does not block the next stage under --strict; an open one does")
{
  // (The project lacks much else that blocks it; only HF507 is looked at.)
  const auto suppressed = check("suppress:\n  - rule: HF507\n    reason: Reviewed monthly\n", true);
  CHECK(only(suppressed.readiness.blockers, "HF507") == "");
  CHECK(only(suppressed.readiness.warnings, "HF507") == "");
  CHECK(suppressed.gates[static_cast<std::size_t>(handoff::core::Gate::control)] == handoff::rules::GateStatus::pass);
  const auto open = check("", true);
  CHECK(only(open.readiness.blockers, "HF507") == k_r1_finding + k_r2_finding);
  CHECK(open.gates[static_cast<std::size_t>(handoff::core::Gate::control)] == handoff::rules::GateStatus::fail);
}

TEST_CASE("suppress: an error rule cannot be suppressed (HF002), unless handoff.yaml lowers it to a warning")
{
  const std::string entry = "suppress:\n  - rule: HF410\n    reason: The mitigation is agreed verbally\n";
  CHECK(schema_findings(entry)
        == "projects/acme/project.yaml:13:11: error[HF002]: suppress: HF410 is an error in this workspace, and only "
           "warnings can be suppressed: fix what it reports (or, for the whole workspace, lower its severity under "
           "rules: in handoff.yaml)\n");
  CHECK(schema_findings(entry, "version: 1\nrules:\n  HF410: warning\n") == "");
}

TEST_CASE("suppress: an unknown rule is HF007 with a guess")
{
  CHECK(schema_findings("suppress:\n  - rule: HF5O7\n    reason: Reviewed monthly\n")
        == "projects/acme/project.yaml:13:11: error[HF007]: suppress: unknown rule \"HF5O7\"; did you mean HF507?\n");
}

TEST_CASE("suppress: a blank reason is HF003 and suppresses nothing; a missing one is the schema's HF003")
{
  const std::string blank = "suppress:\n  - rule: HF507\n    reason: \"  \"\n";
  CHECK(schema_findings(blank)
        == "projects/acme/project.yaml:14:13: error[HF003]: suppress: the suppression of HF507 gives no reason: write "
           "why the team accepts this warning, for the reviewers\n");
  CHECK(check(blank).suppressed.empty());
  const std::string missing = "suppress:\n  - rule: HF507\n";
  const std::string found = schema_findings(missing);
  CHECK(found.find("error[HF003]") != std::string::npos);
  CHECK(found.find("reason") != std::string::npos);
  CHECK(found.find('\n') == found.size() - 1);  // one finding, not two
  CHECK(check(missing).suppressed.empty());
}

TEST_CASE("the findings about a wrong suppress: entry have Chinese text")
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", k_project + "suppress:\n  - rule: HF410\n    reason: x\n");
  handoff::rules::CheckOptions options;
  options.gate = handoff::core::Gate::schema;
  const auto outcome = ws.check("acme", "2026-11-20", options);
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].message_zh
        == "suppress：HF410 在本工作区是错误级规则，只有警告可以抑制：请修正它指出的问题（或在 handoff.yaml 的 "
           "rules: 中为整个工作区降低其级别）");
}
