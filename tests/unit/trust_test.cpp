// The whole agreement under signature, superseding sign-offs, the baseline of the latest
// entries, and the rules that guard them (HF412, HF413, HF414, HF415, HF416, HF501).
#include <doctest/doctest.h>

#include <map>

#include "harness.hpp"
#include "signoff/baseline.hpp"
#include "signoff/history.hpp"
#include "signoff/sign.hpp"
#include "support/date.hpp"

using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;
namespace signoff = handoff::signoff;

namespace {

std::string edit(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const std::string k_config = "version: 1\n"
                             "people:\n"
                             "  - id: li.wei\n"
                             "    email: li.wei@example.com\n"
                             "    roles: [sales]\n"
                             "  - id: zhang.min\n"
                             "    email: zhang.min@example.com\n"
                             "    roles: [implementation]\n"
                             "  - id: david.novak\n"
                             "    email: david.novak@example.com\n"
                             "    roles: [sales, implementation]\n";

// A project with a signed agreement. Line numbers matter to the tests below.
struct Base {
  std::string stage = "handoff";
  std::string project = "id: acme\n"
                        "name: ACME\n"
                        "stage: STAGE\n"
                        "team:\n"
                        "  sales: li.wei\n"
                        "  implementation: zhang.min\n"
                        "contract:\n"              // 7
                        "  signed: 2026-10-01\n"   // 8
                        "  go_live: 2027-03-31\n"  // 9
                        "  value: 1200000\n"       // 10
                        "  items:\n"               // 11
                        "    - id: L1\n"           // 12
                        "      title: Licence\n"   // 13
                        "      price: 650000\n"    // 14
                        "    - id: L2\n"           // 15
                        "      title: Integration\n"
                        "      price: 550000\n"  // 17
                        "commitments:\n"         // 18
                        "  - id: C-1\n"          // 19
                        "    text: Go-live within 6 months of signature\n"
                        "    made_by: li.wei\n"
                        "    refs: [M1]\n";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"
                             "    title: Order tracking\n"
                             "    priority: must\n";
  std::string plan = "milestones:\n"
                     "  - id: M1\n"
                     "    name: Go-live\n"
                     "    due: 2027-03-15\n"
                     "    covers: [REQ-001]\n";
  std::string changes;

  Workspace unsigned_workspace() const
  {
    Workspace ws;
    ws.file("handoff.yaml", k_config);
    ws.file("projects/acme/project.yaml", edit(project, "STAGE", stage));
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/plan.yaml", plan);
    if (!changes.empty()) {
      ws.file("projects/acme/changes.yaml", changes);
    }
    return ws;
  }

  // Signed by li.wei (sales, 2026-10-05, line 2) and zhang.min (implementation, 2026-10-06).
  Workspace workspace() const
  {
    Workspace ws = unsigned_workspace();
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }
};

handoff::model::Project load(const Workspace& ws)
{
  const auto config = handoff::model::load_config(ws.fs());
  return handoff::model::load_project(ws.fs(), config.config, "acme").project;
}

// The promise edited after both sides signed: C-1 and L2 as in the issue.
std::string edited_promise(const Base& base)
{
  std::string p = edit(base.project, "text: Go-live within 6 months of signature",
                       "text: Go-live within 3 months of signature; free training for 40 users");
  return edit(p, "price: 550000", "price: 50000");
}

}  // namespace

// --- the agreement under signature ---------------------------------------------------------

TEST_CASE("a sign-off binds the agreement of project.yaml, not its team, customer or closure")
{
  Base base;
  const Workspace ws = base.workspace();
  const auto project = load(ws);
  REQUIRE(project.signoffs.size() == 2);
  const auto& items = project.signoffs[0].items;
  for (const char* id : {"contract.signed", "contract.go_live", "contract.value", "L1", "L2", "C-1", "REQ-001", "M1"}) {
    CHECK_MESSAGE(items.count(id) == 1, id);
  }
  CHECK(items.count("contract.start") == 0);  // not written: not part of the agreement
  CHECK(project.signoffs[0].records.count("project") == 1);

  // Outside the agreement: the team, the commitment's made_by, closure and tags.
  Workspace edited = base.workspace();
  std::string p = edit(edit(base.project, "STAGE", base.stage), "implementation: zhang.min",
                       "implementation: zhang.min\n  pm: zhang.min");
  p = edit(p, "made_by: li.wei", "made_by: zhang.min") + "closure:\n  csat: 4\ntags: [x]\n";
  edited.file("projects/acme/project.yaml", p);
  CHECK(only(edited.check("acme").findings, "HF412") == "");
}

TEST_CASE("HF412 names the commitment and the contract item changed after both signed")
{
  Base base;
  Workspace ws = base.workspace();
  ws.file("projects/acme/project.yaml", edit(edited_promise(base), "STAGE", base.stage));
  CHECK(only(ws.check("acme").findings, "HF412")
        == "projects/acme/project.yaml:15:7: error[HF412]: project.yaml changed after sales and implementation "
           "signed it on 2026-10-06 (signoffs.yaml line 21): contract item L2 \"Integration\" changed, commitment "
           "C-1 \"Go-live within 3 months of signature; free training for 40 u...\" changed; sign again with "
           "`handoff sign acme --role ...` if the change is agreed, or undo it\n");
}

TEST_CASE("HF501 reports each changed part of the agreement by id, and an approved request covers it")
{
  Base base;
  base.stage = "delivery";
  Workspace ws = base.workspace();
  std::string p = edit(edited_promise(base), "STAGE", base.stage);
  p = edit(p, "go_live: 2027-03-31", "go_live: 2027-04-30");
  ws.file("projects/acme/project.yaml", p);
  CHECK(only(ws.check("acme").findings, "HF501")
        == "projects/acme/project.yaml:9:12: error[HF501]: contract go_live (2027-04-30) was changed after the "
           "baseline signed on 2026-10-06 (signoffs.yaml line 21) and no approved or implemented change request "
           "affects it; record one with `handoff change acme --title ... --affects go_live` and get it approved, "
           "or undo the change\n"
           "projects/acme/project.yaml:15:7: error[HF501]: contract item L2 \"Integration\" was changed after the "
           "baseline signed on 2026-10-06 (signoffs.yaml line 21) and no approved or implemented change request "
           "affects it; record one with `handoff change acme --title ... --affects L2` and get it approved, or "
           "undo the change\n"
           "projects/acme/project.yaml:19:5: error[HF501]: commitment C-1 \"Go-live within 3 months of signature; "
           "free training for 40 u...\" was changed after the baseline signed on 2026-10-06 (signoffs.yaml line "
           "21) and no approved or implemented change request affects it; record one with `handoff change acme "
           "--title ... --affects C-1` and get it approved, or undo the change\n");
  ws.file("projects/acme/changes.yaml", "changes:\n"
                                        "  - id: CR-001\n"
                                        "    title: Customer-approved slip and new terms\n"
                                        "    date: 2026-11-02\n"
                                        "    affects: [go_live, L2, C-1]\n"
                                        "    classification: in_scope\n"
                                        "    status: approved\n");
  CHECK(only(ws.check("acme").findings, "HF501") == "");
  CHECK(only(ws.check("acme").findings, "HF007") == "");
}

TEST_CASE("a sign-off written before the agreement was signed is not compared on it")
{
  Base base;
  Workspace ws = base.unsigned_workspace();
  ws.sign_round1("acme", "sales", "li.wei", "2026-10-05")
      .sign_round1("acme", "implementation", "zhang.min", "2026-10-06");
  const auto project = load(ws);
  REQUIRE(project.signoffs.size() == 2);
  CHECK_FALSE(project.signoffs[0].at.has());
  CHECK(project.signoffs[0].records.count("project") == 0);
  CHECK(signoff::find_baseline(project).has_value());
  ws.file("projects/acme/project.yaml", edit(edited_promise(base), "STAGE", base.stage));
  CHECK(only(ws.check("acme").findings, "HF412") == "");
  // The records it did sign are still compared.
  ws.file("projects/acme/plan.yaml", edit(base.plan, "due: 2027-03-15", "due: 2027-03-20"));
  CHECK(only(ws.check("acme").findings, "HF412")
        == "projects/acme/plan.yaml:2:5: error[HF412]: plan.yaml changed after sales and implementation signed it "
           "on 2026-10-06 (signoffs.yaml line 13): milestone M1 \"Go-live\" changed; sign again with `handoff sign "
           "acme --role ...` if the change is agreed, or undo it\n");
}

// --- timestamps and superseding ------------------------------------------------------------

TEST_CASE("timestamps are UTC YYYY-MM-DDTHH:MM:SSZ and a bad one is HF002")
{
  CHECK(handoff::support::is_timestamp("2026-10-05T09:14:03Z"));
  CHECK_FALSE(handoff::support::is_timestamp("2026-10-05T24:00:00Z"));
  CHECK_FALSE(handoff::support::is_timestamp("2026-02-30T09:14:03Z"));
  CHECK_FALSE(handoff::support::is_timestamp("2026-10-05 09:14:03"));
  CHECK(handoff::support::timestamp(*handoff::support::Date::parse("2026-10-05"), 9 * 3600 + 14 * 60 + 3)
        == "2026-10-05T09:14:03Z");
  Workspace ws = Base().workspace();
  const auto text = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20).data;
  ws.file("projects/acme/signoffs.yaml", edit(text, "at: 2026-10-05T09:00:00Z", "at: 2026-10-05T9:00Z"));
  CHECK(only(ws.check("acme").findings, "HF002")
        == "projects/acme/signoffs.yaml:5:9: error[HF002]: at: expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ, found "
           "\"2026-10-05T9:00Z\"\n");
}

TEST_CASE("signing again the same day writes a distinct entry that supersedes the earlier one")
{
  Workspace ws = Base().workspace();
  ws.sign("acme", "implementation", "zhang.min", "2026-10-06");
  const auto project = load(ws);
  REQUIRE(project.signoffs.size() == 3);
  CHECK(*project.signoffs[1].at == "2026-10-06T09:00:00Z");
  CHECK(*project.signoffs[2].at == "2026-10-06T09:00:01Z");
  CHECK(signoff::latest_signoff(project, "implementation") == &project.signoffs[2]);
  const auto counting = signoff::counting_entries(project);
  REQUIRE(counting.size() == 2);
  CHECK(counting[0] == &project.signoffs[0]);
  CHECK(counting[1] == &project.signoffs[2]);
  const auto baseline = signoff::find_baseline(project);
  REQUIRE(baseline.has_value());
  CHECK(baseline->implementation == &project.signoffs[2]);
}

TEST_CASE("next_timestamp keeps a new entry the latest, even signed with an earlier --today")
{
  const auto project = load(Base().workspace());
  const auto day = *handoff::support::Date::parse("2026-10-07");
  CHECK(signoff::next_timestamp(project, day, 3600) == "2026-10-07T01:00:00Z");
  CHECK(signoff::next_timestamp(project, *handoff::support::Date::parse("2026-10-01"), 3600) == "2026-10-06T09:00:01Z");
}

TEST_CASE("entries without at: come first, in file order; then by timestamp")
{
  Workspace ws = Base().unsigned_workspace();
  ws.sign("acme", "sales", "li.wei", "2026-10-05");
  const auto text = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20).data;
  ws.sign_round1("acme", "sales", "david.novak", "2026-10-07");
  const auto project = load(ws);
  REQUIRE(project.signoffs.size() == 2);
  // The entry without at: (later in the file) counts as older than the one with it.
  CHECK(signoff::signed_before(project.signoffs[1], project.signoffs[0]));
  CHECK(signoff::latest_signoff(project, "sales") == &project.signoffs[0]);
}

TEST_CASE("HF413 judges only the entries that count: a wrong signer superseded by the owner is history")
{
  Workspace ws = Base().unsigned_workspace();
  ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "li.wei", "2026-10-06");
  CHECK(only(ws.check("acme").findings, "HF413")
        == "projects/acme/signoffs.yaml:21:11: error[HF413]: li.wei signed as implementation but holds only sales "
           "in handoff.yaml; the implementation owner must sign, or the registry is wrong\n");
  ws.sign("acme", "implementation", "zhang.min", "2026-10-06");
  CHECK(only(ws.check("acme").findings, "HF413") == "");
}

// A history in which every entry was committed by li.wei.
class LiWeiHistory final : public signoff::History {
public:
  std::string problem() const override { return ""; }
  std::optional<signoff::Author> added_by(const std::string&, const std::string&) const override
  {
    return signoff::Author{"1a2b3c4", "Li Wei", "li.wei@example.com"};
  }

private:
  State do_state() const override { return State::available; }
};

TEST_CASE("HF414 judges only the entries that count: the named person signing again repairs a forged entry")
{
  Workspace ws = Base().workspace();
  const LiWeiHistory history;
  handoff::rules::CheckOptions options;
  options.history = &history;
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414")
        == "projects/acme/signoffs.yaml:21:5: error[HF414]: sign-off by zhang.min (implementation) on 2026-10-06 was "
           "committed by Li Wei <li.wei@example.com> in 1a2b3c4, not by zhang.min <zhang.min@example.com>; a "
           "sign-off counts only when the person it names commits it\n");
  ws.sign("acme", "implementation", "zhang.min", "2026-10-06");
  // The new entry is judged (here the fake says li.wei committed it too); the old one is history.
  CHECK(only(ws.check("acme", "2026-11-20", options).findings, "HF414")
        == "projects/acme/signoffs.yaml:40:5: error[HF414]: sign-off by zhang.min (implementation) on 2026-10-06 was "
           "committed by Li Wei <li.wei@example.com> in 1a2b3c4, not by zhang.min <zhang.min@example.com>; a "
           "sign-off counts only when the person it names commits it\n");
}

// --- HF415 -----------------------------------------------------------------------------------

TEST_CASE("HF415 fires when one person is the latest signer for both sides")
{
  Workspace ws = Base().unsigned_workspace();
  ws.sign("acme", "sales", "david.novak", "2026-10-05").sign("acme", "implementation", "david.novak", "2026-10-06");
  CHECK(only(ws.check("acme").findings, "HF415")
        == "projects/acme/signoffs.yaml:21:5: error[HF415]: david.novak is the latest signer for both sales (line 2) "
           "and implementation (line 21); a handoff needs two people who each answer for their side: the other "
           "side's owner signs with `handoff sign acme --role implementation`\n");
  ws.sign("acme", "implementation", "zhang.min", "2026-10-07");
  CHECK(only(ws.check("acme").findings, "HF415") == "");
}

TEST_CASE("HF415 is silent for two people")
{
  CHECK(only(Base().workspace().check("acme").findings, "HF415") == "");
}

// --- HF416 and the baseline -----------------------------------------------------------------

TEST_CASE("HF416 fires on a one-sided re-sign; the baseline stays at the earlier agreement")
{
  Base base;
  Workspace ws = base.workspace();
  ws.file("projects/acme/plan.yaml", edit(base.plan, "due: 2027-03-15", "due: 2027-03-20"));
  ws.sign("acme", "sales", "li.wei", "2026-10-08");
  const auto project = load(ws);
  const auto sig = signoff::signatures(project);
  CHECK(sig.disagree());
  REQUIRE(sig.baseline.has_value());
  CHECK(sig.baseline->sales == &project.signoffs[0]);
  CHECK(only(ws.check("acme").findings, "HF416")
        == "projects/acme/signoffs.yaml:40:5: error[HF416]: the latest sales (li.wei, 2026-10-08, line 40) and the "
           "latest implementation (zhang.min, 2026-10-06, line 21) sign-offs bind to different content: plan.yaml "
           "differs (M1); the baseline stays at what both signed on 2026-10-06 (lines 2 and 21); if both sides agree "
           "with the records as they are, each signs them with `handoff sign acme --role ...`, otherwise restore "
           "the agreed records and sign again\n");
  ws.sign("acme", "implementation", "zhang.min", "2026-10-09");
  CHECK(only(ws.check("acme").findings, "HF416") == "");
}

TEST_CASE("HF416 catches one side rolling the records back to an older agreement")
{
  Base base;
  Workspace ws = base.workspace();  // both sign X
  ws.file("projects/acme/plan.yaml", edit(base.plan, "due: 2027-03-15", "due: 2027-03-20"));
  ws.sign("acme", "sales", "li.wei", "2026-10-08").sign("acme", "implementation", "zhang.min", "2026-10-09");  // Y
  ws.file("projects/acme/plan.yaml", base.plan);
  ws.sign("acme", "implementation", "zhang.min", "2026-10-10");  // X again, alone
  const auto project = load(ws);
  const auto sig = signoff::signatures(project);
  REQUIRE(sig.baseline.has_value());
  CHECK(sig.baseline->implementation == &project.signoffs[3]);  // Y, not X
  CHECK(only(ws.check("acme").findings, "HF416")
        == "projects/acme/signoffs.yaml:78:5: error[HF416]: the latest implementation (zhang.min, 2026-10-10, line "
           "78) and the latest sales (li.wei, 2026-10-08, line 40) sign-offs bind to different content: plan.yaml "
           "differs (M1); implementation signed again content that sales signed on 2026-10-05 and has since "
           "superseded: a rollback; the baseline stays at what both signed on 2026-10-09 (lines 40 and 59); if "
           "both sides agree with the records as they are, each signs them with `handoff sign acme --role ...`, "
           "otherwise restore the agreed records and sign again\n");
  // The records (X) differ from the baseline (Y): HF412 says so too, per side.
  CHECK(only(ws.check("acme").findings, "HF412")
        == "projects/acme/plan.yaml:2:5: error[HF412]: plan.yaml changed after sales (li.wei) signed it on "
           "2026-10-08 (signoffs.yaml line 40): milestone M1 \"Go-live\" changed; sign again with `handoff sign "
           "acme --role ...` if the change is agreed, or undo it\n");
}

TEST_CASE("HF416 is silent when the latest entries agree, or a side has not signed")
{
  CHECK(only(Base().workspace().check("acme").findings, "HF416") == "");
  Workspace ws = Base().unsigned_workspace();
  ws.sign("acme", "sales", "li.wei", "2026-10-05");
  CHECK(only(ws.check("acme").findings, "HF416") == "");
}
