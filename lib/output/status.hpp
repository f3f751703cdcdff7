#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "rules/engine.hpp"

// `handoff status`: one line per project, for people (text) and scripts (json).
namespace handoff::output {

struct NextMilestone {
  std::string id;
  std::string name;
  std::optional<support::Date> due;
};

struct TopRisk {
  std::string id;
  long long score = 0;
};

// How an inactive project ended (project.yaml `outcome:`).
struct StatusOutcome {
  std::string status;  // lost | no_go | cancelled; empty when not given (HF106)
  std::optional<support::Date> date;
  std::string reason;
};

struct StatusRow {
  std::string id;
  std::optional<core::Stage> stage;      // claimed, when valid
  std::optional<core::Stage> ready_for;  // rules::ProjectOutcome::ready_for: none when closed or inactive
  std::vector<std::string> failing_gates;
  int errors = 0;
  int warnings = 0;
  std::optional<NextMilestone> next_milestone;  // earliest due among those not done/accepted
  int open_changes = 0;                         // proposed, assessed or approved (not implemented)
  std::optional<TopRisk> top_risk;              // model::Project::top_risk()
  std::optional<StatusOutcome> outcome;         // set for an inactive project: shown instead of ready-for
};

// Summarizes a checked project.
StatusRow summarize(const rules::ProjectOutcome& outcome, const model::Project& project);

// Returns an aligned table, one line per project, and a closing line (not with `quiet`).
std::string status_text(const std::vector<StatusRow>& rows, bool color, bool quiet = false,
                        core::Language language = core::Language::en);
// Returns {"schema":1,"today":...,"projects":[...]}.
std::string status_json(const std::vector<StatusRow>& rows, support::Date today);

}  // namespace handoff::output
