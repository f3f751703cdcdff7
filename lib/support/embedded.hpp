#pragma once

#include <string_view>
#include <vector>

namespace handoff::support {

// A file built into the binary from the source tree's templates/ folder.
struct EmbeddedFile {
  std::string_view path;  // relative to templates/, '/'-separated
  std::string_view data;
};

// Returns every built-in file, sorted by path.
const std::vector<EmbeddedFile>& embedded_files();

// Returns the built-in file at `path`, or nullptr.
const EmbeddedFile* find_embedded(std::string_view path);

}  // namespace handoff::support
