#include "output/status.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/labels.hpp"
#include "support/json_text.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

// A stage as the table shows it: its id in English (what --stage takes), its label in zh-CN
// (which stage: accepts too).
std::string stage_text(const std::optional<core::Stage>& stage, std::string_view none, core::Language language)
{
  if (!stage) {
    return std::string(none);
  }
  return std::string(core::stage_label(*stage, language));
}

// Gates by id in English (what --gate takes), by label in zh-CN.
std::string gate_list(const std::vector<std::string>& gates, core::Language language)
{
  std::string out;
  for (const auto& gate : gates) {
    out += out.empty() ? "" : language == core::Language::zh_cn ? "、" : ",";
    out += report::code_label("gate", gate, language);
  }
  return out;
}

}  // namespace

StatusRow summarize(const rules::ProjectOutcome& outcome, const model::Project& project)
{
  StatusRow row;
  row.id = outcome.id;
  row.stage = outcome.stage;
  row.ready_for = outcome.ready_for;
  if (outcome.inactive) {
    const auto& o = project.card.outcome;
    row.outcome = StatusOutcome{o.status.value_or(""), o.date.value, o.reason.value_or("")};
  }
  for (std::size_t g = 0; g < outcome.gates.size(); ++g) {
    if (outcome.gates[g] == rules::GateStatus::fail) {
      row.failing_gates.emplace_back(core::to_string(static_cast<core::Gate>(g)));
    }
  }
  for (const auto& f : outcome.findings) {
    (f.severity == core::Severity::error ? row.errors : row.warnings)++;
  }
  for (const auto& m : project.plan.milestones) {
    if (m.finished() || !m.id.has()) {
      continue;
    }
    const bool earlier =
        !row.next_milestone || (m.due.has() && (!row.next_milestone->due || *m.due < *row.next_milestone->due));
    if (earlier) {
      row.next_milestone = NextMilestone{*m.id, m.name.value_or(""), m.due.value};
    }
  }
  for (const auto& c : project.changes) {
    row.open_changes += c.open() ? 1 : 0;
  }
  if (const model::Risk* top = project.top_risk()) {
    row.top_risk = TopRisk{top->id.value_or("?"), *top->score()};
  }
  return row;
}

std::string status_text(const std::vector<StatusRow>& rows, bool color, bool quiet, core::Language language)
{
  const bool zh = language == core::Language::zh_cn;
  struct Line {
    std::array<std::string, 7> cells;
    bool failing = false;
  };
  const std::array<std::string, 7> header =
      zh ? std::array<std::string, 7>{"项目",         "阶段",     "可进入阶段", "未通过的关口",
                                      "下一个里程碑", "未结变更", "最高风险"}
         : std::array<std::string, 7>{"PROJECT",        "STAGE",    "READY FOR", "FAILING GATES",
                                      "NEXT MILESTONE", "OPEN CRS", "TOP RISK"};
  std::vector<Line> lines;
  for (const auto& r : rows) {
    Line line;
    line.failing = !r.failing_gates.empty();
    std::string next = "-";
    if (r.next_milestone) {
      next = r.next_milestone->id;
      if (r.next_milestone->due) {
        next += " " + r.next_milestone->due->str();
      }
    }
    std::string ready = stage_text(r.ready_for, "-", language);
    if (r.outcome) {
      // An inactive project is ready for nothing: the cell says how it ended.
      ready = r.outcome->status.empty() ? std::string(zh ? "已终止" : "ended")
              : zh                      ? report::code_label("status", r.outcome->status, language)
                                        : r.outcome->status;
      if (r.outcome->date) {
        ready += " " + r.outcome->date->str();
      }
    }
    line.cells = {r.id,
                  stage_text(r.stage, "?", language),
                  ready,
                  r.failing_gates.empty() ? std::string("-") : gate_list(r.failing_gates, language),
                  next,
                  std::to_string(r.open_changes),
                  r.top_risk ? fmt::format("{} ({})", r.top_risk->id, r.top_risk->score) : std::string("-")};
    for (auto& cell : line.cells) {
      cell = support::visible(cell);  // ids are record text: never raw control characters
    }
    lines.push_back(std::move(line));
  }
  std::array<std::size_t, 7> width{};
  for (std::size_t i = 0; i < width.size(); ++i) {
    width[i] = support::display_width(header[i]);
    for (const auto& l : lines) {
      width[i] = std::max(width[i], support::display_width(l.cells[i]));
    }
  }
  const auto format_line = [&](const std::array<std::string, 7>& cells, const char* on, const char* off) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const bool last = i + 1 == cells.size();
      const bool highlight = i == 3 && cells[i] != "-";
      std::string cell = cells[i];
      if (!last) {
        cell += std::string(width[i] - support::display_width(cells[i]) + 2, ' ');
      }
      out += highlight ? fmt::format("{}{}{}", on, cell, off) : cell;
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    return out + "\n";
  };
  std::string out = format_line(header, "", "");
  int failing = 0;
  for (const auto& l : lines) {
    out += format_line(l.cells, color ? "\x1b[31m" : "", color ? "\x1b[0m" : "");
    failing += l.failing ? 1 : 0;
  }
  if (!quiet) {
    int inactive = 0;
    for (const auto& r : rows) {
      inactive += r.outcome ? 1 : 0;
    }
    if (zh) {
      out += fmt::format("{} 个项目，{} 个未通过关口", rows.size(), failing);
      out += inactive > 0 ? fmt::format("，{} 个已终止（丢单、主动放弃或已取消）\n", inactive) : std::string("\n");
    } else {
      out += fmt::format("{}, {} failing a gate", support::plural(static_cast<int>(rows.size()), "project"), failing);
      out += inactive > 0 ? fmt::format(", {} inactive (lost, no_go or cancelled)\n", inactive) : std::string("\n");
    }
  }
  return out;
}

std::string status_json(const std::vector<StatusRow>& rows, support::Date today)
{
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["today"] = today.str();
  doc["projects"] = nlohmann::ordered_json::array();
  for (const auto& r : rows) {
    nlohmann::ordered_json p;
    p["id"] = r.id;
    p["stage"] = r.stage ? nlohmann::ordered_json(core::to_string(*r.stage)) : nlohmann::ordered_json(nullptr);
    p["ready_for"] =
        r.ready_for ? nlohmann::ordered_json(core::to_string(*r.ready_for)) : nlohmann::ordered_json(nullptr);
    p["failing_gates"] = r.failing_gates;
    p["errors"] = r.errors;
    p["warnings"] = r.warnings;
    if (r.next_milestone) {
      p["next_milestone"] = {{"id", r.next_milestone->id},
                             {"name", r.next_milestone->name},
                             {"due", r.next_milestone->due ? nlohmann::ordered_json(r.next_milestone->due->str())
                                                           : nlohmann::ordered_json(nullptr)}};
    } else {
      p["next_milestone"] = nullptr;
    }
    p["open_changes"] = r.open_changes;
    p["top_risk"] = r.top_risk ? nlohmann::ordered_json{{"id", r.top_risk->id}, {"score", r.top_risk->score}}
                               : nlohmann::ordered_json(nullptr);
    if (r.outcome) {
      p["outcome"] = {
          {"status",
           r.outcome->status.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.outcome->status)},
          {"date", r.outcome->date ? nlohmann::ordered_json(r.outcome->date->str()) : nlohmann::ordered_json(nullptr)},
          {"reason",
           r.outcome->reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.outcome->reason)}};
    }
    doc["projects"].push_back(std::move(p));
  }
  return support::json_text(doc);
}

}  // namespace handoff::output
