#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "rules/engine.hpp"
#include "support/date.hpp"

// Renders the outcome of `handoff check` for people (text) and machines (json, github, junit,
// sarif). Every renderer returns the whole document as a string; nothing here prints.
namespace handoff::output {

using rules::CheckRun;

// Returns the owners of `finding`'s file from its project's outcome (ProjectOutcome::owners;
// empty for a workspace finding or without CheckOptions::owners).
const std::vector<std::string>& owners_of(const rules::ProjectOutcome* project, const core::Finding& finding);

// Calls `visit` with every finding of the run, workspace ones first, then each project's,
// without copying them (a run over thousands of projects holds tens of thousands).
template <class Visit>
void for_each_finding(const CheckRun& run, Visit&& visit)
{
  for (const auto& f : run.workspace_findings) {
    visit(f);
  }
  for (const auto& p : run.projects) {
    for (const auto& f : p.findings) {
      visit(f);
    }
  }
}

struct Counts {
  int errors = 0;
  int warnings = 0;
  int suppressed = 0;  // warnings a `suppress:` entry accepted: not in errors or warnings
  int projects = 0;
  int failed_projects = 0;
};

Counts count(const CheckRun& run);

// Returns true when the run fails (exit 1): an error, a warning under strict, or more warnings
// than run.max_warnings.
bool failed(const CheckRun& run);

struct TextStyle {
  bool color = false;
  bool quiet = false;                            // findings only, no summary
  core::Language language = core::Language::en;  // of the finding messages
};

// Compiler-style lines "file:line:col: severity[RULE]: message", then a summary line.
std::string text(const CheckRun& run, const TextStyle& style);

// The text format in pieces, for printing each project's findings as soon as it is checked
// (Workspace::check_each): workspace(), then project() for every project in order, then end().
// The pieces put together are what text() returns for the same run.
class TextWriter {
public:
  TextWriter(const TextStyle& style, bool strict);

  std::string workspace(const std::vector<core::Finding>& findings);
  std::string project(const rules::ProjectOutcome& outcome);
  // The notes and the summary line (nothing with style.quiet).
  std::string end(const std::vector<std::string>& notes) const;
  // True when a finding so far fails the run (exit 1), or more warnings than
  // set_max_warnings allows.
  bool failed() const;
  // `check --max-warnings N`: more than N warnings fail the run and the summary line says so.
  void set_max_warnings(std::optional<long long> max) { m_max_warnings = max; }

private:
  std::string lines(const std::vector<core::Finding>& findings) const;

  TextStyle m_style;
  bool m_strict;
  Counts m_counts;
  bool m_failed = false;
  std::optional<long long> m_max_warnings;
};
// The stable, versioned JSON document of `check --format json` (docs/ci.md).
std::string json(const CheckRun& run);

// Returns the summary line that ends the text output ("9 errors, 2 warnings in 4 projects (1
// failing)"; zh-CN: "9 个错误，2 个警告，共 4 个项目（1 个未通过）"), with its newline.
std::string summary(const CheckRun& run, core::Language language);

// Renders GitHub Actions workflow commands: one ::error or ::warning annotation per finding,
// each note as ::notice, then the summary line; `quiet` (-q) leaves out the notices and the
// summary, as it does in the text format.
std::string github(const CheckRun& run, bool quiet = false);
// Renders JUnit XML: one testsuite per project, one testcase per gate (skipped gates as
// <skipped/>), one <failure> per finding that fails the run; other warnings go to system-out.
std::string junit(const CheckRun& run);
// Renders SARIF 2.1.0: the rule catalogue as tool.driver.rules and one result per finding,
// located by a path relative to %SRCROOT% (the workspace root).
std::string sarif(const CheckRun& run);

// The documents `check` writes in place of a run when it cannot check at all (an invalid
// handoff.yaml, an unknown project): a machine reading the output finds the error there
// instead of an empty file. Each holds `message` as the error, nothing else.
std::string json_error(std::string_view message);    // {"schema": 1, "error": {"message", "exit_code": 2}}
std::string github_error(std::string_view message);  // one ::error annotation titled handoff
std::string junit_error(std::string_view message);   // one testcase "configuration" with an <error>
std::string sarif_error(std::string_view message);   // a run without results, executionSuccessful false
                                                     // and the message as an error notification

// The most results GitHub code scanning accepts in one SARIF run.
inline constexpr std::size_t k_sarif_max_results = 25000;
// Renders SARIF keeping at most `max_results` results (errors first, then warnings, each in
// the order of the run) and a warning notification with the counts of those left out.
std::string sarif(const CheckRun& run, std::size_t max_results);

// Returns the fingerprint GitLab tells findings apart by: `occurrence` counts the findings
// before this one that got the same fingerprint for occurrence 0 (the same finding twice).
using Fingerprint = std::function<std::string(const core::Finding& finding, std::size_t occurrence)>;
// Renders a GitLab Code Quality report: a JSON array with one issue per finding (description,
// check_name, fingerprint, severity, location.path, location.lines.begin).
std::string codequality(const CheckRun& run, const Fingerprint& fingerprint);
// Returns the Code Quality severity of a finding: "major" for an error, "minor" for a warning.
std::string_view codequality_severity(core::Severity severity);
// One "blocker" issue at `file` (handoff.yaml, from the repository's top when the workspace is
// a subfolder of it) holding `message`: nothing could be checked.
std::string codequality_error(std::string_view message, const Fingerprint& fingerprint,
                              std::string_view file = "handoff.yaml");

// The most bytes `step_summary` writes: GitHub refuses a step summary over 1 MiB, and other
// steps of the job may write theirs too.
inline constexpr std::size_t k_step_summary_max_bytes = std::size_t{64} * 1024;
// Renders Markdown for $GITHUB_STEP_SUMMARY: the verdict, the counts per severity, the projects
// with findings (most errors first, at most 50), the first 25 findings (errors first) and the
// notes; record text escaped; never longer than `max_bytes` (and saying what it left out).
std::string step_summary(const CheckRun& run, std::size_t max_bytes = k_step_summary_max_bytes);
std::string step_summary_error(std::string_view message);  // "could not check" and the message

// Returns "error" / "warning" in colour when asked.
std::string severity_label(core::Severity severity, bool color);

}  // namespace handoff::output
