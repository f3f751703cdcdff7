#include <filesystem>

#include <fmt/format.h>

#include "app.hpp"
#include "scaffold/scaffold.hpp"
#include "support/text.hpp"
#include "workspace/init.hpp"

namespace handoff::cli {

namespace {

namespace fs = std::filesystem;

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
    const workspace::Init done = workspace::init_workspace(dir.string());
    const std::string schema_note =
        done.schema_dir.empty() ? std::string() : fmt::format("wrote the editor schemas to {}/\n", done.schema_dir);
    std::string git_note;
    if (!done.git_warning.empty()) {
      git_note = fmt::format("warning: {}; sign-offs need git history\n", done.git_warning);
    } else if (done.git_initialised) {
      git_note = "initialised a git repository\n";
    }
    if (!globals.quiet) {
      print(fmt::format("created {} and {}/\n{}{}", done.config, done.projects, schema_note, git_note));
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
    add_commit_options(app, m_git, "the new records (and nothing else)");
    app.footer(R"(
Creates projects/ID/ with project.yaml (stage: opportunity) and empty, commented
requirements, feasibility, plan, risks, changes, acceptance and activities records. The project is created all at
once or not at all; an existing project is never touched. A workspace's templates/ folder
overrides a built-in template by file name (templates/project.yaml, ...). Each record names
its JSON Schema on its first line, for editors; the schemas are written to .handoff/schema/
when that folder is missing.
--commit commits the new records only. new reads the people and settings of handoff.yaml:
in a fresh workspace, where git does not have handoff.yaml yet, the first project's commit
takes it in; a handoff.yaml with uncommitted changes is refused unless --include-changes
commits them too.

Examples:
  handoff new acme-mes --name "ACME MES rollout" --customer "ACME Manufacturing" --sales li.wei
  handoff new globex-crm --implementation zhang.min
  handoff new acme-mes --commit           # in a fresh workspace, handoff.yaml comes along)");
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
    workspace::Transaction transaction(ws, "handoff new " + m_fields.id, m_git);
    const workspace::NewProject made = workspace::create_project(ws, m_fields, transaction);
    if (!made.schema_warning.empty()) {
      print_error(fmt::format("handoff: warning: editor schemas not written: {}\n", made.schema_warning));
    }
    if (!globals.quiet) {
      if (made.wrote_schemas) {
        print(fmt::format("wrote the editor schemas to {}/\n", scaffold::k_schema_dir));
      }
      print(fmt::format("created {}/ ({} records)\n", made.dir, made.records.size()));
      print(fmt::format("next: fill in {}/project.yaml; `handoff check {} --next` says what the next stage needs\n",
                        made.dir, m_fields.id));
      if (m_git.commit) {
        print(fmt::format("{}: committed {} records{} as {}\n", m_fields.id, made.records.size(),
                          made.included.empty() ? std::string() : " with " + support::join_words(made.included),
                          made.commit));
      }
    }
    return k_exit_ok;
  }

private:
  scaffold::ProjectFields m_fields;
  workspace::CommitOptions m_git;
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
