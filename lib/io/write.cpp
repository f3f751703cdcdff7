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
#include <memory>
#include <random>
#include <string_view>

#include "io/filesystem.hpp"

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

// Removes what earlier writes in `dir` left behind when they were killed between creating
// their temporary file (or folder) and renaming it: entries called ".NAME.handoff-XXXXXX", of
// any NAME (a killed `new x` leaves `.x.handoff-XXXXXX` in the projects folder that `new y`
// cleans), older than a minute. A live write keeps its temporary file for well under a
// second, and writers hold the workspace lock.
void remove_stale_temporaries(const fs::path& dir)
{
  const std::string marker = ".handoff-";
  const auto now = fs::file_time_type::clock::now();
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    // "." NAME ".handoff-" and six characters, NAME not empty
    if (entry.size() < 1 + 1 + marker.size() + 6 || entry[0] != '.'
        || entry.compare(entry.size() - 6 - marker.size(), marker.size(), marker) != 0) {
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

// The folder a write lands in, opened once: every later step (the check of what is there, the
// temporary file, the rename, the flush) works on this descriptor, so a symbolic link swapped
// in for the folder or one of its parents meanwhile cannot redirect the write.
class Folder {
public:
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  ~Folder()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }

  // Opens `dir`. With a `root`, refuses a folder that is not inside it once opened: the path
  // it resolves to now, inside the root, must lead to the very folder that was opened.
  static std::optional<std::string> open(const fs::path& dir, const std::string& root, std::unique_ptr<Folder>& out)
  {
    // O_PATH: a folder that may be written but not listed can still be written into.
    const int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      return "cannot open the folder " + dir.string() + ": " + errno_text();
    }
    out.reset(new Folder(fd, dir));
    if (root.empty()) {
      return std::nullopt;
    }
    std::error_code ec;
    std::error_code root_ec;
    const fs::path real = fs::canonical(dir, ec);
    const fs::path real_root = fs::canonical(root, root_ec);
    struct stat opened {};
    struct stat now {};
    if (ec || root_ec || !is_within(real.string(), real_root.string()) || ::fstat(fd, &opened) != 0
        || ::stat(real.c_str(), &now) != 0 || opened.st_dev != now.st_dev || opened.st_ino != now.st_ino) {
      out.reset();
      return dir.string()
             + " leads out of the workspace (a symbolic link, or one swapped in while writing); "
               "handoff writes only inside the workspace, and nothing was written";
    }
    out->m_real = real;
    return std::nullopt;
  }

  // Takes over `fd`, a folder this write created inside a checked one, known as `path`.
  static std::unique_ptr<Folder> adopt(int fd, fs::path path)
  {
    return std::unique_ptr<Folder>(new Folder(fd, std::move(path)));
  }

  int fd() const { return m_fd; }
  // The folder's path for the steps that need one (removing stale temporary files): its
  // resolved path once checked inside the root, else the path it was opened by.
  const fs::path& path() const { return m_real; }

  // Creates an entry called PREFIX + 6 random letters and digits with `make` (which returns a
  // descriptor or 0 on success, -1 with errno on failure); returns its name, or nullopt with
  // errno set.
  template <typename Make>
  std::optional<std::string> make_unique(const std::string& prefix, Make make) const
  {
    static constexpr std::string_view k_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 random{std::random_device{}()};
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string name = prefix;
      for (int i = 0; i < 6; ++i) {
        name += k_chars[random() % k_chars.size()];
      }
      if (make(name.c_str()) >= 0) {
        return name;
      }
      if (errno != EEXIST) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

private:
  Folder(int fd, fs::path path) : m_fd(fd), m_real(std::move(path)) {}

  int m_fd;
  fs::path m_real;
};

// Flushes the folder `fd` (opened with O_PATH, which cannot be flushed itself) so that a
// rename survives a crash; best effort, as some filesystems cannot flush a folder.
void sync_folder(int fd)
{
  const int folder = ::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
}

// Writes `content` to `name` in `folder` (shown as `path` in messages), as write_atomic and
// create_atomic describe.
std::optional<std::string> replace_in(const Folder& folder, const std::string& name, const std::string& path,
                                      const std::string& content, bool must_not_exist,
                                      const std::optional<std::string>& expected)
{
  const int dfd = folder.fd();
  mode_t mode = 0644;
  struct stat st {};
  const bool exists = ::fstatat(dfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
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
    std::string now;
    const int in = exists ? ::openat(dfd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
    if (in >= 0) {
      char buffer[65536];
      ssize_t n = 0;
      while ((n = ::read(in, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
        now.append(buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      }
      ::close(in);
    }
    if (in < 0 || now != *expected) {
      return path + " changed since it was read; not replacing it (run the command again)";
    }
  }
  remove_stale_temporaries(folder.path());
  int fd = -1;
  const auto tmp = folder.make_unique("." + name + ".handoff-", [&](const char* candidate) {
    fd = ::openat(dfd, candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    return fd;
  });
  if (!tmp) {
    return "cannot create a temporary file in " + fs::path(path).parent_path().string() + ": " + errno_text();
  }
  auto fail = [&](const std::string& what) {
    std::string message = what + ": " + errno_text();
    ::close(fd);
    ::unlinkat(dfd, tmp->c_str(), 0);
    return message;
  };
  if (::fchmod(fd, mode) != 0) {
    return fail("cannot set the mode of " + *tmp);
  }
  if (!write_all(fd, content)) {
    return fail("cannot write " + path);
  }
  if (::fsync(fd) != 0) {
    return fail("cannot flush " + path);
  }
  if (::close(fd) != 0) {
    ::unlinkat(dfd, tmp->c_str(), 0);
    return "cannot close " + *tmp + ": " + errno_text();
  }
  before_rename();
  if (must_not_exist) {
    // linkat() fails if the target appeared meanwhile: never overwrite.
    if (::linkat(dfd, tmp->c_str(), dfd, name.c_str(), 0) != 0) {
      const std::string message = errno == EEXIST ? path + " already exists; not overwriting it"
                                                  : "cannot create " + path + ": " + errno_text();
      ::unlinkat(dfd, tmp->c_str(), 0);
      return message;
    }
    ::unlinkat(dfd, tmp->c_str(), 0);
  } else if (::renameat(dfd, tmp->c_str(), dfd, name.c_str()) != 0) {
    const std::string message = "cannot replace " + path + ": " + errno_text();
    ::unlinkat(dfd, tmp->c_str(), 0);
    return message;
  }
  sync_folder(dfd);
  return std::nullopt;
}

fs::path parent_of(const fs::path& target)
{
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

std::optional<std::string> replace(const std::string& path, const std::string& content, bool must_not_exist,
                                   const std::optional<std::string>& expected, const std::string& root)
{
  const fs::path target(path);
  std::unique_ptr<Folder> folder;
  if (auto error = Folder::open(parent_of(target), root, folder)) {
    return error;
  }
  return replace_in(*folder, target.filename().string(), path, content, must_not_exist, expected);
}

}  // namespace

std::optional<std::string> write_atomic(const std::string& path, const std::string& content,
                                        const std::optional<std::string>& expected, const std::string& root)
{
  return replace(path, content, false, expected, root);
}

std::optional<std::string> create_folder_atomic(const std::string& path,
                                                const std::vector<std::pair<std::string, std::string>>& files,
                                                const std::string& root)
{
  const fs::path target(path);
  const std::string name = target.filename().string();
  std::unique_ptr<Folder> parent;
  if (auto error = Folder::open(parent_of(target), root, parent)) {
    return error;
  }
  const int dfd = parent->fd();
  struct stat st {};
  if (::fstatat(dfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    return path + " already exists; not overwriting it";
  }
  remove_stale_temporaries(parent->path());
  const auto tmp = parent->make_unique("." + name + ".handoff-",
                                       [&](const char* candidate) { return ::mkdirat(dfd, candidate, 0755); });
  if (!tmp) {
    return "cannot create a temporary folder in " + parent_of(target).string() + ": " + errno_text();
  }
  auto cleanup = [&] {
    std::error_code ec;
    fs::remove_all(parent->path() / *tmp, ec);
  };
  std::unique_ptr<Folder> inner;
  {
    const int fd = ::openat(dfd, tmp->c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || ::fchmod(fd, 0755) != 0) {
      const std::string message = "cannot set the mode of " + *tmp + ": " + errno_text();
      if (fd >= 0) {
        ::close(fd);
      }
      cleanup();
      return message;
    }
    inner = Folder::adopt(fd, parent->path() / *tmp);
  }
  for (const auto& [file, content] : files) {
    if (auto error = replace_in(*inner, file, (target / file).string(), content, true, std::nullopt)) {
      cleanup();
      return error;
    }
  }
  if (::renameat2(dfd, tmp->c_str(), dfd, name.c_str(), RENAME_NOREPLACE) != 0) {
    const std::string message =
        errno == EEXIST ? path + " already exists; not overwriting it" : "cannot create " + path + ": " + errno_text();
    cleanup();
    return message;
  }
  sync_folder(dfd);
  return std::nullopt;
}

std::optional<std::string> create_atomic(const std::string& path, const std::string& content, const std::string& root)
{
  return replace(path, content, true, std::nullopt, root);
}

void set_before_rename_hook(void (*hook)())
{
  g_before_rename.store(hook);
}

}  // namespace handoff::io
