#pragma once

#include <optional>
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

// Returns why a commit in the workspace `root` would fail before anything is written: no
// repository, no identity, or a lock file that git leaves while it works (or after it was
// killed): .git/index.lock, HEAD.lock, the branch's .lock. nullopt when nothing stands in the
// way. Writers call it first, so that `--commit` never leaves a changed record behind.
std::optional<std::string> commit_blocker(const std::string& root);

}  // namespace handoff::git
