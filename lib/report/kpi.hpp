#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/records.hpp"
#include "rules/engine.hpp"
#include "support/date.hpp"

// The figures reports compute from the records: milestone and change-request counts, the
// sign-off state, a project's health. Shared by the project report and the portfolio.
namespace handoff::report {

// --- classification -------------------------------------------------------------------------

bool is_finished(const model::Milestone& m);
bool is_overdue(const model::Milestone& m, support::Date today);
bool is_live(const model::Risk& r);
bool is_decided(const model::Change& c);
bool is_open_question(const model::Question& q);

// Returns the later of two dates, either of which may be missing.
std::optional<support::Date> later(std::optional<support::Date> a, std::optional<support::Date> b);

// Returns the latest date a change was touched on: requested, approved or implemented.
std::optional<support::Date> last_activity(const model::Change& c);

// The latest sign-off of a role, and the baseline: the later date of the latest sales and
// the latest implementation sign-off.
struct SignoffState {
  const model::Signoff* sales = nullptr;
  const model::Signoff* implementation = nullptr;
  std::optional<support::Date> baseline;
};

SignoffState signoff_state(const model::Project& project);

// --- milestones -------------------------------------------------------------------------------

// Milestones of a plan: how many, finished, finished on time or late, overdue.
struct MilestoneCounts {
  int total = 0;
  int finished = 0;
  int dated = 0;  // finished with both a due and a done date
  int on_time = 0;
  int late = 0;
  int overdue = 0;

  MilestoneCounts& operator+=(const MilestoneCounts& other);
};

MilestoneCounts count_milestones(const model::Project& project, support::Date today);
nlohmann::ordered_json milestone_counts_json(const MilestoneCounts& c);

// --- change requests --------------------------------------------------------------------------

// Effort and money of decided (approved or implemented) changes of one classification.
struct ChangeSum {
  int count = 0;
  double effort_days = 0;
  double schedule_days = 0;
  double cost = 0;
};

struct ChangeTotals {
  int count = 0;
  std::map<std::string, int> by_status;
  ChangeSum billable;     // out_of_scope
  ChangeSum value_added;  // concessions
  ChangeSum in_scope;
  ChangeSum unclassified;
  ChangeSum pending;  // proposed or assessed, any classification
};

ChangeTotals total_changes(const model::Project& project);
// The sum with its effort and cost (the audience decides later whether they stay).
nlohmann::ordered_json change_sum_json(const ChangeSum& s);

// What one project adds to the portfolio's change-request KPIs; summed over the projects.
struct ChangeCounts {
  int total = 0;
  int billable = 0;  // decided out_of_scope changes
  double billable_effort = 0;
  int conceded = 0;  // decided value_added changes
  double conceded_effort = 0;

  ChangeCounts& operator+=(const ChangeCounts& other);
};

// --- health -----------------------------------------------------------------------------------

// A project's health as the status report states it.
struct Health {
  std::string verdict;  // "on track", "at risk" or "off track"
  std::string reason;
};

// Decides a project's health from its findings: off track with any error, at risk with any
// warning, else on track. Names the rules in the reason unless `internal` is false.
Health health(const rules::ProjectOutcome& outcome, bool internal);

nlohmann::ordered_json health_json(const rules::ProjectOutcome& outcome, bool internal);

}  // namespace handoff::report
