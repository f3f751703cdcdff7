#pragma once

#include <optional>
#include <string>

// The git side of the workspace, through libgit2.
namespace handoff::git {

// Keeps libgit2 initialised for its lifetime; every libgit2 handle must be freed before it ends.
class Library {
public:
  Library();
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

// Returns true when `path` is inside a git work tree (or is one).
bool inside_work_tree(const std::string& path);

// Creates an empty git repository in `path`. Returns an error message, or nullopt.
std::optional<std::string> init_repository(const std::string& path);

}  // namespace handoff::git
