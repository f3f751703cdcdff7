#include "io/filesystem.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
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

}  // namespace

DiskFileSystem::DiskFileSystem(std::string root)
{
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
  m_root = ec ? std::move(root) : canonical.string();
}

FileKind DiskFileSystem::kind(const std::string& path) const
{
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
  switch (kind(path)) {
  case FileKind::missing:
    result.missing = true;
    result.error = "no such file";
    return result;
  case FileKind::directory:
    result.error = "is a directory, not a file";
    return result;
  case FileKind::special:
    result.error = "is not a regular file (a FIFO, device or socket)";
    return result;
  case FileKind::outside:
    result.error = "is a symbolic link that leaves the workspace or loops";
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
    return result;
  }
  // The path was resolved inside the workspace a moment ago; a link swapped in since then
  // shows in where the file that was opened really is.
  if (const auto real = opened_path(fd); real && !inside(*real)) {
    ::close(fd);
    result.error = "is a symbolic link that leaves the workspace or loops";
    return result;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    result.error = "is not a regular file";
    return result;
  }
  if (static_cast<std::size_t>(st.st_size) > limit) {
    ::close(fd);
    result.too_large = true;
    result.error = "is " + std::to_string(st.st_size) + " bytes, over the limit of " + std::to_string(limit) + " bytes";
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
    return result;
  }
  result.ok = true;
  result.data = std::move(data);
  return result;
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
