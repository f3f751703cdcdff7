#include "workspace/init.hpp"

#include <filesystem>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "git/repo.hpp"
#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "scaffold/scaffold.hpp"
#include "workspace/transaction.hpp"
#include "workspace/workspace.hpp"

namespace handoff::workspace {

namespace fs = std::filesystem;

bool ensure_schemas(const std::string& root)
{
  const fs::path dir = fs::path(root) / scaffold::k_schema_dir;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    return false;
  }
  fs::create_directories(dir.parent_path(), ec);
  if (ec) {
    throw core::UserError(fmt::format("cannot create {}: {}", dir.parent_path().string(), ec.message()));
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (auto& file : scaffold::schema_files()) {
    files.emplace_back(file.path, std::move(file.content));
  }
  if (auto error = io::create_folder_atomic(dir.string(), files, root)) {
    throw core::UserError(*error);
  }
  return true;
}

Init init_workspace(const std::string& dir_text)
{
  const fs::path dir(dir_text);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw core::UserError(fmt::format("{} exists and is not a folder", dir.string()));
  }
  fs::create_directories(dir, ec);
  if (ec) {
    throw core::UserError(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
  Init out;
  const fs::path config = dir / "handoff.yaml";
  out.config = config.string();
  if (fs::exists(config, ec)) {
    throw core::UserError(fmt::format("{} already exists: this is a handoff workspace already", config.string()));
  }
  // A workspace inside another one would be found by neither: commands started in the inner
  // one see the outer handoff.yaml only when the inner one has none, and the reverse.
  const fs::path absolute = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  for (fs::path p = absolute.parent_path(); !p.empty(); p = p.parent_path()) {
    if (fs::is_regular_file(p / "handoff.yaml", ec)) {
      throw core::UserError(fmt::format("{} is inside the handoff workspace {}; run handoff commands there (`handoff "
                                        "new ID` adds a project), or init a folder outside it",
                                        absolute.string(), p.string()));
    }
    if (p == p.parent_path()) {
      break;
    }
  }
  const bool had_git = git::inside_work_tree(dir.string());
  for (const auto& file : scaffold::workspace_files()) {
    if (auto error = io::create_atomic((dir / file.path).string(), file.content, dir.string())) {
      throw core::UserError(*error);
    }
  }
  out.projects = (dir / "projects").string();
  fs::create_directories(dir / "projects", ec);
  if (ec) {
    throw core::UserError(fmt::format("cannot create {}: {}", out.projects, ec.message()));
  }
  if (ensure_schemas(dir.string())) {
    out.schema_dir = (dir / scaffold::k_schema_dir).string();
  }
  if (!had_git) {
    if (auto error = git::init_repository(dir.string())) {
      out.git_warning = *error;
    } else {
      out.git_initialised = true;
    }
  }
  return out;
}

NewProject create_project(const Workspace& ws, const scaffold::ProjectFields& fields, Transaction& transaction)
{
  NewProject out;
  out.dir = io::join(ws.config().projects_dir, fields.id);
  const fs::path projects = fs::path(ws.root()) / ws.config().projects_dir;
  const fs::path target = projects / fields.id;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    throw core::UserError(
        fmt::format("project \"{}\" already exists in {}/; not touching it", fields.id, ws.config().projects_dir));
  }
  fs::create_directories(projects, ec);
  if (ec) {
    throw core::UserError(fmt::format("cannot create {}: {}", projects.string(), ec.message()));
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (auto& file : scaffold::project_files(ws.fs(), ws.config(), fields)) {
    std::string name = fs::path(file.path).filename().string();
    out.records.push_back(io::join(out.dir, name));
    files.emplace_back(std::move(name), std::move(file.content));
  }
  // The people and the settings of handoff.yaml decided what the records hold. In a workspace
  // whose handoff.yaml was never committed (a fresh `handoff init`), the first project's commit
  // takes it in: the project means nothing without it, and there is no other version of it to
  // differ from. One that git has, with changes not committed, is refused as every record read
  // is (unless --include-changes).
  bool config_untracked = false;
  if (transaction.committing()) {
    try {
      config_untracked = !git::read_revision(ws.root(), "HEAD", {"handoff.yaml"}).files["handoff.yaml"].has_value();
    } catch (const std::runtime_error&) {
      config_untracked = true;  // no commit yet
    }
  }
  if (config_untracked) {
    transaction.adopt({"handoff.yaml"});
  }
  transaction.begin(out.records, {"handoff.yaml"}, "new reads the people and settings of that version");
  out.included = transaction.included();
  transaction.creates_folder(out.dir);
  if (auto error = io::create_folder_atomic(target.string(), files, ws.root())) {
    throw core::UserError(*error);
  }
  if (transaction.committing()) {
    // The project and its commit go together: without the commit, no project.
    out.commit = transaction.commit(fmt::format("handoff({}): new project", fields.id));
  }
  // The project exists now: a failure to write the editor schemas is only a warning.
  try {
    out.wrote_schemas = ensure_schemas(ws.root());
  } catch (const std::runtime_error& e) {
    out.schema_warning = e.what();
  }
  return out;
}

}  // namespace handoff::workspace
