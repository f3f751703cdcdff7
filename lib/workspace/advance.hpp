#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "workspace/workspace.hpp"

// `handoff advance`: moves a project to the next stage when that stage's gates pass.
namespace handoff::workspace {

struct Advance {
  enum class Outcome {
    moved,       // project.yaml now claims `to`
    ready,       // a dry run: the gates of `to` pass, nothing was written
    blocked,     // `blockers` fail the gates of `to`
    last_stage,  // the project is already closed
    no_stage,    // project.yaml has no valid stage to move from (see `blockers`)
    inactive,    // project.yaml records an outcome (lost, no_go, cancelled): the project never moves
  };
  Outcome outcome = Outcome::blocked;
  std::optional<core::Stage> from;
  std::optional<core::Stage> to;
  std::vector<core::Finding> blockers;  // failures of the gates up to `to`
  std::vector<core::Finding> warnings;  // findings of those gates that do not block the move
  std::string file;                     // project.yaml, relative to the root
  std::string ended;                    // inactive: the outcome's status (empty when not given)
};

// Returns `text` with the scalar at `pos` (1-based line and column in characters) replaced by `value`,
// keeping its quotes, the rest of the line and every other byte; nullopt when no scalar
// starts at `pos`.
std::optional<std::string> replace_scalar(const std::string& text, core::Pos pos, const std::string& value);

// Advances project `id` by one stage when the gates up to the next stage pass (warnings fail
// too under `options.strict`). Edits only the `stage:` value of project.yaml, atomically;
// with `dry_run`, writes nothing and says `ready` instead of `moved`.
// Throws std::runtime_error when the file cannot be written or changed under our feet.
Advance advance(const Workspace& ws, const std::string& id, const rules::CheckOptions& options, bool dry_run = false);

}  // namespace handoff::workspace
