#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"
#include "rules/engine.hpp"
#include "support/date.hpp"

// Renders the outcome of `handoff check` for people (text) and machines (json, github, junit,
// sarif). Every renderer returns the whole document as a string; nothing here prints.
namespace handoff::output {

using rules::CheckRun;

// Returns all findings of the run: workspace ones first, then each project's.
std::vector<core::Finding> all_findings(const CheckRun& run);

struct Counts {
  int errors = 0;
  int warnings = 0;
  int projects = 0;
  int failed_projects = 0;
};

Counts count(const CheckRun& run);

// Returns true when the run fails (exit 1): an error, or a warning under strict.
bool failed(const CheckRun& run);

struct TextStyle {
  bool color = false;
  bool quiet = false;  // findings only, no summary
};

// Compiler-style lines "file:line:col: severity[RULE]: message", then a summary line.
std::string text(const CheckRun& run, const TextStyle& style);
// The stable, versioned JSON document of DESIGN §5.
std::string json(const CheckRun& run);

// Returns "error" / "warning" in colour when asked.
std::string severity_label(core::Severity severity, bool color);

}  // namespace handoff::output
