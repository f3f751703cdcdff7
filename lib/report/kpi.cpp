#include "report/kpi.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "report/fields.hpp"
#include "support/text.hpp"

namespace handoff::report {

using fields::Json;

bool is_finished(const model::Milestone& m)
{
  return m.status.has() && (*m.status == "done" || *m.status == "accepted");
}

bool is_overdue(const model::Milestone& m, support::Date today)
{
  return !is_finished(m) && m.due.has() && *m.due < today;
}

bool is_live(const model::Risk& r)
{
  return !r.status.has() || (*r.status != "closed" && *r.status != "mitigated");
}

bool is_decided(const model::Change& c)
{
  return c.status.has() && (*c.status == "approved" || *c.status == "implemented");
}

bool is_open_question(const model::Question& q)
{
  return !q.status.has() || *q.status == "open";
}

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
  for (const auto& s : project.signoffs) {
    if (!s.role.has()) {
      continue;
    }
    if (*s.role == "sales") {
      state.sales = &s;  // entries are appended: the last one is the latest
    } else if (*s.role == "implementation") {
      state.implementation = &s;
    }
  }
  if (state.sales != nullptr && state.implementation != nullptr && state.sales->date.has()
      && state.implementation->date.has()) {
    state.baseline = later(state.sales->date.value, state.implementation->date.value);
  }
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
    if (is_finished(m)) {
      ++c.finished;
      if (m.due.has() && m.done.has()) {
        ++c.dated;
        (*m.done <= *m.due ? c.on_time : c.late)++;
      }
    } else if (is_overdue(m, today)) {
      ++c.overdue;
    }
  }
  return c;
}

Json milestone_counts_json(const MilestoneCounts& c)
{
  return Json{{"total", c.total},
              {"finished", c.finished},
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
    t.by_status[c.status.value_or("proposed")]++;
    if (!is_decided(c)) {
      const std::string status = c.status.value_or("proposed");
      if (status == "proposed" || status == "assessed") {
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

Health health(const rules::ProjectOutcome& outcome, bool internal)
{
  std::set<std::string> error_rules;
  std::set<std::string> warning_rules;
  int errors = 0;
  int warnings = 0;
  for (const auto& f : outcome.findings) {
    if (f.severity == core::Severity::error) {
      ++errors;
      error_rules.insert(f.rule);
    } else if (f.severity == core::Severity::warning) {
      ++warnings;
      warning_rules.insert(f.rule);
    }
  }
  const auto rule_list = [&](const std::set<std::string>& ids) {
    return internal ? fmt::format(" ({})", support::join_words({ids.begin(), ids.end()}, ", ")) : std::string();
  };
  Health h;
  if (errors > 0) {
    h.verdict = "off track";
    h.reason = support::plural(errors, "check") + " failing" + rule_list(error_rules);
    if (warnings > 0) {
      h.reason += " and " + support::plural(warnings, "warning") + rule_list(warning_rules);
    }
  } else if (warnings > 0) {
    h.verdict = "at risk";
    h.reason = support::plural(warnings, "warning") + rule_list(warning_rules);
  } else {
    h.verdict = "on track";
    h.reason = "every check passes";
  }
  return h;
}

Json health_json(const rules::ProjectOutcome& outcome, bool internal)
{
  const Health h = health(outcome, internal);
  return Json{{"verdict", h.verdict},
              {"on_track", h.verdict == "on track"},
              {"at_risk", h.verdict == "at risk"},
              {"off_track", h.verdict == "off track"},
              {"reason", h.reason}};
}

}  // namespace handoff::report
