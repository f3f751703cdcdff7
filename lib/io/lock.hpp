#pragma once

#include <chrono>
#include <string>

// The workspace lock that writers hold (DESIGN §9.9): `.handoff/lock` below the workspace root,
// taken with flock(2), so concurrent `change`, `sign`, `advance` and `new` run one after the
// other and the re-read, compare and rename of each happens while no other writer runs.
namespace handoff::io {

// The lock could not be taken; the message names the holder or the problem and what to do.
class LockError : public std::exception {
public:
  explicit LockError(std::string message) : m_message(std::move(message)) {}
  const char* what() const noexcept override { return m_message.c_str(); }

private:
  std::string m_message;
};

class WorkspaceLock {
public:
  // Takes the lock of the workspace at `root` (creating `.handoff/` when needed, and a
  // .gitignore there that keeps the lock out of git), waiting up to `timeout` for another writer to finish, and writes
  // `holder` (who holds it, e.g. "handoff change acme-mes") and the process id into the lock file. Throws LockError
  // when the wait times out (naming the holder), when `.handoff` leads out of the workspace, or when the lock file
  // cannot be created.
  WorkspaceLock(const std::string& root, const std::string& holder, std::chrono::milliseconds timeout);
  ~WorkspaceLock();
  WorkspaceLock(const WorkspaceLock&) = delete;
  WorkspaceLock& operator=(const WorkspaceLock&) = delete;

  // Returns the lock file path relative to the workspace root.
  static const char* path() { return ".handoff/lock"; }

private:
  int m_fd = -1;
};

// Returns how long a writer waits for the lock: HANDOFF_LOCK_TIMEOUT seconds (a whole number,
// 0 for no wait) when set and valid, else 10 s. Throws LockError for an invalid value.
std::chrono::milliseconds lock_timeout();

}  // namespace handoff::io
