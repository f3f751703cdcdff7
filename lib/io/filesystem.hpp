#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// The narrow interface through which the library reads a workspace, so that the loader
// and the rules run on an in-memory workspace in unit tests.
namespace handoff::io {

enum class FileKind {
  missing,
  regular,
  directory,
  special,  // FIFO, device, socket
  outside,  // a symbolic link that leaves the workspace, or a link loop
};

struct ReadResult {
  bool ok = false;
  std::string data;      // the bytes read, when ok
  std::string error;     // why not, when !ok ("is a directory", "over the size limit of ...")
  std::string error_zh;  // the same in Simplified Chinese ("是目录，不是文件")
  bool too_large = false;
  bool missing = false;  // nothing is at the path (a file that is not there yet, not an error of it)
};

// What `lstat` says of a regular file: enough to tell, as git's index does, that it has not
// changed since (a write changes the ctime, which no user can set back; a rename brings another
// inode).
struct FileStamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;

  bool operator==(const FileStamp&) const = default;
};

// The stamps of some files of one folder: nullopt for a name with nothing at it.
using FileStamps = std::vector<std::optional<FileStamp>>;

// Reads a workspace. Paths are relative to the workspace root and '/'-separated.
class FileSystem {
public:
  virtual ~FileSystem() = default;

  // Returns what is at `path`, following symbolic links that stay inside the workspace;
  // `outside` when any component of the path leads out of it (or loops), even if the last
  // component does not exist yet.
  virtual FileKind kind(const std::string& path) const = 0;
  // Reads the regular file at `path`. Returns an error when it is not a regular file
  // inside the workspace or is larger than `limit` bytes.
  virtual ReadResult read(const std::string& path, std::size_t limit) const = 0;
  // Returns the names of the entries of the directory at `path`, sorted; empty if none.
  virtual std::vector<std::string> list(const std::string& path) const = 0;
  // Returns list(path) with kind() of each entry.
  virtual std::vector<std::pair<std::string, FileKind>> list_kinds(const std::string& path) const;
  // Returns the stamps of the files `names` in the folder `dir`, reached without following any
  // link; nullopt when they cannot be told (a link on the way, one of them not a regular file,
  // an error, or a file system without stamps, as in memory).
  virtual std::optional<FileStamps> stamps(const std::string& dir, const std::vector<std::string>& names) const
  {
    (void)dir;
    (void)names;
    return std::nullopt;
  }
};

// A workspace on disk below `root`.
class DiskFileSystem final : public FileSystem {
public:
  explicit DiskFileSystem(std::string root);
  ~DiskFileSystem() override;
  DiskFileSystem(const DiskFileSystem&) = delete;
  DiskFileSystem& operator=(const DiskFileSystem&) = delete;

  FileKind kind(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t limit) const override;
  std::vector<std::string> list(const std::string& path) const override;
  // The entries' types from the directory itself (d_type): no call per entry but for links.
  std::vector<std::pair<std::string, FileKind>> list_kinds(const std::string& path) const override;
  std::optional<FileStamps> stamps(const std::string& dir, const std::vector<std::string>& names) const override;

  const std::string& root() const { return m_root; }

private:
  // Returns whether the canonical absolute path `resolved` is the root or below it.
  bool inside(const std::string& resolved) const;

  std::string m_root;  // canonical absolute path
  int m_root_fd = -1;  // the root, opened once (O_PATH): paths below it resolve from there
};

// A workspace held in memory, for tests.
class MemoryFileSystem final : public FileSystem {
public:
  // Adds (or replaces) a file; its parent folders exist implicitly.
  void add(const std::string& path, std::string content);

  FileKind kind(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t limit) const override;
  std::vector<std::string> list(const std::string& path) const override;

private:
  std::map<std::string, std::string> m_files;
};

// A test seam: `hook` runs in DiskFileSystem::read after the path was found inside the
// workspace and before the file is opened (nullptr: nothing runs). The shipped binary never
// sets it; a unit test swaps a folder for a link out there.
void set_before_open_hook(void (*hook)());

// Returns whether the canonical absolute `path` is `root` or below it.
bool is_within(const std::string& path, const std::string& root);

// Joins two '/'-separated path parts; an empty part is skipped.
std::string join(const std::string& a, const std::string& b);

}  // namespace handoff::io
