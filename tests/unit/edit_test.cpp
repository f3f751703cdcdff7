#include <doctest/doctest.h>

#include "yaml/edit.hpp"

using handoff::yaml::EditError;
using handoff::yaml::ItemText;
using handoff::yaml::Step;
using handoff::yaml::TextEdit;

namespace {

std::string set(const std::string& text, const handoff::yaml::Path& at, const std::string& key,
                const std::string& value)
{
  TextEdit edit(text, {});
  edit.set(at, key, value);
  return edit.text();
}

}  // namespace

TEST_CASE("edit: set replaces a scalar and keeps the comment on its line")
{
  const std::string text =
      "# the plan\nmilestones:\n  - id: M1   # first\n    due: 2027-01-10  # moved once\n    name: Blueprint\n";
  CHECK(set(text, {Step::at("milestones"), Step::item("id", "M1")}, "due", "2027-02-01")
        == "# the plan\nmilestones:\n  - id: M1   # first\n    due: 2027-02-01  # moved once\n    name: Blueprint\n");
}

TEST_CASE("edit: set adds a missing key after the item's last line, before the comments of the next")
{
  const std::string text =
      "milestones:\n  - id: M1\n    name: Blueprint\n\n  # the second\n  - id: M2\n    name: Build\n";
  CHECK(set(text, {Step::at("milestones"), Step::item("id", "M1")}, "status", "done")
        == "milestones:\n  - id: M1\n    name: Blueprint\n    status: done\n\n  # the second\n  - id: M2\n    name: "
           "Build\n");
  CHECK(set(text, {Step::at("milestones"), Step::item("id", "M2")}, "status", "done")
        == "milestones:\n  - id: M1\n    name: Blueprint\n\n  # the second\n  - id: M2\n    name: Build\n    status: "
           "done\n");
}

TEST_CASE("edit: set creates missing mappings and fills a null one")
{
  CHECK(set("id: a\n# end\n", {Step::at("reporting")}, "last_report", "2026-12-01")
        == "id: a\nreporting:\n  last_report: 2026-12-01\n# end\n");
  CHECK(set("id: a\nkickoff:   # the meeting\nname: b\n", {Step::at("kickoff")}, "date", "2026-10-09")
        == "id: a\nkickoff: # the meeting\n  date: 2026-10-09\nname: b\n");
  CHECK(set("id: a\nclosure: {}\n", {Step::at("closure")}, "csat", "4") == "id: a\nclosure:\n  csat: 4\n");
  CHECK(set("", {Step::at("support")}, "owner", "li.wei") == "support:\n  owner: li.wei\n");
}

TEST_CASE("edit: set keeps CRLF line ends")
{
  CHECK(set("id: a\r\nplan:\r\n  x: 1\r\n", {Step::at("plan")}, "y", "two")
        == "id: a\r\nplan:\r\n  x: 1\r\n  y: two\r\n");
}

TEST_CASE("edit: multi-line text becomes a literal block that reads back the same")
{
  const std::string value = "第一段：需求确认。\n\n- 生产工单\n- 质量追溯";
  TextEdit edit("activities:\n  - id: A-1\n    date: 2026-09-01\n", {});
  edit.set({Step::at("activities"), Step::item("id", "A-1")}, "summary", value);
  CHECK(edit.text()
        == "activities:\n  - id: A-1\n    date: 2026-09-01\n    summary: |-\n      第一段：需求确认。\n\n      - "
           "生产工单\n      - "
           "质量追溯\n");
  CHECK(handoff::yaml::find(edit.root(), {Step::at("activities"), Step::item("id", "A-1"), Step::at("summary")})->value
        == value);
}

TEST_CASE("edit: scalars that would read back as something else are quoted")
{
  CHECK(handoff::yaml::scalar_text("plain text") == "plain text");
  CHECK(handoff::yaml::scalar_text("生产工单") == "生产工单");
  CHECK(handoff::yaml::scalar_text("yes") == "\"yes\"");
  CHECK(handoff::yaml::scalar_text("a: b") == "\"a: b\"");
  CHECK(handoff::yaml::scalar_text("- x") == "\"- x\"");
  CHECK(handoff::yaml::scalar_text("x # y") == "\"x # y\"");
  CHECK(handoff::yaml::scalar_text("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(handoff::yaml::flow_list({"li.wei", "Wang Fang", "a,b"}) == "[li.wei, Wang Fang, \"a,b\"]");
}

TEST_CASE("edit: append adds an item like the others, after trailing comments of the last are left")
{
  const std::string text = "# register\nrisks:\n- id: R-1\n  title: ERP late\n# keep this\n";
  TextEdit edit(text, {});
  edit.append({}, "risks", ItemText().field("id", "R-2").field("title", "Key user leaves").str());
  CHECK(edit.text()
        == "# register\nrisks:\n- id: R-1\n  title: ERP late\n- id: R-2\n  title: Key user leaves\n# keep this\n");
}

TEST_CASE("edit: append into a nested list, a missing list and an empty flow list")
{
  const std::string text =
      "changes:\n  - id: CR-1\n    title: T\n    approvals: []  # none yet\n  - id: CR-2\n    title: U\n";
  TextEdit edit(text, {});
  const handoff::yaml::Path cr1 = {Step::at("changes"), Step::item("id", "CR-1")};
  edit.append(cr1, "approvals", ItemText().field("role", "sales").field("by", "li.wei").str());
  CHECK(edit.text()
        == "changes:\n  - id: CR-1\n    title: T\n    approvals: # none yet\n      - role: sales\n        by: li.wei\n "
           " - id: "
           "CR-2\n    title: U\n");
  edit.append(cr1, "approvals", ItemText().field("role", "implementation").field("by", "zhang.min").str());
  edit.append({Step::at("changes"), Step::item("id", "CR-2")}, "approvals",
              ItemText().field("role", "sales").list("tags", {"a", "b"}).str());
  CHECK(edit.text()
        == "changes:\n  - id: CR-1\n    title: T\n    approvals: # none yet\n      - role: sales\n        by: li.wei\n "
           "     - role: "
           "implementation\n        by: zhang.min\n  - id: CR-2\n    title: U\n    approvals:\n      - role: sales\n   "
           "     tags: [a, "
           "b]\n");
}

TEST_CASE("edit: refusals say why")
{
  CHECK_THROWS_WITH_AS(TextEdit("a: [\n", {}), doctest::Contains("fix it first"), EditError);
  CHECK_THROWS_WITH_AS(TextEdit("- a\n", {}), "it does not hold a mapping at the top", EditError);
  TextEdit flow("plan: {x: 1}\n", {});
  CHECK_THROWS_WITH_AS(flow.set({Step::at("plan")}, "y", "2"),
                       "the mapping that holds `plan.y` is written in braces; write it one key per line", EditError);
  TextEdit brackets("risks: [{id: R-1}]\n", {});
  CHECK_THROWS_WITH_AS(brackets.append({}, "risks", ItemText().field("id", "R-2").str()),
                       "`risks` is a list written in brackets; write it one item per line (`- ...`)", EditError);
  TextEdit commented("kickoff:\n  # who\n  attendees:\n  - a\n", {});
  CHECK_THROWS_WITH_AS(commented.set({}, "kickoff", "x"),
                       "replacing `kickoff` would drop the comments inside it; edit it by hand", EditError);
  TextEdit missing("risks:\n  - id: R-1\n", {});
  CHECK_THROWS_WITH_AS(missing.set({Step::at("risks"), Step::item("id", "R-9")}, "status", "closed"),
                       "there is no item with id: R-9", EditError);
}

TEST_CASE("edit: a block scalar value is replaced whole")
{
  CHECK(set("a:\n  notes: |\n    one\n    # two\n  b: 1\n", {Step::at("a")}, "notes", "new")
        == "a:\n  notes: new\n  b: 1\n");
}

TEST_CASE("edit: commented-out entries indented under the last key stay with it")
{
  const std::string text = "team:\n  sales: li.wei\n  # pm: wang.lei\n# contract:\n#   signed: 2026-10-01\n";
  CHECK(set(text, {Step::at("kickoff")}, "date", "2026-10-09")
        == "team:\n  sales: li.wei\n  # pm: wang.lei\nkickoff:\n  date: 2026-10-09\n# contract:\n#   signed: "
           "2026-10-01\n");
  TextEdit edit("risks:\n  - id: R-1\n    # owner: li.wei\n  # R-2 was merged into R-1\n", {});
  edit.append({}, "risks", ItemText().field("id", "R-2").str());
  CHECK(edit.text() == "risks:\n  - id: R-1\n    # owner: li.wei\n  - id: R-2\n  # R-2 was merged into R-1\n");
}

TEST_CASE("edit: a byte order mark stays, and positions count after it")
{
  CHECK(set("\xEF\xBB\xBFid: a\nplan:\n  x: 1\n", {Step::at("plan")}, "y", "two")
        == "\xEF\xBB\xBFid: a\nplan:\n  x: 1\n  y: two\n");
  CHECK(set("\xEF\xBB\xBFid: a\n", {}, "stage", "delivery") == "\xEF\xBB\xBFid: a\nstage: delivery\n");
}

TEST_CASE("edit: columns after Chinese text are characters")
{
  CHECK(set("名称: 生产工单\nplan:\n  标题: 第一期\n  x: 1\n", {Step::at("plan")}, "x", "2")
        == "名称: 生产工单\nplan:\n  标题: 第一期\n  x: 2\n");
  CHECK(set("plan: {}\n标题: 第一期  # 注释\n", {}, "标题", "第二期") == "plan: {}\n标题: 第二期  # 注释\n");
}
