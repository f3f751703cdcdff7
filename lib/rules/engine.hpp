#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "forecast/source.hpp"
#include "model/load.hpp"
#include "model/records.hpp"
#include "signoff/history.hpp"
#include "support/date.hpp"

// Runs the gates on a loaded project and decides what passes.
namespace handoff::rules {

enum class GateStatus { pass, fail, skip };

// Returns "pass", "fail" or "skip".
std::string_view to_string(GateStatus status);

struct CheckOptions {
  support::Date today;
  std::optional<core::Gate> gate;               // check only this gate, whatever the stage
  bool strict = false;                          // warnings fail too
  std::optional<core::Stage> up_to;             // report the gates up to this stage instead of the claimed one
  bool next = false;                            // report the gates up to the stage after the claimed one
  const signoff::History* history = nullptr;    // for HF414; nullptr: not consulted
  const forecast::Source* reference = nullptr;  // closed projects, for HF308; nullptr: not consulted
  // Keep each project's forecast on its outcome (the reports, `forecast`); otherwise it is
  // computed only when HF308 asks, and dropped with the rest of the project's records.
  bool forecast = false;
  // Whether the workspace has a project with this id, for `follows:` (HF007); empty: not checked.
  std::function<bool(const std::string&)> project_exists;
  bool owners = false;  // fill ProjectOutcome::owners (the machine formats of `check` route findings by it)
};

// How many counting sign-off entries were added in commits SSH-signed by a registered key of
// the person they name (HF418's test).
struct SignatureTally {
  int counting = 0;
  int verified = 0;

  SignatureTally& operator+=(const SignatureTally& other)
  {
    counting += other.counting;
    verified += other.verified;
    return *this;
  }
};

// Whether a project may move to the stage after the one it claims, and what blocks it: the one
// verdict that `check --next`, `status`, `advance`, the reports, `todo` and the portfolio read.
// It is computed once, from every gate of the evaluation, whatever gates a command reports.
struct Readiness {
  enum class State {
    ready,     // every gate up to `next` passes
    blocked,   // `blockers` fail a gate up to `next`
    closed,    // the last stage: nothing comes next
    inactive,  // project.yaml records an outcome (lost, no_go, cancelled): it never moves
    no_stage,  // project.yaml has no valid `stage:` (see `blockers`, of the schema gate)
  };
  State state = State::no_stage;
  std::optional<core::Stage> next;      // the stage after the claimed one (ready or blocked)
  std::vector<core::Finding> blockers;  // failures (errors; warnings too under --strict) of the gates up to `next`
  std::vector<core::Finding> warnings;  // the findings of those gates that do not block
  std::string ended;                    // inactive: the outcome's status (empty when not given)

  bool ready() const { return state == State::ready; }
};

// Returns "ready", "blocked", "closed", "inactive" or "no_stage".
std::string_view to_string(Readiness::State state);

// A finding that a `suppress:` entry of project.yaml accepts, and why.
struct SuppressedFinding {
  core::Finding finding;
  std::string reason;  // the entry's reason, as written
  core::Pos at;        // the entry in project.yaml
};

struct ProjectOutcome {
  std::string id;                    // the folder name
  std::optional<core::Stage> stage;  // the stage claimed, when valid
  // The highest stage all of whose gates pass, when it is a stage the project can still move to
  // or stand at: none when inactive, closed, or when not even the first stage passes. It lies
  // after the claimed stage exactly when readiness.ready().
  std::optional<core::Stage> ready_for;
  Readiness readiness;    // may it move to the next stage, and what blocks it
  bool inactive = false;  // project.yaml records an outcome: only the schema gate and HF106 were checked
  std::array<GateStatus, core::k_gate_count> gates{};  // status of each gate checked
  std::vector<core::Finding> findings;                 // of the gates checked, sorted, severities applied
  std::vector<SuppressedFinding> suppressed;           // of the gates checked: the warnings `suppress:` accepts
  // CheckOptions::owners: the owners (model::file_owners) of each record file ("plan.yaml")
  // that has a finding or a suppressed one.
  std::map<std::string, std::vector<std::string>, std::less<>> owners;
  std::optional<SignatureTally> signatures;  // when the handoff gate was checked against git history
  // The project's forecast from the workspace's closed projects, computed once by the
  // evaluation (HF308 judges it): kept when CheckOptions::forecast and a reference are given.
  std::optional<forecast::Forecast> forecast;
};

// The outcome of checking a workspace.
struct CheckRun {
  support::Date today;
  bool strict = false;
  std::vector<ProjectOutcome> projects;
  std::vector<core::Finding> workspace_findings;  // findings in handoff.yaml
  std::vector<std::string> notes;                 // things the run could not check, said once
  std::optional<SignatureTally> signatures;       // summed over the projects that have one
  std::optional<long long> max_warnings;          // `check --max-warnings N`: more warnings fail the run
  core::Language language = core::Language::en;   // of the messages the outputs print (DESIGN §10.3)
  std::string help_url;                           // handoff.yaml `help_url:`, {rule} unreplaced; empty: none
};

// Returns the number of suppressed findings of the run.
std::size_t suppressed_count(const CheckRun& run);

// A loaded project and the outcome of checking it: what every command reads about a project.
struct CheckedProject {
  model::Project project;
  ProjectOutcome outcome;
};

// Applies handoff.yaml's severity overrides to `findings`, dropping the ones turned off.
void apply_overrides(const model::Config& config, std::vector<core::Finding>& findings);

// Checks a loaded project: the loader's findings plus every gate rule. Reports the findings of
// the gates up to the stage the project claims (or only options.gate), and computes ready_for
// from all gates.
ProjectOutcome check_project(const model::Config& config, model::ProjectResult loaded, const CheckOptions& options);
// Like check_project, and keeps the project's records beside the outcome.
CheckedProject check_and_keep(const model::Config& config, model::ProjectResult loaded, const CheckOptions& options);

// Returns the tally of the counting sign-off entries of `project`, or nullopt when it has none
// or the history cannot be read.
std::optional<SignatureTally> tally_signatures(const model::Config& config, const model::Project& project,
                                               const signoff::History* history);

// Returns true when a finding fails the run (error, or warning under --strict).
bool is_failure(const core::Finding& finding, bool strict);

// Sorts findings by file, line, column and rule.
void sort_findings(std::vector<core::Finding>& findings);

}  // namespace handoff::rules
