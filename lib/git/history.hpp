#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "signoff/history.hpp"

namespace handoff::git {

// Returns the history of the sign-off files `paths` (relative to the workspace `root`) from
// the git repository enclosing `root`. Nothing is read until the history is first asked: one
// walk over the commits of HEAD then finds, for every path at once, which commit first held
// each sign-off entry. Repositories owned by another user open too (CI containers).
// A version over `max_size` bytes is not read: the history is then unreadable, with that reason.
std::unique_ptr<signoff::History> open_history(const std::string& root, std::vector<std::string> paths,
                                               std::size_t max_size = 8u << 20);

}  // namespace handoff::git
