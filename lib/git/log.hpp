#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// The commits that changed some files, for `handoff log`.
namespace handoff::git {

// One file as a commit changed it.
struct FileChange {
  std::string path;                   // relative to the workspace root
  std::optional<std::string> before;  // in the first parent; nullopt when absent
  std::optional<std::string> after;   // in the commit; nullopt when deleted
};

struct CommitChange {
  std::string commit;  // abbreviated id
  std::string author_name;
  std::string author_email;
  std::string date;     // the author date, YYYY-MM-DD in UTC
  std::string summary;  // the first line of the message
  std::vector<FileChange> files;
};

struct FileHistory {
  std::vector<CommitChange> commits;  // newest first
  bool shallow = false;               // a shallow clone: older commits are missing
  // In a shallow clone, the oldest commit at hand whose parent is missing: what it changed
  // cannot be told (its files and `before` are left empty).
  std::optional<CommitChange> boundary;
};

// Returns the commits reachable from HEAD that changed any of `paths` (relative to the
// workspace `root`), compared with their first parent, in one walk. Throws std::runtime_error
// when the workspace is not in a repository or its history cannot be read.
// A version over `max_size` bytes is refused (std::runtime_error) without being read.
FileHistory file_history(const std::string& root, const std::vector<std::string>& paths,
                         std::size_t max_size = 8u << 20);

}  // namespace handoff::git
