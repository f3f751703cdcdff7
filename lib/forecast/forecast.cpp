#include "forecast/forecast.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "model/dates.hpp"
#include "support/text.hpp"

namespace handoff::forecast {

namespace {

std::string lower(std::string text)
{
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

bool same_text(const std::string& a, const std::string& b)
{
  return !a.empty() && lower(a) == lower(b);
}

long long round_half_up(double value)
{
  // The products are of ratios that came from divisions: nudge so that an exact half in
  // decimal arithmetic never rounds down because of binary representation.
  return static_cast<long long>(std::floor(value + 0.5 + 1e-9));
}

// One ratio and where it comes from.
struct Entry {
  Rank rank;
  double ratio = 0;
};

// Fills a part from its entries: ids by id, ratios ascending, min, P50, P80, max and the
// members at the two ranks (ties broken by id, so the output is stable).
void fill(Part& part, std::vector<Entry> entries, long long min_class)
{
  for (const auto& e : entries) {
    part.ids.push_back(e.rank.id);
  }
  std::sort(part.ids.begin(), part.ids.end());
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.ratio < b.ratio || (a.ratio == b.ratio && a.rank.id < b.rank.id);
  });
  for (const auto& e : entries) {
    part.ratios.push_back(e.ratio);
    part.by_ratio.push_back(e.rank.id);
  }
  part.enough = !entries.empty() && static_cast<long long>(entries.size()) >= min_class;
  if (entries.empty()) {
    return;
  }
  part.min = part.ratios.front();
  part.max = part.ratios.back();
  part.p50 = nearest_rank(part.ratios, 50);
  part.p80 = nearest_rank(part.ratios, 80);
  const auto at = [&](int percent) {
    const auto n = static_cast<long long>(entries.size());
    return entries[static_cast<std::size_t>(std::clamp((percent * n + 99) / 100, 1LL, n) - 1)].rank;
  };
  part.p50_rank = at(50);
  part.p80_rank = at(80);
}

}  // namespace

bool Sample::has_tag(const std::string& tag) const
{
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& t) { return same_text(t, tag); });
}

Sample sample_of(const model::Project& project)
{
  const auto& card = project.card;
  const auto& f = project.feasibility;
  Sample s;
  s.id = project.folder;
  if (card.industry.has()) {
    s.industry = support::trim(*card.industry);
  }
  for (const auto& tag : card.tags.items) {
    if (tag.has()) {
      s.tags.push_back(*tag);
    }
  }
  s.closed = card.stage == core::Stage::closed;
  s.start = card.delivery_start();
  s.go_live = card.go_live.value;
  s.duration_weeks = f.duration_weeks.value;
  s.effort_days = f.effort_days.value;
  s.went_live = card.went_live.value;
  s.actual_effort_days = card.actual_effort_days.value;
  for (const auto& lesson : card.lessons) {
    if (!lesson.text.has()) {
      continue;
    }
    Lesson l{project.folder, support::trim(*lesson.text), {}};
    for (const auto& tag : lesson.tags.items) {
      if (tag.has()) {
        l.tags.push_back(*tag);
      }
    }
    s.lessons.push_back(std::move(l));
  }
  s.project_file = project.file(model::Record::project).path;
  s.feasibility_file = project.file(model::Record::feasibility).path;
  s.duration_pos = f.duration_weeks.written ? f.duration_weeks.pos : f.estimate_pos;
  s.effort_pos = f.effort_days.written ? f.effort_days.pos : f.estimate_pos;
  s.went_live_pos = card.went_live.pos;
  s.actual_effort_pos = card.actual_effort_days.pos;
  for (const auto& e : model::event_dates(project)) {
    if (!s.last_event || **e.date > *s.last_event) {
      s.last_event = **e.date;
      s.last_event_at = {project.file(e.record).path, e.date->pos, model::name_of(e) + " " + e.date->value->str()};
    }
  }
  for (const auto& o : model::date_orders(project)) {
    if (model::out_of_order(o)) {
      s.disorder = Note{project.file(o.record).path, o.later->pos, model::disorder_text(o)};
      break;
    }
  }
  return s;
}

double nearest_rank(const std::vector<double>& sorted, int percent)
{
  const auto n = static_cast<long long>(sorted.size());
  long long rank = (percent * n + 99) / 100;  // ceil(percent / 100 * n), in integers
  rank = std::clamp(rank, 1LL, n);
  return sorted[static_cast<std::size_t>(rank - 1)];
}

Date stretch(Date start, double base_days, double ratio)
{
  return start.plus_days(round_half_up(base_days * ratio));
}

Forecast make_forecast(const Sample& target, const std::vector<Sample>& history, const Options& options)
{
  Forecast out;
  out.project = target.id;
  out.min_class = options.min_class;

  // Every closed project that can give a schedule ratio.
  struct Member {
    const Sample* sample;
    double ratio;
  };
  std::vector<Member> eligible;
  for (const auto& s : history) {
    if (!s.closed || s.id == target.id) {
      continue;
    }
    // A project whose dates cannot be right gives no ratio worth having (HF011, HF012).
    if (options.today && s.last_event && *s.last_event > *options.today) {
      out.implausible.push_back(s.id);
      out.notes.push_back({s.last_event_at.file, s.last_event_at.pos,
                           "closed project " + s.id + " is left out of the reference class: its "
                               + s.last_event_at.message + " lies after today (" + options.today->str()
                               + ", HF011); correct the date"});
      continue;
    }
    if (s.disorder) {
      out.implausible.push_back(s.id);
      out.notes.push_back({s.disorder->file, s.disorder->pos,
                           "closed project " + s.id + " is left out of the reference class: its " + s.disorder->message
                               + " (HF012); correct whichever date is wrong"});
      continue;
    }
    if (!s.start || !s.duration_weeks || !s.went_live) {
      continue;
    }
    if (*s.duration_weeks <= 0) {
      out.notes.push_back({s.feasibility_file, s.duration_pos,
                           "closed project " + s.id
                               + " is left out of the reference class: its estimate.duration_weeks is 0, so it "
                                 "has no ratio; correct the estimate it was sold with"});
      continue;
    }
    const long long days = support::days_between(*s.start, *s.went_live);
    if (days < 0) {
      out.notes.push_back({s.project_file, s.went_live_pos,
                           "closed project " + s.id + " is left out of the reference class: closure.went_live "
                               + s.went_live->str() + " is before its start " + s.start->str() + "; correct the date"});
      continue;
    }
    eligible.push_back({&s, *model::schedule_ratio(s.start, s.went_live, s.duration_weeks)});
  }

  // Narrow the class: by tag when asked, else by industry when enough share it.
  std::vector<Member> chosen;
  if (options.tag) {
    out.basis = "tag";
    out.basis_value = *options.tag;
    for (const auto& m : eligible) {
      if (m.sample->has_tag(*options.tag)) {
        chosen.push_back(m);
      }
    }
  } else {
    std::vector<Member> same;
    for (const auto& m : eligible) {
      if (same_text(m.sample->industry, target.industry)) {
        same.push_back(m);
      }
    }
    if (!target.industry.empty() && static_cast<long long>(same.size()) >= options.min_class) {
      out.basis = "industry";
      out.basis_value = target.industry;
      chosen = std::move(same);
    } else {
      out.basis = "all";
      chosen = std::move(eligible);
    }
  }
  std::vector<Entry> schedule;
  std::vector<Entry> effort;
  for (const auto& m : chosen) {
    const Sample& s = *m.sample;
    schedule.push_back(
        {{s.id, static_cast<double>(support::days_between(*s.start, *s.went_live)), *s.duration_weeks * 7.0}, m.ratio});
    if (!s.effort_days || !s.actual_effort_days) {
      continue;
    }
    if (*s.effort_days <= 0) {
      out.notes.push_back({s.feasibility_file, s.effort_pos,
                           "closed project " + s.id
                               + " is left out of the effort class: its estimate.effort_days is 0, so it has no "
                                 "ratio; correct the estimate it was sold with"});
      continue;
    }
    effort.push_back({{s.id, *s.actual_effort_days, *s.effort_days}, *s.actual_effort_days / *s.effort_days});
  }
  fill(out.schedule, std::move(schedule), options.min_class);
  fill(out.effort, std::move(effort), options.min_class);

  // The project's own estimate.
  out.start = target.start;
  out.promise = target.go_live;
  out.schedule.estimate = target.duration_weeks;
  out.effort.estimate = target.effort_days;
  if (!target.duration_weeks) {
    out.schedule.refused = "the project has no estimate.duration_weeks to stretch";
  } else if (*target.duration_weeks <= 0) {
    out.schedule.refused = "its estimate.duration_weeks is 0: there is nothing to stretch";
    out.notes.push_back({target.feasibility_file, target.duration_pos,
                         "estimate.duration_weeks of " + target.id
                             + " is 0: there is no schedule to forecast; give the assessed duration in weeks"});
  } else if (!target.start) {
    out.schedule.refused = "the project has no contract.start (or contract.signed) to count from";
  }
  if (!target.effort_days) {
    out.effort.refused = "the project has no estimate.effort_days to stretch";
  } else if (*target.effort_days <= 0) {
    out.effort.refused = "its estimate.effort_days is 0: there is nothing to stretch";
    out.notes.push_back({target.feasibility_file, target.effort_pos,
                         "estimate.effort_days of " + target.id
                             + " is 0: there is no effort to forecast; give the assessed effort in person-days"});
  }

  if (!out.schedule.refused) {
    const double base = *target.duration_weeks * 7.0;
    out.estimate_date = target.start->plus_days(model::estimated_days(*target.duration_weeks));
    if (out.schedule.enough) {
      out.p50_date = stretch(*target.start, base, out.schedule.p50);
      out.p80_date = stretch(*target.start, base, out.schedule.p80);
      if (target.go_live) {
        out.days_to_p50 = support::days_between(*target.go_live, *out.p50_date);
        out.days_to_p80 = support::days_between(*target.go_live, *out.p80_date);
      }
    }
  }
  if (!out.effort.refused && out.effort.enough) {
    out.p50_effort = round_half_up(*target.effort_days * out.effort.p50);
    out.p80_effort = round_half_up(*target.effort_days * out.effort.p80);
  }
  return out;
}

std::vector<Lesson> related_lessons(const Sample& target, const std::vector<Sample>& history)
{
  const auto shares = [&](const std::vector<std::string>& tags, const std::string& industry) {
    if (same_text(industry, target.industry)) {
      return true;
    }
    for (const auto& t : tags) {
      if (target.has_tag(t) || same_text(t, target.industry)) {
        return true;
      }
    }
    return false;
  };
  std::vector<Lesson> out;
  for (const auto& s : history) {
    if (!s.closed || s.id == target.id) {
      continue;
    }
    const bool project_shares = shares(s.tags, s.industry);
    for (const auto& lesson : s.lessons) {
      if (project_shares || shares(lesson.tags, "")) {
        out.push_back(lesson);
      }
    }
  }
  return out;
}

std::string chart_line(const std::vector<double>& sorted, int width)
{
  if (sorted.empty() || width < 1) {
    return "";
  }
  const double lo = sorted.front();
  const double hi = sorted.back();
  std::vector<int> cells(static_cast<std::size_t>(width), 0);
  for (double r : sorted) {
    int cell = 0;
    if (hi > lo) {
      cell = static_cast<int>(std::floor((r - lo) / (hi - lo) * width + 1e-9));
      cell = std::clamp(cell, 0, width - 1);
    }
    ++cells[static_cast<std::size_t>(cell)];
  }
  std::string line = ratio_text(lo) + " [";
  for (int count : cells) {
    line += count == 0 ? '.' : count <= 9 ? static_cast<char>('0' + count) : '+';
  }
  return line + "] " + ratio_text(hi);
}

std::string ratio_text(double ratio)
{
  return fmt::format("{:.2f}", ratio);
}

}  // namespace handoff::forecast
