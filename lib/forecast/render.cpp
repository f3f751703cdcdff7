#include "forecast/render.hpp"

#include <cmath>

#include <fmt/format.h>

#include "support/text.hpp"

namespace handoff::forecast {

namespace {

using Json = nlohmann::ordered_json;

Json date_json(const std::optional<Date>& d)
{
  return d ? Json(d->str()) : Json(nullptr);
}

template <class T>
Json optional_json(const std::optional<T>& v)
{
  return v ? Json(*v) : Json(nullptr);
}

Json number_json(double value)
{
  if (std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15) {
    return Json(static_cast<long long>(std::llround(value)));
  }
  return Json(value);
}

// "20 days before P50" / "3 days after P80" / "on the P50 date".
std::string distance(long long days_to, const char* which)
{
  if (days_to == 0) {
    return fmt::format("on the {} date", which);
  }
  return fmt::format("{} {} {}", support::plural(std::llabs(days_to), "day"), days_to > 0 ? "before" : "after", which);
}

std::string rank_text(const Rank& rank, const char* unit)
{
  return fmt::format("{}: {} of {} estimated {}", support::visible(rank.id), amount(rank.actual),
                     amount(rank.estimated), unit);
}

void part_lines(std::string& out, const Part& part, const char* unit)
{
  out += fmt::format("  ratios    {}\n", chart_line(part.ratios));
  out += fmt::format("  min {}  P50 {}  P80 {}  max {}\n", ratio_text(part.min), ratio_text(part.p50),
                     ratio_text(part.p80), ratio_text(part.max));
  out += fmt::format("  P50 rank  {}\n", rank_text(part.p50_rank, unit));
  out += fmt::format("  P80 rank  {}\n", rank_text(part.p80_rank, unit));
}

Json part_json(const Part& part)
{
  Json j;
  j["ids"] = part.ids;
  j["size"] = part.ids.size();
  j["enough"] = part.enough;
  j["ratios"] = part.ratios;
  if (part.ratios.empty()) {
    j["min"] = j["p50"] = j["p80"] = j["max"] = nullptr;
    j["p50_project"] = j["p80_project"] = nullptr;
  } else {
    j["min"] = part.min;
    j["p50"] = part.p50;
    j["p80"] = part.p80;
    j["max"] = part.max;
    j["p50_project"] = part.p50_rank.id;
    j["p80_project"] = part.p80_rank.id;
  }
  j["refused"] = optional_json(part.refused);
  return j;
}

}  // namespace

std::string amount(double value)
{
  if (std::abs(value - std::round(value)) < 1e-9) {
    return fmt::format("{}", static_cast<long long>(std::llround(value)));
  }
  std::string out = fmt::format("{:.2f}", value);
  while (out.back() == '0') {
    out.pop_back();
  }
  return out;
}

std::string describe_class(const Forecast& f)
{
  const std::string members = support::plural(static_cast<long long>(f.schedule.ids.size()), "closed project");
  const std::string left_out =
      f.implausible.empty() ? std::string()
                            : fmt::format(" ({} left out for implausible dates, HF011/HF012)",
                                          support::plural(static_cast<long long>(f.implausible.size()), "project"));
  if (f.basis == "industry") {
    return fmt::format("{} in industry {}{}", members, support::quote(f.basis_value), left_out);
  }
  if (f.basis == "tag") {
    return fmt::format("{} tagged {}{}", members, support::quote(f.basis_value), left_out);
  }
  return fmt::format("{} in the workspace{}", members, left_out);
}

std::string describe_class_zh(const Forecast& f)
{
  const std::string members = fmt::format("{} 个已关闭项目", f.schedule.ids.size());
  const std::string left_out =
      f.implausible.empty() ? std::string()
                            : fmt::format("（另有 {} 个项目因日期不合理被排除，HF011/HF012）", f.implausible.size());
  if (f.basis == "industry") {
    return fmt::format("行业 {} 中的 {}{}", support::quote(f.basis_value), members, left_out);
  }
  if (f.basis == "tag") {
    return fmt::format("标签为 {} 的 {}{}", support::quote(f.basis_value), members, left_out);
  }
  return fmt::format("工作区中的 {}{}", members, left_out);
}

std::string render_text_zh(const Forecast& f);

// Ids (folder names) and record text are printed with their control characters visible
// (DESIGN §9.9): a folder name cannot add a line or steer the terminal.
std::string render_text(const Forecast& f, core::Language language)
{
  if (language == core::Language::zh_cn) {
    return render_text_zh(f);
  }
  const std::string project = support::visible(f.project);
  std::string out = fmt::format("forecast for {}: reference class of {}\n", project, describe_class(f));
  if (!f.schedule.ids.empty()) {
    std::vector<std::string> ids;
    ids.reserve(f.schedule.ids.size());
    for (const auto& id : f.schedule.ids) {
      ids.push_back(support::visible(id));
    }
    std::string wrapped = support::wrap("class: " + support::join_words(ids, ", "), 89);
    for (std::size_t at = wrapped.find('\n'); at != std::string::npos; at = wrapped.find('\n', at + 1)) {
      wrapped.insert(at + 1, "       ");
    }
    out += wrapped + "\n";
  }
  out += "\nschedule (days from start to go-live / estimated days)\n";
  const Part& s = f.schedule;
  if (!s.enough) {
    out += fmt::format("  no dates: the class has {}, fewer than forecast.min_class ({}); record closure.went_live "
                       "of more closed projects, or lower forecast.min_class in handoff.yaml\n",
                       support::plural(static_cast<long long>(s.ids.size()), "project"), f.min_class);
  } else {
    part_lines(out, s, "days");
  }
  if (s.refused) {
    out += fmt::format("  no dates for {}: {}\n", project, support::visible(*s.refused));
  } else {
    out +=
        fmt::format("  estimate  {} weeks from {}: {}\n", amount(*s.estimate), f.start->str(), f.estimate_date->str());
    if (f.p50_date) {
      const double base = *s.estimate * 7;
      const auto line = [&](const char* which, Date date, const Rank& rank) {
        out += fmt::format("  {}       {} ({} + round({} x {}/{}) = {} days)\n", which, date.str(), f.start->str(),
                           amount(base), amount(rank.actual), amount(rank.estimated),
                           support::days_between(*f.start, date));
      };
      line("P50", *f.p50_date, s.p50_rank);
      line("P80", *f.p80_date, s.p80_rank);
    }
    if (f.promise && f.days_to_p50) {
      out += fmt::format("  promise   {}: {}, {}\n", f.promise->str(), distance(*f.days_to_p50, "P50"),
                         distance(*f.days_to_p80, "P80"));
    } else if (f.promise) {
      out += fmt::format("  promise   {}\n", f.promise->str());
    } else {
      out += "  promise   none: the project has no contract.go_live\n";
    }
  }

  out += "\neffort (person-days spent / estimated)\n";
  const Part& e = f.effort;
  if (!e.enough) {
    out += fmt::format("  no forecast: {} of the class record estimate.effort_days and closure.actual_effort_days, "
                       "fewer than forecast.min_class ({})\n",
                       e.ids.size(), f.min_class);
  } else {
    part_lines(out, e, "person-days");
  }
  if (e.refused) {
    out += fmt::format("  no forecast for {}: {}\n", project, support::visible(*e.refused));
  } else {
    out += fmt::format("  estimate  {} person-days\n", amount(*e.estimate));
    if (f.p50_effort) {
      out += fmt::format("  P50       {} person-days (round({} x {}/{}))\n", *f.p50_effort, amount(*e.estimate),
                         amount(e.p50_rank.actual), amount(e.p50_rank.estimated));
      out += fmt::format("  P80       {} person-days (round({} x {}/{}))\n", *f.p80_effort, amount(*e.estimate),
                         amount(e.p80_rank.actual), amount(e.p80_rank.estimated));
    }
  }
  if (!f.notes.empty()) {
    out += "\n";
    for (const auto& n : f.notes) {
      out += fmt::format("{}:{}:{}: note: {}\n", support::visible(n.file), n.pos.line, n.pos.column,
                         support::visible(n.message));
    }
  }
  return out;
}

// The same in Simplified Chinese (DESIGN §10.3); the numbers and dates are the same values.
std::string render_text_zh(const Forecast& f)
{
  const std::string project = support::visible(f.project);
  std::string out = fmt::format("{} 的预测：参照类为{}\n", project, describe_class_zh(f));
  if (!f.schedule.ids.empty()) {
    std::vector<std::string> ids;
    ids.reserve(f.schedule.ids.size());
    for (const auto& id : f.schedule.ids) {
      ids.push_back(support::visible(id));
    }
    std::string wrapped = support::wrap("参照类：" + support::join_zh(ids), 89);
    for (std::size_t at = wrapped.find('\n'); at != std::string::npos; at = wrapped.find('\n', at + 1)) {
      wrapped.insert(at + 1, "        ");
    }
    out += wrapped + "\n";
  }
  out += "\n工期（从开工到上线的天数 / 估算天数）\n";
  const auto part = [&](const Part& p, const char* unit) {
    out += fmt::format("  比值      {}\n", chart_line(p.ratios));
    out += fmt::format("  最小 {}  P50 {}  P80 {}  最大 {}\n", ratio_text(p.min), ratio_text(p.p50), ratio_text(p.p80),
                       ratio_text(p.max));
    for (const auto& [which, rank] : {std::pair{"P50", &p.p50_rank}, std::pair{"P80", &p.p80_rank}}) {
      out += fmt::format("  {} 所在  {}：实际 {}，估算 {} {}\n", which, support::visible(rank->id),
                         amount(rank->actual), amount(rank->estimated), unit);
    }
  };
  const Part& s = f.schedule;
  if (!s.enough) {
    out += fmt::format("  没有日期：参照类只有 {} 个项目，少于 forecast.min_class（{}）；请为更多已关闭项目记录 "
                       "closure.went_live，或在 handoff.yaml 中调低 forecast.min_class\n",
                       s.ids.size(), f.min_class);
  } else {
    part(s, "天");
  }
  const auto distance_zh = [](long long days_to, const char* which) {
    if (days_to == 0) {
      return fmt::format("正好是 {} 日期", which);
    }
    return fmt::format("{} {} 天", days_to > 0 ? fmt::format("早于 {}", which) : fmt::format("晚于 {}", which),
                       std::llabs(days_to));
  };
  if (s.refused) {
    out += fmt::format("  {} 没有日期：{}\n", project, support::visible(*s.refused));
  } else {
    out += fmt::format("  估算      从 {} 起 {} 周：{}\n", f.start->str(), amount(*s.estimate), f.estimate_date->str());
    if (f.p50_date) {
      const double base = *s.estimate * 7;
      const auto line = [&](const char* which, Date date, const Rank& rank) {
        out += fmt::format("  {}       {}（{} + round({} x {}/{}) = {} 天）\n", which, date.str(), f.start->str(),
                           amount(base), amount(rank.actual), amount(rank.estimated),
                           support::days_between(*f.start, date));
      };
      line("P50", *f.p50_date, s.p50_rank);
      line("P80", *f.p80_date, s.p80_rank);
    }
    if (f.promise && f.days_to_p50) {
      out += fmt::format("  承诺      {}：{}，{}\n", f.promise->str(), distance_zh(*f.days_to_p50, "P50"),
                         distance_zh(*f.days_to_p80, "P80"));
    } else if (f.promise) {
      out += fmt::format("  承诺      {}\n", f.promise->str());
    } else {
      out += "  承诺      无：项目没有 contract.go_live\n";
    }
  }

  out += "\n工作量（实际人天 / 估算人天）\n";
  const Part& e = f.effort;
  if (!e.enough) {
    out += fmt::format("  没有预测：参照类中记录了 estimate.effort_days 和 closure.actual_effort_days 的项目有 {} "
                       "个，少于 forecast.min_class（{}）\n",
                       e.ids.size(), f.min_class);
  } else {
    part(e, "人天");
  }
  if (e.refused) {
    out += fmt::format("  {} 没有预测：{}\n", project, support::visible(*e.refused));
  } else {
    out += fmt::format("  估算      {} 人天\n", amount(*e.estimate));
    if (f.p50_effort) {
      out += fmt::format("  P50       {} 人天（round({} x {}/{})）\n", *f.p50_effort, amount(*e.estimate),
                         amount(e.p50_rank.actual), amount(e.p50_rank.estimated));
      out += fmt::format("  P80       {} 人天（round({} x {}/{})）\n", *f.p80_effort, amount(*e.estimate),
                         amount(e.p80_rank.actual), amount(e.p80_rank.estimated));
    }
  }
  if (!f.notes.empty()) {
    out += "\n";
    for (const auto& n : f.notes) {
      out += fmt::format("{}:{}:{}: 说明：{}\n", support::visible(n.file), n.pos.line, n.pos.column,
                         support::visible(n.message));
    }
  }
  return out;
}

Json render_json(const Forecast& f)
{
  Json j;
  j["schema"] = 1;
  j["project"] = f.project;
  j["class"] = Json{{"basis", f.basis},         {"value", f.basis_value.empty() ? Json(nullptr) : Json(f.basis_value)},
                    {"ids", f.schedule.ids},    {"size", f.schedule.ids.size()},
                    {"min_class", f.min_class}, {"implausible", f.implausible}};
  Json schedule = part_json(f.schedule);
  schedule["estimate_weeks"] = f.schedule.estimate ? number_json(*f.schedule.estimate) : Json(nullptr);
  schedule["start"] = date_json(f.start);
  schedule["estimate_date"] = date_json(f.estimate_date);
  schedule["p50_date"] = date_json(f.p50_date);
  schedule["p80_date"] = date_json(f.p80_date);
  schedule["promise"] = date_json(f.promise);
  schedule["promise_to_p50_days"] = optional_json(f.days_to_p50);
  schedule["promise_to_p80_days"] = optional_json(f.days_to_p80);
  j["schedule"] = std::move(schedule);
  Json effort = part_json(f.effort);
  effort["estimate_days"] = f.effort.estimate ? number_json(*f.effort.estimate) : Json(nullptr);
  effort["p50_days"] = optional_json(f.p50_effort);
  effort["p80_days"] = optional_json(f.p80_effort);
  j["effort"] = std::move(effort);
  Json notes = Json::array();
  for (const auto& n : f.notes) {
    notes.push_back(Json{{"file", n.file}, {"line", n.pos.line}, {"column", n.pos.column}, {"message", n.message}});
  }
  j["notes"] = std::move(notes);
  return j;
}

}  // namespace handoff::forecast
