#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "report/escape.hpp"
#include "report/labels.hpp"
#include "report/report.hpp"
#include "report/templates.hpp"
#include "support/embedded.hpp"
#include "support/mustache.hpp"
#include "support/text.hpp"

using handoff::report::escape_markdown;
using handoff::report::mermaid_label;

namespace {

namespace io = handoff::io;
namespace report = handoff::report;

// A small workspace with one project in delivery, holding prices, costs and risks that the
// customer audience must not see.
io::MemoryFileSystem workspace()
{
  io::MemoryFileSystem fs;
  fs.add("projects/p1/project.yaml", "id: p1\n"
                                     "name: R&D portal | phase 1\n"
                                     "stage: delivery\n"
                                     "customer:\n"
                                     "  name: 华为 R&D\n"
                                     "  contacts:\n"
                                     "    - name: Wang Fang\n"
                                     "      decision_maker: true\n"
                                     "team:\n"
                                     "  sales: li.wei\n"
                                     "  implementation: zhang.min\n"
                                     "contract:\n"
                                     "  signed: 2026-10-01\n"
                                     "  start: 2026-10-05\n"
                                     "  go_live: 2027-01-31\n"
                                     "  value: 987654\n"
                                     "  currency: CNY\n"
                                     "  items:\n"
                                     "    - id: L1\n"
                                     "      title: Portal\n"
                                     "      price: 876543\n");
  fs.add("projects/p1/requirements.yaml", "requirements:\n"
                                          "  - id: REQ-001\n"
                                          "    title: 订单跟踪 | tracking\n"
                                          "    source: RFP\n"
                                          "    priority: must\n"
                                          "    contract_item: L1\n"
                                          "    acceptance: \"# Given an order,\\nwhen scanned, then shown\"\n"
                                          "    status: confirmed\n");
  fs.add("projects/p1/feasibility.yaml", "assessed_by: zhang.min\n"
                                         "estimate:\n"
                                         "  duration_weeks: 10\n"
                                         "  effort_days: 55\n"
                                         "recommendation: go\n"
                                         "assessments:\n"
                                         "  - requirement: REQ-001\n"
                                         "    verdict: configuration\n"
                                         "    effort_days: 12\n"
                                         "    notes: Secret internal note about the customer\n");
  fs.add("projects/p1/plan.yaml", "milestones:\n"
                                  "  - id: M1\n"
                                  "    name: Pilot\n"
                                  "    due: 2026-11-10\n"
                                  "    owner: zhang.min\n"
                                  "    covers: [REQ-001]\n"
                                  "    acceptance: Ten users work in the pilot for a week\n"
                                  "    status: done\n"
                                  "    done: 2026-11-12\n"
                                  "raci:\n"
                                  "  - activity: Pilot\n"
                                  "    implementation: A/R\n"
                                  "    sales: I\n");
  fs.add("projects/p1/risks.yaml", "risks:\n"
                                   "  - id: R-1\n"
                                   "    title: Vendor API withdrawn overnight\n"
                                   "    probability: 4\n"
                                   "    impact: 5\n"
                                   "    owner: zhang.min\n"
                                   "    mitigation: Keep a fallback export\n");
  fs.add("projects/p1/changes.yaml", "changes:\n"
                                     "  - id: CR-001\n"
                                     "    title: Extra export\n"
                                     "    classification: out_of_scope\n"
                                     "    impact:\n"
                                     "      effort_days: 3\n"
                                     "      cost: 45678\n"
                                     "    status: proposed\n");
  return fs;
}

std::string render(const io::MemoryFileSystem& fs, const std::string& spec, report::Audience audience,
                   bool json = false, report::Language language = report::Language::en)
{
  report::ReportOptions options;
  options.language = language;
  options.template_spec = spec;
  options.audience = audience;
  options.today = *handoff::support::Date::parse("2026-11-20");
  options.json = json;
  return report::project_report(handoff::workspace::Workspace(fs), "p1", options);
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("escape_markdown escapes table pipes and joins lines")
{
  CHECK(escape_markdown("a | b") == "a \\| b");
  CHECK(escape_markdown("first line\nsecond line") == "first line second line");
  CHECK(escape_markdown("first\r\nsecond\n") == "first second");
  CHECK(escape_markdown("a\n\nb") == "a b");
}

TEST_CASE("escape_markdown keeps ampersands and CJK text")
{
  CHECK(escape_markdown("R&D") == "R&D");
  CHECK(escape_markdown("AT&T &amp; <b>") == "AT&T &amp; \\<b>");
  CHECK(escape_markdown("订单跟踪，快速") == "订单跟踪，快速");
  CHECK(escape_markdown("华为 | 中兴") == "华为 \\| 中兴");
}

TEST_CASE("escape_markdown escapes a leading block marker only")
{
  CHECK(escape_markdown("# heading") == "\\# heading");
  CHECK(escape_markdown("#hashtag") == "#hashtag");
  CHECK(escape_markdown("> quote") == "\\> quote");
  CHECK(escape_markdown("- item") == "\\- item");
  CHECK(escape_markdown("+ item") == "\\+ item");
  CHECK(escape_markdown("* item") == "\\* item");
  CHECK(escape_markdown("1. item") == "1\\. item");
  CHECK(escape_markdown("12) item") == "12\\) item");
  CHECK(escape_markdown("---") == "\\---");
  CHECK(escape_markdown("-5 days") == "-5 days");
  CHECK(escape_markdown("2026-11-20") == "2026-11-20");
  CHECK(escape_markdown("a - b # c > d") == "a - b # c > d");
}

TEST_CASE("escape_markdown escapes inline markup but not snake_case")
{
  CHECK(escape_markdown("go_with_conditions") == "go_with_conditions");
  CHECK(escape_markdown("_emphasis_") == "\\_emphasis\\_");
  CHECK(escape_markdown("a*b* `code` [link](x) ~~gone~~ C:\\dir")
        == "a\\*b\\* \\`code\\` \\[link\\](x) \\~\\~gone\\~\\~ C:\\\\dir");
}

TEST_CASE("escape_markdown drops leading blanks and shows control characters")
{
  CHECK(escape_markdown("\t# x") == "\\# x");
  CHECK(escape_markdown("    code?") == "code?");
  CHECK(escape_markdown(" \t > quote") == "\\> quote");
  // Shown as text: the backslash of the visible form is itself escaped for Markdown.
  CHECK(escape_markdown("a\x1b[2Jb\u202Ec") == "a\\\\x1b\\[2Jb\\\\u202ec");
}

TEST_CASE("mermaid_task_label keeps keywords from starting a task line")
{
  using handoff::report::mermaid_task_label;
  CHECK(mermaid_task_label("M1 Blueprint") == "M1 Blueprint");
  CHECK(mermaid_task_label("click Blueprint") == "Milestone click Blueprint");
  CHECK(mermaid_task_label("dateFormat x") == "Milestone dateFormat x");
  CHECK(mermaid_task_label("Section: 2") == "Milestone Section 2");
  CHECK(mermaid_task_label("gantt") == "Milestone gantt");
  CHECK(mermaid_task_label("%%{init}%%") == "Milestone %%{init}%%");
  CHECK(mermaid_task_label("clicker") == "clicker");
}

TEST_CASE("mermaid_label removes Mermaid syntax")
{
  CHECK(mermaid_label("M1 Go-live: lines 1-3; #1\nnext") == "M1 Go-live lines 1-3 1 next");
  CHECK(mermaid_label("订单 \"quoted\"") == "订单 quoted");
  CHECK(mermaid_label("a\x1b]0;x\x07 \u202Eb") == "a\\x1b]0 x\\x07 \\u202eb");
}

TEST_CASE("a workspace template overrides the built-in one of the same name")
{
  io::MemoryFileSystem fs = workspace();
  const report::TemplateFinder finder(fs);
  const auto builtin = finder.find("status");
  REQUIRE(builtin);
  CHECK(builtin->name == "built-in report/status.mustache");

  fs.add("templates/status.mustache", "Status of {{project.id}}: {{health.verdict}}\n");
  const auto overridden = finder.find("status");
  REQUIRE(overridden);
  CHECK(overridden->name == "templates/status.mustache");
  // p1 has no sign-offs (HF411, an error), so the verdict is off track.
  CHECK(render(fs, "status", report::Audience::internal) == "Status of p1: off track\n");
  CHECK_FALSE(finder.find("../status"));
  CHECK_FALSE(finder.find("nothing"));
}

TEST_CASE("a workspace partial replaces one section of a built-in report")
{
  io::MemoryFileSystem fs = workspace();
  const std::string before = render(fs, "plan", report::Audience::internal);
  CHECK(contains(before, "| Activity | sales | implementation |\n"));

  fs.add("templates/raci.mustache", "RACI: {{#raci.rows}}{{activity}}{{/raci.rows}}\n");
  const std::string after = render(fs, "plan", report::Audience::internal);
  CHECK(contains(after, "## RACI\n\nRACI: Pilot\n\n## Reporting\n"));
  CHECK_FALSE(contains(after, "| Activity |"));
}

TEST_CASE("partials may share a name with a data key and nest")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/outer.mustache", "[{{> inner}}]\n");
  fs.add("templates/inner.mustache", "{{#raci.rows}}{{activity}}{{/raci.rows}}+{{> raci-word}}\n");
  fs.add("templates/raci-word.mustache", "{{project.id}}\n");
  CHECK(render(fs, "outer", report::Audience::internal) == "[Pilot+p1]\n");
}

TEST_CASE("template errors name the file and line")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/broken.mustache", "line one\n{{#requirements}}\n{{id}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "broken", report::Audience::internal),
                       "template templates/broken.mustache:2:1: unclosed section \"requirements\"", std::runtime_error);
  fs.add("templates/missing.mustache", "a\nb {{> nowhere}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "missing", report::Audience::internal),
                       "template templates/missing.mustache:2:3: unknown partial \"nowhere\"", std::runtime_error);
  fs.add("templates/loop-a.mustache", "{{> loop-b}}\n");
  fs.add("templates/loop-b.mustache", "x {{> loop-a}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "loop-a", report::Audience::internal),
                       "template templates/loop-b.mustache:1:3: partials include each other in a cycle: "
                       "templates/loop-a.mustache -> templates/loop-b.mustache -> templates/loop-a.mustache",
                       std::runtime_error);
}

TEST_CASE("a template's words are messages of the language's catalogue, in the context of the tag")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/words.mustache",
         "{{> t.common.milestones}}\n{{#project}}{{> t.status.status_report}}{{/project}}\n");
  CHECK(render(fs, "words", report::Audience::internal) == "## Milestones\n# Status report: R&D portal \\| phase 1\n");
  CHECK(render(fs, "words", report::Audience::internal, false, report::Language::zh_cn)
        == "## 里程碑\n# 项目状态报告：R&D portal \\| phase 1\n");
  fs.add("templates/unknown.mustache", "a\nb {{> t.status.nowhere}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "unknown", report::Audience::internal),
                       "template templates/unknown.mustache:2:3: unknown message \"t.status.nowhere\" (no key "
                       "\"status.nowhere\" in the catalogue; docs/reports.md, \"Languages\")",
                       std::runtime_error);
}

TEST_CASE("every message the built-in templates use is in every catalogue, and every key is used")
{
  std::set<std::string> used;
  const std::regex tag(R"(\{\{>\s*t\.([^}\s]+)\s*\}\})");
  const auto collect = [&](std::string_view text) {
    const std::string copy(text);
    for (auto it = std::sregex_iterator(copy.begin(), copy.end(), tag); it != std::sregex_iterator(); ++it) {
      used.insert((*it)[1].str());
    }
  };
  for (const auto& file : handoff::support::embedded_files()) {
    if (handoff::support::starts_with(file.path, "report/") && file.path.ends_with(".mustache")) {
      collect(file.data);
    }
  }
  const report::TemplateFinder finder(io::MemoryFileSystem{});
  for (const std::string& key : report::catalogue_keys(handoff::core::Language::en)) {
    collect(finder.message(key)->source);  // messages may use messages
  }
  REQUIRE(used.size() > 100);
  for (const auto language : {handoff::core::Language::en, handoff::core::Language::zh_cn}) {
    CAPTURE(report::to_string(language));
    const std::vector<std::string> keys = report::catalogue_keys(language);
    const std::set<std::string> known(keys.begin(), keys.end());
    std::vector<std::string> missing;
    std::set_difference(used.begin(), used.end(), known.begin(), known.end(), std::back_inserter(missing));
    std::vector<std::string> unused;
    std::set_difference(known.begin(), known.end(), used.begin(), used.end(), std::back_inserter(unused));
    CHECK_MESSAGE(missing.empty(),
                  "keys the templates use but the catalogue lacks: ", fmt::format("{}", fmt::join(missing, ", ")));
    CHECK_MESSAGE(unused.empty(), "keys no template uses: ", fmt::format("{}", fmt::join(unused, ", ")));
  }
}

TEST_CASE("an unknown template name is a TemplateError with a suggestion")
{
  const io::MemoryFileSystem fs = workspace();
  CHECK_THROWS_WITH_AS(render(fs, "staus", report::Audience::internal),
                       "unknown template \"staus\"; did you mean \"status\"?", report::TemplateError);
  CHECK_THROWS_AS(render(fs, "portfolio", report::Audience::internal), report::TemplateError);
}

TEST_CASE("values are escaped for Markdown, never into HTML entities")
{
  const io::MemoryFileSystem fs = workspace();
  const std::string brief = render(fs, "brief", report::Audience::internal);
  CHECK(contains(brief, "# Handoff brief: R&D portal \\| phase 1\n"));
  CHECK(contains(brief, "**华为 R&D**"));
  CHECK(contains(brief, "| REQ-001 | 订单跟踪 \\| tracking | must | confirmed | \\# Given an order, when scanned, then "
                        "shown | configuration |\n"));
  CHECK_FALSE(contains(brief, "&amp;"));
  CHECK_FALSE(contains(brief, "&#"));
}

TEST_CASE("the customer audience leaks no prices, costs, effort, notes, risks or findings")
{
  const io::MemoryFileSystem fs = workspace();
  const std::vector<std::string> secrets{
      "987654", "876543", "45678", "Vendor API withdrawn", "R-1", "Secret internal note", "HF411", "55"};
  for (const std::string name : {"brief", "feasibility", "plan", "changes", "status"}) {
    CAPTURE(name);
    const std::string internal = render(fs, name, report::Audience::internal);
    const std::string customer = render(fs, name, report::Audience::customer);
    const std::string data = render(fs, name, report::Audience::customer, true);
    for (const auto& secret : secrets) {
      CAPTURE(secret);
      CHECK_FALSE(contains(customer, secret));
      CHECK_FALSE(contains(data, secret));
    }
    CHECK(customer != internal);
  }
  // The internal audience does see them.
  const std::string brief = render(fs, "brief", report::Audience::internal);
  CHECK(contains(brief, "876,543"));
  CHECK(contains(brief, "Vendor API withdrawn overnight"));
}

TEST_CASE("the health verdict follows the findings")
{
  handoff::rules::ProjectOutcome outcome;
  CHECK(report::health(outcome, true).verdict == "on track");
  handoff::core::Finding warning;
  warning.rule = "HF506";
  warning.severity = handoff::core::Severity::warning;
  outcome.findings.push_back(warning);
  CHECK(report::health(outcome, true).verdict == "at risk");
  CHECK(report::health(outcome, true).reason == "1 warning: milestone overdue (HF506)");
  handoff::core::Finding error = warning;
  error.rule = "HF411";
  error.severity = handoff::core::Severity::error;
  outcome.findings.push_back(error);
  outcome.findings.push_back(error);
  CHECK(report::health(outcome, true).verdict == "off track");
  CHECK(report::health(outcome, true).reason
        == "2 checks failing: missing sign-off by sales or implementation (HF411, 2x); 1 warning: milestone overdue "
           "(HF506)");
  // The customer learns what is wrong, without rule ids.
  CHECK(report::health(outcome, false).reason
        == "2 checks failing: missing sign-off by sales or implementation (2x); 1 warning: milestone overdue");
}

TEST_CASE("the portfolio KPIs: lead time to the baseline, on-time milestones, changes, CSAT")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("projects/p1/signoffs.yaml", "signoffs:\n"
                                      "  - role: sales\n"
                                      "    person: li.wei\n"
                                      "    date: 2026-10-03\n"
                                      "  - role: implementation\n"
                                      "    person: zhang.min\n"
                                      "    date: 2026-10-11\n");
  fs.add("projects/p2/project.yaml", "id: p2\n"
                                     "name: Second\n"
                                     "stage: closed\n"
                                     "contract:\n"
                                     "  signed: 2026-01-10\n"
                                     "closure:\n"
                                     "  accepted: 2026-06-01\n"
                                     "  csat: 3\n");
  fs.add("projects/p2/plan.yaml", "milestones:\n"
                                  "  - id: M1\n"
                                  "    name: Live\n"
                                  "    due: 2026-05-01\n"
                                  "    status: accepted\n"
                                  "    done: 2026-05-01\n"
                                  "  - id: M2\n"
                                  "    name: Handover\n"
                                  "    due: 2026-05-10\n"
                                  "    status: done\n"
                                  "    done: 2026-05-20\n");
  fs.add("projects/p2/changes.yaml", "changes:\n"
                                     "  - id: CR-001\n"
                                     "    title: Free extra\n"
                                     "    classification: value_added\n"
                                     "    impact:\n"
                                     "      effort_days: 4\n"
                                     "    status: implemented\n");
  report::ReportOptions options;
  options.today = *handoff::support::Date::parse("2026-11-20");
  options.json = true;
  const auto data = nlohmann::json::parse(report::portfolio_report(handoff::workspace::Workspace(fs), options));
  const auto& kpis = data["kpis"];
  CHECK(kpis["projects"] == 2);
  CHECK(kpis["handoff_lead_time"]["projects"] == 1);
  CHECK(kpis["handoff_lead_time"]["average_days"] == 10.0);  // 2026-10-01 to 2026-10-11
  CHECK(kpis["on_time_milestones"]["on_time"] == 1);         // p1 M1 two days late, p2 M2 late
  CHECK(kpis["on_time_milestones"]["finished"] == 3);
  CHECK(kpis["on_time_milestones"]["on_time_rate_text"] == "33%");
  CHECK(kpis["change_requests"]["total"] == 2);
  CHECK(kpis["change_requests"]["value_added"] == 1);
  CHECK(kpis["change_requests"]["conceded_effort_days"] == 4);
  CHECK(kpis["change_requests"]["billable_effort_days"] == 0);  // p1's CR-001 is only proposed
  CHECK(kpis["csat"]["average_text"] == "3.0");
  CHECK(data["projects"][0]["id"] == "p1");
  CHECK(data["projects"][0]["handoff_lead_days"] == 10);
  CHECK(data["projects"][0]["changes"]["billable"]["cost"] == 0);

  options.json = false;
  const std::string markdown = report::portfolio_report(handoff::workspace::Workspace(fs), options);
  CHECK(contains(markdown, "| p1 | 10 | 0% | 1 | 0 (0 d, 0 CNY) | 0 (0 d) | n/a |\n"));
  CHECK(contains(markdown, "| Average CSAT | 3.0 (projects with a score: 1) |\n"));

  // The customer sees its own projects, without the team's KPIs.
  options.json = true;
  options.audience = report::Audience::customer;
  options.customer = "华为 r&d";
  const std::string customer = report::portfolio_report(handoff::workspace::Workspace(fs), options);
  CHECK_FALSE(contains(customer, "cost"));
  CHECK_FALSE(contains(customer, "effort_days"));
  CHECK_FALSE(contains(customer, "csat"));
  CHECK_FALSE(contains(customer, "handoff_lead"));
  options.json = false;
  CHECK(report::portfolio_report(handoff::workspace::Workspace(fs), options)
        == "# Projects of 华为 R&D\n\n1 project as of 2026-11-20 · customer edition\n\n"
           "| Project | Stage | Health | Milestones done | Milestones on time | Overdue milestones | Change requests "
           "|\n|---|---|---|---:|---:|---:|---:|\n"
           "| p1 R&D portal \\| phase 1 | delivery | off track | 1 of 1 | 0% | 0 | 1 |\n\n"
           "```mermaid\npie title Projects by stage\n    \"delivery\" : 1\n```\n");
}

TEST_CASE("standalone section and comment lines leave no empty lines, rendered or skipped")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/lines.mustache", "{{! a comment line }}\n"
                                     "A\n"
                                     "{{#has_risks}}\n"
                                     "  {{#risks}}\n"
                                     "R {{id}}\n"
                                     "  {{/risks}}\n"
                                     "{{/has_risks}}\n"
                                     "\n"
                                     "B\n"
                                     "{{^has_risks}}\n"
                                     "none\n"
                                     "{{/has_risks}}\n"
                                     "\n"
                                     "C\n");
  CHECK(render(fs, "lines", report::Audience::internal) == "A\nR R-1\n\nB\n\nC\n");
  CHECK(render(fs, "lines", report::Audience::customer) == "A\n\nB\nnone\n\nC\n");
}

TEST_CASE("an invalid partial is reported with its own file and line")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/main.mustache", "{{> part}}\n");
  fs.add("templates/part.mustache", "ok\n\n  {{#risks}}{{id}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "main", report::Audience::internal),
                       "template templates/part.mustache:3:3: unclosed section \"risks\"", std::runtime_error);
}

TEST_CASE("template limits: partial depth, section nesting and output size are located errors")
{
  io::MemoryFileSystem fs = workspace();
  for (int i = 1; i <= 20; ++i) {
    fs.add("templates/c" + std::to_string(i) + ".mustache", "{{> c" + std::to_string(i + 1) + "}}\n");
  }
  fs.add("templates/c21.mustache", "end\n");
  CHECK_THROWS_WITH_AS(render(fs, "c1", report::Audience::internal),
                       "template templates/c16.mustache:1:1: partials nest deeper than 16 levels "
                       "(templates/c1.mustache -> ... -> templates/c16.mustache -> templates/c17.mustache)",
                       std::runtime_error);
  CHECK(render(fs, "c6", report::Audience::internal) == "end\n");

  std::string deep = "x\n";
  for (int i = 0; i < 65; ++i) {
    deep = "{{#project}}" + deep + "{{/project}}";
  }
  fs.add("templates/deep.mustache", deep);
  CHECK_THROWS_WITH_AS(render(fs, "deep", report::Audience::internal),
                       "template templates/deep.mustache:1:769: sections nest deeper than 64 levels (limit of a "
                       "template and the partials it includes)",
                       std::runtime_error);
  fs.add("templates/outer.mustache", "{{#project}}{{#project}}{{> deep63}}{{/project}}{{/project}}\n");
  fs.add("templates/deep63.mustache", deep.substr(24, deep.size() - 48));
  CHECK_THROWS_WITH_AS(render(fs, "outer", report::Audience::internal),
                       "template templates/outer.mustache:1:25: sections nest deeper than 64 levels through partial "
                       "\"deep63\"",
                       std::runtime_error);

  for (int i = 1; i <= 12; ++i) {
    fs.add("templates/d" + std::to_string(i) + ".mustache",
           "{{> d" + std::to_string(i + 1) + "}}{{> d" + std::to_string(i + 1) + "}}");
  }
  fs.add("templates/d13.mustache", std::string(8000, 'x') + "\n");
  CHECK_THROWS_WITH_AS(render(fs, "d1", report::Audience::internal),
                       "template templates/d12.mustache:1:1 ({{> d13}}): the output is over the limit of 16 MiB (does "
                       "a partial or a section repeat itself?)",
                       std::runtime_error);
}

TEST_CASE("a broken workspace template that replaces a built-in partial says so")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("templates/raci.mustache", "{{#raci.rows}}\n");
  CHECK_THROWS_WITH_AS(render(fs, "plan", report::Audience::internal),
                       "template templates/raci.mustache:1:1: unclosed section \"raci.rows\" (this workspace template "
                       "replaces the built-in one of the same name: only the reports that use it fail; fix it, or "
                       "delete it to use the built-in one)",
                       std::runtime_error);
  CHECK_NOTHROW(render(fs, "status", report::Audience::internal));
}

TEST_CASE("a list built item by item renders as the same list given in the data")
{
  namespace support = handoff::support;
  const support::TemplateText tmpl{
      "t.mustache", "{{title}}\n{{#rows}}- {{name}}{{#tags}} [{{.}}]{{/tags}}{{^last}},{{/last}}\n{{/rows}}"
                    "{{^rows}}none\n{{/rows}}"};
  const auto row = [](int i) {
    return nlohmann::ordered_json{
        {"name", "row " + std::to_string(i)}, {"tags", nlohmann::ordered_json::array({"a", i})}, {"last", i == 2}};
  };
  const support::Escape plain = [](const std::string& s) { return s; };
  const support::PartialLookup none = [](const std::string&) { return std::optional<support::TemplateText>{}; };

  nlohmann::ordered_json whole{{"title", "Rows"}, {"rows", nlohmann::ordered_json::array()}};
  for (int i = 0; i < 3; ++i) {
    whole["rows"].push_back(row(i));
  }
  const std::string expected = support::render_mustache(tmpl, whole, plain, none);
  CHECK(expected == "Rows\n- row 0 [a] [0],\n- row 1 [a] [1],\n- row 2 [a] [2]\n");

  support::MustacheList list;
  list.reserve(3);
  for (int i = 0; i < 3; ++i) {
    list.append(row(i));
  }
  std::map<std::string, support::MustacheList> lists;
  lists.emplace("rows", std::move(list));
  // The data's own "rows" (a placeholder here) is replaced by the list.
  const nlohmann::ordered_json root{{"title", "Rows"}, {"rows", nlohmann::ordered_json::array()}};
  CHECK(support::render_mustache(tmpl, root, std::move(lists), plain, none) == expected);

  std::map<std::string, support::MustacheList> empty;
  empty.emplace("rows", support::MustacheList{});
  CHECK(support::render_mustache(tmpl, root, std::move(empty), plain, none) == "Rows\nnone\n");
}

TEST_CASE("portfolio KPIs of the closed projects: promise kept, estimate accuracy, conceded effort, change response")
{
  handoff::io::MemoryFileSystem fs;
  // Three closed projects estimated at 10 weeks (70 days) from 2026-01-05, promised 2026-03-30
  // (84 days): q1 live after 70 days (ratio 1.0, kept), q2 after 84 (1.2, kept), q3 after 105
  // (1.5, late). o1 is open and counts for change response only.
  const char* went[] = {"2026-03-16", "2026-03-30", "2026-04-20"};
  for (int i = 0; i < 3; ++i) {
    const std::string id = "q" + std::to_string(i + 1);
    fs.add("projects/" + id + "/project.yaml",
           "id: " + id
               + "\nname: Q\nstage: closed\ncontract:\n"
                 "  start: 2026-01-05\n  go_live: 2026-03-30\nclosure:\n  went_live: "
               + went[i] + "\n");
    fs.add("projects/" + id + "/feasibility.yaml", "estimate:\n  duration_weeks: 10\n");
  }
  fs.add("projects/o1/project.yaml", "id: o1\nname: Open\nstage: delivery\n");
  fs.add("projects/o1/changes.yaml",
         "changes:\n"
         "  - id: CR-001\n    title: A\n    date: 2026-11-02\n"
         "    classification: value_added\n    impact:\n      effort_days: 3\n"
         "    status: approved\n    approvals:\n"
         "      - role: sales\n        by: li.wei\n        date: 2026-11-09\n"
         "      - role: implementation\n        by: zhang.min\n        date: 2026-11-05\n"
         "  - id: CR-002\n    title: B\n    date: 2026-11-10\n    status: proposed\n"
         "  - id: CR-003\n    title: C\n    date: 2026-11-10\n    status: approved\n"
         "    approvals:\n      - role: sales\n        by: li.wei\n        date: 2026-11-11\n");
  report::ReportOptions options;
  options.today = *handoff::support::Date::parse("2026-11-20");
  options.json = true;
  const auto kpis = nlohmann::json::parse(report::portfolio_report(handoff::workspace::Workspace(fs), options))["kpis"];
  CHECK(kpis["promise_kept"]["kept"] == 2);
  CHECK(kpis["promise_kept"]["projects"] == 3);
  CHECK(kpis["promise_kept"]["rate_text"] == "67%");
  CHECK(kpis["promise_kept"]["text"] == "2 of 3 closed projects with closure.went_live and contract.go_live");
  CHECK(kpis["estimate_accuracy"]["median"] == 1.2);  // rank ceil(0.5 x 3) = 2 of 1.0, 1.2, 1.5
  CHECK(kpis["estimate_accuracy"]["text"] == "over 3 of 3 closed projects");
  CHECK(kpis["conceded_effort"]["days"] == 3);
  CHECK(kpis["conceded_effort"]["text"] == "3 person-days in 1 value-added change (approved or implemented)");
  CHECK(kpis["change_response"]["changes"] == 2);      // CR-001: 3 days (first approval), CR-003: 1 day
  CHECK(kpis["change_response"]["median_days"] == 1);  // rank ceil(0.5 x 2) = 1 of 1, 3
  CHECK(kpis["change_response"]["text"] == "from the request date to its first approval, over 2 change requests");
  options.audience = report::Audience::customer;
  options.customer = "-";  // o1's customer is unknown: the customer edition names one
  CHECK_THROWS_WITH(report::portfolio_report(handoff::workspace::Workspace(fs), options),
                    "no project has the customer \"-\"");
}

namespace {

// Returns the number of `|` in `line` that are not escaped with a backslash.
int cell_bars(const std::string& line)
{
  int bars = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;  // the escaped character
    } else if (line[i] == '|') {
      ++bars;
    }
  }
  return bars;
}

// Checks that every table of a Markdown document has rows as wide as its header.
void check_tables(const std::string& markdown)
{
  std::istringstream in(markdown);
  std::string line;
  int header = -1;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '|') {
      header = -1;
      continue;
    }
    if (header < 0) {
      header = cell_bars(line);
      continue;
    }
    CHECK_MESSAGE(cell_bars(line) == header, "a table row of another width: " << line);
  }
}

}  // namespace

TEST_CASE("the acceptance certificate is for the customer by default, with valid tables for hostile text")
{
  io::MemoryFileSystem fs = workspace();
  fs.add("projects/p1/acceptance.yaml", "date: 2026-11-18\n"
                                        "signed_by: \"Wang | Fang \\\\ *CIO*\"\n"
                                        "results:\n"
                                        "  - requirement: REQ-001\n"
                                        "    result: failed\n"
                                        "    evidence: \"run 1 | `rm -rf` <b>bold</b>\"\n"
                                        "    note: \"# line one\\n- line two | [link](x)\"\n");
  report::ReportOptions options;
  options.template_spec = "acceptance";
  options.today = *handoff::support::Date::parse("2026-11-20");
  const handoff::workspace::Workspace ws(fs);
  const std::string md = report::project_report(ws, "p1", options);
  check_tables(md);
  CHECK(contains(md, "customer edition"));
  CHECK(contains(md, "| Customer | Wang \\| Fang \\\\ \\*CIO\\* | | 2026-11-18 |"));
  CHECK(contains(md, "- **REQ-001** 订单跟踪 \\| tracking: \\# line one - line two \\| \\[link\\](x) (run 1 \\| "
                     "\\`rm -rf\\` \\<b>bold\\</b>)"));
  CHECK(contains(md, "Still open:\nREQ-001."));
  options.json = true;
  CHECK(contains(report::project_report(ws, "p1", options), "\"audience\": \"customer\""));
  options.audience = report::Audience::internal;
  CHECK(contains(report::project_report(ws, "p1", options), "\"audience\": \"internal\""));
  CHECK(report::default_audience("status") == report::Audience::internal);
  options.json = false;
  options.language = report::Language::zh_cn;
  check_tables(report::project_report(ws, "p1", options));
}

TEST_CASE("a rule's summary has a zh-CN label: HF420")
{
  nlohmann::ordered_json data = {{"rule", "HF420"}};
  handoff::report::add_labels(data, handoff::report::Language::zh_cn);
  CHECK(data["rule_label"] == "已提交的签字记录被删除或修改");
  nlohmann::ordered_json en = {{"rule", "HF420"}};
  handoff::report::add_labels(en, handoff::report::Language::en);
  CHECK(en["rule_label"] == "a committed sign-off entry was removed or edited");
}

TEST_CASE("escape_markdown_block keeps paragraphs and list items, and escapes every line")
{
  using handoff::report::escape_markdown_block;
  CHECK(escape_markdown_block(
            "第一段：需求确认。\n\n请与周浩确认：\n- 夜班产量\n* 停机时间\n\n\n2. second | item\n# not a heading")
        == "第一段：需求确认。\n\n请与周浩确认：\n- 夜班产量\n- 停机时间\n\n2. second \\| item\n\\# not a heading");
  CHECK(escape_markdown_block("  > quote\r\n```code") == "\\> quote\n\\`\\`\\`code");
  CHECK(escape_markdown_block("\n\n") == "");
  CHECK(escape_markdown_block("ok\n::error file=x::INJECTED\n  ::warning")
        == "ok\n\\::error file=x::INJECTED\n\\::warning");
}
