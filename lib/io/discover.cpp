#include "io/discover.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace handoff::io {

std::string discover_root(const std::string& start)
{
  std::error_code ec;
  const fs::path origin = fs::weakly_canonical(fs::absolute(start, ec), ec);
  for (fs::path p = origin;; p = p.parent_path()) {
    if (fs::is_regular_file(p / "handoff.yaml", ec)) {
      return p.string();
    }
    if (p == p.parent_path()) {
      break;
    }
  }
  for (fs::path p = origin;; p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) {
      return p.string();
    }
    if (p == p.parent_path()) {
      break;
    }
  }
  return origin.string();
}

}  // namespace handoff::io
