#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/labels.hpp"
#include "report/report.hpp"
#include "report/templates.hpp"
#include "workspace/workspace.hpp"

// The customer edition of every report of every example project, in both languages, holds
// nothing the customer must not see (DESIGN §10.5, docs/reports.md "Audiences").
namespace {

namespace fs = std::filesystem;
namespace report = handoff::report;
using Json = nlohmann::json;

const report::Language k_languages[] = {report::Language::en, report::Language::zh_cn};

report::ReportOptions options_for(const std::string& name, report::Audience audience, report::Language language,
                                  bool json)
{
  report::ReportOptions options;
  options.template_spec = name;
  options.audience = audience;
  options.language = language;
  options.today = *handoff::support::Date::parse("2026-11-20");
  options.json = json;
  options.parallelism.jobs = 1;
  return options;
}

void add_text(std::set<std::string>& out, const Json& value)
{
  if (value.is_string() && !value.get<std::string>().empty()) {
    out.insert(value.get<std::string>());
  }
}

// What the internal data of project `id` holds that its customer editions must not show:
// the findings' messages and their rules' summaries (in both languages), internal notes,
// risks, lessons, the reason a deal ended, and the prices and costs of change requests.
std::set<std::string> secrets_of(const Json& data)
{
  std::set<std::string> out;
  for (const auto& f : data["findings"]) {
    add_text(out, f["message"]);
    for (const report::Language language : k_languages) {
      nlohmann::ordered_json rule{{"rule", f["rule"]}};
      report::add_labels(rule, language);
      add_text(out, rule["rule_label"]);
    }
  }
  for (const auto& a : data["feasibility"]["assessments"]) {
    add_text(out, a["notes"]);
    for (const auto& r : a["risks"]) {
      add_text(out, r);
    }
  }
  for (const auto& r : data["risks"]) {
    add_text(out, r["title"]);
    add_text(out, r["mitigation"]);
  }
  add_text(out, data["closure"]["retrospective"]);
  add_text(out, data["closure"]["csat_followup"]);
  for (const auto& l : data["closure"]["lessons"]) {
    add_text(out, l["text"]);
  }
  for (const auto& l : data["lessons"]) {
    add_text(out, l["text"]);
  }
  add_text(out, data["outcome"]["reason"]);
  return out;
}

// The change requests' costs as a report prints them (of four digits or more: smaller numbers
// are dates' and counts' digits too). A change's description may quote its price: that is the
// team's own text, so only the rendered report is held to this.
std::set<std::string> costs_of(const Json& data)
{
  std::set<std::string> out;
  for (const auto& c : data["changes"]) {
    if (c["cost"].is_number() && c["cost"].get<double>() >= 1000) {
      out.insert(report::group_thousands(c["cost"].get<double>()));
    }
  }
  return out;
}

// Returns the first key of `value` (at any depth) that holds money, effort or findings.
std::string internal_key(const Json& value)
{
  static const std::set<std::string> keys{"cost",     "cost_label", "effort_days", "hours",          "price",
                                          "findings", "gates",      "reasons",     "decision_maker", "signoffs",
                                          "promise",  "concession", "value_added"};
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (keys.count(it.key()) != 0) {
        return it.key();
      }
      if (auto inner = internal_key(it.value()); !inner.empty()) {
        return it.key() + "/" + inner;
      }
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (auto inner = internal_key(item); !inner.empty()) {
        return inner;
      }
    }
  }
  return {};
}

// Checks one customer edition: no rule id, no secret, no decision-maker flag, no gate table.
void check_clean(const std::string& text, const std::set<std::string>& secrets, bool json)
{
  if (json) {
    CHECK(internal_key(Json::parse(text)) == "");
  }
  static const std::regex rule_id("HF[0-9]{3}");
  std::smatch match;
  CHECK_MESSAGE(!std::regex_search(text, match, rule_id), "rule id ", match.str());
  for (const auto& secret : secrets) {
    CHECK_MESSAGE(text.find(secret) == std::string::npos, "leaks: ", secret);
  }
  for (const std::string word : {"Decision maker", "decision maker", "decision_maker", "决策人", "Gate status",
                                 "关口检查", "person-days", "人天", "| Finding |"}) {
    CHECK_MESSAGE(text.find(word) == std::string::npos, "shows: ", word);
  }
  // The internal sign-off between sales and implementation, our estimate against our promise,
  // and which changes we conceded for free are the team's (DESIGN §10.5).
  for (const std::string word : {"Baseline signed on", "No baseline:", "Not signed yet:", "基线已于", "尚无基线",
                                 "尚未完成签字", "Estimate vs promise", "估算与承诺", "days late**.", "晚于承诺",
                                 "value added", "Value-added", "value_added", "增值", "concession"}) {
    CHECK_MESSAGE(text.find(word) == std::string::npos, "shows: ", word);
  }
  // When a visit summary was due and how late it was shared is the team's own deadline (a
  // summary for sales within 24 hours), not the customer's business: the row says when.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| Summary shared |", 0) == 0 || line.rfind("| 纪要提交 |", 0) == 0) {
      for (const std::string word : {"due", "overdue", "late", "应于", "逾期", "晚了"}) {
        CHECK_MESSAGE(line.find(word) == std::string::npos, "visit summary row shows: ", line);
      }
    }
  }
  for (const std::string word : {"No written summary yet: it is due", "尚无书面纪要：应于"}) {
    CHECK_MESSAGE(text.find(word) == std::string::npos, "shows: ", word);
  }
}

}  // namespace

TEST_CASE("no customer edition of an example shows rule ids, findings, internal notes, costs or decision makers")
{
  const handoff::workspace::Workspace ws((fs::path(HANDOFF_SOURCE_DIR) / "examples").string());
  std::set<std::string> customers;
  int rendered = 0;
  for (const std::string& id : ws.project_ids()) {
    CAPTURE(id);
    const Json internal = Json::parse(
        report::project_report(ws, id, options_for("brief", report::Audience::internal, report::Language::en, true)));
    const std::set<std::string> secrets = secrets_of(internal);
    std::set<std::string> secrets_and_costs = secrets;
    secrets_and_costs.merge(costs_of(internal));
    add_text(customers, internal["project"]["customer"]);
    std::vector<std::string> activities;
    for (const auto& a : internal["activities"]) {
      activities.push_back(a["id"].get<std::string>());
    }
    for (const std::string& name : report::builtin_reports()) {
      if (name == "portfolio" || (name == "visit" && activities.empty())) {
        continue;
      }
      for (const report::Language language : k_languages) {
        for (const bool json : {false, true}) {
          CAPTURE(name);
          CAPTURE(report::to_string(language));
          CAPTURE(json);
          auto options = options_for(name, report::Audience::customer, language, json);
          for (const std::string& activity : name == "visit" ? activities : std::vector<std::string>{""}) {
            options.activity = activity;
            check_clean(report::project_report(ws, id, options), json ? secrets : secrets_and_costs, json);
            ++rendered;
          }
        }
      }
    }
  }
  CHECK(customers.size() >= 10);
  for (const std::string& customer : customers) {
    for (const report::Language language : k_languages) {
      for (const bool json : {false, true}) {
        CAPTURE(customer);
        CAPTURE(json);
        auto options = options_for("", report::Audience::customer, language, json);
        options.customer = customer;
        const std::string text = report::portfolio_report(ws, options);
        check_clean(text, {}, json);
        // The customer's own projects only.
        for (const std::string& other : customers) {
          if (other != customer && other.find(customer) == std::string::npos) {
            CHECK_MESSAGE(text.find(other) == std::string::npos, "names another customer: ", other);
          }
        }
        for (const std::string word :
             {"CSAT", "csat", "满意度", "Win rate", "win_rate", "赢单", "Promise kept", "promise_kept", "按承诺上线"}) {
          CHECK_MESSAGE(text.find(word) == std::string::npos, "shows: ", word);
        }
        ++rendered;
      }
    }
  }
  CHECK(rendered > 300);
}

TEST_CASE("the customer edition of the portfolio needs --customer and knows the customers")
{
  const handoff::workspace::Workspace ws((fs::path(HANDOFF_SOURCE_DIR) / "examples").string());
  auto options = options_for("", report::Audience::customer, report::Language::en, false);
  CHECK_THROWS_WITH(report::portfolio_report(ws, options),
                    "the customer edition of the portfolio shows one customer's projects: add --customer NAME (the "
                    "customer.name of its projects)");
  options.customer = "Globex Corp";
  CHECK_THROWS_WITH(report::portfolio_report(ws, options),
                    "no project has the customer \"Globex Corp\"; did you mean \"Globex Corporation\"?");
  options.customer = "globex corporation";
  const std::string text = report::portfolio_report(ws, options);
  CHECK(text.rfind("# Projects of Globex Corporation\n\n1 project as of 2026-11-20 · customer edition\n", 0) == 0);
}

TEST_CASE("English reports of the examples print the record format's codes as words, never snake_case")
{
  const handoff::workspace::Workspace ws((fs::path(HANDOFF_SOURCE_DIR) / "examples").string());
  static const std::regex code(
      R"((^|[^A-Za-z_.`])(go_with_conditions|no_go|in_progress|value_added|out_of_scope|in_scope|wont)($|[^A-Za-z_]))");
  std::smatch match;
  for (const report::Audience audience : {report::Audience::internal, report::Audience::customer}) {
    CAPTURE(report::to_string(audience));
    for (const std::string& id : ws.project_ids()) {
      CAPTURE(id);
      for (const std::string& name : report::builtin_reports()) {
        if (name == "portfolio" || name == "visit") {
          continue;
        }
        CAPTURE(name);
        const std::string text =
            report::project_report(ws, id, options_for(name, audience, report::Language::en, false));
        CHECK_MESSAGE(!std::regex_search(text, match, code), "prints the code ", match.str(2));
      }
    }
  }
  auto options = options_for("", report::Audience::internal, report::Language::en, false);
  const std::string portfolio = report::portfolio_report(ws, options);
  CHECK_MESSAGE(!std::regex_search(portfolio, match, code), "prints the code ", match.str(2));
}
