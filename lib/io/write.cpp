#include "io/write.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_NOREPLACE
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace fs = std::filesystem;

namespace handoff::io {

namespace {

std::string errno_text()
{
  const int error = errno;
  std::string text = std::strerror(error);
  if (error == EFBIG || error == ENOSPC || error == EDQUOT) {
    // With SIGXFSZ ignored (cli/main.cpp) `ulimit -f` shows up here as EFBIG.
    text += " (a full disk, a quota or the file-size limit of `ulimit -f`); nothing was changed";
  }
  return text;
}

// Removes what earlier writes of `name` in `dir` left behind when they were killed between
// creating their temporary file (or folder) and renaming it: entries called
// ".NAME.handoff-XXXXXX" older than a minute. A live write keeps its temporary file for well
// under a second, and writers hold the workspace lock.
void remove_stale_temporaries(const fs::path& dir, const std::string& name)
{
  const std::string prefix = "." + name + ".handoff-";
  const auto now = fs::file_time_type::clock::now();
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.size() != prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0) {
      continue;
    }
    std::error_code time_ec;
    const auto modified = fs::last_write_time(it->path(), time_ec);
    if (time_ec || now - modified < std::chrono::minutes(1)) {
      continue;
    }
    std::error_code remove_ec;
    if (it->is_symlink(remove_ec) || it->is_regular_file(remove_ec)) {
      fs::remove(it->path(), remove_ec);
    } else if (it->is_directory(remove_ec)) {
      fs::remove_all(it->path(), remove_ec);
    }
  }
}

std::atomic<void (*)()> g_before_rename{nullptr};  // set_before_rename_hook

void before_rename()
{
  if (auto* hook = g_before_rename.load()) {
    hook();
  }
}

bool write_all(int fd, const std::string& content)
{
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> replace(const std::string& path, const std::string& content, bool must_not_exist,
                                   const std::optional<std::string>& expected)
{
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  mode_t mode = 0644;
  struct stat st {};
  const bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists) {
    if (must_not_exist) {
      return path + " already exists; not overwriting it";
    }
    if (!S_ISREG(st.st_mode)) {
      return path + " is not a regular file; not replacing it";
    }
    mode = st.st_mode & 07777;
  }
  if (expected) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream now;
    now << in.rdbuf();
    if (!exists || now.str() != *expected) {
      return path + " changed since it was read; not replacing it (run the command again)";
    }
  }
  remove_stale_temporaries(dir, target.filename().string());
  std::string tmp = (dir / ("." + target.filename().string() + ".handoff-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    return "cannot create a temporary file in " + dir.string() + ": " + errno_text();
  }
  auto fail = [&](const std::string& what) {
    std::string message = what + ": " + errno_text();
    ::close(fd);
    ::unlink(tmp.c_str());
    return message;
  };
  if (::fchmod(fd, mode) != 0) {
    return fail("cannot set the mode of " + tmp);
  }
  if (!write_all(fd, content)) {
    return fail("cannot write " + path);
  }
  if (::fsync(fd) != 0) {
    return fail("cannot flush " + path);
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return "cannot close " + tmp + ": " + errno_text();
  }
  before_rename();
  if (must_not_exist) {
    // link() fails if the target appeared meanwhile: never overwrite.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
      const std::string message = errno == EEXIST ? path + " already exists; not overwriting it"
                                                  : "cannot create " + path + ": " + errno_text();
      ::unlink(tmp.c_str());
      return message;
    }
    ::unlink(tmp.c_str());
  } else if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string message = "cannot replace " + path + ": " + errno_text();
    ::unlink(tmp.c_str());
    return message;
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_atomic(const std::string& path, const std::string& content,
                                        const std::optional<std::string>& expected)
{
  return replace(path, content, false, expected);
}

std::optional<std::string> create_folder_atomic(const std::string& path,
                                                const std::vector<std::pair<std::string, std::string>>& files)
{
  const fs::path target(path);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    return path + " already exists; not overwriting it";
  }
  remove_stale_temporaries(parent, target.filename().string());
  std::string tmp = (parent / ("." + target.filename().string() + ".handoff-XXXXXX")).string();
  if (::mkdtemp(tmp.data()) == nullptr) {
    return "cannot create a temporary folder in " + parent.string() + ": " + errno_text();
  }
  auto cleanup = [&] {
    std::error_code ec;
    fs::remove_all(tmp, ec);
  };
  if (::chmod(tmp.c_str(), 0755) != 0) {
    const std::string message = "cannot set the mode of " + tmp + ": " + errno_text();
    cleanup();
    return message;
  }
  for (const auto& [name, content] : files) {
    if (auto error = replace((fs::path(tmp) / name).string(), content, true, std::nullopt)) {
      cleanup();
      return error;
    }
  }
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
    const std::string message =
        errno == EEXIST ? path + " already exists; not overwriting it" : "cannot create " + path + ": " + errno_text();
    cleanup();
    return message;
  }
  const int dfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return std::nullopt;
}

std::optional<std::string> create_atomic(const std::string& path, const std::string& content)
{
  return replace(path, content, true, std::nullopt);
}

void set_before_rename_hook(void (*hook)())
{
  g_before_rename.store(hook);
}

}  // namespace handoff::io
