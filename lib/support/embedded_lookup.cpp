#include "support/embedded.hpp"

namespace handoff::support {

const EmbeddedFile* find_embedded(std::string_view path)
{
  for (const auto& file : embedded_files()) {
    if (file.path == path) {
      return &file;
    }
  }
  return nullptr;
}

}  // namespace handoff::support
