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

// The user's git identity; a field is empty when unknown.
struct Identity {
  std::string name;
  std::string email;
};

// Returns the identity git would record as the author of a commit made in `path`:
// GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else user.name and user.email from the configuration
// of the enclosing repository (or the user's global configuration outside one).
Identity identity(const std::string& path);

}  // namespace handoff::git
