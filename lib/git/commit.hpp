#pragma once

#include <optional>
#include <string>
#include <vector>

// `--commit`: committing the files a command wrote, and nothing else.
namespace handoff::git {

// How the user's git configuration asks for commits to be signed.
struct Signing {
  bool sign = false;                   // commit.gpgsign
  std::string format = "openpgp";      // gpg.format
  std::string key;                     // user.signingkey
  std::string program = "ssh-keygen";  // gpg.ssh.program
};

// Returns the signing configuration of the repository enclosing `root` (defaults outside one).
Signing signing(const std::string& root);

// Commits the files `paths` (relative to the workspace `root`) as they are on disk, on top of
// HEAD (or as the first commit), with the user's git identity (see identity()) as author and
// committer; a path missing on disk is committed as removed (or stays absent). Other changes,
// staged or not, stay out of the commit; the index is updated for `paths` only. When git's
// config asks for signed commits (commit.gpgsign=true) the commit is signed as git signs it:
// with gpg.format=ssh through `ssh-keygen -Y sign` (see ssh_sign); any other format is refused.
// Returns the new commit's abbreviated id. Throws core::UserError when there is no repository,
// no identity or the signing configuration cannot sign; core::ToolError when libgit2 or
// ssh-keygen fails.
std::string commit_files(const std::string& root, const std::vector<std::string>& paths, const std::string& message);

// Returns why a commit in the workspace `root` would fail before anything is written: no
// repository, no identity, a signing configuration handoff cannot sign with, or a lock file that git leaves while it
// works (or after it was killed): .git/index.lock, HEAD.lock, the branch's .lock. nullopt when nothing stands in the
// way. Writers call it first, so that `--commit` never leaves a changed record behind.
std::optional<std::string> commit_blocker(const std::string& root);

// Returns those of `paths` (relative to the workspace `root`, kept in the order given) whose
// work-tree version is not what HEAD holds: edited, staged, untracked, ignored or deleted. A
// path absent from HEAD, the index and the disk is not listed. Empty outside a repository.
// Throws core::ToolError when libgit2 fails.
std::vector<std::string> uncommitted(const std::string& root, const std::vector<std::string>& paths);

}  // namespace handoff::git
