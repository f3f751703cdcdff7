#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "output/format.hpp"
#include "rules/rule.hpp"
#include "support/json_text.hpp"

namespace handoff::output {

namespace {

using Json = nlohmann::ordered_json;

std::string_view level(core::Severity severity)
{
  return severity == core::Severity::error ? "error" : "warning";
}

// Returns a relative path as a URI reference: every byte but unreserved characters and '/'
// percent-encoded (RFC 3986), so spaces and non-ASCII names survive.
std::string uri_reference(std::string_view path)
{
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                      || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

Json rule_json(const rules::Rule& rule)
{
  std::string help(rule.explanation);
  if (!rule.example.empty()) {
    help += "\n\nExample:\n" + std::string(rule.example);
  }
  Json j;
  j["id"] = rule.id;
  j["shortDescription"] = {{"text", rule.summary}};
  j["fullDescription"] = {{"text", rule.explanation}};
  j["help"] = {{"text", help}};
  j["defaultConfiguration"] = {{"level", level(rule.severity)}};
  j["properties"] = {{"gate", core::to_string(rule.gate)}, {"tags", {core::to_string(rule.gate)}}};
  return j;
}

}  // namespace

std::string sarif(const CheckRun& run)
{
  const auto& catalogue = rules::catalogue();
  std::map<std::string, std::size_t, std::less<>> index;
  auto rules = Json::array();
  for (const auto& rule : catalogue) {
    index.emplace(std::string(rule.id), rules.size());
    rules.push_back(rule_json(rule));
  }

  auto results = Json::array();
  for_each_finding(run, [&](const core::Finding& f) {
    Json r;
    r["ruleId"] = f.rule;
    if (const auto it = index.find(f.rule); it != index.end()) {
      r["ruleIndex"] = it->second;
    }
    r["level"] = level(f.severity);
    r["message"] = {{"text", f.message}};
    Json physical;
    physical["artifactLocation"] = {{"uri", uri_reference(f.file)}, {"uriBaseId", "%SRCROOT%"}};
    physical["region"] = {{"startLine", f.pos.line}, {"startColumn", f.pos.column}};
    r["locations"] = Json::array({{{"physicalLocation", physical}}});
    r["properties"] = {{"gate", core::to_string(f.gate)},
                       {"project", f.project.empty() ? Json(nullptr) : Json(f.project)},
                       {"ids", f.ids}};
    results.push_back(std::move(r));
  });

  Json driver;
  driver["name"] = "handoff";
  driver["version"] = HANDOFF_VERSION;
  driver["rules"] = rules;
  Json notifications = Json::array();
  for (const auto& note : run.notes) {
    notifications.push_back({{"level", "note"}, {"message", {{"text", note}}}});
  }
  Json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = notifications;

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  Json run_json;
  run_json["tool"] = {{"driver", driver}};
  run_json["invocations"] = Json::array({invocation});
  run_json["results"] = std::move(results);  // moved: a large run holds tens of thousands
  run_json["properties"] = {{"today", run.today.str()}, {"strict", run.strict}};
  doc["runs"] = Json::array();
  doc["runs"].push_back(std::move(run_json));  // an initializer list would copy the results
  return support::json_text(doc);
}

}  // namespace handoff::output
