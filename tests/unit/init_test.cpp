// `handoff init` in the library (workspace/init.cpp), on a real temporary folder.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.hpp"
#include "git/repo.hpp"
#include "harness.hpp"
#include "scaffold/scaffold.hpp"
#include "workspace/init.hpp"
#include "workspace/transaction.hpp"
#include "workspace/workspace.hpp"

using namespace handoff;
namespace fs = std::filesystem;

TEST_CASE("init writes handoff.yaml, projects/ and the editor schemas, and never overwrites")
{
  const test::TempDir tmp;
  const std::string dir = tmp.path() + "/records";
  const workspace::Init done = workspace::init_workspace(dir);
  CHECK(done.config == dir + "/handoff.yaml");
  CHECK(done.projects == dir + "/projects");
  CHECK(fs::is_regular_file(done.config));
  CHECK(fs::is_directory(done.projects));
  CHECK(done.schema_dir == dir + "/.handoff/schema");
  CHECK(fs::is_directory(done.schema_dir));
  if (git::inside_work_tree(tmp.path())) {
    CHECK_FALSE(done.git_initialised);  // the enclosing repository serves
  } else {
    CHECK((done.git_initialised || !done.git_warning.empty()));
  }
  CHECK_THROWS_WITH_AS(workspace::init_workspace(dir),
                       (dir + "/handoff.yaml already exists: this is a handoff workspace already").c_str(),
                       core::UserError);
  CHECK_FALSE(workspace::ensure_schemas(dir));  // there already
}

TEST_CASE("init refuses a path that is a file")
{
  const test::TempDir tmp;
  test::write(tmp.path() + "/file", "x");
  CHECK_THROWS_WITH_AS(workspace::init_workspace(tmp.path() + "/file"),
                       (tmp.path() + "/file exists and is not a folder").c_str(), core::UserError);
}

TEST_CASE("new creates the project folder with its records once, and the editor schemas when missing")
{
  const test::TempDir tmp;
  workspace::init_workspace(tmp.path());
  fs::remove_all(tmp.path() + "/.handoff/schema");
  const workspace::Workspace ws(tmp.path());
  const scaffold::ProjectFields fields{"acme-mes", "ACME MES rollout", "ACME Manufacturing", "li.wei", ""};
  workspace::Transaction transaction(ws, "handoff new acme-mes", workspace::CommitOptions{});
  const workspace::NewProject made = workspace::create_project(ws, fields, transaction);
  CHECK(made.dir == "projects/acme-mes");
  REQUIRE(made.records.size() == 8);
  CHECK(made.records.front() == "projects/acme-mes/project.yaml");
  for (const auto& record : made.records) {
    CHECK(fs::is_regular_file(tmp.path() + "/" + record));
  }
  CHECK(made.wrote_schemas);
  CHECK(made.schema_warning.empty());
  CHECK(made.commit.empty());
  CHECK(test::read(tmp.path() + "/projects/acme-mes/project.yaml").find("name: ACME MES rollout\n")
        != std::string::npos);
  test::write(tmp.path() + "/projects/acme-mes/project.yaml", "id: acme-mes\n");
  CHECK_THROWS_WITH_AS(workspace::create_project(ws, fields, transaction),
                       "project \"acme-mes\" already exists in projects/; not touching it", core::UserError);
  CHECK(test::read(tmp.path() + "/projects/acme-mes/project.yaml") == "id: acme-mes\n");
}
