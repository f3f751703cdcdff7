#include <fmt/format.h>

#include "output/format.hpp"
#include "support/text.hpp"

namespace handoff::output {

std::vector<core::Finding> all_findings(const CheckRun& run)
{
  std::vector<core::Finding> all = run.workspace_findings;
  for (const auto& p : run.projects) {
    all.insert(all.end(), p.findings.begin(), p.findings.end());
  }
  return all;
}

Counts count(const CheckRun& run)
{
  Counts c;
  for (const auto& f : run.workspace_findings) {
    (f.severity == core::Severity::error ? c.errors : c.warnings)++;
  }
  for (const auto& p : run.projects) {
    ++c.projects;
    bool project_failed = false;
    for (const auto& f : p.findings) {
      (f.severity == core::Severity::error ? c.errors : c.warnings)++;
      project_failed = project_failed || rules::is_failure(f, run.strict);
    }
    c.failed_projects += project_failed ? 1 : 0;
  }
  return c;
}

bool failed(const CheckRun& run)
{
  bool any = false;
  for_each_finding(run, [&](const core::Finding& f) { any = any || rules::is_failure(f, run.strict); });
  return any;
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

std::string text(const CheckRun& run, const TextStyle& style)
{
  std::string out;
  const char* bold = style.color ? "\x1b[1m" : "";
  const char* reset = style.color ? "\x1b[0m" : "";
  for_each_finding(run, [&](const core::Finding& f) {
    out += fmt::format("{}{}:{}:{}:{} {}[{}]: {}\n", bold, f.file, f.pos.line, f.pos.column, reset,
                       severity_label(f.severity, style.color), f.rule, f.message);
  });
  if (style.quiet) {
    return out;
  }
  for (const auto& note : run.notes) {
    out += "note: " + note + "\n";
  }
  return out + summary(run);
}

std::string summary(const CheckRun& run)
{
  const Counts c = count(run);
  if (c.errors == 0 && c.warnings == 0) {
    return fmt::format("{} checked: no findings\n", support::plural(c.projects, "project"));
  }
  std::string line = fmt::format("{}, {} in {}", support::plural(c.errors, "error"),
                                 support::plural(c.warnings, "warning"), support::plural(c.projects, "project"));
  if (c.failed_projects > 0) {
    line += fmt::format(" ({} failing)", c.failed_projects);
  }
  if (run.strict && c.warnings > 0) {
    line += "; --strict: warnings fail";
  }
  return line + "\n";
}

}  // namespace handoff::output
