#include <fmt/format.h>

#include "output/format.hpp"
#include "support/text.hpp"
#include "support/xml.hpp"

namespace handoff::output {

namespace {

using support::xml_attribute;
using support::xml_text;

std::string diagnostic(const core::Finding& f, core::Language language)
{
  // CI shows this text: a folder name or record text cannot add a line or steer a terminal.
  return fmt::format("{}:{}:{}: {}[{}]: {}", support::visible(f.file), f.pos.line, f.pos.column,
                     core::to_string(f.severity), f.rule, support::visible(f.text(language)));
}

struct Suite {
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;
  std::string body;
  int tests = 0;
  int failures = 0;
  int skipped = 0;
};

// Appends the testcase of `gate` with the findings of that gate.
void add_case(Suite& suite, std::string_view gate, rules::GateStatus status, const std::vector<core::Finding>& findings,
              bool strict, core::Language language)
{
  ++suite.tests;
  const std::string head = fmt::format("    <testcase classname=\"{}\" name=\"{}\"",
                                       xml_attribute(support::visible(suite.name)), xml_attribute(gate));
  if (status == rules::GateStatus::skip) {
    ++suite.skipped;
    suite.body += head + ">\n      <skipped message=\"gate not checked in this run\"/>\n    </testcase>\n";
    return;
  }
  std::string inner;
  std::string passed_warnings;
  bool failing = false;
  for (const auto& f : findings) {
    if (core::to_string(f.gate) != gate) {
      continue;
    }
    if (rules::is_failure(f, strict)) {
      failing = true;
      inner += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", xml_attribute(f.rule),
                           xml_attribute(support::visible(f.text(language))), xml_text(diagnostic(f, language)));
    } else {
      passed_warnings += diagnostic(f, language) + "\n";
    }
  }
  if (!passed_warnings.empty()) {
    inner += "      <system-out>" + xml_text(passed_warnings) + "</system-out>\n";
  }
  suite.failures += failing ? 1 : 0;
  suite.body += inner.empty() ? head + "/>\n" : head + ">\n" + inner + "    </testcase>\n";
}

}  // namespace

std::string junit(const CheckRun& run)
{
  std::vector<Suite> suites;
  if (!run.workspace_findings.empty()) {
    Suite ws;
    ws.name = "workspace";
    // handoff.yaml, from the repository's top when the workspace is a subfolder.
    ws.properties.emplace_back("file", run.workspace_findings.front().file);
    add_case(ws, core::to_string(core::Gate::schema), rules::GateStatus::pass, run.workspace_findings, run.strict,
             run.language);
    suites.push_back(std::move(ws));
  }
  for (const auto& p : run.projects) {
    Suite suite;
    suite.name = p.id;
    suite.properties.emplace_back("stage", p.stage ? std::string(core::to_string(*p.stage)) : "");
    suite.properties.emplace_back("ready_for", p.ready_for ? std::string(core::to_string(*p.ready_for)) : "");
    // Each warning a `suppress:` entry accepts: rule, place and reason (counted, never a failure).
    for (const auto& s : p.suppressed) {
      suite.properties.emplace_back("suppressed",
                                    fmt::format("{} {}:{}:{}: {}", s.finding.rule, support::visible(s.finding.file),
                                                s.finding.pos.line, s.finding.pos.column, support::visible(s.reason)));
    }
    for (int g = 0; g < core::k_gate_count; ++g) {
      add_case(suite, core::to_string(static_cast<core::Gate>(g)), p.gates[static_cast<std::size_t>(g)], p.findings,
               run.strict, run.language);
    }
    suites.push_back(std::move(suite));
  }

  int tests = 0;
  int failures = 0;
  std::string body;
  for (const auto& s : suites) {
    tests += s.tests;
    failures += s.failures;
    body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                        xml_attribute(support::visible(s.name)), s.tests, s.failures, s.skipped);
    body += "    <properties>\n";
    for (const auto& [name, value] : s.properties) {
      body += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml_attribute(name), xml_attribute(value));
    }
    body += fmt::format("      <property name=\"today\" value=\"{}\"/>\n", run.today.str());
    body += "    </properties>\n" + s.body + "  </testsuite>\n";
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"handoff check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n"
                     "{}</testsuites>\n",
                     tests, failures, body);
}

std::string junit_error(std::string_view message)
{
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"handoff check\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
                     "  <testsuite name=\"handoff\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                     "    <testcase classname=\"handoff\" name=\"configuration\">\n"
                     "      <error type=\"usage\" message=\"{}\">{}</error>\n"
                     "    </testcase>\n"
                     "  </testsuite>\n"
                     "</testsuites>\n",
                     xml_attribute(message), xml_text(message));
}

}  // namespace handoff::output
