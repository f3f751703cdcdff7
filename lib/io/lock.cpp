#include "io/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <thread>

#include "io/filesystem.hpp"

namespace handoff::io {

namespace {

std::string errno_text(int error)
{
  return std::generic_category().message(error);
}

// Returns the text the holder wrote into the lock file, on one line.
std::string holder_of(int fd)
{
  char buffer[512];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  for (char& c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      c = ' ';
    }
  }
  return text.empty() ? std::string("another process (it has not written its name yet)") : text;
}

}  // namespace

std::chrono::milliseconds lock_timeout()
{
  const char* env = std::getenv("HANDOFF_LOCK_TIMEOUT");
  if (env == nullptr || *env == '\0') {
    return std::chrono::seconds(10);
  }
  char* end = nullptr;
  errno = 0;
  const long seconds = std::strtol(env, &end, 10);
  if (*end != '\0' || errno != 0 || seconds < 0 || seconds > 3600 || end == env) {
    throw LockError("HANDOFF_LOCK_TIMEOUT=\"" + std::string(env)
                    + "\" is not a number of seconds from 0 to 3600 (how long a writer waits for another)");
  }
  return std::chrono::seconds(seconds);
}

WorkspaceLock::WorkspaceLock(const std::string& root, const std::string& holder, std::chrono::milliseconds timeout)
{
  const DiskFileSystem fs(root);
  const std::string dir = join(fs.root(), ".handoff");
  switch (fs.kind(".handoff")) {
  case FileKind::outside:
    throw LockError(".handoff is a symbolic link that leads out of the workspace; handoff keeps its lock inside "
                    "the workspace: remove the link");
  case FileKind::missing:
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      throw LockError("cannot create " + dir + " for the workspace lock: " + errno_text(errno));
    }
    break;
  case FileKind::directory:
    break;
  default:
    throw LockError(dir + " is not a folder; handoff keeps its workspace lock there: remove or rename it");
  }
  {
    // Keep the lock out of commits (the editor schemas beside it may well be committed).
    const std::string ignore = join(dir, ".gitignore");
    const int fd = ::open(ignore.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd >= 0) {
      const char text[] = "# written by handoff: its workspace lock is never committed\n/lock\n/.gitignore\n";
      [[maybe_unused]] const ssize_t n = ::write(fd, text, sizeof text - 1);
      ::close(fd);
    }
  }
  const std::string file = join(dir, "lock");
  m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  const std::string name = path();  // messages name the lock as the user sees it from the root
  if (m_fd < 0) {
    const int error = errno;
    if (error == ELOOP) {
      throw LockError(name
                      + " is a symbolic link; handoff writes its name into the workspace lock and never "
                        "follows a link there: remove the link and run the command again");
    }
    throw LockError("cannot open the workspace lock " + file + ": " + errno_text(error));
  }
  // The holder's name is written into the lock file: a hard link would have it overwrite the
  // file it is linked to, and a special file is no lock.
  struct stat st {};
  if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink > 1) {
    const bool regular = S_ISREG(st.st_mode);
    const auto names = static_cast<unsigned long>(st.st_nlink);
    ::close(m_fd);
    m_fd = -1;
    if (!regular) {
      throw LockError(name
                      + " is not a regular file; handoff keeps its workspace lock there: remove it and run the "
                        "command again");
    }
    throw LockError(name + " has " + std::to_string(names)
                    + " names (a hard link to another file); handoff writes into its workspace lock, so it refuses a "
                      "lock that would change another file: remove "
                    + name + " (the other names keep the file) and run the command again");
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) {
      continue;
    }
    if (error != EWOULDBLOCK) {
      ::close(m_fd);
      m_fd = -1;
      throw LockError("cannot lock " + file + ": " + errno_text(error));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      const std::string who = holder_of(m_fd);
      ::close(m_fd);
      m_fd = -1;
      const auto waited = (timeout.count() + 999) / 1000;  // whole seconds, rounded up
      throw LockError("another handoff command is writing in this workspace (" + who + "); waited "
                      + std::to_string(waited) + " s for it: let it finish and run the command again");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string text = "pid " + std::to_string(::getpid()) + ": " + holder + "\n";
  if (::ftruncate(m_fd, 0) == 0) {
    [[maybe_unused]] const ssize_t n = ::pwrite(m_fd, text.data(), text.size(), 0);
  }
}

WorkspaceLock::~WorkspaceLock()
{
  if (m_fd >= 0) {
    // The name is left in the file: only the flock says whether somebody holds it.
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
  }
}

}  // namespace handoff::io
