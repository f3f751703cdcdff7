#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <utility>

#include "harness.hpp"
#include "signoff/append.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "signoff/change.hpp"
#include "signoff/diff.hpp"
#include "signoff/history.hpp"
#include "signoff/sign.hpp"

using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;
namespace signoff = handoff::signoff;
namespace yaml = handoff::yaml;

using handoff::test::edit;

namespace {

std::string digest_of(const std::string& text)
{
  const auto parsed = yaml::parse(text);
  REQUIRE(parsed.ok);
  return signoff::digest(parsed.root);
}

const std::string k_config = "version: 1\n"
                             "people:\n"
                             "  - id: li.wei\n"
                             "    email: li.wei@example.com\n"
                             "    roles: [sales]\n"
                             "  - id: zhang.min\n"
                             "    email: Zhang.Min@example.com\n"
                             "    roles: [implementation, pm]\n"
                             "  - id: chen.jie\n"
                             "    roles: [sales]\n";

// A signed project. Line numbers matter to the tests below.
struct Base {
  std::string stage = "delivery";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"  // 2
                             "    title: Order tracking\n"
                             "    priority: must\n"
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"
                             "  - id: REQ-002\n"  // 7
                             "    title: Yield report\n"
                             "    priority: should\n"
                             "    status: clarified\n";
  std::string plan = "milestones:\n"
                     "  - id: M1\n"  // 2
                     "    name: Blueprint signed\n"
                     "    due: 2026-12-15\n"
                     "    status: planned\n"
                     "  - id: M2\n"  // 6
                     "    name: Order tracking live\n"
                     "    due: 2027-03-31\n"
                     "    covers: [REQ-001, REQ-002]\n";
  std::string changes;

  Workspace unsigned_workspace() const
  {
    Workspace ws;
    ws.file("handoff.yaml", k_config);
    ws.file("projects/acme/project.yaml",
            "id: acme\nname: ACME\nstage: " + stage + "\nteam:\n  sales: li.wei\n  implementation: zhang.min\n");
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", "assessed_by: zhang.min\n");
    ws.file("projects/acme/plan.yaml", plan);
    if (!changes.empty()) {
      ws.file("projects/acme/changes.yaml", changes);
    }
    return ws;
  }

  // Signed by sales on 2026-10-05 (entry at line 2) and implementation on 2026-10-06 (line 17).
  Workspace workspace() const
  {
    Workspace ws = unsigned_workspace();
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }
};

// Checks `ws` after replacing requirements.yaml and plan.yaml with `after`'s.
std::string findings_after(const Base& before, const Base& after, const std::string& rule)
{
  Workspace ws = before.workspace();
  ws.file("projects/acme/requirements.yaml", after.requirements);
  ws.file("projects/acme/plan.yaml", after.plan);
  if (!after.changes.empty()) {
    ws.file("projects/acme/changes.yaml", after.changes);
  }
  return only(ws.check("acme").findings, rule);
}

// History as a test wants it.
class FakeHistory final : public signoff::History {
public:
  State state_value = State::available;
  std::string problem_text;
  std::map<std::string, signoff::Author> authors;  // entry digest -> author
  std::vector<signoff::CommittedEntry> entries;    // every entry committed, for HF420

  std::string problem() const override { return problem_text; }
  std::vector<signoff::CommittedEntry> committed(const std::string& path) const override
  {
    CHECK(path == "projects/acme/signoffs.yaml");
    return entries;
  }
  std::optional<signoff::Author> added_by(const std::string& path, const std::string& entry) const override
  {
    CHECK(path == "projects/acme/signoffs.yaml");
    const auto found = authors.find(entry);
    return found == authors.end() ? std::nullopt : std::optional<signoff::Author>(found->second);
  }

private:
  State do_state() const override { return state_value; }
};

// Returns the digests of the entries of a signoffs.yaml.
std::vector<std::string> entries_of(const Workspace& ws)
{
  const auto read = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20);
  REQUIRE(read.ok);
  const auto parsed = yaml::parse(read.data);
  std::vector<std::string> out;
  for (const auto& entry : parsed.root.find("signoffs")->children) {
    out.push_back(signoff::digest(entry));
  }
  return out;
}

}  // namespace

// --- canonical form --------------------------------------------------------------------------

TEST_CASE("the canonical form is length-prefixed, sorted and leaves out null values")
{
  const auto parsed = yaml::parse("b: [x, ~]\na: 'it''s'\nc:\nd: {}\n");
  REQUIRE(parsed.ok);
  CHECK(signoff::canonical_form(parsed.root) == "{3:'1:a'4:it's'1:b[2:'1:x~]'1:d{0:}}");
}

TEST_CASE("SHA-256 digests are tagged with their algorithm")
{
  CHECK(signoff::sha256("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("digests are stable under reformatting and comments")
{
  const std::string block = "# the plan\n"
                            "milestones:\n"
                            "  - id: M1\n"
                            "    name: Blueprint signed   # agreed in the workshop\n"
                            "    covers: [REQ-001, REQ-002]\n"
                            "    acceptance: |\n"
                            "      Customer signs\n";
  const std::string flow = "milestones: [{acceptance: \"Customer signs\\n\", covers: [\"REQ-001\", 'REQ-002'],\n"
                           "  name: Blueprint signed, id: M1, owner: }]\n";
  CHECK(digest_of(block) == digest_of(flow));
  CHECK(digest_of(block) != digest_of(edit(block, "REQ-002", "REQ-003")));
  CHECK(digest_of(block) != digest_of(edit(block, "[REQ-001, REQ-002]", "[REQ-002, REQ-001]")));
  CHECK(digest_of("a: 1.10\n") != digest_of("a: 1.1\n"));
  CHECK(digest_of("a: [\"x\", \"y\"]\n") != digest_of("a: [\"x y\"]\n"));
}

TEST_CASE("the worked example of docs/signoffs.md")
{
  Base base;
  base.plan = "milestones:\n"
              "  - id: M1            # kickoff\n"
              "    name: Blueprint signed\n"
              "    due: 2026-11-15\n"
              "    covers:\n"
              "      - REQ-001\n"
              "      - REQ-002\n"
              "    status: planned\n";
  const auto content_of = [](const Base& b) {
    const Workspace ws = b.unsigned_workspace();
    const auto config = handoff::model::load_config(ws.fs());
    return signoff::content_of(handoff::model::load_project(ws.fs(), config.config, "acme").project);
  };
  const auto digest = content_of(base).item("M1")->digest;
  CHECK(digest == "sha256:b6fe546905077837deb2a5914836dd315c6c2cc0b3e7708e838a635f51c03980");
  CHECK(signoff::sha256("{4:'6:covers[2:'7:REQ-001'7:REQ-002]'3:due'10:2026-11-15'2:id'2:M1'4:name'16:Blueprint "
                        "signed}")
        == digest);
  base.plan = "milestones:\n"
              "  - {name: \"Blueprint signed\", id: M1, covers: [REQ-001, REQ-002], due: 2026-11-15, status: done}\n";
  CHECK(content_of(base).item("M1")->digest == digest);
  base.plan = edit(base.plan, "2026-11-15", "2026-11-22");
  CHECK(content_of(base).item("M1")->digest != digest);
}

TEST_CASE("an item digest covers its scope fields, not its progress")
{
  Base base;
  const auto load = [](const Base& b) {
    const Workspace ws = b.unsigned_workspace();
    const auto config = handoff::model::load_config(ws.fs());
    return signoff::content_of(handoff::model::load_project(ws.fs(), config.config, "acme").project);
  };
  const auto before = load(base);
  REQUIRE(before.items.size() == 4);
  CHECK(before.items[0].id == "REQ-001");
  CHECK(before.items[3].id == "M2");

  Base progress = base;
  progress.requirements = edit(progress.requirements, "status: confirmed",
                               "status: clarified\n    questions:\n"
                               "      - text: Which ERP?\n");
  progress.plan = edit(progress.plan, "status: planned", "status: done\n    done: 2026-12-14");
  const auto after = load(progress);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(after.items[i].digest == before.items[i].digest);
  }
  CHECK(after.records.at("requirements") != before.records.at("requirements"));
  CHECK(after.records.at("feasibility") == before.records.at("feasibility"));

  Base moved = base;
  moved.plan = edit(moved.plan, "due: 2026-12-15", "due: 2026-12-22");
  CHECK(load(moved).items[2].digest != before.items[2].digest);
}

// --- appending -------------------------------------------------------------------------------

TEST_CASE("append_to_list keeps comments and the indentation of the list")
{
  const std::string text = "# log\nchanges:\n    - id: CR-001   # first\n      title: A\n";
  CHECK(signoff::append_to_list(text, "changes", "- id: CR-002\n  title: B\n", "# new\n", {})
        == "# log\nchanges:\n    - id: CR-001   # first\n      title: A\n    - id: CR-002\n      title: B\n");
  CHECK(signoff::append_to_list("", "changes", "- id: CR-001\n", "# new\n", {}) == "# new\nchanges:\n  - id: CR-001\n");
  CHECK(signoff::append_to_list("# only a comment", "changes", "- id: CR-001\n", "# new\n", {})
        == "# only a comment\nchanges:\n  - id: CR-001\n");
}

TEST_CASE("append_to_list refuses a list it cannot extend at the end of the file")
{
  CHECK_THROWS_WITH_AS(signoff::append_to_list("changes: none\n", "changes", "- id: CR-001\n", "", {}),
                       "`changes:` is not a list of items written one per line", signoff::AppendError);
  CHECK_THROWS_WITH_AS(signoff::append_to_list("changes: !!seq []\n", "changes", "- id: CR-001\n", "", {}),
                       "`changes:` is a list written in brackets; write it one item per line (`- ...`)",
                       signoff::AppendError);
  CHECK_THROWS_WITH_AS(
      signoff::append_to_list("changes:\n  - id: CR-001\nother: 1\n", "changes", "- id: CR-002\n", "", {}),
      "appending at its end would not add one item to `changes:` (is the list the last thing in the file, written "
      "one item per line?)",
      signoff::AppendError);
  CHECK_THROWS_WITH_AS(
      signoff::append_to_list("changes: [\n", "changes", "- id: CR-001\n", "", {}),
      "line 1: not valid YAML: this '[' opens a list that is never closed with ']'; close it, or put the value "
      "in quotes if it is text; fix it first",
      signoff::AppendError);
}

TEST_CASE("append_to_list opens the empty list `[]` the scaffold writes")
{
  CHECK(signoff::append_to_list("# log\nchanges: []\n#  - id: CR-000\n", "changes", "- id: CR-001\n", "", {})
        == "# log\nchanges:\n#  - id: CR-000\n  - id: CR-001\n");
  CHECK(signoff::append_to_list("changes: [ ]   # none yet\n", "changes", "- id: CR-001\n", "", {})
        == "changes:   # none yet\n  - id: CR-001\n");
}

TEST_CASE("append_to_list writes CRLF lines into a CRLF file")
{
  CHECK(signoff::append_to_list("changes:\r\n  - id: CR-001\r\n", "changes", "- id: CR-002\n  title: x\n", "", {})
        == "changes:\r\n  - id: CR-001\r\n  - id: CR-002\r\n    title: x\r\n");
  CHECK(signoff::append_to_list("# a\r\n", "changes", "- id: CR-001\n", "", {})
        == "# a\r\nchanges:\r\n  - id: CR-001\r\n");
}

TEST_CASE("scalars are written plain only when they read back as the same text")
{
  CHECK(signoff::scalar("li.wei") == "li.wei");
  CHECK(signoff::scalar("no") == "\"no\"");
  CHECK(signoff::scalar("Report: \"monthly\"") == "\"Report: \\\"monthly\\\"\"");
  CHECK(signoff::scalar("") == "\"\"");
}

// --- sign ------------------------------------------------------------------------------------

TEST_CASE("the signer is the registry person whose e-mail is the git identity")
{
  const Workspace ws = Base().unsigned_workspace();
  const auto config = handoff::model::load_config(ws.fs()).config;
  signoff::SignRequest request;
  request.role = "implementation";
  request.identity_email = "zhang.min@EXAMPLE.com";
  CHECK(signoff::resolve_signer(config, request) == "zhang.min");

  request.identity_email = "someone@example.com";
  CHECK_THROWS_WITH_AS(signoff::resolve_signer(config, request),
                       "no person in handoff.yaml has the e-mail someone@example.com of your git identity: add it to "
                       "your entry in people:, or pass --as PERSON",
                       signoff::SignError);
  request.person = "li.wei";
  CHECK_THROWS_WITH_AS(signoff::resolve_signer(config, request),
                       "li.wei cannot sign as implementation: handoff.yaml gives them only the roles sales",
                       signoff::SignError);
  request.person = "li.wie";
  CHECK_THROWS_WITH_AS(signoff::resolve_signer(config, request),
                       "no person \"li.wie\" in the people of handoff.yaml; did you mean \"li.wei\"?",
                       signoff::SignError);
  request.person = "li.wei";
  request.role = "sale";
  CHECK_THROWS_WITH_AS(signoff::resolve_signer(config, request), "unknown role \"sale\"; did you mean \"sales\"?",
                       signoff::SignError);
}

TEST_CASE("a sign-off entry records role, person, date, canonical version and digests")
{
  const Workspace ws = Base().workspace();
  const auto read = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20);
  REQUIRE(read.ok);
  const auto& text = read.data;
  CHECK(text.rfind("signoffs:\n  - role: sales\n    person: li.wei\n    date: 2026-10-05\n"
                   "    at: 2026-10-05T09:00:00Z\n    canonical: 1\n    records:\n      project: sha256:",
                   0)
        == 0);
  CHECK(text.find("\n      requirements: sha256:") != std::string::npos);
  CHECK(text.find("\n  - role: implementation\n    person: zhang.min\n    date: 2026-10-06\n"
                  "    at: 2026-10-06T09:00:00Z\n")
        != std::string::npos);
  CHECK(text.find("\n      REQ-001: sha256:") != std::string::npos);
  CHECK(text.find("\n      M2: sha256:") != std::string::npos);
  const auto config = handoff::model::load_config(ws.fs());
  const auto loaded = handoff::model::load_project(ws.fs(), config.config, "acme");
  CHECK(lines(loaded.findings) == "");
  REQUIRE(loaded.project.signoffs.size() == 2);
  CHECK(loaded.project.signoffs[1].pos.line == 17);
  CHECK(loaded.project.signoffs[1].items.size() == 4);
  CHECK(loaded.project.signoffs[1].records.size() == 4);
  CHECK(*loaded.project.signoffs[1].at == "2026-10-06T09:00:00Z");
  CHECK(signoff::find_baseline(loaded.project).has_value());
}

// --- HF411 / HF412 / HF413 -------------------------------------------------------------------

TEST_CASE("the signed base project has no sign-off findings")
{
  const auto findings = Base().workspace().check("acme").findings;
  for (const char* rule : {"HF411", "HF412", "HF413", "HF414", "HF501", "HF007"}) {
    CHECK(only(findings, rule) == "");
  }
}

TEST_CASE("HF411 fires for each side that has not signed")
{
  Base base;
  CHECK(only(base.unsigned_workspace().check("acme").findings, "HF411")
        == "projects/acme/project.yaml:3:8: error[HF411]: no sign-off by sales; the sales owner signs the handoff "
           "with `handoff sign acme --role sales`\n"
           "projects/acme/project.yaml:3:8: error[HF411]: no sign-off by implementation; the implementation owner "
           "signs the handoff with `handoff sign acme --role implementation`\n");
  Workspace ws = base.unsigned_workspace();
  ws.sign("acme", "sales", "li.wei", "2026-10-05");
  CHECK(only(ws.check("acme").findings, "HF411")
        == "projects/acme/signoffs.yaml:1:1: error[HF411]: no sign-off by implementation; the implementation owner "
           "signs the handoff with `handoff sign acme --role implementation`\n");
}

TEST_CASE("HF411 fires when the two sides signed different content")
{
  Base base;
  Workspace ws = base.unsigned_workspace();
  ws.sign("acme", "sales", "li.wei", "2026-10-05");
  ws.file("projects/acme/plan.yaml", edit(base.plan, "due: 2027-03-31", "due: 2027-04-30"));
  ws.sign("acme", "implementation", "zhang.min", "2026-10-06");
  CHECK(only(ws.check("acme").findings, "HF411")
        == "projects/acme/signoffs.yaml:17:5: error[HF411]: the latest sales sign-off (line 2) and implementation "
           "sign-off (line 17) bind to different content, so the project has no baseline; both sides sign the "
           "current records again with `handoff sign acme --role ...`\n");
}

TEST_CASE("HF412 names the records and items changed after sign-off, at handoff")
{
  Base before;
  before.stage = "handoff";
  Base after = before;
  after.requirements += "  - id: REQ-003\n"  // 11
                        "    title: Shift report\n";
  after.requirements = edit(after.requirements, "title: Yield report", "title: Yield and scrap report");
  after.plan =
      edit(after.plan, "  - id: M1\n    name: Blueprint signed\n    due: 2026-12-15\n    status: planned\n", "");
  CHECK(findings_after(before, after, "HF412")
        == "projects/acme/plan.yaml:1:1: error[HF412]: plan.yaml changed after sales and implementation signed it on "
           "2026-10-06 (signoffs.yaml line 17); sign again with `handoff sign acme --role ...` if the change is "
           "agreed, or undo it\n"
           "projects/acme/requirements.yaml:7:5: error[HF412]: requirements.yaml changed after sales and "
           "implementation signed it on 2026-10-06 (signoffs.yaml line 17): requirement REQ-002 \"Yield and scrap "
           "report\" changed, requirement REQ-003 \"Shift report\" added; sign again with `handoff sign acme --role "
           "...` if the change is agreed, or undo it\n"
           "projects/acme/signoffs.yaml:17:5: error[HF412]: M1 was removed from the records after sales and "
           "implementation signed it on 2026-10-06 (signoffs.yaml line 17); sign again with `handoff sign acme "
           "--role ...` if the change is agreed, or undo it\n");
  // From delivery on HF501 judges the differences instead.
  Base delivery_before = before;
  delivery_before.stage = "delivery";
  Base delivery_after = after;
  delivery_after.stage = "delivery";
  CHECK(findings_after(delivery_before, delivery_after, "HF412") == "");
}

TEST_CASE("HF412 ignores reformatting and comments")
{
  Base before;
  before.stage = "handoff";
  Base after = before;
  after.requirements = "# reformatted\n" + edit(after.requirements, "title: Order tracking", "title: 'Order tracking'");
  after.plan = edit(after.plan, "covers: [REQ-001, REQ-002]", "covers:\n      - REQ-001\n      - REQ-002  # both");
  CHECK(findings_after(before, after, "HF412") == "");
}

TEST_CASE("HF413 fires when the signer does not hold the role")
{
  Workspace ws = Base().unsigned_workspace();
  ws.sign("acme", "implementation", "li.wei", "2026-10-05");
  CHECK(only(ws.check("acme").findings, "HF413")
        == "projects/acme/signoffs.yaml:2:11: error[HF413]: li.wei signed as implementation but holds only sales in "
           "handoff.yaml; the implementation owner must sign, or the registry is wrong\n");
}

TEST_CASE("HF413 checks the team when there is no registry")
{
  Workspace ws = Base().unsigned_workspace();
  ws.file("handoff.yaml", "version: 1\n");
  ws.sign("acme", "sales", "Li Wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
  CHECK(only(ws.check("acme").findings, "HF413")
        == "projects/acme/signoffs.yaml:2:11: error[HF413]: Li Wei signed as sales but the team's sales is li.wei; "
           "the sales owner must sign\n");
}

// --- HF501 -----------------------------------------------------------------------------------

TEST_CASE("HF501 fires on scope drift that no approved change request covers")
{
  Base before;
  Base after = before;
  after.requirements += "  - id: REQ-003\n"  // 11
                        "    title: Shift report\n";
  after.plan = edit(after.plan, "due: 2027-03-31", "due: 2027-04-30");
  after.plan =
      edit(after.plan, "  - id: M1\n    name: Blueprint signed\n    due: 2026-12-15\n    status: planned\n", "");
  after.changes = "changes:\n"
                  "  - id: CR-001\n"
                  "    title: Later go-live of order tracking\n"
                  "    affects: [M2]\n"
                  "    status: proposed\n";
  CHECK(findings_after(before, after, "HF501")
        == "projects/acme/plan.yaml:2:5: error[HF501]: milestone M2 \"Order tracking live\" was changed after the "
           "baseline signed on 2026-10-06 (signoffs.yaml line 17) and the change requests that affect it are not "
           "approved: CR-001 (proposed); get one approved, or undo the change\n"
           "projects/acme/requirements.yaml:11:5: error[HF501]: requirement REQ-003 \"Shift report\" was added after "
           "the baseline signed on 2026-10-06 (signoffs.yaml line 17) and no approved or implemented change request "
           "affects it; record one with `handoff change acme --title ... --affects REQ-003` and get it approved, or "
           "undo the change\n"
           "projects/acme/signoffs.yaml:17:5: error[HF501]: M1 was removed after the baseline signed on 2026-10-06 "
           "(signoffs.yaml line 17) and no approved or implemented change request affects it; record one with "
           "`handoff change acme --title ... --affects M1` and get it approved, or restore it\n");
}

TEST_CASE("HF501 accepts drift covered by approved or implemented change requests, and progress")
{
  Base before;
  Base after = before;
  after.requirements += "  - id: REQ-003\n    title: Shift report\n";
  after.requirements = edit(after.requirements, "status: confirmed", "status: clarified");
  after.plan = edit(after.plan, "due: 2027-03-31", "due: 2027-04-30");
  after.plan =
      edit(after.plan, "  - id: M1\n    name: Blueprint signed\n    due: 2026-12-15\n    status: planned\n", "");
  after.changes = "changes:\n"
                  "  - id: CR-001\n    title: Shift report\n    affects: [REQ-003, M1]\n    status: approved\n"
                  "  - id: CR-002\n    title: Later go-live\n    affects: [M2]\n    status: implemented\n";
  CHECK(findings_after(before, after, "HF501") == "");
  CHECK(findings_after(before, after, "HF007") == "");
}

TEST_CASE("a new pair of sign-offs re-baselines")
{
  Base base;
  Workspace ws = base.workspace();
  const std::string added = base.requirements + "  - id: REQ-003\n    title: Shift report\n";
  ws.file("projects/acme/requirements.yaml", added);
  CHECK(only(ws.check("acme").findings, "HF501") != "");
  // Sales alone signing the new content does not move the baseline...
  ws.sign("acme", "sales", "li.wei", "2026-11-01");
  CHECK(only(ws.check("acme").findings, "HF501").find("signed on 2026-10-06") != std::string::npos);
  CHECK(only(ws.check("acme").findings, "HF411") == "");
  // ...the implementation sign-off of the same content does.
  ws.sign("acme", "implementation", "zhang.min", "2026-11-02");
  CHECK(only(ws.check("acme").findings, "HF501") == "");
  CHECK(only(ws.check("acme").findings, "HF411") == "");
}

// --- HF414 -----------------------------------------------------------------------------------

TEST_CASE("HF414 fires on a sign-off committed by someone else, and warns about uncommitted ones")
{
  const Workspace ws = Base().workspace();
  const auto entries = entries_of(ws);
  FakeHistory history;
  history.authors[entries[0]] = {"1a2b3c4", "Zhang Min", "zhang.min@example.com"};
  handoff::rules::CheckOptions options;
  options.history = &history;
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414")
        == "projects/acme/signoffs.yaml:2:5: error[HF414]: sign-off by li.wei (sales) on 2026-10-05 was committed by "
           "Zhang Min <zhang.min@example.com> in 1a2b3c4, not by li.wei <li.wei@example.com>; a sign-off counts only "
           "when the person it names commits it\n"
           "projects/acme/signoffs.yaml:17:5: warning[HF414]: sign-off by zhang.min (implementation) on 2026-10-06 is "
           "not committed yet; zhang.min commits it, so that git history shows who signed\n");
  // E-mails compare without regard to case.
  history.authors[entries[0]] = {"1a2b3c4", "Li Wei", "LI.WEI@example.com"};
  history.authors[entries[1]] = {"5d6e7f8", "Zhang Min", "zhang.min@example.com"};
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414") == "");
  CHECK(history.used());
}

TEST_CASE("HF414 warns in a shallow clone, says nothing outside a repository, and fails when history is required")
{
  Base base;
  Workspace ws = base.workspace();
  FakeHistory history;
  history.state_value = signoff::History::State::incomplete;
  history.problem_text = "the repository is a shallow clone";
  handoff::rules::CheckOptions options;
  options.history = &history;
  // A shallow CI checkout: a located warning every output format shows, not a run note.
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414")
        == "projects/acme/signoffs.yaml:1:1: warning[HF414]: cannot verify who committed the sign-offs: the "
           "repository is a shallow clone\n");
  history.state_value = signoff::History::State::no_repository;
  history.problem_text = "the workspace is not in a git repository";
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414") == "");
  history.state_value = signoff::History::State::incomplete;
  history.problem_text = "the repository is a shallow clone";
  ws.file("handoff.yaml", k_config + "history: required\n");
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414")
        == "projects/acme/signoffs.yaml:1:1: error[HF414]: cannot verify who committed the sign-offs: the repository "
           "is a shallow clone; handoff.yaml sets history: required\n");
  ws.file("handoff.yaml", k_config + "history: off\n");
  history.state_value = signoff::History::State::available;
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414") == "");
}

// --- HF420 -----------------------------------------------------------------------------------

namespace {

// Returns an entry as history saw it: committed in `added_in`, dropped in `dropped_in` ("" while
// HEAD holds it, at `head_index`).
signoff::CommittedEntry committed_entry(const std::string& digest, const std::string& role, const std::string& person,
                                        const std::string& date, const std::string& added_in,
                                        const std::string& dropped_in = "", bool edited = false,
                                        std::size_t head_index = 0)
{
  signoff::CommittedEntry e;
  e.digest = digest;
  e.role = role;
  e.person = person;
  e.date = date;
  e.added_in = added_in;
  e.dropped_in = dropped_in;
  e.edited = edited;
  e.head_index = head_index;
  return e;
}

// Both sides signed X (Base) and then Y (REQ-002 renamed); Y's entries are at lines 32 and 47.
Workspace signed_x_then_y()
{
  Base y;
  y.requirements = edit(y.requirements, "Yield report", "Yield and scrap report");
  Workspace ws = Base().workspace();
  ws.file("projects/acme/requirements.yaml", y.requirements);
  ws.sign("acme", "sales", "li.wei", "2026-10-20").sign("acme", "implementation", "zhang.min", "2026-10-21");
  return ws;
}

// Fills `history` with the history of signed_x_then_y(): all four entries committed; HEAD holds them.
void fill_x_then_y(FakeHistory& history)
{
  const auto entries = entries_of(signed_x_then_y());
  REQUIRE(entries.size() == 4);
  history.entries = {committed_entry(entries[0], "sales", "li.wei", "2026-10-05", "1111111", "", false, 0),
                     committed_entry(entries[1], "implementation", "zhang.min", "2026-10-06", "2222222", "", false, 1),
                     committed_entry(entries[2], "sales", "li.wei", "2026-10-20", "3333333", "", false, 2),
                     committed_entry(entries[3], "implementation", "zhang.min", "2026-10-21", "4444444", "", false, 3)};
}

}  // namespace

TEST_CASE("HF420: deleting the newer sign-offs to roll back the agreement is reported at the entries that now count")
{
  FakeHistory history;
  fill_x_then_y(history);
  history.entries[2].dropped_in = "9f8e7d6";
  history.entries[3].dropped_in = "9f8e7d6";
  handoff::rules::CheckOptions options;
  options.history = &history;
  // The file and the records are X again: no other sign-off rule sees anything wrong.
  const auto findings = Base().workspace().check("acme", "2026-11-20", options).findings;
  CHECK(only(findings, "HF416") == "");
  CHECK(only(findings, "HF501") == "");
  CHECK(only(findings, "HF420")
        == "projects/acme/signoffs.yaml:2:5: error[HF420]: sign-off by li.wei (sales) on 2026-10-20, committed in "
           "3333333, was removed in commit 9f8e7d6; signoffs.yaml is append-only: an agreement is rolled back or "
           "changed by signing again, never by removing or editing entries, so restore the entry as committed (`git "
           "show 3333333:projects/acme/signoffs.yaml`) and sign again if the agreement changed\n"
           "projects/acme/signoffs.yaml:17:5: error[HF420]: sign-off by zhang.min (implementation) on 2026-10-21, "
           "committed in 4444444, was removed in commit 9f8e7d6; signoffs.yaml is append-only: an agreement is "
           "rolled back or changed by signing again, never by removing or editing entries, so restore the entry as "
           "committed (`git show 4444444:projects/acme/signoffs.yaml`) and sign again if the agreement changed\n");
  CHECK(findings.front().gate == handoff::core::Gate::handoff);
}

TEST_CASE("HF420: an edited entry, committed or not, is reported at the entry that now counts")
{
  Workspace ws = signed_x_then_y();
  const std::string file = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20).data;
  ws.file("projects/acme/signoffs.yaml", edit(file, "    date: 2026-10-20\n", "    date: 2026-10-19\n"));
  handoff::rules::CheckOptions options;
  // Not committed yet: HEAD still holds the entry as signed, at index 2.
  FakeHistory history;
  fill_x_then_y(history);
  options.history = &history;
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF420")
        == "projects/acme/signoffs.yaml:32:5: error[HF420]: sign-off by li.wei (sales) on 2026-10-20, committed in "
           "3333333, was edited in the working tree (not committed yet); signoffs.yaml is append-only: an agreement "
           "is rolled back or changed by signing again, never by removing or editing entries, so restore the entry "
           "as committed (`git show 3333333:projects/acme/signoffs.yaml`) and sign again if the agreement changed\n");
  // Committed: the commit that changed it is named.
  history.entries[2].dropped_in = "abcdef0";
  history.entries[2].edited = true;
  history.entries.push_back(
      committed_entry(entries_of(ws)[2], "sales", "li.wei", "2026-10-19", "abcdef0", "", false, 2));
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF420")
        == "projects/acme/signoffs.yaml:32:5: error[HF420]: sign-off by li.wei (sales) on 2026-10-20, committed in "
           "3333333, was edited in commit abcdef0; signoffs.yaml is append-only: an agreement is rolled back or "
           "changed by signing again, never by removing or editing entries, so restore the entry as committed (`git "
           "show 3333333:projects/acme/signoffs.yaml`) and sign again if the agreement changed\n");
}

TEST_CASE("HF420: an entry removed in the working tree, or every entry removed, is reported too")
{
  Workspace ws = Base().workspace();
  FakeHistory history;
  fill_x_then_y(history);
  handoff::rules::CheckOptions options;
  options.history = &history;
  CHECK(
      lines(ws.check("acme", "2026-11-20", options).findings)
          .find(
              "sign-off by zhang.min (implementation) on 2026-10-21, committed in 4444444, was removed in the working "
              "tree (not committed yet);")
      != std::string::npos);
  // No entry left: at the file.
  Workspace none = Base().unsigned_workspace();
  none.file("projects/acme/signoffs.yaml", "signoffs: []\n");
  history.entries.resize(1);
  history.entries[0].dropped_in = "5555555";
  CHECK(only(none.check("acme", "2026-11-20", options).findings, "HF420")
        == "projects/acme/signoffs.yaml:1:1: error[HF420]: sign-off by li.wei (sales) on 2026-10-05, committed in "
           "1111111, was removed in commit 5555555; signoffs.yaml is append-only: an agreement is rolled back or "
           "changed by signing again, never by removing or editing entries, so restore the entry as committed (`git "
           "show 1111111:projects/acme/signoffs.yaml`) and sign again if the agreement changed\n");
}

TEST_CASE("HF420 does not fire on an honest supersede, on appends, or where history is off or unreadable")
{
  // Both signed X, then both signed Y: everything committed is still there.
  FakeHistory history;
  fill_x_then_y(history);
  handoff::rules::CheckOptions options;
  options.history = &history;
  Workspace ws = signed_x_then_y();
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF420") == "");
  // A new entry appended and not committed yet.
  ws.sign("acme", "sales", "li.wei", "2026-11-02");
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF420") == "");

  // A rollback the rule cannot see: no history, history off, or a shallow clone.
  Workspace rolled_back = Base().workspace();
  history.entries[2].dropped_in = "9f8e7d6";
  CHECK(only(rolled_back.check("acme", "2026-11-20", options).findings, "HF420") != "");
  CHECK(only(rolled_back.check("acme", "2026-11-20", {}).findings, "HF420") == "");
  history.state_value = signoff::History::State::incomplete;
  CHECK(only(rolled_back.check("acme", "2026-11-20", options).findings, "HF420") == "");
  history.state_value = signoff::History::State::available;
  rolled_back.file("handoff.yaml", k_config + "history: off\n");
  CHECK(only(rolled_back.check("acme", "2026-11-20", options).findings, "HF420") == "");
  // signatures: required reads history even with history: off.
  rolled_back.file("handoff.yaml", k_config + "history: off\nsignatures: required\n");
  CHECK(only(rolled_back.check("acme", "2026-11-20", options).findings, "HF420") != "");
}

// --- change requests -------------------------------------------------------------------------

TEST_CASE("the next change id follows the highest CR number")
{
  Base base;
  base.changes = "changes:\n  - id: CR-009\n    title: A\n  - id: CR-010\n    title: B\n  - id: X-99\n    title: C\n";
  const Workspace ws = base.unsigned_workspace();
  const auto config = handoff::model::load_config(ws.fs());
  CHECK(signoff::next_change_id(handoff::model::load_project(ws.fs(), config.config, "acme").project) == "CR-011");
  base.changes = "";
  const Workspace empty = base.unsigned_workspace();
  CHECK(signoff::next_change_id(handoff::model::load_project(empty.fs(), config.config, "acme").project) == "CR-001");
}

// --- semantic diff ---------------------------------------------------------------------------

TEST_CASE("diff_record lists ids added and removed and fields changed with old and new values")
{
  const auto before = yaml::parse("# old\n"
                                  "estimate:\n  duration_weeks: 20\n  confidence: low\n"
                                  "milestones:\n"
                                  "  - id: M1\n    name: Blueprint\n    covers: [REQ-001]\n    status: planned\n"
                                  "  - id: M2\n    name: Go-live\n");
  const auto after =
      yaml::parse("estimate: {duration_weeks: 22, confidence: low}\n"
                  "milestones:\n"
                  "  - {id: M1, name: Blueprint, covers: [REQ-001, REQ-002], status: done, due: 2027-01-10}\n"
                  "  - id: M3\n    name: Hypercare\n");
  REQUIRE(before.ok);
  REQUIRE(after.ok);
  const auto d = signoff::diff_record(handoff::model::Record::plan, before.root, after.root);
  REQUIRE(d.fields.size() == 1);
  CHECK(d.fields[0].field == "estimate.duration_weeks");
  CHECK(*d.fields[0].before == "20");
  CHECK(*d.fields[0].after == "22");
  REQUIRE(d.items.size() == 3);
  CHECK(d.items[0].id == "M1");
  CHECK(d.items[0].kind == signoff::ItemDiff::Kind::changed);
  REQUIRE(d.items[0].fields.size() == 3);
  CHECK(d.items[0].fields[0].field == "covers");
  CHECK(*d.items[0].fields[0].before == "[REQ-001]");
  CHECK(*d.items[0].fields[0].after == "[REQ-001, REQ-002]");
  CHECK(d.items[0].fields[1].field == "status");
  CHECK(d.items[0].fields[2].field == "due");
  CHECK_FALSE(d.items[0].fields[2].before.has_value());
  CHECK(d.items[1].id == "M3");
  CHECK(d.items[1].kind == signoff::ItemDiff::Kind::added);
  CHECK(d.items[1].title == "Hypercare");
  CHECK(d.items[2].id == "M2");
  CHECK(d.items[2].kind == signoff::ItemDiff::Kind::removed);
  CHECK(signoff::diff_record(handoff::model::Record::plan, before.root, before.root).empty());
}

TEST_CASE("diff_record pairs 20,000 results by requirement and occurrence, and an id's first item stands for it")
{
  // Every tenth requirement has a failed run and its retest: "REQ-00010 #2" is the retest. The
  // lists are indexed once (diff of 100,000 results is linear, bench/diff.py); this pins what
  // the index must give: retests paired in order, duplicate ids after the first ignored.
  std::string before = "results:\n";
  std::string after = "results:\n";
  for (int i = 1; i <= 10000; ++i) {
    const std::string id = fmt::format("REQ-{:05d}", i);
    const bool retest = i % 10 == 0;
    if (retest) {
      before += fmt::format("  - {{requirement: {}, result: failed}}\n", id);
      after += i == 5000 ? "" : fmt::format("  - {{requirement: {}, result: failed}}\n", id);
    }
    before += fmt::format("  - {{requirement: {}, result: passed}}\n", id);
    if (i != 7777) {
      after += fmt::format("  - {{requirement: {}, result: {}}}\n", id, i == 9990 ? "waived" : "passed");
    }
  }
  after += "  - {requirement: REQ-00001, result: passed}\n";  // a second result of REQ-00001
  before += "milestones:\n  - {id: M1, name: A}\n  - {id: M1, name: B}\n  - {id: M2, name: C}\n";
  after += "milestones:\n  - {id: M1, name: A}\n  - {id: M1, name: D}\n  - {id: M3, name: E}\n";
  const auto b = yaml::parse(before);
  const auto a = yaml::parse(after);
  REQUIRE(b.ok);
  REQUIRE(a.ok);
  const auto d = signoff::diff_record(handoff::model::Record::acceptance, b.root, a.root);
  CHECK(d.fields.empty());
  std::vector<std::string> seen;
  for (const auto& item : d.items) {
    std::string line = fmt::format("{} {} {}", signoff::to_string(item.kind), item.list, item.id);
    for (const auto& f : item.fields) {
      line += fmt::format(" {}: {} -> {}", f.field, f.before.value_or("-"), f.after.value_or("-"));
    }
    seen.push_back(line);
  }
  // REQ-05000 lost its failed run: its passed retest is now its first result, and the second
  // is gone. REQ-09990's retest became waived; REQ-07777 was dropped; REQ-00001 has a second.
  // Each list in turn: its items added or changed in the new order, then those removed.
  const std::vector<std::string> expected = {
      "changed results REQ-05000 result: failed -> passed",
      "changed results REQ-09990 #2 result: passed -> waived",
      "added results REQ-00001 #2",
      "removed results REQ-05000 #2",
      "removed results REQ-07777",
      "added milestones M3",  // M1's second item (name B, then D) is a duplicate: not compared
      "removed milestones M2",
  };
  CHECK(seen == expected);
}

TEST_CASE("diff_record compares contract items, commitments, assessments and approvals by id, field by field")
{
  const auto before = yaml::parse("contract:\n  value: 1200000\n  items:\n"
                                  "    - {id: L1, title: Licence, price: 650000}\n"
                                  "    - {id: L2, title: Integration, price: 550000}\n"
                                  "commitments:\n  - {id: C-1, text: Go-live in 6 months, refs: [M1]}\n"
                                  "assessments:\n  - {requirement: REQ-001, verdict: standard, effort_days: 5}\n"
                                  "changes:\n  - id: CR-001\n    title: Report\n    approvals:\n"
                                  "      - {role: sales, by: li.wei, date: 2026-11-05}\n");
  const auto after = yaml::parse("contract:\n  value: 1200000\n  items:\n"
                                 "    - {id: L1, title: Licence, price: 650000}\n"
                                 "    - {id: L2, title: Integration, price: 50000}\n"
                                 "commitments:\n  - {id: C-1, text: Go-live in 3 months, refs: [M1]}\n"
                                 "assessments:\n  - {requirement: REQ-001, verdict: customization, effort_days: 5}\n"
                                 "changes:\n  - id: CR-001\n    title: Report\n    approvals:\n"
                                 "      - {role: sales, by: li.wei, date: 2026-11-06}\n"
                                 "      - {role: implementation, by: zhang.min, date: 2026-11-06}\n");
  REQUIRE(before.ok);
  REQUIRE(after.ok);
  const auto d = signoff::diff_record(handoff::model::Record::project, before.root, after.root);
  CHECK(d.fields.empty());
  REQUIRE(d.items.size() == 4);
  CHECK(d.items[0].list == "contract.items");
  CHECK(d.items[0].id == "L2");
  CHECK(d.items[0].title == "Integration");
  REQUIRE(d.items[0].fields.size() == 1);
  CHECK(d.items[0].fields[0].field == "price");
  CHECK(*d.items[0].fields[0].before == "550000");
  CHECK(*d.items[0].fields[0].after == "50000");
  CHECK(d.items[1].list == "commitments");
  CHECK(d.items[1].id == "C-1");
  REQUIRE(d.items[1].fields.size() == 1);
  CHECK(d.items[1].fields[0].field == "text");
  CHECK(d.items[2].list == "assessments");
  CHECK(d.items[2].id == "REQ-001");
  REQUIRE(d.items[2].fields.size() == 1);
  CHECK(d.items[2].fields[0].field == "verdict");
  CHECK(d.items[3].id == "CR-001");
  REQUIRE(d.items[3].fields.size() == 2);
  CHECK(d.items[3].fields[0].field == "approvals[sales].date");
  CHECK(*d.items[3].fields[0].after == "2026-11-06");
  CHECK(d.items[3].fields[1].field == "approvals[implementation]");
  CHECK_FALSE(d.items[3].fields[1].before.has_value());
  CHECK(*d.items[3].fields[1].after == "{role: implementation, by: zhang.min, date: 2026-11-06}");
}

TEST_CASE("the shape of a new requirement's or milestone's id comes from the project's ids")
{
  using handoff::signoff::id_shapes;
  using handoff::signoff::IdShape;
  SUBCASE("zero-padded ids fix the width")
  {
    const auto shapes = id_shapes({"REQ-001", "REQ-002", "REQ-011"}, {"X-", 0});
    REQUIRE(shapes.size() == 1);
    CHECK(shapes[0].prefix == "REQ-");
    CHECK(shapes[0].width == 3);
    CHECK(shapes[0].fits("REQ-012"));
    CHECK_FALSE(shapes[0].fits("REQ-12"));
    CHECK_FALSE(shapes[0].fits("REQ-0012"));
    CHECK_FALSE(shapes[0].fits("req-012"));
    CHECK_FALSE(shapes[0].fits("REQ-"));
    CHECK(shapes[0].with_number(12) == "REQ-012");
  }
  SUBCASE("ids without padding take any number of digits")
  {
    const auto shapes = id_shapes({"M1", "M2", "M10"}, {"X-", 0});
    REQUIRE(shapes.size() == 1);
    CHECK(shapes[0].width == 0);
    CHECK(shapes[0].fits("M8"));
    CHECK(shapes[0].fits("M123"));
    CHECK_FALSE(shapes[0].fits("MM3"));
    CHECK_FALSE(shapes[0].fits("M3a"));
    CHECK(shapes[0].with_number(8) == "M8");
  }
  SUBCASE("padding of mixed widths fixes none; each prefix is a shape; ids without a number give none")
  {
    const auto shapes = id_shapes({"R-01", "R-001", "KPI-7", "login"}, {"X-", 0});
    REQUIRE(shapes.size() == 2);
    CHECK(shapes[0].prefix == "R-");
    CHECK(shapes[0].width == 0);
    CHECK(shapes[1].prefix == "KPI-");
  }
  SUBCASE("no ids: the fallback")
  {
    const auto shapes = id_shapes({"login"}, {"REQ-", 3});
    REQUIRE(shapes.size() == 1);
    CHECK(shapes[0].fits("REQ-001"));
  }
}
