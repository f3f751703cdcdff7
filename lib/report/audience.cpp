#include "report/audience.hpp"

#include <string>
#include <vector>

namespace handoff::report {

namespace {

using Json = nlohmann::ordered_json;

// The keys the customer audience does not see, as paths: "/" separates keys, "*" stands for
// every element of a list (or every member of an object).
const std::vector<std::string>& internal_only(DataKind kind)
{
  static const std::vector<std::string> project{
      "requirements/*/effort_days",  // effort is internal
      "contract/value",              // money is internal
      "contract/items/*/price",
      "contract/payments/*/note",  // internal notes; the schedule itself is the contract's
      "contract/payments/*/written_off", "feasibility/effort_days", "feasibility/assessments/*/effort_days",
      "feasibility/assessments/*/notes",  // the assessor's notes and risks are internal
      "feasibility/assessments/*/risks", "feasibility/assessed_effort_days", "feasibility/must_effort_days",
      "feasibility/must_effort_share_text",
      "feasibility/promise/buffer_days",  // the slack is the team's, not a promise
      "risks",                            // the risk register
      "changes/*/effort_days", "changes/*/cost", "change_totals/*/effort_days", "change_totals/*/cost",
      "status/changes/*/effort_days", "status/changes/*/cost", "status/top_risks", "closure/retrospective",
      "closure/actual_effort_days", "closure/lessons",
      "closure/csat_followup",  // what sales did about a low score
      "forecast",               // names other customers' projects
      "lessons",                // of other customers' projects
      "findings",               // the check's findings name rules and files
      "finding_counts",
      "activities/*/hours",  // presales hours are a cost of the sale
      "activities/*/confirmed_by", "activities/*/confirmed_by_name", "activity/hours", "activity/confirmed_by",
      "activity/confirmed_by_name",
      // When a visit summary was due to sales and how late it came is the team's own deadline.
      "activity/summary_due", "activity/summary_due_label", "activity/summary_state", "activity/on_time",
      "activity/late", "activity/overdue", "activity/late_days", "activity/late_text", "activities/*/summary_due",
      "activities/*/summary_due_label", "activities/*/summary_state", "activities/*/on_time", "activities/*/late",
      "activities/*/overdue", "activities/*/late_days", "activities/*/late_text",
      "outcome/reason",  // why a deal was lost is the team's
      // The customer learns how the project stands (health.verdict), not which checks say so
      // (DESIGN §10.5): no gates, findings or reasons, no readiness for our next stage.
      "project/ready_for", "gates", "failing_gates", "health/reason", "health/reasons", "health/errors",
      "health/warnings", "health/has_errors", "health/has_warnings",
      // Our assessment of the customer's people.
      "decision_makers", "contacts/*/decision_maker",
      // The internal handoff: the sign-offs between sales and implementation, our estimate
      // against our own promise, and which changes we concede for free (classification is
      // cut to billable / no charge below).
      "signoffs", "feasibility/promise", "changes/*/concession", "status/changes/*/concession",
      "change_totals/value_added",  // counted with in_scope, as "no charge" (below)
  };
  static const std::vector<std::string> portfolio_row{
      "changes/currency",
      "changes/billable",
      "changes/value_added",
      "outcome",
      "ready_for",
      "gates",
      "failing_gates",
      "health/reason",
      "health/reasons",
      "health/errors",
      "health/warnings",
      "health/has_errors",
      "health/has_warnings",
      "baseline",           // the internal sign-off between sales and implementation
      "handoff_lead_days",  // and how long it took
      "csat",               // our KPIs, not the customer's
      "payments",           // our collections
  };
  static const std::vector<std::string> portfolio{
      "kpis/change_requests/billable_effort_days",
      "kpis/change_requests/conceded_effort_days",
      "kpis/conceded_effort",
      "kpis/win_rate",  // the sales pipeline is internal
      "kpis/summaries_on_time",
      "kpis/receivables",  // the team's collections
      "kpis/overdue_receivables",
      "kpis/days_to_cash",
      // The team's KPIs; the customer sees its projects' milestones and change requests.
      "kpis/left_out",
      "kpis/handoff_lead_time",
      "kpis/change_requests/billable",
      "kpis/change_requests/value_added",
      "kpis/csat",
      "kpis/promise_kept",
      "kpis/estimate_accuracy",
      "kpis/change_response",
  };
  switch (kind) {
  case DataKind::project:
    return project;
  case DataKind::portfolio_row:
    return portfolio_row;
  case DataKind::portfolio:
    break;
  }
  return portfolio;
}

// Returns a + b, an integer when both are.
Json fields_sum(const Json& a, const Json& b)
{
  if (a.is_number_integer() && b.is_number_integer()) {
    return a.get<long long>() + b.get<long long>();
  }
  return a.get<double>() + b.get<double>();
}

// Erases the key at path[from..] below `value`.
void erase_path(Json& value, const std::vector<std::string>& path, std::size_t from)
{
  const std::string& key = path[from];
  const bool last = from + 1 == path.size();
  if (key == "*") {
    if (value.is_array() || value.is_object()) {
      for (auto& child : value) {
        if (!last) {
          erase_path(child, path, from + 1);
        }
      }
    }
    return;
  }
  if (!value.is_object()) {
    return;
  }
  if (last) {
    value.erase(key);
  } else if (const auto it = value.find(key); it != value.end()) {
    erase_path(*it, path, from + 1);
  }
}

std::vector<std::string> split_path(const std::string& path)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) {
      return out;
    }
    start = slash + 1;
  }
}

}  // namespace

std::string_view to_string(Audience audience)
{
  return audience == Audience::internal ? "internal" : "customer";
}

Audience default_audience(std::string_view report)
{
  return report == "acceptance" ? Audience::customer : Audience::internal;
}

bool shows_rule_names(Audience audience)
{
  return audience == Audience::internal;
}

void restrict_to_audience(nlohmann::ordered_json& data, DataKind kind, Audience audience)
{
  if (audience == Audience::internal) {
    return;
  }
  if (kind == DataKind::project && data.is_object() && data.contains("change_totals")) {
    Json& totals = data["change_totals"];
    if (totals.is_object() && totals.contains("in_scope") && totals.contains("value_added")) {
      Json& free = totals["in_scope"];
      const Json& conceded = totals["value_added"];
      for (const char* key : {"count", "schedule_days"}) {
        if (free[key].is_number() && conceded[key].is_number()) {
          free[key] = fields_sum(free[key], conceded[key]);
        }
      }
      free["any"] = free["count"].is_number() && free["count"].get<double>() > 0;
    }
  }
  for (const std::string& path : internal_only(kind)) {
    erase_path(data, split_path(path), 0);
  }
  // The customer tells a change it pays for (out of scope) from one it does not: a
  // clarification and a concession are both "no charge" to it.
  const auto no_charge = [](Json* changes) {
    if (changes == nullptr || !changes->is_array()) {
      return;
    }
    for (auto& c : *changes) {
      const auto cls = c.is_object() ? c.find("classification") : c.end();
      if (cls != c.end() && cls->is_string() && (*cls == "in_scope" || *cls == "value_added")) {
        *cls = "no_charge";
      }
    }
  };
  if (kind == DataKind::project && data.is_object()) {
    no_charge(data.contains("changes") ? &data["changes"] : nullptr);
    if (data.contains("status") && data["status"].is_object() && data["status"].contains("changes")) {
      no_charge(&data["status"]["changes"]);
    }
  }
}

}  // namespace handoff::report
