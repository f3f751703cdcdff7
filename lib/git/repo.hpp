#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

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

// Returns the path of the workspace `root` inside the git work tree that encloses it, with a
// trailing '/' ("records/"), or "" when `root` is the work tree's top or in no repository.
std::string workspace_prefix(const std::string& root);

// Returns the first 12 hex digits of the commit HEAD names in the repository enclosing `root`,
// or nullopt outside a repository or before the first commit.
std::optional<std::string> head_commit(const std::string& root);

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

// Some files as a revision has them.
struct Revision {
  std::string commit;  // the commit's abbreviated id
  long long days = 0;  // the day (days since 1970-01-01, UTC) the commit was committed
  std::map<std::string, std::optional<std::string>> files;  // path -> content; nullopt when absent
};

// Reads `paths` (relative to the workspace `root`) as they are in revision `rev` (what
// `git rev-parse` accepts: HEAD~2, a tag, a commit id) of the repository enclosing `root`.
// Throws std::runtime_error when there is no repository or `rev` names no commit.
// A version over `max_size` bytes is refused (std::runtime_error) without being read.
Revision read_revision(const std::string& root, const std::string& rev, const std::vector<std::string>& paths,
                       std::size_t max_size = 8u << 20);

}  // namespace handoff::git
