#include <map>
#include <vector>

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

Json rule_json(const rules::Rule& rule, core::Language language, const std::string& help_url)
{
  const bool zh = language == core::Language::zh_cn;
  const std::string_view summary = zh ? rule.summary_zh : rule.summary;
  const std::string_view explanation = zh ? rule.explanation_zh : rule.explanation;
  std::string help(explanation);
  if (!rule.example.empty()) {
    help += (zh ? "\n\n示例：\n" : "\n\nExample:\n") + std::string(rule.example);
  }
  Json j;
  j["id"] = rule.id;
  j["shortDescription"] = {{"text", summary}};
  j["fullDescription"] = {{"text", explanation}};
  // The same help as Markdown, which code scanning shows under an alert: the example as a
  // code block (the rules' texts are handoff's own, written with Markdown code spans).
  std::string markdown = fmt::format("**{}**\n\n{}", summary, explanation);
  if (!rule.example.empty()) {
    markdown += zh ? "\n\n示例：\n\n```\n" : "\n\nExample:\n\n```\n";
    markdown += fmt::format("{}{}```", rule.example, rule.example.back() == '\n' ? "" : "\n");
  }
  markdown += fmt::format("\n\n`handoff explain {}` ", rule.id) + (zh ? "显示本说明。" : "prints this help.");
  j["help"] = {{"text", help}, {"markdown", markdown}};
  if (!help_url.empty()) {
    j["helpUri"] = model::rule_help_url(help_url, rule.id);
  }
  j["defaultConfiguration"] = {{"level", level(rule.severity)}};
  j["properties"] = {{"gate", core::to_string(rule.gate)}, {"tags", {core::to_string(rule.gate)}}};
  return j;
}

}  // namespace

std::string sarif(const CheckRun& run)
{
  return sarif(run, k_sarif_max_results);
}

std::string sarif(const CheckRun& run, std::size_t max_results)
{
  const auto& catalogue = rules::catalogue();
  std::map<std::string, std::size_t, std::less<>> index;
  auto rules = Json::array();
  for (const auto& rule : catalogue) {
    index.emplace(std::string(rule.id), rules.size());
    rules.push_back(rule_json(rule, run.language, run.help_url));
  }

  auto results = Json::array();
  const auto result = [&](const core::Finding& f, const rules::ProjectOutcome* project) {
    Json r;
    r["ruleId"] = f.rule;
    if (const auto it = index.find(f.rule); it != index.end()) {
      r["ruleIndex"] = it->second;
    }
    r["level"] = level(f.severity);
    r["message"] = {{"text", f.text(run.language)}};
    Json physical;
    physical["artifactLocation"] = {{"uri", uri_reference(f.file)}, {"uriBaseId", "%SRCROOT%"}};
    physical["region"] = {{"startLine", f.pos.line}, {"startColumn", f.pos.column}};
    r["locations"] = Json::array({{{"physicalLocation", physical}}});
    r["properties"] = {{"gate", core::to_string(f.gate)},
                       {"project", f.project.empty() ? Json(nullptr) : Json(f.project)},
                       {"ids", f.ids},
                       {"owners", owners_of(project, f)}};
    return r;
  };
  for (const auto& f : run.workspace_findings) {
    results.push_back(result(f, nullptr));
  }
  for (const auto& p : run.projects) {
    for (const auto& f : p.findings) {
      results.push_back(result(f, &p));
    }
  }
  // A warning `suppress:` accepts is a result with an in-source suppression and its reason:
  // viewers show it as suppressed, not as an open alert. They come last, so the cap below
  // leaves them out before any open result.
  for (const auto& p : run.projects) {
    for (const auto& s : p.suppressed) {
      Json r = result(s.finding, &p);
      r["suppressions"] = Json::array({{{"kind", "inSource"}, {"status", "accepted"}, {"justification", s.reason}}});
      results.push_back(std::move(r));
    }
  }

  // GitHub code scanning refuses a run with more results than it accepts: keep the errors
  // first, then the warnings, each in the order of the run, and say what was left out.
  std::size_t errors_left_out = 0;
  std::size_t warnings_left_out = 0;
  if (results.size() > max_results) {
    auto kept = Json::array();
    // Open errors, then open warnings, then the suppressed warnings (ranked before any is moved).
    std::vector<int> rank;
    rank.reserve(results.size());
    for (const auto& r : results) {
      rank.push_back(r.contains("suppressions") ? 2 : (r.at("level") == "error" ? 0 : 1));
    }
    for (const int wanted : {0, 1, 2}) {
      for (std::size_t i = 0; i < results.size(); ++i) {
        auto& r = results[i];
        if (rank[i] != wanted) {
          continue;
        }
        if (kept.size() < max_results) {
          kept.push_back(std::move(r));
        } else {
          ++(wanted == 0 ? errors_left_out : warnings_left_out);
        }
      }
    }
    results = std::move(kept);
  }

  Json driver;
  driver["name"] = "handoff";
  driver["version"] = HANDOFF_VERSION;
  driver["semanticVersion"] = HANDOFF_VERSION;
  if (!run.help_url.empty()) {
    // The page the rule help lives on: help_url up to {rule}, without a trailing '#' or '/'.
    std::string page = run.help_url.substr(0, run.help_url.find("{rule}"));
    while (!page.empty() && (page.back() == '#' || page.back() == '/')) {
      page.pop_back();
    }
    driver["informationUri"] = page;
  }
  driver["rules"] = rules;
  Json notifications = Json::array();
  for (const auto& note : run.notes) {
    notifications.push_back({{"level", "note"}, {"message", {{"text", note}}}});
  }
  if (errors_left_out + warnings_left_out > 0) {
    const auto count = [](std::size_t n, std::string_view what) {
      return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
    };
    notifications.push_back(
        {{"level", "warning"},
         {"message",
          {{"text", fmt::format("{} left out ({}, {}): a SARIF run holds at most {} results, errors first; run "
                                "`handoff check` or `--format json` for all of them",
                                count(errors_left_out + warnings_left_out, "result"), count(errors_left_out, "error"),
                                count(warnings_left_out, "warning"), max_results)}}}});
  }
  Json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = notifications;

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  Json run_json;
  run_json["tool"] = {{"driver", driver}};
  run_json["columnKind"] = "unicodeCodePoints";  // core::Pos columns count characters, not bytes
  run_json["invocations"] = Json::array({invocation});
  run_json["results"] = std::move(results);  // moved: a large run holds tens of thousands
  run_json["properties"] = {
      {"today", run.today.str()}, {"strict", run.strict}, {"suppressed", rules::suppressed_count(run)}};
  if (errors_left_out + warnings_left_out > 0) {
    run_json["properties"]["resultsLeftOut"] = errors_left_out + warnings_left_out;
  }
  doc["runs"] = Json::array();
  doc["runs"].push_back(std::move(run_json));  // an initializer list would copy the results
  return support::json_text(doc);
}

std::string sarif_error(std::string_view message)
{
  auto doc = Json::parse(sarif(CheckRun{}));
  auto& invocation = doc["runs"][0]["invocations"][0];
  invocation["executionSuccessful"] = false;
  invocation["toolExecutionNotifications"] =
      Json::array({{{"level", "error"}, {"message", {{"text", std::string(message)}}}}});
  doc["runs"][0].erase("properties");  // no run took place: no date, no --strict
  return doc.dump(2) + "\n";
}

}  // namespace handoff::output
