#include "report/kpi.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/fields.hpp"
#include "rules/rule.hpp"
#include "signoff/baseline.hpp"
#include "support/text.hpp"

namespace handoff::report {

using fields::Json;

std::optional<support::Date> later(std::optional<support::Date> a, std::optional<support::Date> b)
{
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  return std::max(*a, *b);
}

std::optional<support::Date> last_activity(const model::Change& c)
{
  std::optional<support::Date> out = c.date.value;
  for (const auto& a : c.approvals) {
    out = later(out, a.date.value);
  }
  return later(out, c.implemented.value);
}

SignoffState signoff_state(const model::Project& project)
{
  SignoffState state;
  if (const auto baseline = signoff::find_baseline(project)) {
    state.sales = baseline->sales;
    state.implementation = baseline->implementation;
    state.baseline = later(state.sales->date.value, state.implementation->date.value);
    return state;
  }
  state.sales = signoff::latest_signoff(project, "sales");
  state.implementation = signoff::latest_signoff(project, "implementation");
  state.differ = state.sales != nullptr && state.implementation != nullptr;
  return state;
}

MilestoneCounts& MilestoneCounts::operator+=(const MilestoneCounts& other)
{
  total += other.total;
  finished += other.finished;
  dated += other.dated;
  on_time += other.on_time;
  late += other.late;
  overdue += other.overdue;
  return *this;
}

MilestoneCounts count_milestones(const model::Project& project, support::Date today)
{
  MilestoneCounts c;
  for (const auto& m : project.plan.milestones) {
    ++c.total;
    if (m.finished()) {
      ++c.finished;
      if (const auto on_time = m.finished_on_time()) {
        ++c.dated;
        (*on_time ? c.on_time : c.late)++;
      }
    } else if (m.overdue(today)) {
      ++c.overdue;
    }
  }
  return c;
}

Json milestone_counts_json(const MilestoneCounts& c)
{
  return Json{{"total", c.total},
              {"finished", c.finished},
              {"dated", c.dated},
              {"undated", c.finished - c.dated},
              {"any_undated", c.finished > c.dated},
              {"on_time", c.on_time},
              {"late", c.late},
              {"overdue", c.overdue},
              {"on_time_rate", fields::ratio(c.on_time, c.dated)},
              {"on_time_rate_text", fields::percent_text(c.on_time, c.dated)}};
}

ChangeTotals total_changes(const model::Project& project)
{
  ChangeTotals t;
  for (const auto& s : {"proposed", "assessed", "approved", "rejected", "implemented"}) {
    t.by_status[s] = 0;
  }
  for (const auto& c : project.changes) {
    ++t.count;
    t.by_status[c.state()]++;
    t.open += c.open() ? 1 : 0;
    if (!c.decided()) {
      if (c.pending()) {
        ++t.pending.count;
        t.pending.effort_days += c.effort_days.value_or(0);
        t.pending.schedule_days += c.schedule_days.value_or(0);
        t.pending.cost += c.cost.value_or(0);
      }
      continue;
    }
    const std::string cls = c.classification.value_or("");
    ChangeSum& sum = cls == "out_of_scope"  ? t.billable
                     : cls == "value_added" ? t.value_added
                     : cls == "in_scope"    ? t.in_scope
                                            : t.unclassified;
    ++sum.count;
    sum.effort_days += c.effort_days.value_or(0);
    sum.schedule_days += c.schedule_days.value_or(0);
    sum.cost += c.cost.value_or(0);
  }
  return t;
}

Json change_sum_json(const ChangeSum& s)
{
  return Json{{"count", s.count},
              {"any", s.count > 0},
              {"effort_days", fields::number(s.effort_days)},
              {"schedule_days", fields::number(s.schedule_days)},
              {"cost", fields::number(s.cost)}};
}

ChangeCounts& ChangeCounts::operator+=(const ChangeCounts& other)
{
  total += other.total;
  billable += other.billable;
  billable_effort += other.billable_effort;
  conceded += other.conceded;
  conceded_effort += other.conceded_effort;
  return *this;
}

bool implausible_dates(const rules::ProjectOutcome& outcome)
{
  return std::any_of(outcome.findings.begin(), outcome.findings.end(),
                     [](const core::Finding& f) { return f.rule == "HF011" || f.rule == "HF012"; });
}

Health health(const rules::ProjectOutcome& outcome, bool internal)
{
  std::map<std::string, int> error_rules;
  std::map<std::string, int> warning_rules;
  Health h;
  for (const auto& f : outcome.findings) {
    if (f.severity == core::Severity::error) {
      ++h.errors;
      ++error_rules[f.rule];
    } else if (f.severity == core::Severity::warning) {
      ++h.warnings;
      ++warning_rules[f.rule];
    }
  }
  // "milestone overdue (HF506)": what the rule is about, in words a customer follows.
  const auto rule_list = [&](const std::map<std::string, int>& rules, core::Severity severity) {
    std::vector<std::string> parts;
    for (const auto& [id, count] : rules) {
      h.reasons.push_back({id, severity, count});
      const rules::Rule* rule = rules::find_rule(id);
      std::string summary = rule != nullptr ? std::string(rule->summary) : id;
      if (rule != nullptr && !summary.empty()) {
        summary[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(summary[0])));
      }
      std::vector<std::string> notes;
      if (internal && rule != nullptr) {
        notes.push_back(id);
      }
      if (count > 1) {
        notes.push_back(fmt::format("{}x", count));
      }
      parts.push_back(notes.empty() ? summary : fmt::format("{} ({})", summary, support::join_words(notes, ", ")));
    }
    return support::join_words(parts, ", ");
  };
  if (h.errors > 0) {
    h.verdict = "off track";
    h.reason = support::plural(h.errors, "check") + " failing: " + rule_list(error_rules, core::Severity::error);
    if (h.warnings > 0) {
      h.reason +=
          "; " + support::plural(h.warnings, "warning") + ": " + rule_list(warning_rules, core::Severity::warning);
    }
  } else if (h.warnings > 0) {
    h.verdict = "at risk";
    h.reason = support::plural(h.warnings, "warning") + ": " + rule_list(warning_rules, core::Severity::warning);
  } else if (outcome.inactive) {
    h.verdict = "inactive";  // a deal that ended (outcome:) is on no track
    h.reason = "the project ended (outcome:), so only its records' form is checked";
  } else {
    h.verdict = "on track";
    h.reason = "every check passes";
  }
  return h;
}

Json health_json(const rules::ProjectOutcome& outcome, bool internal)
{
  const Health h = health(outcome, internal);
  Json reasons = Json::array();
  for (const auto& r : h.reasons) {
    // The customer audience gets what is wrong, without the rule ids (docs/reports.md).
    const rules::Rule* rule = rules::find_rule(r.rule);
    Json item{{"summary", rule != nullptr ? std::string(rule->summary) : r.rule},
              {"severity", core::to_string(r.severity)},
              {"count", r.count},
              {"many", r.count > 1}};
    if (internal) {
      item["rule"] = r.rule;
    }
    reasons.push_back(std::move(item));
  }
  return Json{{"verdict", h.verdict},
              {"on_track", h.verdict == "on track"},
              {"at_risk", h.verdict == "at risk"},
              {"off_track", h.verdict == "off track"},
              {"inactive", h.verdict == "inactive"},
              {"reason", h.reason},
              {"errors", h.errors},
              {"warnings", h.warnings},
              {"has_errors", h.errors > 0},
              {"has_warnings", h.warnings > 0},
              {"reasons", std::move(reasons)}};
}

std::string_view to_string(PaymentState state)
{
  switch (state) {
  case PaymentState::planned:
    return "planned";
  case PaymentState::due:
    return "due";
  case PaymentState::invoiced:
    return "invoiced";
  case PaymentState::overdue:
    return "overdue";
  case PaymentState::received:
    return "received";
  case PaymentState::written_off:
    break;
  }
  return "written_off";
}

PaymentState payment_state(const model::Project& project, const model::Payment& payment, support::Date today,
                           long long payment_terms_days)
{
  if (payment.received.has()) {
    return PaymentState::received;
  }
  if (payment.written_off.has()) {
    return PaymentState::written_off;
  }
  if (payment.invoiced.has()) {
    return support::days_between(*payment.invoiced, today) > payment_terms_days ? PaymentState::overdue
                                                                                : PaymentState::invoiced;
  }
  return project.payment_trigger(payment, today) ? PaymentState::due : PaymentState::planned;
}

}  // namespace handoff::report
