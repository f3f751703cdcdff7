// Git history through libgit2, on real repositories built in temporary folders with the git
// command line (several authors, shallow clones, detached HEAD, empty repositories).
#include <doctest/doctest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "git/commit.hpp"
#include "git/history.hpp"
#include "git/log.hpp"
#include "git/repo.hpp"
#include "harness.hpp"
#include "signoff/canonical.hpp"
#include "workspace/workspace.hpp"

namespace fs = std::filesystem;
namespace signoff = handoff::signoff;
using handoff::test::capture;
using handoff::test::edit;
using handoff::test::only;
using handoff::test::ScopedEnv;
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

namespace {

const std::string k_entry_y_sales = "  - role: sales\n    person: li.wei\n    date: 2026-10-20\n";
const std::string k_entry_y_impl = "  - role: implementation\n    person: zhang.min\n    date: 2026-10-21\n";

// Returns the abbreviated id of HEAD.
std::string head_of(const std::string& repo)
{
  std::string id = capture("cd '" + repo + "' && git rev-parse --short=7 HEAD");
  return id.substr(0, id.find('\n'));
}

// Returns "role person date added_in dropped_in edited/removed" for each committed entry, with
// the commit ids replaced by their names in `names`.
std::string committed_of(const signoff::History& history, const std::map<std::string, std::string>& names)
{
  const auto name = [&](const std::string& id) {
    const auto found = names.find(id);
    return id.empty() ? std::string("-") : found == names.end() ? id : found->second;
  };
  std::string out;
  for (const auto& e : history.committed("projects/acme/signoffs.yaml")) {
    out += e.role + " " + e.date + " added " + name(e.added_in) + " dropped " + name(e.dropped_in)
           + (e.dropped_in.empty() ? " at " + std::to_string(e.head_index)
              : e.edited           ? " edited"
                                   : " removed")
           + "\n";
  }
  return out;
}

// Returns the lines of `text` sorted (the order of commits on two branches is not defined).
std::string sorted(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) {
    out += line;
  }
  return out;
}

}  // namespace

TEST_CASE("git history finds the commit that removed or edited a committed sign-off entry")
{
  TempDir dir;
  const std::string repo = dir.path();
  const std::string file = repo + "/projects/acme/signoffs.yaml";
  std::map<std::string, std::string> names;
  git(repo, "init");
  write(file, "signoffs:\n" + k_entry_sales + k_entry_impl);
  git(repo, "add -A");
  git(repo, "commit -m x");
  names[head_of(repo)] = "X";
  write(file, "signoffs:\n" + k_entry_sales + k_entry_impl + k_entry_y_sales + k_entry_y_impl);
  git(repo, "commit -am y");
  names[head_of(repo)] = "Y";
  // The rollback: both Y entries deleted.
  write(file, "signoffs:\n" + k_entry_sales + k_entry_impl);
  git(repo, "commit -am rollback");
  names[head_of(repo)] = "R";
  {
    const auto history = handoff::git::open_history(repo, {"projects/acme/signoffs.yaml"});
    REQUIRE(history->state() == signoff::History::State::available);
    CHECK(committed_of(*history, names)
          == "sales 2026-10-05 added X dropped - at 0\n"
             "implementation 2026-10-06 added X dropped - at 1\n"
             "sales 2026-10-20 added Y dropped R removed\n"
             "implementation 2026-10-21 added Y dropped R removed\n");
    // HF414 still finds who added each entry.
    CHECK(author_of(*history, k_entry_y_impl) == "test@example.com");
  }
  // Put back (a revert), then the first entry edited in place and the file reformatted.
  git(repo, "revert --no-edit HEAD");
  write(file, "# sign-offs\nsignoffs:\n" + edit(k_entry_sales, "2026-10-05", "2026-10-04") + k_entry_impl
                  + k_entry_y_sales + k_entry_y_impl);
  git(repo, "commit -am edit");
  names[head_of(repo)] = "E";
  {
    const auto history = handoff::git::open_history(repo, {"projects/acme/signoffs.yaml"});
    CHECK(committed_of(*history, names)
          == "sales 2026-10-05 added X dropped E edited\n"
             "implementation 2026-10-06 added X dropped - at 1\n"
             "sales 2026-10-20 added Y dropped - at 2\n"
             "implementation 2026-10-21 added Y dropped - at 3\n"
             "sales 2026-10-04 added E dropped - at 0\n");
  }
  // Deleting the file drops every entry.
  git(repo, "rm -q projects/acme/signoffs.yaml");
  git(repo, "commit -m gone");
  names[head_of(repo)] = "G";
  {
    const auto history = handoff::git::open_history(repo, {"projects/acme/signoffs.yaml"});
    CHECK(committed_of(*history, names)
          == "sales 2026-10-05 added X dropped E edited\n"
             "implementation 2026-10-06 added X dropped G removed\n"
             "sales 2026-10-20 added Y dropped G removed\n"
             "implementation 2026-10-21 added Y dropped G removed\n"
             "sales 2026-10-04 added E dropped G removed\n");
  }
}

TEST_CASE("git history compares a merge with each parent: a merge that drops a branch's entry is named")
{
  TempDir dir;
  const std::string repo = dir.path();
  const std::string file = repo + "/projects/acme/signoffs.yaml";
  std::map<std::string, std::string> names;
  git(repo, "init");
  write(file, "signoffs:\n" + k_entry_sales);
  git(repo, "add -A");
  git(repo, "commit -m base");
  names[head_of(repo)] = "B";
  git(repo, "checkout -q -b side");
  write(file, "signoffs:\n" + k_entry_sales + k_entry_impl);
  git(repo, "commit -am side");
  names[head_of(repo)] = "S";
  git(repo, "checkout -q main");
  write(file, "signoffs:\n" + k_entry_sales + k_entry_late);
  git(repo, "commit -am main");
  names[head_of(repo)] = "L";
  {
    // A merge that keeps both sides' entries drops nothing.
    git(repo, "merge -q --no-edit side >/dev/null 2>&1 || true");
    write(file, "signoffs:\n" + k_entry_sales + k_entry_late + k_entry_impl);
    git(repo, "commit -qam merged");
    const auto history = handoff::git::open_history(repo, {"projects/acme/signoffs.yaml"});
    CHECK(sorted(committed_of(*history, names))
          == "implementation 2026-10-06 added S dropped - at 2\n"
             "sales 2026-10-05 added B dropped - at 0\n"
             "sales 2026-11-01 added L dropped - at 1\n");
    git(repo, "reset -q --hard HEAD~1");
  }
  // A merge that keeps only main's version drops the side's entry.
  git(repo, "merge -q -s ours --no-edit side");
  names[head_of(repo)] = "M";
  const auto history = handoff::git::open_history(repo, {"projects/acme/signoffs.yaml"});
  CHECK(sorted(committed_of(*history, names))
        == "implementation 2026-10-06 added S dropped M removed\n"
           "sales 2026-10-05 added B dropped - at 0\n"
           "sales 2026-11-01 added L dropped - at 1\n");
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
           "history: `git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout, `GIT_DEPTH: 0` in GitLab CI)");
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
