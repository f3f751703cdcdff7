#include "report/gantt_svg.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "support/date.hpp"
#include "support/text.hpp"
#include "support/xml.hpp"

namespace handoff::report {

namespace {

struct Task {
  std::string section;
  std::string label;
  bool done = false;
  bool active = false;
  bool crit = false;
  bool milestone = false;
  support::Date start;
  support::Date end;
};

std::vector<std::string> split_meta(std::string_view meta)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= meta.size()) {
    const std::size_t comma = std::min(meta.find(',', start), meta.size());
    out.push_back(support::trim(meta.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

std::optional<Task> parse_task(std::string_view line, const std::string& section)
{
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  Task task;
  task.section = section;
  task.label = support::trim(line.substr(0, colon));
  std::vector<std::string> dates;
  for (const auto& part : split_meta(line.substr(colon + 1))) {
    if (part == "done" || part == "active" || part == "crit" || part == "milestone") {
      task.done = task.done || part == "done";
      task.active = task.active || part == "active";
      task.crit = task.crit || part == "crit";
      task.milestone = task.milestone || part == "milestone";
    } else if (support::Date::parse(part) || part == "0d") {
      dates.push_back(part);
    } else if (!dates.empty() || part.empty()) {
      return std::nullopt;  // a duration or reference this drawing does not know
    }
  }
  if (dates.empty() || !support::Date::parse(dates.front())) {
    return std::nullopt;
  }
  task.start = *support::Date::parse(dates.front());
  task.end = dates.size() > 1 && dates[1] != "0d" ? *support::Date::parse(dates[1]) : task.start;
  task.milestone = task.milestone || dates.size() == 1 || dates[1] == "0d";
  if (task.end.days() < task.start.days()) {
    return std::nullopt;
  }
  return task;
}

// The label cut to about `max` columns (a CJK character counts two), with "…".
std::string shorten(const std::string& text, int max)
{
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    if (width > max) {
      return text.substr(0, i) + "…";
    }
    i += length;
  }
  return text;
}

std::string words(std::string_view key, Language language)
{
  struct Words {
    std::string_view key;
    std::string_view en;
    std::string_view zh;
  };
  static constexpr Words k_words[] = {{"done", "done", "已完成"},           {"active", "in progress", "进行中"},
                                      {"planned", "planned", "计划中"},     {"crit", "overdue", "已逾期"},
                                      {"milestone", "milestone", "里程碑"}, {"chart", "Gantt chart", "甘特图"}};
  for (const auto& w : k_words) {
    if (w.key == key) {
      return std::string(language == Language::en ? w.en : w.zh);
    }
  }
  return std::string(key);
}

}  // namespace

std::optional<std::string> gantt_svg(std::string_view source, Language language)
{
  std::string title;
  std::string section;
  std::vector<Task> tasks;
  bool first = true;
  std::size_t start = 0;
  while (start < source.size()) {
    const std::size_t end = std::min(source.find('\n', start), source.size());
    const std::string line = support::trim(source.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      continue;
    }
    if (first) {
      if (line != "gantt") {
        return std::nullopt;
      }
      first = false;
    } else if (support::starts_with(line, "title ")) {
      title = line.substr(6);
    } else if (support::starts_with(line, "section ")) {
      section = line.substr(8);
    } else if (line == "dateFormat YYYY-MM-DD" || support::starts_with(line, "axisFormat ")
               || line == "todayMarker off") {
      continue;
    } else if (auto task = parse_task(line, section)) {
      tasks.push_back(std::move(*task));
    } else {
      return std::nullopt;
    }
  }
  if (tasks.empty()) {
    return std::nullopt;
  }
  long long from = tasks.front().start.days();
  long long to = tasks.front().end.days();
  for (const auto& t : tasks) {
    from = std::min(from, t.start.days());
    to = std::max(to, t.end.days());
  }
  // Whole months around the tasks.
  support::Date first_day = support::Date::from_days(from);
  first_day.day = 1;
  support::Date last_day = support::Date::from_days(to);
  last_day = last_day.month == 12 ? support::Date{last_day.year + 1, 1, 1}
                                  : support::Date{last_day.year, last_day.month + 1, 1};
  from = first_day.days();
  to = last_day.days();
  constexpr int k_width = 780;
  constexpr int k_labels = 290;
  constexpr int k_row = 24;
  constexpr int k_top = 56;
  const int chart = k_width - k_labels - 16;
  const double per_day = static_cast<double>(chart) / static_cast<double>(std::max(1LL, to - from));
  const auto x = [&](long long day) { return k_labels + static_cast<double>(day - from) * per_day; };
  const int height = k_top + static_cast<int>(tasks.size()) * k_row + 40;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
      "role=\"img\" aria-label=\"{2}\">\n<title>{2}</title>\n",
      k_width, height, support::xml_attribute(words("chart", language) + (title.empty() ? "" : ": " + title)));
  if (!title.empty()) {
    svg += fmt::format("<text x=\"0\" y=\"16\" class=\"g-title\">{}</text>\n", support::xml_text(title));
  }
  // Month lines and labels; with many months, every third is labelled.
  const long long months = (last_day.year - first_day.year) * 12 + (last_day.month - first_day.month);
  const int step = months > 12 ? 3 : 1;
  int index = 0;
  for (support::Date d = first_day; d.days() <= to;
       d = d.month == 12 ? support::Date{d.year + 1, 1, 1} : support::Date{d.year, d.month + 1, 1}) {
    const double at = x(d.days());
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"g-grid\"/>\n", at, k_top - 8,
                       height - 36);
    if (index++ % step == 0 && d.days() < to) {
      const std::string label = language == Language::en ? fmt::format("{}-{:02}", d.year, d.month)
                                                         : fmt::format("{}年{}月", d.year, d.month);
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"g-axis\">{}</text>\n", at + 3, k_top - 14,
                         support::xml_text(label));
    }
  }
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const Task& t = tasks[i];
    const int y = k_top + static_cast<int>(i) * k_row;
    if (i % 2 == 1) {
      svg += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"g-band\"/>\n", y, k_width, k_row);
    }
    const std::string state = t.crit ? "crit" : t.done ? "done" : t.active ? "active" : "planned";
    svg += fmt::format("<g class=\"g-task g-{}\"><title>{}</title>\n", state,
                       support::xml_text(fmt::format("{} ({}: {}{}{})", t.label, words(state, language), t.start.str(),
                                                     t.milestone ? "" : " – ", t.milestone ? "" : t.end.str())));
    svg += fmt::format("<text x=\"4\" y=\"{}\" class=\"g-label\">{}</text>\n", y + 16,
                       support::xml_text(shorten(t.label, 44)));
    const double cy = y + k_row / 2.0;
    if (t.milestone) {
      const double cx = x(t.end.days());
      svg += fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\"/>\n", cx, cy - 7,
                         cx + 7, cy, cx, cy + 7, cx - 7, cy);
    } else {
      const double left = x(t.start.days());
      const double width = std::max(2.0, x(t.end.days()) - left);
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\"/>\n", left, y + 5, width,
                         k_row - 10);
    }
    svg += "</g>\n";
  }
  // The legend.
  int lx = 0;
  const int ly = height - 14;
  for (const char* state : {"done", "active", "planned", "crit"}) {
    svg += fmt::format("<g class=\"g-task g-{0}\"><rect x=\"{1}\" y=\"{2}\" width=\"14\" height=\"10\" rx=\"2\"/>"
                       "<text x=\"{3}\" y=\"{4}\" class=\"g-legend\">{5}</text></g>\n",
                       state, lx, ly - 9, lx + 18, ly, support::xml_text(words(state, language)));
    lx += 110;
  }
  svg += fmt::format("<g class=\"g-task g-planned\"><polygon points=\"{0},{1} {2},{3} {0},{4} {5},{3}\"/>"
                     "<text x=\"{6}\" y=\"{7}\" class=\"g-legend\">{8}</text></g>\n",
                     lx + 7, ly - 11, lx + 14, ly - 4, ly + 3, lx, lx + 18, ly,
                     support::xml_text(words("milestone", language)));
  svg += "</svg>\n";
  return svg;
}

}  // namespace handoff::report
