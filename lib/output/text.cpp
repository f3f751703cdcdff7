#include <fmt/format.h>

#include "output/format.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

// Adds `findings` to the error and warning counts; returns true when one of them fails the run.
bool tally(Counts& c, const std::vector<core::Finding>& findings, bool strict)
{
  bool any_failure = false;
  for (const auto& f : findings) {
    (f.severity == core::Severity::error ? c.errors : c.warnings)++;
    any_failure = any_failure || rules::is_failure(f, strict);
  }
  return any_failure;
}

// Adds one project's findings, and the project itself, to the counts.
bool tally_project(Counts& c, const rules::ProjectOutcome& outcome, bool strict)
{
  ++c.projects;
  c.suppressed += static_cast<int>(outcome.suppressed.size());
  const bool project_failed = tally(c, outcome.findings, strict);
  c.failed_projects += project_failed ? 1 : 0;
  return project_failed;
}

// True when the run has more warnings than --max-warnings allows.
bool too_many_warnings(const Counts& c, const std::optional<long long>& max_warnings)
{
  return max_warnings && c.warnings > *max_warnings;
}

// Returns the summary in Chinese: "7 个错误，3 个警告，共 1 个项目（1 个未通过）".
std::string summary_line_zh(const Counts& c, bool strict, const std::optional<long long>& max_warnings)
{
  const std::string suppressed =
      c.suppressed > 0 ? fmt::format("；另有 {} 条警告按 suppress: 的原因抑制", c.suppressed) : "";
  if (c.errors == 0 && c.warnings == 0) {
    return fmt::format("已检查 {} 个项目：没有发现问题{}\n", c.projects, suppressed);
  }
  std::string line = fmt::format("{} 个错误，{} 个警告，共 {} 个项目", c.errors, c.warnings, c.projects);
  if (c.failed_projects > 0) {
    line += fmt::format("（{} 个未通过）", c.failed_projects);
  }
  if (strict && c.warnings > 0) {
    line += "；本次运行中警告也算未通过";  // --strict or --fail-on warning
  }
  if (too_many_warnings(c, max_warnings)) {
    line += fmt::format("；警告数超过了 --max-warnings {} 的上限", *max_warnings);
  }
  return line + suppressed + "\n";
}

std::string summary_line(const Counts& c, bool strict, const std::optional<long long>& max_warnings)
{
  const std::string suppressed =
      c.suppressed > 0 ? fmt::format("; {} suppressed with a reason", support::plural(c.suppressed, "warning")) : "";
  if (c.errors == 0 && c.warnings == 0) {
    return fmt::format("{} checked: no findings{}\n", support::plural(c.projects, "project"), suppressed);
  }
  std::string line = fmt::format("{}, {} in {}", support::plural(c.errors, "error"),
                                 support::plural(c.warnings, "warning"), support::plural(c.projects, "project"));
  if (c.failed_projects > 0) {
    line += fmt::format(" ({} failing)", c.failed_projects);
  }
  if (strict && c.warnings > 0) {
    line += "; warnings fail this run";  // --strict or --fail-on warning: either may be given
  }
  if (too_many_warnings(c, max_warnings)) {
    line += fmt::format("; more than --max-warnings {} allows", *max_warnings);
  }
  return line + suppressed + "\n";
}

}  // namespace

const std::vector<std::string>& owners_of(const rules::ProjectOutcome* project, const core::Finding& finding)
{
  static const std::vector<std::string> k_none;
  if (project == nullptr) {
    return k_none;
  }
  const std::string_view file = std::string_view(finding.file).substr(finding.file.rfind('/') + 1);
  const auto it = project->owners.find(file);
  return it == project->owners.end() ? k_none : it->second;
}

Counts count(const CheckRun& run)
{
  Counts c;
  tally(c, run.workspace_findings, run.strict);
  for (const auto& p : run.projects) {
    tally_project(c, p, run.strict);
  }
  return c;
}

bool failed(const CheckRun& run)
{
  bool any = false;
  for_each_finding(run, [&](const core::Finding& f) { any = any || rules::is_failure(f, run.strict); });
  return any || (run.max_warnings && too_many_warnings(count(run), run.max_warnings));
}

bool TextWriter::failed() const
{
  return m_failed || too_many_warnings(m_counts, m_max_warnings);
}

std::string severity_label(core::Severity severity, bool color)
{
  const std::string_view name = core::to_string(severity);
  if (!color) {
    return std::string(name);
  }
  const char* code = severity == core::Severity::error ? "\x1b[1;31m" : "\x1b[1;35m";
  return fmt::format("{}{}\x1b[0m", code, name);
}

TextWriter::TextWriter(const TextStyle& style, bool strict) : m_style(style), m_strict(strict)
{
}

std::string TextWriter::lines(const std::vector<core::Finding>& findings) const
{
  std::string out;
  const char* bold = m_style.color ? "\x1b[1m" : "";
  const char* reset = m_style.color ? "\x1b[0m" : "";
  for (const auto& f : findings) {
    // Record text reaches the message: make control characters visible so that one finding
    // stays one line and cannot steer the terminal (DESIGN §9.9).
    out += fmt::format("{}{}:{}:{}:{} {}[{}]: {}\n", bold, support::visible(f.file), f.pos.line, f.pos.column, reset,
                       severity_label(f.severity, m_style.color), f.rule, support::visible(f.text(m_style.language)));
  }
  return out;
}

std::string TextWriter::workspace(const std::vector<core::Finding>& findings)
{
  m_failed = tally(m_counts, findings, m_strict) || m_failed;
  return lines(findings);
}

std::string TextWriter::project(const rules::ProjectOutcome& outcome)
{
  m_failed = tally_project(m_counts, outcome, m_strict) || m_failed;
  return lines(outcome.findings);
}

std::string TextWriter::end(const std::vector<std::string>& notes) const
{
  if (m_style.quiet) {
    return {};
  }
  std::string out;
  const bool zh = m_style.language == core::Language::zh_cn;
  for (const auto& note : notes) {
    out += (zh ? "说明：" : "note: ") + support::visible(note) + "\n";
  }
  return out + (zh ? summary_line_zh : summary_line)(m_counts, m_strict, m_max_warnings);
}

std::string text(const CheckRun& run, const TextStyle& style)
{
  TextWriter writer(style, run.strict);
  writer.set_max_warnings(run.max_warnings);
  std::string out = writer.workspace(run.workspace_findings);
  for (const auto& p : run.projects) {
    out += writer.project(p);
  }
  return out + writer.end(run.notes);
}

std::string summary(const CheckRun& run, core::Language language)
{
  return (language == core::Language::zh_cn ? summary_line_zh : summary_line)(count(run), run.strict, run.max_warnings);
}

}  // namespace handoff::output
