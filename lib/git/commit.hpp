#pragma once

#include <string>
#include <vector>

// `--commit`: committing the files a command wrote, and nothing else.
namespace handoff::git {

// Commits the files `paths` (relative to the workspace `root`) as they are on disk, on top of
// HEAD (or as the first commit), with the user's git identity (see identity()) as author and
// committer. Other changes, staged or not, stay out of the commit; the index is updated for
// `paths` only. Returns the new commit's abbreviated id. Throws std::runtime_error when there
// is no repository, no identity, or libgit2 fails.
std::string commit_files(const std::string& root, const std::vector<std::string>& paths, const std::string& message);

}  // namespace handoff::git
