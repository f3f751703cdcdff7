// The writer transaction (lock, snapshot, write, commit or restore) on real repositories built
// in temporary folders with the git command line.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "harness.hpp"
#include "io/lock.hpp"
#include "workspace/transaction.hpp"
#include "workspace/workspace.hpp"

namespace fs = std::filesystem;
using handoff::test::TempDir;
using handoff::test::write;
using handoff::workspace::CommitOptions;
using handoff::workspace::Transaction;
using handoff::workspace::Workspace;

namespace {

using handoff::test::capture;
using handoff::test::ScopedEnv;

void git(const std::string& dir, const std::string& args)
{
  const std::string command = "cd '" + dir
                              + "' && GIT_CONFIG_NOSYSTEM=1 git -c commit.gpgsign=false -c init.defaultBranch=main "
                              + args + " >/dev/null 2>&1";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

const std::string k_config = "people:\n"
                             "  - id: li.wei\n"
                             "    email: li.wei@example.com\n"
                             "    roles: [sales]\n";

// A committed workspace with one project, acme; the git author is li.wei.
struct Repo {
  TempDir dir;
  ScopedEnv name{"GIT_AUTHOR_NAME", "Li Wei"};
  ScopedEnv email{"GIT_AUTHOR_EMAIL", "li.wei@example.com"};
  ScopedEnv committer_name{"GIT_COMMITTER_NAME", "Li Wei"};
  ScopedEnv committer_email{"GIT_COMMITTER_EMAIL", "li.wei@example.com"};
  ScopedEnv nosystem{"GIT_CONFIG_NOSYSTEM", "1"};

  Repo()
  {
    write(path("handoff.yaml"), k_config);
    fs::create_directories(path("projects/acme"));
    write(path("projects/acme/project.yaml"), "id: acme\nstage: opportunity\n");
    write(path("projects/acme/changes.yaml"), "changes: []\n");
    write(path("projects/acme/requirements.yaml"), "requirements: []\n");
    write(path(".gitignore"), ".handoff/\n");
    git(dir.path(), "init -q");
    git(dir.path(), "config commit.gpgsign false");
    git(dir.path(), "add -A");
    git(dir.path(), "commit -qm records");
  }
  std::string path(const std::string& rel) const { return dir.path() + "/" + rel; }
  std::string log() const { return capture("cd '" + dir.path() + "' && git log -1 --format=%s --name-only"); }
  std::string status() const { return capture("cd '" + dir.path() + "' && git status --porcelain"); }
};

const std::string k_changes = "projects/acme/changes.yaml";
const std::string k_requirements = "projects/acme/requirements.yaml";

}  // namespace

TEST_CASE("a transaction commits exactly the files written and leaves other changes alone")
{
  const Repo repo;
  write(repo.path("projects/acme/project.yaml"), "id: acme\nstage: presales\n");  // not the command's
  const Workspace ws(repo.dir.path());
  Transaction transaction(ws, "handoff change acme", CommitOptions{true, false});
  CHECK(transaction.begin({k_changes}, {}, "it matters").empty());
  write(repo.path(k_changes), "changes:\n  - id: CR-001\n");
  const std::string id = transaction.commit("handoff(acme): propose CR-001");
  CHECK(id.size() == 7);
  CHECK(repo.log() == "handoff(acme): propose CR-001\n\nprojects/acme/changes.yaml\n");
  CHECK(repo.status() == " M projects/acme/project.yaml\n");
  CHECK(transaction.included().empty());
}

TEST_CASE("a failed commit puts the written files back and touches nothing else")
{
  const Repo repo;
  write(repo.path("projects/acme/project.yaml"), "id: acme\nstage: presales\n");
  const Workspace ws(repo.dir.path());
  Transaction transaction(ws, "handoff change acme", CommitOptions{true, false});
  transaction.begin({k_changes}, {}, "it matters");
  write(repo.path(k_changes), "changes:\n  - id: CR-001\n");
  // An index git cannot read: the check before writing does not see it, the commit fails.
  fs::remove(repo.path(".git/index"));
  fs::create_directory(repo.path(".git/index"));
  try {
    transaction.commit("handoff(acme): propose CR-001");
    FAIL("the commit should have failed");
  } catch (const handoff::core::ToolError& e) {
    const std::string message = e.what();
    CHECK(message.rfind("cannot open the index: ", 0) == 0);
    CHECK(message.find("; projects/acme/changes.yaml is back as it was: fix the problem and run the command again")
          != std::string::npos);
  }
  CHECK(handoff::test::read(repo.path(k_changes)) == "changes: []\n");
  CHECK(handoff::test::read(repo.path("projects/acme/project.yaml")) == "id: acme\nstage: presales\n");
  fs::remove(repo.path(".git/index"));
  CHECK(capture("cd '" + repo.dir.path() + "' && git log --format=%s") == "records\n");
}

TEST_CASE("a file created by the command is removed again when the commit fails")
{
  const Repo repo;
  const Workspace ws(repo.dir.path());
  Transaction transaction(ws, "handoff sign acme", CommitOptions{true, false});
  transaction.begin({"projects/acme/signoffs.yaml"}, {}, "it matters");
  write(repo.path("projects/acme/signoffs.yaml"), "signoffs: []\n");
  fs::remove(repo.path(".git/index"));
  fs::create_directory(repo.path(".git/index"));
  CHECK_THROWS_AS(transaction.commit("sign"), handoff::core::ToolError);
  CHECK_FALSE(fs::exists(repo.path("projects/acme/signoffs.yaml")));
}

TEST_CASE("records read with uncommitted changes are refused with --commit, included on request, named otherwise")
{
  const Repo repo;
  write(repo.path(k_requirements), "requirements:\n  - id: REQ-001\n");
  const Workspace ws(repo.dir.path());
  SUBCASE("refused")
  {
    Transaction transaction(ws, "handoff advance acme", CommitOptions{true, false});
    CHECK_THROWS_WITH_AS(transaction.begin({k_changes}, {k_requirements, k_changes}, "the gates read it"),
                         "projects/acme/requirements.yaml is not committed as it is on disk, and the gates read "
                         "it: commit it first (or undo the changes), or give --include-changes to commit it too; "
                         "nothing was written",
                         handoff::core::UserError);
  }
  SUBCASE("an uncommitted edit of the file written is refused too")
  {
    git(repo.dir.path(), "commit -qam requirements");
    write(repo.path(k_changes), "changes:\n  - id: CR-001\n");
    Transaction transaction(ws, "handoff change acme", CommitOptions{true, false});
    CHECK_THROWS_WITH_AS(transaction.begin({k_changes}, {}, "the commit would take them in"),
                         "projects/acme/changes.yaml is not committed as it is on disk, and the commit would take "
                         "them in: commit it first (or undo the changes), or give --include-changes to commit it "
                         "too; nothing was written",
                         handoff::core::UserError);
  }
  SUBCASE("included")
  {
    Transaction transaction(ws, "handoff advance acme", CommitOptions{true, true});
    CHECK(transaction.begin({k_changes}, {k_requirements}, "the gates read it").empty());
    CHECK(transaction.included() == std::vector<std::string>{k_requirements});
    write(repo.path(k_changes), "changes:\n  - id: CR-001\n");
    transaction.commit("both");
    CHECK(repo.log() == "both\n\nprojects/acme/changes.yaml\nprojects/acme/requirements.yaml\n");
    CHECK(repo.status().empty());
  }
  SUBCASE("without --commit they are returned for a warning")
  {
    Transaction transaction(ws, "handoff advance acme", CommitOptions{false, false});
    CHECK(transaction.begin({k_changes}, {k_requirements}, "x") == std::vector<std::string>{k_requirements});
    CHECK(handoff::workspace::uncommitted_warning({k_requirements}, "advance checks its gates on those versions")
          == "handoff: warning: projects/acme/requirements.yaml is not committed as it is on disk, and advance "
             "checks its gates on those versions: commit it together with what this command wrote\n");
    CHECK(handoff::workspace::uncommitted_warning({k_requirements, k_changes}, "advance checks its gates on those "
                                                                               "versions")
          == "handoff: warning: requirements.yaml and changes.yaml in projects/acme/ are not committed as they are "
             "on disk, and advance checks its gates on those versions: commit them together with what this "
             "command wrote\n");
  }
}

TEST_CASE("a lock held by another writer is a usage error once the wait is over")
{
  const Repo repo;
  const Workspace ws(repo.dir.path());
  const handoff::io::WorkspaceLock held(repo.dir.path(), "handoff sign acme", std::chrono::milliseconds(0));
  const ScopedEnv timeout("HANDOFF_LOCK_TIMEOUT", "0");
  CHECK_THROWS_AS(Transaction(ws, "handoff change acme", CommitOptions{}), handoff::core::UserError);
}

TEST_CASE("the identity is checked before anything is written")
{
  const Repo repo;
  const Workspace ws(repo.dir.path());
  Transaction transaction(ws, "handoff sign acme", CommitOptions{true, false});
  CHECK_NOTHROW(transaction.require_identity(ws.config(), "li.wei", "sign --commit would sign for sales"));
  const ScopedEnv other("GIT_AUTHOR_EMAIL", "mallory@example.com");
  CHECK_THROWS_WITH_AS(transaction.require_identity(ws.config(), "li.wei", "sign --commit would sign for sales"),
                       "sign --commit would sign for sales as li.wei, but the commit would be authored by "
                       "mallory@example.com while handoff.yaml gives li.wei the e-mail li.wei@example.com, and HF414 "
                       "accepts it only in a commit by the person it names: set GIT_AUTHOR_EMAIL=li.wei@example.com "
                       "(or unset it and run `git config user.email li.wei@example.com`), then run the command "
                       "again; nothing was written",
                       handoff::core::UserError);
}

TEST_CASE("a repository git cannot read stops --commit before anything is written")
{
  const Repo repo;
  fs::remove(repo.path(".git/index"));
  fs::create_directory(repo.path(".git/index"));
  const Workspace ws(repo.dir.path());
  Transaction committing(ws, "handoff change acme", CommitOptions{true, false});
  CHECK_THROWS_AS(committing.begin({k_changes}, {}, "x"), handoff::core::ToolError);
}

TEST_CASE("without --commit a repository git cannot read gives no warning and no error")
{
  const Repo repo;
  fs::remove(repo.path(".git/index"));
  fs::create_directory(repo.path(".git/index"));
  const Workspace ws(repo.dir.path());
  Transaction transaction(ws, "handoff change acme", CommitOptions{});
  CHECK(transaction.begin({k_changes}, {k_requirements}, "x").empty());
}
