#pragma once

#include <string>
#include <vector>

namespace handoff::git {

// Returns the files (relative to the workspace `root`, '/'-separated, sorted) that differ
// between revision `rev` and the work tree of the repository enclosing `root`: changed,
// added (untracked ones too), deleted or renamed (both names). Files outside `root` are left
// out. Throws core::UserError when there is no repository or `rev` names no commit (with what
// to do in a shallow clone), core::ToolError when libgit2 fails.
std::vector<std::string> changed_since(const std::string& root, const std::string& rev);

}  // namespace handoff::git
