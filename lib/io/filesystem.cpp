#include "io/filesystem.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>

namespace fs = std::filesystem;

namespace handoff::io {

std::string join(const std::string& a, const std::string& b)
{
  if (a.empty() || a == ".") {
    return b;
  }
  if (b.empty()) {
    return a;
  }
  return a.back() == '/' ? a + b : a + "/" + b;
}

namespace {

std::atomic<void (*)()> g_before_open{nullptr};  // set_before_open_hook

// The path the kernel knows an open file by, or nullopt where /proc is not mounted.
std::optional<std::string> opened_path(int fd)
{
  std::error_code ec;
  fs::path path = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
  if (ec) {
    return std::nullopt;
  }
  return path.string();
}

// A descriptor closed at the end of its scope.
struct Descriptor {
  int fd = -1;
  Descriptor() = default;
  explicit Descriptor(int fd_) : fd(fd_) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor()
  {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

// Returns true when `path` is relative and has no empty, "." or ".." component: below the
// root by its text alone.
bool plain_relative(const std::string& path)
{
  if (path.empty() || path[0] == '/') {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) {
      end = path.size();
    }
    const std::string_view part(path.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

// Opens `path` below the canonical `root` when no component of the way is a symbolic link
// (openat2 with RESOLVE_NO_SYMLINKS: the kernel refuses any link, so the file opened is the
// one at root/path, inside the workspace, with no window for a link to be swapped in). Returns
// -1 for anything else (a link on the way, a missing file, a kernel without openat2): the
// caller then takes the general path, which follows links inside the workspace and words
// each refusal. With `root_fd` (the root opened once) the walk starts there, beneath it
// (RESOLVE_BENEATH), instead of from `/` through every folder above the workspace: most of a
// check beside 10,000 projects is such walks. `root` holds no link itself (it is canonical);
// if one is swapped in for a parent later, the open fails and the general path decides.
int open_plain(const std::string& root, int root_fd, const std::string& path, std::uint64_t flags)
{
  if (!plain_relative(path)) {
    return -1;
  }
  open_how how{};
  how.flags = flags | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = -1;
  if (root_fd >= 0) {
    how.resolve |= RESOLVE_BENEATH;
    fd = ::syscall(SYS_openat2, root_fd, path.c_str(), &how, sizeof how);
  } else {
    const std::string full = root + (root.back() == '/' ? "" : "/") + path;
    fd = ::syscall(SYS_openat2, AT_FDCWD, full.c_str(), &how, sizeof how);
  }
  return fd < 0 ? -1 : static_cast<int>(fd);
}

ReadResult read_open(int fd, const struct stat& st, std::size_t limit);

}  // namespace

DiskFileSystem::DiskFileSystem(std::string root)
{
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
  m_root = ec ? std::move(root) : canonical.string();
  m_root_fd = ::open(m_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);  // -1: absolute paths, as before
}

DiskFileSystem::~DiskFileSystem()
{
  if (m_root_fd >= 0) {
    ::close(m_root_fd);
  }
}

std::vector<std::pair<std::string, FileKind>> FileSystem::list_kinds(const std::string& path) const
{
  std::vector<std::pair<std::string, FileKind>> out;
  for (auto& name : list(path)) {
    const FileKind k = kind(join(path, name));
    out.emplace_back(std::move(name), k);
  }
  return out;
}

FileKind DiskFileSystem::kind(const std::string& path) const
{
  // Reached without a link: inside, and its type is the answer.
  if (const Descriptor plain(open_plain(m_root, m_root_fd, path, O_PATH)); plain.fd >= 0) {
    struct stat st {};
    if (::fstat(plain.fd, &st) == 0) {
      return S_ISREG(st.st_mode) ? FileKind::regular : S_ISDIR(st.st_mode) ? FileKind::directory : FileKind::special;
    }
  }
  const fs::path full = fs::path(m_root) / path;
  std::error_code ec;
  // Every component is resolved, not only the last: a project folder, the projects folder or
  // a `projects:` setting that leads out of the root makes everything below it outside.
  const fs::path resolved = fs::weakly_canonical(full, ec);
  if (ec) {
    // A link loop (ELOOP) is refused; anything else unreadable is missing.
    return ec == std::errc::too_many_symbolic_link_levels ? FileKind::outside : FileKind::missing;
  }
  if (!inside(resolved.string())) {
    return FileKind::outside;
  }
  const auto st = fs::status(full, ec);
  if (ec) {
    if (ec == std::errc::too_many_symbolic_link_levels) {
      return FileKind::outside;
    }
    return FileKind::missing;
  }
  switch (st.type()) {
  case fs::file_type::regular:
    return FileKind::regular;
  case fs::file_type::directory:
    return FileKind::directory;
  case fs::file_type::not_found:
    return FileKind::missing;
  default:
    return FileKind::special;
  }
}

bool is_within(const std::string& path, const std::string& root)
{
  return path == root
         || (path.size() > root.size() && path.compare(0, root.size(), root) == 0
             && (root.back() == '/' || path[root.size()] == '/'));
}

bool DiskFileSystem::inside(const std::string& resolved) const
{
  return is_within(resolved, m_root);
}

ReadResult DiskFileSystem::read(const std::string& path, std::size_t limit) const
{
  ReadResult result;
  // A regular file reached without a link is opened once, with no resolution of our own and
  // no question to /proc: the common case, and most of the time of reading 10,000 small cards.
  // A FIFO or device is never opened for reading here (O_PATH first, then its type).
  if (const Descriptor probe(open_plain(m_root, m_root_fd, path, O_PATH)); probe.fd >= 0) {
    struct stat first {};
    if (::fstat(probe.fd, &first) == 0 && S_ISREG(first.st_mode)) {
      if (auto* hook = g_before_open.load()) {
        hook();
      }
      const int fd = open_plain(m_root, m_root_fd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
      struct stat st {};
      if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_dev == first.st_dev && st.st_ino == first.st_ino) {
        return read_open(fd, st, limit);
      }
      if (fd >= 0) {
        ::close(fd);
      }
    }
  }
  switch (kind(path)) {
  case FileKind::missing:
    result.missing = true;
    result.error = "no such file";
    result.error_zh = "文件不存在";
    return result;
  case FileKind::directory:
    result.error = "is a directory, not a file";
    result.error_zh = "是目录，不是文件";
    return result;
  case FileKind::special:
    result.error = "is not a regular file (a FIFO, device or socket)";
    result.error_zh = "不是普通文件（是 FIFO、设备或套接字）";
    return result;
  case FileKind::outside:
    result.error = "is a symbolic link that leaves the workspace or loops";
    result.error_zh = "是指向工作区之外或形成循环的符号链接";
    return result;
  case FileKind::regular:
    break;
  }
  const std::string full = (fs::path(m_root) / path).string();
  if (auto* hook = g_before_open.load()) {
    hook();
  }
  const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    result.error = std::generic_category().message(errno);  // strerror is not thread-safe
    result.error_zh = result.error;
    return result;
  }
  // The path was resolved inside the workspace a moment ago; a link swapped in since then
  // shows in where the file that was opened really is.
  if (const auto real = opened_path(fd); real && !inside(*real)) {
    ::close(fd);
    result.error = "is a symbolic link that leaves the workspace or loops";
    result.error_zh = "是指向工作区之外或形成循环的符号链接";
    return result;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    result.error = "is not a regular file";
    result.error_zh = "不是普通文件";
    return result;
  }
  return read_open(fd, st, limit);
}

namespace {

ReadResult read_open(int fd, const struct stat& st, std::size_t limit)
{
  ReadResult result;
  if (static_cast<std::size_t>(st.st_size) > limit) {
    ::close(fd);
    result.too_large = true;
    result.error = "is " + std::to_string(st.st_size) + " bytes, over the limit of " + std::to_string(limit) + " bytes";
    result.error_zh = "大小为 " + std::to_string(st.st_size) + " 字节，超过了 " + std::to_string(limit) + " 字节的上限";
    return result;
  }
  std::string data;
  data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (true) {
    if (done == data.size()) {
      // The file may have grown since fstat: read on, up to the limit.
      if (data.size() > limit) {
        break;
      }
      data.resize(data.size() + 4096);
    }
    const ssize_t n = ::read(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      ::close(fd);
      result.error = std::generic_category().message(errno);  // strerror is not thread-safe
      result.error_zh = result.error;
      result.error_zh = result.error;
      return result;
    }
    if (n == 0) {
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(done);
  if (data.size() > limit) {
    result.too_large = true;
    result.error = "is over the limit of " + std::to_string(limit) + " bytes";
    result.error_zh = "超过了 " + std::to_string(limit) + " 字节的上限";
    return result;
  }
  result.ok = true;
  result.data = std::move(data);
  return result;
}

}  // namespace

std::optional<FileStamps> DiskFileSystem::stamps(const std::string& dir, const std::vector<std::string>& names) const
{
  const Descriptor folder(open_plain(m_root, m_root_fd, dir, O_PATH | O_DIRECTORY));
  if (folder.fd < 0) {
    return std::nullopt;
  }
  FileStamps out;
  out.reserve(names.size());
  for (const auto& name : names) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      return std::nullopt;
    }
    struct stat st {};
    if (::fstatat(folder.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) {
        return std::nullopt;
      }
      out.emplace_back(std::nullopt);
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      return std::nullopt;  // a link, a folder, a FIFO: the reader decides what it is
    }
    constexpr std::int64_t k_ns = 1'000'000'000;
    out.emplace_back(FileStamp{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                               static_cast<std::uint64_t>(st.st_size),
                               static_cast<std::int64_t>(st.st_mtim.tv_sec) * k_ns + st.st_mtim.tv_nsec,
                               static_cast<std::int64_t>(st.st_ctim.tv_sec) * k_ns + st.st_ctim.tv_nsec});
  }
  return out;
}

std::vector<std::pair<std::string, FileKind>> DiskFileSystem::list_kinds(const std::string& path) const
{
  if (kind(path) != FileKind::directory) {
    return {};  // never list a folder outside the workspace
  }
  const int fd = open_plain(m_root, m_root_fd, path, O_RDONLY | O_DIRECTORY);
  DIR* dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
  if (dir == nullptr) {
    if (fd >= 0) {
      ::close(fd);
    }
    return FileSystem::list_kinds(path);  // a link on the way: resolved entry by entry
  }
  std::vector<std::pair<std::string, FileKind>> out;
  while (const dirent* entry = ::readdir(dir)) {  // NOLINT(concurrency-mt-unsafe): one stream per call
    const std::string name = entry->d_name;
    if (name == "." || name == "..") {
      continue;
    }
    switch (entry->d_type) {
    case DT_DIR:
      out.emplace_back(name, FileKind::directory);  // an entry of a folder reached without a link
      break;
    case DT_REG:
      out.emplace_back(name, FileKind::regular);
      break;
    case DT_LNK:
    case DT_UNKNOWN:  // a file system without d_type
      out.emplace_back(name, kind(join(path, name)));
      break;
    default:
      out.emplace_back(name, FileKind::special);
      break;
    }
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> DiskFileSystem::list(const std::string& path) const
{
  std::vector<std::string> names;
  if (kind(path) != FileKind::directory) {
    return names;  // never list a folder outside the workspace
  }
  std::error_code ec;
  fs::directory_iterator it(fs::path(m_root) / path, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void MemoryFileSystem::add(const std::string& path, std::string content)
{
  m_files[path] = std::move(content);
}

FileKind MemoryFileSystem::kind(const std::string& path) const
{
  if (m_files.count(path) != 0) {
    return FileKind::regular;
  }
  const std::string prefix = path.empty() ? std::string() : path + "/";
  auto it = m_files.lower_bound(prefix);
  if (it != m_files.end() && it->first.rfind(prefix, 0) == 0) {
    return FileKind::directory;
  }
  return FileKind::missing;
}

ReadResult MemoryFileSystem::read(const std::string& path, std::size_t limit) const
{
  ReadResult result;
  auto it = m_files.find(path);
  if (it == m_files.end()) {
    const bool directory = kind(path) == FileKind::directory;
    result.missing = !directory;
    result.error = directory ? "is a directory, not a file" : "no such file";
    return result;
  }
  if (it->second.size() > limit) {
    result.too_large = true;
    result.error =
        "is " + std::to_string(it->second.size()) + " bytes, over the limit of " + std::to_string(limit) + " bytes";
    return result;
  }
  result.ok = true;
  result.data = it->second;
  return result;
}

std::vector<std::string> MemoryFileSystem::list(const std::string& path) const
{
  std::set<std::string> names;
  const std::string prefix = path.empty() ? std::string() : path + "/";
  for (auto it = m_files.lower_bound(prefix); it != m_files.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    const std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {names.begin(), names.end()};
}

void set_before_open_hook(void (*hook)())
{
  g_before_open.store(hook);
}

}  // namespace handoff::io
