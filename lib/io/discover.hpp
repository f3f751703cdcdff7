#pragma once

#include <string>

namespace handoff::io {

// Returns the workspace root for a command started in `start`: the nearest ancestor
// holding handoff.yaml, else the enclosing git work tree, else `start` itself.
// The result is an absolute path.
std::string discover_root(const std::string& start);

}  // namespace handoff::io
