#include <filesystem>

#include <fmt/format.h>

#include "app.hpp"
#include "git/commit.hpp"
#include "git/repo.hpp"
#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "scaffold/scaffold.hpp"

namespace handoff::cli {

namespace {

namespace fs = std::filesystem;

// Writes the editor schemas to <root>/.handoff/schema unless that folder exists. Returns true
// when it wrote them.
bool ensure_schemas(const fs::path& root)
{
  const fs::path dir = root / scaffold::k_schema_dir;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    return false;
  }
  fs::create_directories(dir.parent_path(), ec);
  if (ec) {
    throw std::runtime_error(fmt::format("cannot create {}: {}", dir.parent_path().string(), ec.message()));
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (auto& file : scaffold::schema_files()) {
    files.emplace_back(file.path, std::move(file.content));
  }
  if (auto error = io::create_folder_atomic(dir.string(), files)) {
    throw std::runtime_error(*error);
  }
  return true;
}

// Returns true when HEAD of the repository enclosing `root` holds `path`.
bool committed(const std::string& root, const std::string& path)
{
  try {
    const git::Revision head = git::read_revision(root, "HEAD", {path});
    const auto found = head.files.find(path);
    return found != head.files.end() && found->second.has_value();
  } catch (const std::runtime_error&) {
    return false;  // no commit yet
  }
}

class InitCommand final : public Command {
public:
  std::string_view name() const override { return "init"; }
  std::string_view summary() const override
  {
    return "Start a workspace: handoff.yaml, projects/, and a git repository";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("DIR", m_dir, "Folder of the new workspace (default: the current folder; created if missing)");
    app.footer(R"(
Writes a commented handoff.yaml, an empty projects/ folder and the JSON Schemas that editors
use to complete and validate the records (.handoff/schema/, named on the first line of each
scaffolded file), and runs `git init` unless the folder is already inside a git work tree.
Never overwrites an existing handoff.yaml.
Built-in templates can be overridden by putting a file of the same name in templates/.

Examples:
  handoff init
  handoff init delivery-records && cd delivery-records && handoff new acme-mes)");
  }

  int run(const Globals& globals) override
  {
    fs::path dir = m_dir.empty() ? fs::path(globals.directory.empty() ? "." : globals.directory) : fs::path(m_dir);
    if (!m_dir.empty() && !globals.directory.empty() && dir.is_relative()) {
      dir = fs::path(globals.directory) / dir;
    }
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
      throw UsageError(fmt::format("{} exists and is not a folder", dir.string()));
    }
    fs::create_directories(dir, ec);
    if (ec) {
      throw UsageError(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
    }
    const fs::path config = dir / "handoff.yaml";
    if (fs::exists(config, ec)) {
      throw UsageError(fmt::format("{} already exists: this is a handoff workspace already", config.string()));
    }
    // A workspace inside another one would be found by neither: commands started in the inner
    // one see the outer handoff.yaml only when the inner one has none, and the reverse.
    const fs::path absolute = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    for (fs::path p = absolute.parent_path(); !p.empty(); p = p.parent_path()) {
      if (fs::is_regular_file(p / "handoff.yaml", ec)) {
        throw UsageError(fmt::format("{} is inside the handoff workspace {}; run handoff commands there (`handoff new "
                                     "ID` adds a project), or init a folder outside it",
                                     absolute.string(), p.string()));
      }
      if (p == p.parent_path()) {
        break;
      }
    }
    const bool had_git = git::inside_work_tree(dir.string());
    for (const auto& file : scaffold::workspace_files()) {
      if (auto error = io::create_atomic((dir / file.path).string(), file.content)) {
        throw std::runtime_error(*error);
      }
    }
    fs::create_directories(dir / "projects", ec);
    if (ec) {
      throw std::runtime_error(fmt::format("cannot create {}: {}", (dir / "projects").string(), ec.message()));
    }
    const std::string schema_note =
        ensure_schemas(dir) ? fmt::format("wrote the editor schemas to {}/\n", (dir / scaffold::k_schema_dir).string())
                            : std::string();
    std::string git_note;
    if (!had_git) {
      if (auto error = git::init_repository(dir.string())) {
        git_note = fmt::format("warning: {}; sign-offs need git history\n", *error);
      } else {
        git_note = "initialised a git repository\n";
      }
    }
    if (!globals.quiet) {
      print(
          fmt::format("created {} and {}/\n{}{}", config.string(), (dir / "projects").string(), schema_note, git_note));
      print("next: handoff new PROJECT-ID --customer \"Customer name\" --sales PERSON\n");
    } else if (git_note.rfind("warning", 0) == 0) {
      print_error(git_note);
    }
    return k_exit_ok;
  }

private:
  std::string m_dir;
};

class NewCommand final : public Command {
public:
  std::string_view name() const override { return "new"; }
  std::string_view summary() const override
  {
    return "Scaffold a project from the templates, commented for filling in";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_fields.id, "Project id: lower-case letters, digits and '-' (the folder name)")->required();
    app.add_option("--name", m_fields.name, "Project name (default: the id)");
    app.add_option("--customer", m_fields.customer, "Customer name");
    app.add_option("--sales", m_fields.sales, "Sales owner (a person id when handoff.yaml has a people registry)")
        ->type_name("PERSON");
    app.add_option("--implementation", m_fields.implementation, "Implementation lead")->type_name("PERSON");
    app.add_flag("--commit", m_commit, "Commit the new records (and nothing else) with your git identity");
    app.footer(R"(
Creates projects/ID/ with project.yaml (stage: opportunity) and empty, commented
requirements, feasibility, plan, risks and changes records. The project is created all at
once or not at all; an existing project is never touched. A workspace's templates/ folder
overrides a built-in template by file name (templates/project.yaml, ...). Each record names
its JSON Schema on its first line, for editors; the schemas are written to .handoff/schema/
when that folder is missing.

Examples:
  handoff new acme-mes --name "ACME MES rollout" --customer "ACME Manufacturing" --sales li.wei
  handoff new globex-crm --implementation zhang.min)");
  }

  int run(const Globals& globals) override
  {
    if (auto problem = scaffold::invalid_project_id(m_fields.id)) {
      throw UsageError(*problem);
    }
    const workspace::Workspace ws = open_workspace(globals);
    const auto people = scaffold::check_people(ws.config(), m_fields);
    if (!people.empty()) {
      std::string message = people.front();
      for (std::size_t i = 1; i < people.size(); ++i) {
        message += "\nhandoff: error: " + people[i];
      }
      throw UsageError(message);
    }
    const fs::path projects = fs::path(ws.root()) / ws.config().projects_dir;
    const fs::path target = projects / m_fields.id;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
      throw UsageError(
          fmt::format("project \"{}\" already exists in {}/; not touching it", m_fields.id, ws.config().projects_dir));
    }
    fs::create_directories(projects, ec);
    if (ec) {
      throw std::runtime_error(fmt::format("cannot create {}: {}", projects.string(), ec.message()));
    }
    std::vector<std::pair<std::string, std::string>> files;
    for (auto& file : scaffold::project_files(ws.fs(), ws.config(), m_fields)) {
      files.emplace_back(fs::path(file.path).filename().string(), std::move(file.content));
    }
    if (auto error = io::create_folder_atomic(target.string(), files)) {
      throw std::runtime_error(*error);
    }
    // The project exists now: a failure to write the editor schemas is only a warning.
    bool wrote_schemas = false;
    try {
      wrote_schemas = ensure_schemas(ws.root());
    } catch (const std::runtime_error& e) {
      print_error(fmt::format("handoff: warning: editor schemas not written: {}\n", e.what()));
    }
    if (!globals.quiet) {
      if (wrote_schemas) {
        print(fmt::format("wrote the editor schemas to {}/\n", scaffold::k_schema_dir));
      }
      const std::string dir = (fs::path(ws.config().projects_dir) / m_fields.id).string();
      print(fmt::format("created {}/ ({} records)\n", dir, files.size()));
      print(fmt::format("next: fill in {}/project.yaml; `handoff check {} --next` says what the next stage needs\n",
                        dir, m_fields.id));
    }
    if (m_commit) {
      std::vector<std::string> written;
      for (const auto& [name, content] : files) {
        written.push_back(io::join(io::join(ws.config().projects_dir, m_fields.id), name));
      }
      // The first project of a fresh workspace brings handoff.yaml into history with it.
      const bool with_config =
          fs::is_regular_file(fs::path(ws.root()) / "handoff.yaml", ec) && !committed(ws.root(), "handoff.yaml");
      if (with_config) {
        written.insert(written.begin(), "handoff.yaml");
      }
      const std::string id =
          git::commit_files(ws.root(), written, fmt::format("handoff({}): new project", m_fields.id));
      if (!globals.quiet) {
        print(fmt::format("{}: committed {} records{} as {}\n", m_fields.id, files.size(),
                          with_config ? " and handoff.yaml" : "", id));
      }
    }
    return k_exit_ok;
  }

private:
  scaffold::ProjectFields m_fields;
  bool m_commit = false;
};

}  // namespace

std::unique_ptr<Command> make_init()
{
  return std::make_unique<InitCommand>();
}

std::unique_ptr<Command> make_new()
{
  return std::make_unique<NewCommand>();
}

}  // namespace handoff::cli
