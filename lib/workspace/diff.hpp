#pragma once

#include <string>
#include <utility>
#include <vector>

#include "signoff/diff.hpp"
#include "workspace/workspace.hpp"

// `handoff diff`: what changed in a project's records since a git revision, by default the
// commit that added the baseline's later sign-off (signoff::find_baseline).
namespace handoff::workspace {

struct ProjectDiff {
  std::string id;        // the project
  std::string revision;  // as given; empty when compared with the baseline
  std::string from;      // for people: the revision, or "the baseline signed 2026-10-06"
  std::string commit;    // the commit compared with
  std::vector<std::pair<std::string, signoff::RecordDiff>> records;  // file -> what changed; unchanged left out
  std::vector<std::string> skipped;                                  // files not valid YAML in one of the versions
};

// Compares project `id` (which must exist) in the working tree with revision `rev`, or with
// the baseline's commit when `rev` is empty. Throws core::UserError when there is no baseline,
// it is not committed, or the revision does not exist; core::ToolError when libgit2 fails.
ProjectDiff project_diff(const Workspace& ws, const std::string& id, const std::string& rev);

// Returns the diff for people: per file the fields and items changed, old -> new.
std::string diff_text(const ProjectDiff& diff);
// Returns the diff as the JSON document of `handoff diff --format json` (schema 1).
std::string diff_json(const ProjectDiff& diff);

}  // namespace handoff::workspace
