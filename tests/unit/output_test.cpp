#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "output/format.hpp"
#include "rules/rule.hpp"

using handoff::core::Finding;
using handoff::core::Gate;
using handoff::core::Severity;
using handoff::core::Stage;
using handoff::rules::CheckRun;
using handoff::rules::GateStatus;
using handoff::rules::ProjectOutcome;

namespace {

Finding finding(std::string rule, Severity severity, Gate gate, std::string file, int line, int column,
                std::string message)
{
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.gate = gate;
  f.project = "acme";
  f.file = std::move(file);
  f.pos = {line, column};
  f.message = std::move(message);
  return f;
}

// A project at `handoff` whose clarify gate fails, with a warning in another gate and text
// that needs escaping in every format.
CheckRun sample_run()
{
  CheckRun run;
  run.today = *handoff::support::Date::parse("2026-11-20");
  ProjectOutcome p;
  p.id = "acme";
  p.stage = Stage::handoff;
  p.ready_for = Stage::presales;
  p.gates = {GateStatus::pass, GateStatus::pass, GateStatus::fail, GateStatus::pass,
             GateStatus::pass, GateStatus::skip, GateStatus::skip, GateStatus::skip};
  p.findings.push_back(finding("HF201", Severity::error, Gate::clarify, "projects/acme/requirements.yaml", 3, 5,
                               "requirement R-1 \"50% <faster>, & more: now\"\nhas no acceptance criterion"));
  p.findings.back().ids = {"R-1"};
  p.findings.push_back(finding("HF403", Severity::warning, Gate::handoff, "projects/acme/plan.yaml", 7, 9,
                               "milestone M1 acceptance is not outcome-based"));
  run.projects.push_back(p);
  run.notes.push_back("not a git repository: HF414 is not checked");
  return run;
}

}  // namespace

TEST_CASE("github: one annotation per finding with GitHub's escaping, notes as notices, then the summary")
{
  // A line break in a message is shown as \n (one finding, one line), so %0A never appears.
  CHECK(handoff::output::github(sample_run())
        == "::error file=projects/acme/requirements.yaml,line=3,col=5,title=HF201::requirement R-1 \"50%25 <faster>, "
           "& more: now\"\\nhas no acceptance criterion\n"
           "::warning file=projects/acme/plan.yaml,line=7,col=9,title=HF403::milestone M1 acceptance is not "
           "outcome-based\n"
           "::notice::not a git repository: HF414 is not checked\n"
           "1 error, 1 warning in 1 project (1 failing)\n");
}

TEST_CASE("github and text: record text cannot start a workflow command or steer the terminal")
{
  CheckRun run = sample_run();
  run.projects[0].findings.resize(1);
  run.projects[0].findings[0].message = "title \"x\r\n::error file=x.yaml,line=1::FAKE\x1b[2J\u202Eevil\"";
  CHECK(handoff::output::github(run)
        == "::error file=projects/acme/requirements.yaml,line=3,col=5,title=HF201::title \"x\\r\\n::error "
           "file=x.yaml,line=1::FAKE\\x1b[2J\\u202eevil\"\n"
           "::notice::not a git repository: HF414 is not checked\n"
           "1 error, 0 warnings in 1 project (1 failing)\n");
  CHECK(handoff::output::text(run, {})
        == "projects/acme/requirements.yaml:3:5: error[HF201]: title \"x\\r\\n::error "
           "file=x.yaml,line=1::FAKE\\x1b[2J\\u202eevil\"\n"
           "note: not a git repository: HF414 is not checked\n"
           "1 error, 0 warnings in 1 project (1 failing)\n");
}

TEST_CASE("github: ':' and ',' in properties are escaped")
{
  CheckRun run = sample_run();
  run.projects[0].findings.resize(1);
  run.projects[0].findings[0].file = "projects/a,b:c/x%.yaml";
  run.notes.clear();
  const std::string out = handoff::output::github(run);
  CHECK(out.substr(0, out.find("::requirement"))
        == "::error file=projects/a%2Cb%3Ac/x%25.yaml,line=3,col=5,title=HF201");
}

TEST_CASE("junit: a testcase per gate, a failure per failing finding, warnings in system-out")
{
  CHECK(handoff::output::junit(sample_run()) == R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="handoff check" tests="8" failures="1" errors="0">
  <testsuite name="acme" tests="8" failures="1" errors="0" skipped="3">
    <properties>
      <property name="stage" value="handoff"/>
      <property name="ready_for" value="presales"/>
      <property name="today" value="2026-11-20"/>
    </properties>
    <testcase classname="acme" name="schema"/>
    <testcase classname="acme" name="qualify"/>
    <testcase classname="acme" name="clarify">
      <failure type="HF201" message="requirement R-1 &quot;50% &lt;faster&gt;, &amp; more: now&quot;\nhas no acceptance criterion">projects/acme/requirements.yaml:3:5: error[HF201]: requirement R-1 &quot;50% &lt;faster&gt;, &amp; more: now&quot;\nhas no acceptance criterion</failure>
    </testcase>
    <testcase classname="acme" name="feasibility"/>
    <testcase classname="acme" name="handoff">
      <system-out>projects/acme/plan.yaml:7:9: warning[HF403]: milestone M1 acceptance is not outcome-based
</system-out>
    </testcase>
    <testcase classname="acme" name="control">
      <skipped message="gate not checked in this run"/>
    </testcase>
    <testcase classname="acme" name="accept">
      <skipped message="gate not checked in this run"/>
    </testcase>
    <testcase classname="acme" name="close">
      <skipped message="gate not checked in this run"/>
    </testcase>
  </testsuite>
</testsuites>
)");
}

TEST_CASE("junit: under --strict a warning is a failure")
{
  CheckRun run = sample_run();
  run.strict = true;
  const std::string out = handoff::output::junit(run);
  CHECK(out.find("<testsuites name=\"handoff check\" tests=\"8\" failures=\"2\"") != std::string::npos);
  CHECK(out.find("<failure type=\"HF403\" message=\"milestone M1 acceptance is not outcome-based\">")
        != std::string::npos);
  CHECK(out.find("<system-out>") == std::string::npos);
}

TEST_CASE("sarif: 2.1.0 with the whole catalogue as rules and located results")
{
  const auto doc = nlohmann::json::parse(handoff::output::sarif(sample_run()));
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  const auto& run = doc["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const auto& rules = run["tool"]["driver"]["rules"];
  const auto& catalogue = handoff::rules::catalogue();
  REQUIRE(rules.size() == catalogue.size());
  std::size_t hf201 = 0;
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    CHECK(rules[i]["id"] == std::string(catalogue[i].id));
    CHECK(rules[i]["shortDescription"]["text"] == std::string(catalogue[i].summary));
    CHECK(rules[i]["fullDescription"]["text"] == std::string(catalogue[i].explanation));
    CHECK(rules[i]["defaultConfiguration"]["level"]
          == (catalogue[i].severity == Severity::error ? "error" : "warning"));
    if (catalogue[i].id == "HF201") {
      hf201 = i;
    }
  }
  const auto& results = run["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["ruleId"] == "HF201");
  CHECK(results[0]["ruleIndex"] == hf201);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "requirement R-1 \"50% <faster>, & more: now\"\nhas no acceptance criterion");
  const auto& location = results[0]["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "projects/acme/requirements.yaml");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(location["region"]["startLine"] == 3);
  CHECK(location["region"]["startColumn"] == 5);
  CHECK(results[0]["properties"]["ids"] == nlohmann::json::array({"R-1"}));
  CHECK(results[1]["ruleId"] == "HF403");
  CHECK(results[1]["level"] == "warning");
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
        == "not a git repository: HF414 is not checked");
}

TEST_CASE("sarif: a run over the limit keeps the errors first and says how many results it left out")
{
  CheckRun run = sample_run();  // an error, then a warning
  auto& findings = run.projects[0].findings;
  findings.push_back(finding("HF403", Severity::warning, Gate::handoff, "projects/acme/plan.yaml", 8, 9, "w2"));
  findings.push_back(finding("HF202", Severity::error, Gate::clarify, "projects/acme/requirements.yaml", 9, 5, "e2"));

  const auto doc = nlohmann::json::parse(handoff::output::sarif(run, 3));
  const auto& results = doc["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleId"] == "HF201");
  CHECK(results[1]["ruleId"] == "HF202");  // the second error before the first warning
  CHECK(results[2]["ruleId"] == "HF403");
  CHECK(results[2]["message"]["text"] == "milestone M1 acceptance is not outcome-based");
  const auto& notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[1]["level"] == "warning");
  CHECK(notes[1]["message"]["text"]
        == "1 result left out (0 errors, 1 warning): a SARIF run holds at most 3 results, errors first; run "
           "`handoff check` or `--format json` for all of them");
  CHECK(doc["runs"][0]["properties"]["resultsLeftOut"] == 1);
  CHECK(doc["runs"][0]["tool"]["driver"]["semanticVersion"] == HANDOFF_VERSION);

  // At the limit nothing is left out and nothing is said.
  const auto whole = nlohmann::json::parse(handoff::output::sarif(run, 4));
  CHECK(whole["runs"][0]["results"].size() == 4);
  CHECK(whole["runs"][0]["invocations"][0]["toolExecutionNotifications"].size() == 1);
  CHECK_FALSE(whole["runs"][0]["properties"].contains("resultsLeftOut"));
}

TEST_CASE("sarif: a suppressed warning is a result with its justification, kept after every open one")
{
  CheckRun run = sample_run();  // an error, then a warning
  run.projects[0].suppressed.push_back(
      {finding("HF507", Severity::warning, Gate::control, "projects/acme/risks.yaml", 4, 16, "risk R-2 overdue"),
       "Reviewed at the steering meeting",
       {12, 5}});
  run.projects[0].owners["risks.yaml"] = {"@zhang-min"};
  run.help_url = "https://git.example.com/handoff/docs/rules.md#{rule}";

  const auto doc = nlohmann::json::parse(handoff::output::sarif(run));
  const auto& results = doc["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[2]["ruleId"] == "HF507");
  CHECK(results[2]["suppressions"]
        == nlohmann::json::parse(
            R"([{"kind": "inSource", "status": "accepted", "justification": "Reviewed at the steering meeting"}])"));
  CHECK(results[2]["properties"]["owners"] == nlohmann::json::array({"@zhang-min"}));
  CHECK(results[0]["properties"]["owners"] == nlohmann::json::array());
  CHECK(doc["runs"][0]["properties"]["suppressed"] == 1);
  CHECK(doc["runs"][0]["tool"]["driver"]["informationUri"] == "https://git.example.com/handoff/docs/rules.md");
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
        == "https://git.example.com/handoff/docs/rules.md#HF001");

  // Over the limit, the suppressed result goes first, and counts as a warning left out.
  const auto capped = nlohmann::json::parse(handoff::output::sarif(run, 2));
  REQUIRE(capped["runs"][0]["results"].size() == 2);
  CHECK(capped["runs"][0]["results"][1]["ruleId"] == "HF403");
  CHECK(capped["runs"][0]["properties"]["resultsLeftOut"] == 1);

  // Without help_url: neither address.
  run.help_url.clear();
  const auto plain = nlohmann::json::parse(handoff::output::sarif(run));
  CHECK_FALSE(plain["runs"][0]["tool"]["driver"].contains("informationUri"));
  CHECK_FALSE(plain["runs"][0]["tool"]["driver"]["rules"][0].contains("helpUri"));
}

TEST_CASE("sarif: the default limit is GitHub code scanning's 25,000 results per run")
{
  CHECK(handoff::output::k_sarif_max_results == 25000);
  CheckRun run;
  run.today = *handoff::support::Date::parse("2026-11-20");
  ProjectOutcome p;
  p.id = "acme";
  for (int i = 0; i < 25002; ++i) {
    p.findings.push_back(finding("HF403", Severity::warning, Gate::handoff, "projects/acme/plan.yaml", i + 1, 1, "w"));
  }
  run.projects.push_back(p);
  const auto doc = nlohmann::json::parse(handoff::output::sarif(run));
  CHECK(doc["runs"][0]["results"].size() == 25000);
  CHECK(doc["runs"][0]["properties"]["resultsLeftOut"] == 2);
}

TEST_CASE("sarif: artifact URIs are percent-encoded")
{
  CheckRun run = sample_run();
  run.projects[0].findings[0].file = "projects/big deal/ü.yaml";
  const auto doc = nlohmann::json::parse(handoff::output::sarif(run));
  CHECK(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "projects/big%20deal/%C3%BC.yaml");
}

TEST_CASE("junit: findings in handoff.yaml get a workspace suite of their own")
{
  CheckRun run = sample_run();
  Finding f = finding("HF004", Severity::warning, Gate::schema, "handoff.yaml", 2, 1, "unknown field \"peple\"");
  f.project.clear();
  run.workspace_findings.push_back(f);
  const std::string out = handoff::output::junit(run);
  CHECK(out.substr(0, out.find("  <testsuite name=\"acme\"")) == R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="handoff check" tests="9" failures="1" errors="0">
  <testsuite name="workspace" tests="1" failures="0" errors="0" skipped="0">
    <properties>
      <property name="file" value="handoff.yaml"/>
      <property name="today" value="2026-11-20"/>
    </properties>
    <testcase classname="workspace" name="schema">
      <system-out>handoff.yaml:2:1: warning[HF004]: unknown field &quot;peple&quot;
</system-out>
    </testcase>
  </testsuite>
)");
}

TEST_CASE("github and sarif include findings in handoff.yaml")
{
  CheckRun run = sample_run();
  Finding f = finding("HF004", Severity::warning, Gate::schema, "handoff.yaml", 2, 1, "unknown field \"peple\"");
  f.project.clear();
  run.workspace_findings.push_back(f);
  const std::string github = handoff::output::github(run);
  CHECK(github.substr(0, github.find('\n'))
        == "::warning file=handoff.yaml,line=2,col=1,title=HF004::unknown field \"peple\"");
  const auto doc = nlohmann::json::parse(handoff::output::sarif(run));
  const auto& first = doc["runs"][0]["results"][0];
  CHECK(first["ruleId"] == "HF004");
  CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "handoff.yaml");
  CHECK(first["properties"]["project"].is_null());
}

TEST_CASE("codequality: one issue per finding; a repeated finding asks for its occurrence's fingerprint")
{
  CheckRun run = sample_run();
  run.projects[0].findings.push_back(run.projects[0].findings[1]);  // the warning twice
  const auto fingerprint = [](const Finding& f, std::size_t occurrence) {
    return f.rule + "/" + std::to_string(occurrence);
  };
  const auto doc = nlohmann::json::parse(handoff::output::codequality(run, fingerprint));
  REQUIRE(doc.size() == 3);
  CHECK(doc[0]
        == nlohmann::json::parse(
            R"({"description": "requirement R-1 \"50% <faster>, & more: now\"\nhas no acceptance criterion",
          "check_name": "HF201", "fingerprint": "HF201/0", "severity": "major",
          "location": {"path": "projects/acme/requirements.yaml", "lines": {"begin": 3}}})"));
  CHECK(doc[1]["fingerprint"] == "HF403/0");
  CHECK(doc[1]["severity"] == "minor");
  CHECK(doc[2]["fingerprint"] == "HF403/1");
}

TEST_CASE("summary: counts, the projects with findings, the findings errors first, escaped, capped")
{
  CheckRun run = sample_run();
  const std::string md = handoff::output::step_summary(run);
  CHECK(md.rfind("## handoff check: failed\n\n1 error, 1 warning in 1 project (1 failing)\n", 0) == 0);
  CHECK(md.find("| acme | handoff | presales | 1 | 1 |\n") != std::string::npos);
  CHECK(md.find("| error | projects/acme/requirements.yaml:3:5 | HF201 | requirement R-1 \"50% \\<faster\\>, \\& more: "
                "now\"\\\\nhas no acceptance criterion |\n")
        != std::string::npos);
  CHECK(md.find("- not a git repository: HF414 is not checked\n") != std::string::npos);
  // Many long findings: the document stops adding rows below the cap and says so.
  for (int i = 0; i < 100; ++i) {
    run.projects[0].findings.push_back(run.projects[0].findings[0]);
    run.projects[0].findings.back().message = std::string(2000, 'x');
  }
  const std::string capped = handoff::output::step_summary(run, 4096);
  CHECK(capped.size() <= 4096);
  CHECK(capped.find("of 102 findings shown; `handoff check` lists every one.") != std::string::npos);
}
