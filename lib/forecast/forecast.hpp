#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"
#include "support/date.hpp"

// Reference class forecasting from the workspace's own history (DESIGN §9.5): stretch a
// project's estimate by how far the closed projects like it overran theirs.
namespace handoff::forecast {

using support::Date;

// A lesson of a closed project, with the project it comes from.
struct Lesson {
  std::string project;
  std::string text;
  std::vector<std::string> tags;
};

// A located remark about the data: a class member left out, or why a part has no forecast.
struct Note {
  std::string file;
  core::Pos pos;
  std::string message;
};

// What the forecast needs of one project: two records, project.yaml and feasibility.yaml.
struct Sample {
  std::string id;
  std::string industry;  // customer.industry, trimmed; empty when unset
  std::vector<std::string> tags;
  bool closed = false;
  std::optional<Date> start;                 // contract.start, else contract.signed
  std::optional<Date> go_live;               // contract.go_live: the promise
  std::optional<double> duration_weeks;      // estimate.duration_weeks
  std::optional<double> effort_days;         // estimate.effort_days
  std::optional<Date> went_live;             // closure.went_live
  std::optional<double> actual_effort_days;  // closure.actual_effort_days
  std::vector<Lesson> lessons;               // closure.lessons
  // The latest date of the loaded records that records something that happened
  // (model::last_event), and where it is ("closure.went_live 2029-06-29"): a closed project
  // with one after today is left out of the reference class (HF011).
  std::optional<Date> last_event;
  Note last_event_at;
  std::optional<Note> disorder;  // two dates out of order (HF012), at the later one: also left out

  // Where the values are, for located notes.
  std::string project_file;
  std::string feasibility_file;
  core::Pos duration_pos, effort_pos, went_live_pos, actual_effort_pos;

  // Returns true when the project carries tag `tag`.
  bool has_tag(const std::string& tag) const;
};

// Returns what the forecast needs of a loaded project.
Sample sample_of(const model::Project& project);

// Returns the nearest-rank quantile of ratios sorted ascending: r[ceil(percent/100 * n) - 1]
// (percent in 1..100; computed in integers, so 80% of 5 is rank 4, not 5). `sorted` must not
// be empty.
double nearest_rank(const std::vector<double>& sorted, int percent);

// Returns start + round(base_days * ratio) days, rounding halves up.
Date stretch(Date start, double base_days, double ratio);

// How the reference class is chosen.
struct Options {
  long long min_class = 5;         // forecast.min_class
  std::optional<std::string> tag;  // --tag: only closed projects with this tag
  // Leaves out the closed projects with a date of something that happened after this day
  // (HF011); without it only dates out of order (HF012) leave a project out.
  std::optional<Date> today;
};

// The class member at a quantile's rank: its ratio is actual / estimated.
struct Rank {
  std::string id;
  double actual = 0;     // days to go-live, or person-days spent
  double estimated = 0;  // estimated days (weeks x 7), or person-days
};

// The ratios of one part (schedule or effort) and what they give.
struct Part {
  std::vector<std::string> ids;               // the projects whose ratios count, sorted by id
  std::vector<double> ratios;                 // sorted ascending; actual / estimated
  std::vector<std::string> by_ratio;          // the project of each ratio, in the order of `ratios` (ties by id)
  bool enough = false;                        // at least min_class ratios
  double min = 0, p50 = 0, p80 = 0, max = 0;  // when the class is not empty
  Rank p50_rank, p80_rank;                    // the members whose ratios are P50 and P80
  std::optional<double> estimate;             // the project's own estimate (weeks or person-days)
  std::optional<std::string> refused;         // why the project itself gives nothing to stretch
};

// The forecast of one project.
struct Forecast {
  std::string project;
  std::string basis;        // "industry", "tag" or "all"
  std::string basis_value;  // the industry or tag; empty for "all"
  long long min_class = 5;

  Part schedule;  // actual days to go-live / (duration_weeks x 7)
  Part effort;    // actual_effort_days / estimate.effort_days, over the schedule class's members

  std::optional<Date> start;
  std::optional<Date> estimate_date;  // start + duration_weeks x 7, rounded up (as HF304)
  std::optional<Date> p50_date, p80_date;
  std::optional<Date> promise;           // contract.go_live
  std::optional<long long> days_to_p50;  // from the promise to the P50 date (> 0: the promise is earlier)
  std::optional<long long> days_to_p80;
  std::optional<long long> p50_effort, p80_effort;  // round(effort_days x Pq)

  std::vector<Note> notes;               // members left out, and why a part has no forecast
  std::vector<std::string> implausible;  // closed projects left out for implausible dates (HF011/HF012)

  // Returns true when the schedule part gives dates.
  bool has_dates() const { return p50_date.has_value(); }
};

// Forecasts `target` from the closed projects in `history` (the target itself never counts).
// The reference class is every closed project with a start, estimate.duration_weeks and
// closure.went_live whose dates are plausible (Sample::last_event, Sample::disorder): with options.tag, only those with
// that tag; else, when at least options.min_class of them share the target's industry (case-insensitive), only those.
Forecast make_forecast(const Sample& target, const std::vector<Sample>& history, const Options& options);

// Returns the lessons of closed projects in `history` (other than `target`) that share the
// target's industry or one of its tags, or whose lesson is tagged with either; in history order.
std::vector<Lesson> related_lessons(const Sample& target, const std::vector<Sample>& history);

// Returns a one-line chart of sorted ratios: `width` cells from min to max, each showing how
// many ratios fall in it ('.' none, '1'-'9', '+' for more), e.g. "0.95 [1.2..1...1] 1.52".
std::string chart_line(const std::vector<double>& sorted, int width = 30);

// Returns a ratio as text with two decimals ("1.18").
std::string ratio_text(double ratio);

}  // namespace handoff::forecast
