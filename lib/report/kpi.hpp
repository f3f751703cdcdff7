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

// Returns the later of two dates, either of which may be missing.
std::optional<support::Date> later(std::optional<support::Date> a, std::optional<support::Date> b);

// Returns the latest date a change was touched on: requested, approved or implemented.
std::optional<support::Date> last_activity(const model::Change& c);

// The sign-offs a report shows: the baseline's pair (signoff::find_baseline, the one definition)
// when there is a baseline, else the latest entry of each role.
struct SignoffState {
  const model::Signoff* sales = nullptr;
  const model::Signoff* implementation = nullptr;
  std::optional<support::Date> baseline;  // the later date of the baseline's pair
  bool differ = false;                    // both roles signed, but never the same content
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
  int open = 0;  // model::Change::open()
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

// --- payments ---------------------------------------------------------------------------------

// Where an instalment of the payment schedule stands on a day: planned (its trigger has not
// happened), due (it has, no invoice yet), invoiced, overdue (invoiced more than the payment
// terms ago), received, or written off.
enum class PaymentState : unsigned char { planned, due, invoiced, overdue, received, written_off };

std::string_view to_string(PaymentState state);

PaymentState payment_state(const model::Project& project, const model::Payment& payment, support::Date today,
                           long long payment_terms_days);

// --- plausible dates -------------------------------------------------------------------------

// Returns true when the check found a date of the project that cannot be right: a date of
// something that happened lying after today (HF011), or two dates out of order (HF012). The
// portfolio's KPIs leave such a project out and say so.
bool implausible_dates(const rules::ProjectOutcome& outcome);

// --- health -----------------------------------------------------------------------------------

// A project's health as the status report states it.
struct Health {
  // One rule that makes the health what it is.
  struct Reason {
    std::string rule;  // "HF506"
    core::Severity severity = core::Severity::error;
    int count = 0;  // findings of the rule
  };
  std::string verdict;  // "on track", "at risk", "off track", or "inactive" (an outcome, no findings)
  std::string reason;   // "1 warning: milestone overdue (HF506)"
  int errors = 0;
  int warnings = 0;
  std::vector<Reason> reasons;  // errors first, then warnings, each by rule id
};

// Decides a project's health from its findings: off track with any error, at risk with any
// warning, else on track. The reason says which problems (the rules' summaries), and names
// the rule ids unless `internal` is false.
Health health(const rules::ProjectOutcome& outcome, bool internal);

nlohmann::ordered_json health_json(const rules::ProjectOutcome& outcome, bool internal);

}  // namespace handoff::report
