#include <algorithm>

#include <fmt/format.h>

#include "output/format.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

// The longest message a table cell shows, in bytes (cut at a character boundary).
constexpr std::size_t k_cell_max = 300;
// The most rows of the projects table and of the findings table.
constexpr std::size_t k_project_rows = 50;
constexpr std::size_t k_finding_rows = 25;

// Returns `text` as Markdown text for one table cell: control characters visible, cut after
// k_cell_max bytes, and every character Markdown or a table reads as syntax escaped with a
// backslash (CommonMark lets any ASCII punctuation be escaped), so record text cannot add
// emphasis, code, a link, an image, HTML, an entity, a mention, math or a column. A cell never
// starts a line, so block syntax (#, -, 1.) needs no escape.
std::string cell(std::string_view raw)
{
  std::string text = support::visible(raw);
  if (text.size() > k_cell_max) {
    std::size_t end = k_cell_max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
      --end;  // not inside a UTF-8 sequence
    }
    text = text.substr(0, end) + "…";
  }
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (std::string_view("\\`*_[]<>|~&@$").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

struct ProjectRow {
  const rules::ProjectOutcome* outcome;
  int errors = 0;
  int warnings = 0;
};

std::string_view stage_text(const std::optional<core::Stage>& stage)
{
  return stage ? core::to_string(*stage) : std::string_view("-");
}

}  // namespace

std::string step_summary(const CheckRun& run, std::size_t max_bytes)
{
  const Counts c = count(run);
  const bool passed = !failed(run);
  std::string out = fmt::format("## handoff check: {}\n\n", passed ? "passed" : "failed");
  // The step summary's headings and table are English, and so is its summary line.
  const std::string line = summary(run, core::Language::en);
  out += cell(line.substr(0, line.size() - 1)) + "\n\n";
  out += "| severity | findings |\n|---|--:|\n";
  out += fmt::format("| error | {} |\n| warning | {} |\n", c.errors, c.warnings);
  if (c.suppressed > 0) {
    out += fmt::format("| suppressed warning (`suppress:` with a reason) | {} |\n", c.suppressed);
  }
  if (run.strict) {
    out += "\nWarnings fail this run (`--strict` or `--fail-on warning`).\n";
  }

  // Projects with findings, the most errors first (then warnings, then the run's order).
  std::vector<ProjectRow> rows;
  for (const auto& p : run.projects) {
    ProjectRow row{&p};
    for (const auto& f : p.findings) {
      ++(f.severity == core::Severity::error ? row.errors : row.warnings);
    }
    if (row.errors + row.warnings > 0) {
      rows.push_back(row);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ProjectRow& a, const ProjectRow& b) {
    return a.errors != b.errors ? a.errors > b.errors : a.warnings > b.warnings;
  });
  const auto reserve = [&] { return out.size() + 1024 > max_bytes; };  // room for the closing lines
  if (!rows.empty()) {
    out +=
        "\n### Projects with findings\n\n| project | stage | ready for | errors | warnings |\n|---|---|---|--:|--:|\n";
    std::size_t shown = 0;
    for (const auto& row : rows) {
      if (shown == k_project_rows || reserve()) {
        break;
      }
      out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(row.outcome->id), stage_text(row.outcome->stage),
                         stage_text(row.outcome->ready_for), row.errors, row.warnings);
      ++shown;
    }
    if (shown < rows.size()) {
      out += fmt::format("\n{} more with findings not shown.\n",
                         support::plural(static_cast<long long>(rows.size() - shown), "project"));
    }
  }
  if (const std::size_t clean = run.projects.size() - rows.size(); clean > 0) {
    out += fmt::format("\n{} without findings.\n", support::plural(static_cast<long long>(clean), "project"));
  }

  // The first findings: errors, then warnings, each in the order of the run.
  if (c.errors + c.warnings > 0) {
    out += "\n### Findings\n\n| severity | location | rule | message |\n|---|---|---|---|\n";
    std::size_t shown = 0;
    for (const core::Severity wanted : {core::Severity::error, core::Severity::warning}) {
      for_each_finding(run, [&](const core::Finding& f) {
        if (f.severity != wanted || shown == k_finding_rows || reserve()) {
          return;
        }
        out += fmt::format("| {} | {}:{}:{} | {} | {} |\n", core::to_string(f.severity), cell(f.file), f.pos.line,
                           f.pos.column, cell(f.rule), cell(f.message));
        ++shown;
      });
    }
    const auto total = static_cast<std::size_t>(c.errors) + static_cast<std::size_t>(c.warnings);
    if (shown < total) {
      out += fmt::format("\n{} of {} shown; `handoff check` lists every one.\n", shown,
                         support::plural(static_cast<long long>(total), "finding"));
    }
  }
  if (!run.notes.empty()) {
    out += "\n### Notes\n\n";
    for (const auto& note : run.notes) {
      if (reserve()) {
        out += "- (more notes left out: the summary is capped)\n";
        break;
      }
      out += "- " + cell(note) + "\n";
    }
  }
  return out;
}

std::string step_summary_error(std::string_view message)
{
  return "## handoff check: could not check\n\n" + cell(message) + "\n";
}

}  // namespace handoff::output
