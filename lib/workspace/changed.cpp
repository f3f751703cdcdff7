#include "workspace/changed.hpp"

#include <algorithm>

#include "support/text.hpp"

namespace handoff::workspace {

ChangedProjects changed_projects(const Workspace& ws, const std::vector<std::string>& paths)
{
  ChangedProjects out;
  const std::string folder = ws.config().projects_dir + "/";
  const std::vector<std::string> existing = ws.project_ids();
  for (const auto& path : paths) {
    if (path == ws.config().file) {
      out.all = true;
      continue;
    }
    if (!support::starts_with(path, folder)) {
      continue;
    }
    const std::string rest = path.substr(folder.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string::npos) {
      continue;  // a file beside the project folders
    }
    const std::string id = rest.substr(0, slash);
    if (std::binary_search(existing.begin(), existing.end(), id)) {
      out.ids.push_back(id);
    }
  }
  std::sort(out.ids.begin(), out.ids.end());
  out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
  return out;
}

}  // namespace handoff::workspace
