// Git history through libgit2, on real repositories built in temporary folders with the git
// command line (several authors, shallow clones, detached HEAD, empty repositories).
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "git/commit.hpp"
#include "git/history.hpp"
#include "git/log.hpp"
#include "git/repo.hpp"
#include "harness.hpp"
#include "signoff/canonical.hpp"
#include "workspace/workspace.hpp"

namespace fs = std::filesystem;
namespace signoff = handoff::signoff;
using handoff::test::only;
using handoff::test::TempDir;
using handoff::test::write;

namespace {

// Runs git in `dir` as the author `email`; fails the test when git fails.
void git(const std::string& dir, const std::string& args, const std::string& email = "test@example.com")
{
  const std::string command = "cd '" + dir + "' && GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME='" + email
                              + "' GIT_AUTHOR_EMAIL='" + email + "' GIT_COMMITTER_NAME='" + email
                              + "' GIT_COMMITTER_EMAIL='" + email
                              + "' git -c commit.gpgsign=false -c init.defaultBranch=main -c advice.detachedHead=false "
                              + args + " >/dev/null 2>&1";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

// Returns what a shell command prints.
std::string capture(const std::string& command)
{
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
    out += buffer;
  }
  pclose(pipe);
  return out;
}

// Sets an environment variable for the life of the object.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const char* value) : m_name(name)
  {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    setenv(name, value, 1);
  }
  ~ScopedEnv()
  {
    if (m_old) {
      setenv(m_name.c_str(), m_old->c_str(), 1);
    } else {
      unsetenv(m_name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

const std::string k_entry_sales = "  - role: sales\n    person: li.wei\n    date: 2026-10-05\n";
const std::string k_entry_impl = "  - role: implementation\n    person: zhang.min\n    date: 2026-10-06\n";
const std::string k_entry_late = "  - role: sales\n    person: li.wei\n    date: 2026-11-01\n";

std::string entry_digest(const std::string& entry)
{
  const auto parsed = handoff::yaml::parse("signoffs:\n" + entry);
  REQUIRE(parsed.ok);
  return signoff::digest(parsed.root.find("signoffs")->children.front());
}

// A repository holding `prefix`projects/acme/signoffs.yaml: the sales entry committed by
// li.wei, the implementation entry committed by mallory, then a comment by mallory, and an
// uncommitted third entry.
void build_repository(const std::string& repo, const std::string& prefix)
{
  const std::string file = repo + "/" + prefix + "projects/acme/signoffs.yaml";
  git(repo, "init");
  write(file, "signoffs:\n" + k_entry_sales);
  git(repo, "add -A");
  git(repo, "commit -m sales", "li.wei@example.com");
  write(file, "signoffs:\n" + k_entry_sales + k_entry_impl);
  git(repo, "commit -am implementation", "mallory@example.com");
  write(file, "# sign-offs\nsignoffs:\n" + k_entry_sales + k_entry_impl);
  git(repo, "commit -am comment", "mallory@example.com");
  write(file, "# sign-offs\nsignoffs:\n" + k_entry_sales + k_entry_impl + k_entry_late);
}

std::string author_of(const signoff::History& history, const std::string& entry)
{
  const auto author = history.added_by("projects/acme/signoffs.yaml", entry_digest(entry));
  return author ? author->email : "(uncommitted)";
}

}  // namespace

TEST_CASE("git history finds the commit that first added each sign-off entry")
{
  TempDir dir;
  build_repository(dir.path(), "");
  const auto history = handoff::git::open_history(dir.path(), {"projects/acme/signoffs.yaml"});
  REQUIRE(history->state() == signoff::History::State::available);
  CHECK(history->problem() == "");
  CHECK(author_of(*history, k_entry_sales) == "li.wei@example.com");
  CHECK(author_of(*history, k_entry_impl) == "mallory@example.com");
  CHECK(author_of(*history, k_entry_late) == "(uncommitted)");
  const auto author = history->added_by("projects/acme/signoffs.yaml", entry_digest(k_entry_sales));
  REQUIRE(author);
  CHECK(author->commit.size() == 7);
  CHECK(author->name == "li.wei@example.com");
}

TEST_CASE("git history works for a workspace in a subfolder of the repository")
{
  TempDir dir;
  build_repository(dir.path(), "deals/");
  const auto history = handoff::git::open_history(dir.path() + "/deals", {"projects/acme/signoffs.yaml"});
  REQUIRE(history->state() == signoff::History::State::available);
  CHECK(author_of(*history, k_entry_sales) == "li.wei@example.com");
  CHECK(author_of(*history, k_entry_impl) == "mallory@example.com");
}

TEST_CASE("git history follows a detached HEAD")
{
  TempDir dir;
  build_repository(dir.path(), "");
  git(dir.path(), "stash");
  git(dir.path(), "checkout --detach HEAD~2");
  const auto history = handoff::git::open_history(dir.path(), {"projects/acme/signoffs.yaml"});
  REQUIRE(history->state() == signoff::History::State::available);
  CHECK(author_of(*history, k_entry_sales) == "li.wei@example.com");
  CHECK(author_of(*history, k_entry_impl) == "(uncommitted)");
}

TEST_CASE("in an empty repository every entry is uncommitted")
{
  TempDir dir;
  git(dir.path(), "init");
  write(dir.path() + "/projects/acme/signoffs.yaml", "signoffs:\n" + k_entry_sales);
  const auto history = handoff::git::open_history(dir.path(), {"projects/acme/signoffs.yaml"});
  REQUIRE(history->state() == signoff::History::State::available);
  CHECK(author_of(*history, k_entry_sales) == "(uncommitted)");
}

TEST_CASE("a shallow clone cannot be verified")
{
  TempDir dir;
  const std::string origin = dir.path() + "/origin";
  fs::create_directories(origin);
  build_repository(origin, "");
  git(dir.path(), "clone --depth 1 file://" + origin + " clone");
  const auto history = handoff::git::open_history(dir.path() + "/clone", {"projects/acme/signoffs.yaml"});
  CHECK(history->state() == signoff::History::State::incomplete);
  CHECK(history->problem()
        == "the repository is a shallow clone, so the commits that added the sign-offs may be missing (fetch the full "
           "history with `git fetch --unshallow`)");
}

TEST_CASE("outside a repository there is no history")
{
  TempDir dir;
  const auto history = handoff::git::open_history(dir.path(), {"projects/acme/signoffs.yaml"});
  CHECK_FALSE(history->used());
  CHECK(history->state() == signoff::History::State::no_repository);
  CHECK(history->used());
  CHECK(history->problem() == "the workspace is not in a git repository");
}

TEST_CASE("the git identity comes from GIT_AUTHOR_EMAIL first")
{
  TempDir dir;
  const char* old_email = std::getenv("GIT_AUTHOR_EMAIL");
  const char* old_name = std::getenv("GIT_AUTHOR_NAME");
  const std::string saved_email = old_email != nullptr ? old_email : "";
  const std::string saved_name = old_name != nullptr ? old_name : "";
  setenv("GIT_AUTHOR_EMAIL", "li.wei@example.com", 1);
  setenv("GIT_AUTHOR_NAME", "Li Wei", 1);
  const auto me = handoff::git::identity(dir.path());
  CHECK(me.email == "li.wei@example.com");
  CHECK(me.name == "Li Wei");
  if (old_email != nullptr) {
    setenv("GIT_AUTHOR_EMAIL", saved_email.c_str(), 1);
  } else {
    unsetenv("GIT_AUTHOR_EMAIL");
  }
  if (old_name != nullptr) {
    setenv("GIT_AUTHOR_NAME", saved_name.c_str(), 1);
  } else {
    unsetenv("GIT_AUTHOR_NAME");
  }
}

TEST_CASE("file_history lists the commits that changed the files, newest first")
{
  TempDir dir;
  build_repository(dir.path(), "");
  const auto history =
      handoff::git::file_history(dir.path(), {"projects/acme/signoffs.yaml", "projects/acme/plan.yaml"});
  CHECK_FALSE(history.shallow);
  REQUIRE(history.commits.size() == 3);
  CHECK(history.commits[0].summary == "comment");
  CHECK(history.commits[0].author_email == "mallory@example.com");
  CHECK(history.commits[2].summary == "sales");
  CHECK(history.commits[2].author_email == "li.wei@example.com");
  REQUIRE(history.commits[2].files.size() == 1);
  CHECK_FALSE(history.commits[2].files[0].before.has_value());
  CHECK(*history.commits[2].files[0].after == "signoffs:\n" + k_entry_sales);
  CHECK(*history.commits[1].files[0].before == "signoffs:\n" + k_entry_sales);
}

TEST_CASE("file_history in a shallow clone stops where the commits end")
{
  TempDir dir;
  const std::string origin = dir.path() + "/origin";
  fs::create_directories(origin);
  build_repository(origin, "");
  git(dir.path(), "clone --depth 2 file://" + origin + " clone");
  const auto history = handoff::git::file_history(dir.path() + "/clone", {"projects/acme/signoffs.yaml"});
  CHECK(history.shallow);
  REQUIRE(history.commits.size() == 1);
  CHECK(history.commits[0].summary == "comment");
}

TEST_CASE("commit_files commits only the files given, with the user's identity")
{
  TempDir dir;
  build_repository(dir.path(), "");
  write(dir.path() + "/other.txt", "staged by the user\n");
  git(dir.path(), "add other.txt");
  const ScopedEnv name("GIT_AUTHOR_NAME", "Zhang Min");
  const ScopedEnv email("GIT_AUTHOR_EMAIL", "zhang.min@example.com");
  const std::string id =
      handoff::git::commit_files(dir.path(), {"projects/acme/signoffs.yaml"}, "handoff(acme): sign as sales (li.wei)");
  CHECK(id.size() == 7);
  CHECK(capture("cd '" + dir.path() + "' && git log -1 --format='%h %an <%ae> %cn: %s' --name-only")
        == id
               + " Zhang Min <zhang.min@example.com> Zhang Min: handoff(acme): sign as sales (li.wei)\n\n"
                 "projects/acme/signoffs.yaml\n");
  CHECK(capture("cd '" + dir.path() + "' && git status --short") == "A  other.txt\n");
  // The entry committed by Zhang Min is now attributed to Zhang Min.
  const auto history = handoff::git::open_history(dir.path(), {"projects/acme/signoffs.yaml"});
  CHECK(author_of(*history, k_entry_late) == "zhang.min@example.com");
}
