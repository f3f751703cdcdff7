#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace handoff::io {

// Every writer below takes an optional workspace `root`. With one, the folder the write lands
// in is opened once and must be inside `root` (every component resolved) at that moment; each
// later step works on the opened folder, so a symbolic link swapped in for the folder or a
// parent while the write runs cannot redirect it. Without one (paths the user names on the
// command line, such as `report -o FILE`), the write is not confined.

// Writes `content` to `path` atomically: a temporary file in the same folder, fsync,
// rename over the target, fsync of the folder. An existing file keeps its mode.
// When `expected` is given, refuses to replace a file whose bytes differ from it
// (somebody changed it since it was read). Returns an error message, or nullopt on success;
// on failure the old file is intact.
std::optional<std::string> write_atomic(const std::string& path, const std::string& content,
                                        const std::optional<std::string>& expected = std::nullopt,
                                        const std::string& root = {});

// Creates `path` with `content`, failing if it exists. Same guarantees as write_atomic.
std::optional<std::string> create_atomic(const std::string& path, const std::string& content,
                                         const std::string& root = {});

// Creates the folder `path` holding `files` (name -> content) all at once: they are written to
// a temporary sibling folder, flushed, and the folder is renamed into place, failing if `path`
// exists. The parent folder must exist. Returns an error message, or nullopt on success; on
// failure nothing is left behind.
std::optional<std::string> create_folder_atomic(const std::string& path,
                                                const std::vector<std::pair<std::string, std::string>>& files,
                                                const std::string& root = {});

// A test seam: `hook` runs after a temporary file is written and before it is renamed into
// place (nullptr: nothing runs). The shipped binary never sets it; the crash test binary
// (tests/crash_main.cpp) sets one that kills the process there.
void set_before_rename_hook(void (*hook)());

}  // namespace handoff::io
