#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "io/lock.hpp"
#include "io/write.hpp"
#include "output/status.hpp"
#include "scaffold/scaffold.hpp"
#include "workspace/advance.hpp"
#include "workspace/status.hpp"
#include "yaml/document.hpp"

namespace fs = std::filesystem;
using namespace handoff;
using handoff::test::lines;
using handoff::test::TempDir;

TEST_CASE("an empty mapping value is placed at its key, not on the next line")
{
  const auto doc = yaml::parse("a:\nb: 1\nlist:\n  - x\n");
  REQUIRE(doc.ok);
  const yaml::Node* a = doc.root.find("a");
  REQUIRE(a != nullptr);
  CHECK(a->is_null());
  CHECK(a->pos.line == 1);
  CHECK(a->pos.column == 1);
}

TEST_CASE("replace_scalar edits one value and keeps every other byte")
{
  const std::string text = "# card\nid: acme  # the id\nstage: handoff   # moved 2026-11-01\nname: x\n";
  CHECK(workspace::replace_scalar(text, {3, 8}, "delivery")
        == "# card\nid: acme  # the id\nstage: delivery   # moved 2026-11-01\nname: x\n");
  CHECK(workspace::replace_scalar("stage: \"handoff\"\n", {1, 8}, "delivery") == "stage: \"delivery\"\n");
  CHECK(workspace::replace_scalar("stage: 'handoff'\r\n", {1, 8}, "delivery") == "stage: 'delivery'\r\n");
  CHECK(workspace::replace_scalar("stage: handoff", {1, 8}, "delivery") == "stage: delivery");
  CHECK_FALSE(workspace::replace_scalar("stage: handoff\n", {2, 1}, "delivery").has_value());
  CHECK_FALSE(workspace::replace_scalar("stage: |\n  handoff\n", {1, 8}, "delivery").has_value());
}

TEST_CASE("advance moves a passing project and preserves comments byte for byte")
{
  TempDir dir;
  const std::string card = "# Project card\n"
                           "id: acme   # folder name\n"
                           "name: ACME\n"
                           "stage:    opportunity   # claimed\n"
                           "customer:\n"
                           "  name: ACME\n"
                           "  contacts:\n"
                           "    - name: Wang Fang\n"
                           "      decision_maker: true\n"
                           "team:\n"
                           "  sales: li.wei\n";
  handoff::test::write(fs::path(dir.path()) / "projects/acme/project.yaml", card);
  handoff::test::write(fs::path(dir.path()) / "projects/acme/requirements.yaml",
                       "requirements:\n  - id: REQ-1\n    title: Order tracking\n    source: RFP 3.2\n");
  const workspace::Workspace ws(fs::path(dir.path()).string());
  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");

  const workspace::Advance moved = workspace::advance(ws, "acme", options);
  CHECK(moved.outcome == workspace::Advance::Outcome::moved);
  std::string expected = card;
  expected.replace(expected.find("opportunity"), std::string("opportunity").size(), "presales");
  CHECK(handoff::test::read(fs::path(dir.path()) / "projects/acme/project.yaml") == expected);

  // presales -> contracted needs the clarify and feasibility gates: blocked, file untouched.
  const workspace::Advance blocked = workspace::advance(ws, "acme", options);
  CHECK(blocked.outcome == workspace::Advance::Outcome::blocked);
  CHECK(blocked.to == core::Stage::contracted);
  CHECK_FALSE(blocked.blockers.empty());
  CHECK(handoff::test::read(fs::path(dir.path()) / "projects/acme/project.yaml") == expected);
}

TEST_CASE("advance refuses a project without a valid stage and a closed one")
{
  TempDir dir;
  handoff::test::write(fs::path(dir.path()) / "projects/acme/project.yaml", "id: acme\nname: ACME\nstage: deliverd\n");
  handoff::test::write(fs::path(dir.path()) / "projects/done/project.yaml", "id: done\nname: Done\nstage: closed\n");
  const workspace::Workspace ws(fs::path(dir.path()).string());
  rules::CheckOptions options;
  options.today = *support::Date::parse("2026-11-20");
  const auto invalid = workspace::advance(ws, "acme", options);
  CHECK(invalid.outcome == workspace::Advance::Outcome::no_stage);
  CHECK(lines(invalid.blockers).find("projects/acme/project.yaml:3:8: error[HF002]") == 0);
  CHECK(workspace::advance(ws, "done", options).outcome == workspace::Advance::Outcome::last_stage);
}

TEST_CASE("a scaffolded project passes the schema gate, with values quoted where YAML needs it")
{
  io::MemoryFileSystem empty;
  model::Config config;
  scaffold::ProjectFields fields{"acme-mes", "ACME: MES #1", "ACME \"Manufacturing\"", "li.wei", ""};
  test::Workspace ws;
  for (const auto& file : scaffold::project_files(empty, config, fields)) {
    ws.file(file.path, file.content);
  }
  const auto out = ws.check("acme-mes");
  CHECK(lines(out.findings) == "");
  const auto loaded = model::load_project(ws.fs(), config, "acme-mes");
  CHECK(*loaded.project.card.name == "ACME: MES #1");
  CHECK(*loaded.project.card.customer_name == "ACME \"Manufacturing\"");
  REQUIRE(loaded.project.card.member("sales") != nullptr);
  CHECK(*loaded.project.card.member("sales")->person == "li.wei");
  CHECK(loaded.project.card.member("implementation") == nullptr);
}

TEST_CASE("a workspace template overrides the built-in one by file name")
{
  io::MemoryFileSystem fs;
  fs.add("templates/risks.yaml", "# our register\nrisks: []\n");
  const auto files = scaffold::project_files(fs, model::Config{}, {"x", "", "", "", ""});
  bool found = false;
  for (const auto& f : files) {
    if (f.path == "projects/x/risks.yaml") {
      CHECK(f.content == "# our register\nrisks: []\n");
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("project ids and people are validated before anything is written")
{
  CHECK(scaffold::invalid_project_id("../x").has_value());
  CHECK(scaffold::invalid_project_id("Acme").has_value());
  CHECK_FALSE(scaffold::invalid_project_id("acme-mes").has_value());

  test::Workspace ws;
  ws.file("handoff.yaml",
          "version: 1\npeople:\n  - id: li.wei\n    roles: [sales]\n  - id: zhang.min\n    roles: [implementation]\n");
  const auto config = model::load_config(ws.fs()).config;
  const auto problems = scaffold::check_people(config, {"x", "", "", "li.wie", "li.wei"});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "--sales: \"li.wie\" is not in the people registry of handoff.yaml (did you mean \"li.wei\"?)");
  CHECK(problems[1] == "--implementation: li.wei does not hold the implementation role (roles: sales)");
}

TEST_CASE("create_folder_atomic creates all files or nothing, and never overwrites")
{
  TempDir dir;
  const std::string target = (fs::path(dir.path()) / "p").string();
  CHECK_FALSE(io::create_folder_atomic(target, {{"a.yaml", "a: 1\n"}, {"b.yaml", "b: 2\n"}}).has_value());
  CHECK(handoff::test::read(fs::path(dir.path()) / "p/a.yaml") == "a: 1\n");
  CHECK(handoff::test::read(fs::path(dir.path()) / "p/b.yaml") == "b: 2\n");
  const auto again = io::create_folder_atomic(target, {{"a.yaml", "changed\n"}});
  REQUIRE(again.has_value());
  CHECK(*again == target + " already exists; not overwriting it");
  CHECK(handoff::test::read(fs::path(dir.path()) / "p/a.yaml") == "a: 1\n");
  // A failing file (a name with a missing folder) leaves nothing behind.
  const std::string other = (fs::path(dir.path()) / "q").string();
  CHECK(io::create_folder_atomic(other, {{"ok.yaml", "x\n"}, {"missing/no.yaml", "y\n"}}).has_value());
  CHECK_FALSE(fs::exists(other));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(fs::path(dir.path()))) {
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("status summarizes the next milestone, open changes and the top live risk")
{
  test::Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\n");
  ws.file("projects/p/plan.yaml", "milestones:\n"
                                  "  - {id: M1, name: Done, due: 2026-10-01, status: done}\n"
                                  "  - {id: M3, name: Later, due: 2026-12-20}\n"
                                  "  - {id: M2, name: Sooner, due: 2026-12-01, status: in_progress}\n");
  ws.file("projects/p/changes.yaml", "changes:\n"
                                     "  - {id: CR-1, title: A, status: implemented}\n"
                                     "  - {id: CR-2, title: B, status: approved}\n"
                                     "  - {id: CR-3, title: C}\n");
  ws.file("projects/p/risks.yaml", "risks:\n"
                                   "  - {id: R-1, title: Big but closed, probability: 5, impact: 5, status: closed}\n"
                                   "  - {id: R-2, title: Live, probability: 3, impact: 4}\n");
  const auto config = model::load_config(ws.fs()).config;
  const auto loaded = model::load_project(ws.fs(), config, "p");
  const auto outcome = ws.check("p");
  const auto row = output::summarize(outcome, loaded.project);
  REQUIRE(row.next_milestone.has_value());
  CHECK(row.next_milestone->id == "M2");
  CHECK(row.open_changes == 2);
  REQUIRE(row.top_risk.has_value());
  CHECK(row.top_risk->id == "R-2");
  CHECK(row.top_risk->score == 12);
  CHECK(output::status_text({row}, false)
        == "PROJECT  STAGE        READY FOR    FAILING GATES  NEXT MILESTONE  OPEN CRS  TOP RISK\n"
           "p        opportunity  opportunity  -              M2 2026-12-01   2         R-2 (12)\n"
           "1 project, 0 failing a gate\n");
}

TEST_CASE("write_atomic keeps the mode and refuses to replace a file that changed since it was read")
{
  TempDir dir;
  const std::string path = (fs::path(dir.path()) / "plan.yaml").string();
  handoff::test::write(path, "old\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  CHECK_FALSE(io::write_atomic(path, "new\n", std::string("old\n")).has_value());
  CHECK(handoff::test::read(path) == "new\n");
  CHECK((fs::status(path).permissions() & fs::perms::all)
        == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  const auto refused = io::write_atomic(path, "newer\n", std::string("old\n"));
  REQUIRE(refused.has_value());
  CHECK(*refused == path + " changed since it was read; not replacing it (run the command again)");
  CHECK(handoff::test::read(path) == "new\n");
  // Nothing is left behind: no temporary files.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(fs::path(dir.path()))) {
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("every component of a path is resolved: whatever leads out of the root is outside")
{
  TempDir dir;
  handoff::test::write(fs::path(dir.path()) / "ws/projects/good/project.yaml", "id: good\n");
  handoff::test::write(fs::path(dir.path()) / "out/project.yaml", "id: evil\n");
  fs::create_directory_symlink(fs::path(dir.path()) / "out", fs::path(dir.path()) / "ws/projects/evil");
  fs::create_directory_symlink("good", fs::path(dir.path()) / "ws/projects/alias");  // stays inside
  const io::DiskFileSystem disk((fs::path(dir.path()) / "ws").string());
  CHECK(disk.kind("projects/good/project.yaml") == io::FileKind::regular);
  CHECK(disk.kind("projects/alias/project.yaml") == io::FileKind::regular);
  CHECK(disk.kind("projects/evil") == io::FileKind::outside);
  CHECK(disk.kind("projects/evil/project.yaml") == io::FileKind::outside);
  CHECK(disk.kind("projects/evil/changes.yaml") == io::FileKind::outside);  // missing, but outside
  CHECK(disk.kind("../out/project.yaml") == io::FileKind::outside);
  CHECK(disk.kind("/etc/passwd") == io::FileKind::outside);
  CHECK(disk.list("projects/evil").empty());
  CHECK(disk.list("..").empty());
  CHECK_FALSE(disk.read("projects/evil/project.yaml", 1000).ok);
}

TEST_CASE("projects: must stay inside the workspace")
{
  TempDir dir;
  handoff::test::write(fs::path(dir.path()) / "handoff.yaml", "version: 1\nprojects: ../x\n");
  const workspace::Workspace outside(fs::path(dir.path()).string());
  REQUIRE(outside.config_errors().size() == 1);
  CHECK(outside.config_errors()[0]
        == "handoff.yaml:2:11: projects: \"../x\" is not a folder inside the workspace; give a relative path below the "
           "workspace root, such as projects [HF002]");
  handoff::test::write(fs::path(dir.path()) / "handoff.yaml", "version: 1\nprojects: records/./p\n");
  CHECK(workspace::Workspace(fs::path(dir.path()).string()).config_errors().empty());
}

TEST_CASE("the workspace lock: a second writer waits, then names the holder")
{
  TempDir dir;
  const io::WorkspaceLock first(fs::path(dir.path()).string(), "handoff change acme-mes", std::chrono::seconds(0));
  CHECK(handoff::test::read(fs::path(dir.path()) / ".handoff/lock").find(": handoff change acme-mes\n")
        != std::string::npos);
  CHECK(handoff::test::read(fs::path(dir.path()) / ".handoff/.gitignore").find("/lock\n") != std::string::npos);
  try {
    const io::WorkspaceLock second(fs::path(dir.path()).string(), "handoff sign acme-mes",
                                   std::chrono::milliseconds(100));
    FAIL("the second lock was taken");
  } catch (const io::LockError& e) {
    const std::string message = e.what();
    CHECK(message.find("another handoff command is writing in this workspace (pid ") == 0);
    CHECK(message.find(": handoff change acme-mes); waited 1 s for it: let it finish and run the command again")
          != std::string::npos);
  }
}

namespace {

// The folder that the hook below swaps for a link to `g_swap_to` just before the rename.
fs::path g_swap_from;
fs::path g_swap_to;

void swap_folder_for_link()
{
  fs::rename(g_swap_from, fs::path(g_swap_from.string() + ".moved"));
  fs::create_directory_symlink(g_swap_to, g_swap_from);
}

}  // namespace

TEST_CASE("a write confined to the workspace cannot be led out of it, not even by a link swapped in meanwhile")
{
  TempDir dir;
  const fs::path ws = fs::path(dir.path()) / "ws";
  const fs::path out = fs::path(dir.path()) / "out";
  handoff::test::write(ws / "projects/p/changes.yaml", "changes: []\n");
  fs::create_directories(out);
  fs::create_directory_symlink(out, ws / "projects/evil");
  fs::create_directory_symlink("p", ws / "projects/alias");  // stays inside

  // A folder that leads out when the write starts: refused, nothing written anywhere.
  const std::string evil = (ws / "projects/evil/changes.yaml").string();
  const auto refused = io::create_atomic(evil, "changes: [x]\n", ws.string());
  REQUIRE(refused.has_value());
  CHECK(*refused
        == (ws / "projects/evil").string()
               + " leads out of the workspace (a symbolic link, or one swapped in while writing); handoff writes only "
                 "inside the workspace, and nothing was written");
  CHECK(io::write_atomic(evil, "changes: [x]\n", std::nullopt, ws.string()) == refused);
  CHECK(io::create_folder_atomic((ws / "projects/evil/q").string(), {{"project.yaml", "id: q\n"}}, ws.string())
        == refused);
  CHECK(fs::is_empty(out));
  // A link that stays inside is fine; without a root (a path the user named) nothing is confined.
  CHECK_FALSE(
      io::write_atomic((ws / "projects/alias/changes.yaml").string(), "changes: [a]\n", std::nullopt, ws.string()));
  CHECK(handoff::test::read(ws / "projects/p/changes.yaml") == "changes: [a]\n");
  CHECK_FALSE(io::create_atomic((out / "report.md").string(), "# r\n"));

  // The folder is swapped for a link out after it was checked, before the rename: the write
  // still lands in the folder it opened, and nothing reaches the outside.
  fs::remove(out / "report.md");
  g_swap_from = ws / "projects/p";
  g_swap_to = out;
  io::set_before_rename_hook(swap_folder_for_link);
  const auto swapped = io::write_atomic((ws / "projects/p/changes.yaml").string(), "changes: [b]\n",
                                        std::string("changes: [a]\n"), ws.string());
  io::set_before_rename_hook(nullptr);
  CHECK_FALSE(swapped);
  CHECK(fs::is_empty(out));
  CHECK(handoff::test::read(ws / "projects/p.moved/changes.yaml") == "changes: [b]\n");
}

TEST_CASE("a read cannot be led out of the workspace by a link swapped in after the path was checked")
{
  TempDir dir;
  const fs::path ws = fs::path(dir.path()) / "ws";
  handoff::test::write(ws / "projects/p/project.yaml", "id: p\n");
  handoff::test::write(fs::path(dir.path()) / "out/project.yaml", "id: secret\n");
  const io::DiskFileSystem disk(ws.string());
  CHECK(disk.read("projects/p/project.yaml", 1000).data == "id: p\n");
  g_swap_from = ws / "projects/p";
  g_swap_to = fs::path(dir.path()) / "out";
  io::set_before_open_hook(swap_folder_for_link);
  const io::ReadResult read = disk.read("projects/p/project.yaml", 1000);
  io::set_before_open_hook(nullptr);
  CHECK_FALSE(read.ok);
  CHECK(read.data.empty());
  CHECK(read.error == "is a symbolic link that leaves the workspace or loops");
}

TEST_CASE("stale temporary files of any target in the folder are removed by the next write")
{
  TempDir dir;
  handoff::test::write(fs::path(dir.path()) / "changes.yaml", "changes: []\n");
  handoff::test::write(fs::path(dir.path()) / ".changes.yaml.handoff-AbC123", "half");
  handoff::test::write(fs::path(dir.path()) / ".changes.yaml.handoff-Fresh1", "half");
  handoff::test::write(fs::path(dir.path()) / ".plan.yaml.handoff-Old123", "other target");
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(fs::path(dir.path()) / ".changes.yaml.handoff-AbC123", old);
  fs::last_write_time(fs::path(dir.path()) / ".plan.yaml.handoff-Old123", old);
  for (const char* other : {".plan.yaml.handoff-not-ours", ".handoff-Abc123"}) {
    handoff::test::write(fs::path(dir.path()) / other, "not a temporary file of handoff");
    fs::last_write_time(fs::path(dir.path()) / other, old);
  }
  CHECK_FALSE(io::write_atomic((fs::path(dir.path()) / "changes.yaml").string(), "changes: [a]\n"));
  CHECK_FALSE(fs::exists(fs::path(dir.path()) / ".changes.yaml.handoff-AbC123"));
  CHECK(fs::exists(fs::path(dir.path()) / ".changes.yaml.handoff-Fresh1"));
  CHECK_FALSE(fs::exists(fs::path(dir.path()) / ".plan.yaml.handoff-Old123"));  // a killed write of plan.yaml
  CHECK(fs::exists(fs::path(dir.path()) / ".plan.yaml.handoff-not-ours"));
  CHECK(fs::exists(fs::path(dir.path()) / ".handoff-Abc123"));
}
