// HF001–HF009: for each rule a workspace where it fires (exact message and location) and one
// where it does not.
#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

constexpr const char* k_card = "id: p\nname: P\nstage: opportunity\n";

Workspace with_requirements(const std::string& text)
{
  Workspace ws;
  ws.file("projects/p/project.yaml", k_card);
  ws.file("projects/p/requirements.yaml", text);
  return ws;
}

}  // namespace

TEST_CASE("HF001 flow syntax error, second document, invalid UTF-8, tabs")
{
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: [a\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:3:12: error[HF001]: not valid YAML: this '[' opens a list that is never "
           "closed with ']'; close it, or put the value in quotes if it is text\n");
  // The innermost open one, of the kind yaml-cpp misses: a closed inner list does not count.
  CHECK(
      only(with_requirements("requirements:\n  - id: REQ-1\n    tags: [a, [b], {c: 1}\n").check("p").findings, "HF001")
      == "projects/p/requirements.yaml:3:11: error[HF001]: not valid YAML: this '[' opens a list that is never "
         "closed with ']'; close it, or put the value in quotes if it is text\n");
  // A quote that the end of the file cuts off (yaml-cpp would read it as text).
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: \"open \\\" and 'x'\n").check("p").findings,
             "HF001")
        == "projects/p/requirements.yaml:3:12: error[HF001]: not valid YAML: this '\"' opens quoted text that is "
           "never closed; add the closing '\"' where the text ends\n");
  CHECK(
      only(with_requirements("requirements:\n  - id: REQ-1\n    title: &t !!str \"open\n").check("p").findings, "HF001")
      == "projects/p/requirements.yaml:3:21: error[HF001]: not valid YAML: this '\"' opens quoted text that is "
         "never closed; add the closing '\"' where the text ends\n");
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: 'it''s\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:3:12: error[HF001]: not valid YAML: this \"'\" opens quoted text that is "
           "never closed; add the closing \"'\" where the text ends\n");
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: 'it''s \"fine\"'\n    source: \"a \\\" b\"\n")
                 .check("p")
                 .findings,
             "HF001")
            .empty());
  CHECK(only(with_requirements("requirements:\n  - {id: REQ-1, title: [a]\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:2:5: error[HF001]: not valid YAML: this '{' opens a mapping that is never "
           "closed with '}'; close it, or put the value in quotes if it is text\n");
  CHECK(only(with_requirements("requirements: []\n---\nx: 1\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:2:1: error[HF001]: a second YAML document starts here; a record file "
           "holds exactly one document (remove the '---' line and what follows, or merge them)\n");
  CHECK(only(with_requirements("requirements:\n  - id: R\xff\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:2:10: error[HF001]: invalid UTF-8 at byte 23; save the file as UTF-8\n");
  CHECK(only(with_requirements("requirements:\n\t- id: REQ-1\n").check("p").findings, "HF001")
        == "projects/p/requirements.yaml:2:1: error[HF001]: tab character in indentation; YAML indents with spaces\n");
  CHECK(only(with_requirements("requirements: []  # tab\there is fine in a comment\n").check("p").findings, "HF001")
        == "");
}

TEST_CASE("HF001 names full-width punctuation typed where YAML needs ASCII, at its line and character column")
{
  const auto hf001 = [](const std::string& text) { return only(with_requirements(text).check("p").findings, "HF001"); };
  const std::string where = "projects/p/requirements.yaml:";
  // Each case: one finding at the character, instead of yaml-cpp's message a line later.
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title\uFF1A生产工单\n    priority: must\n")
        == where + "3:10: error[HF001]: full-width colon '\uFF1A' at 3:10; YAML needs ':'\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: 生产工单\n    covers: [REQ-004\uFF0CREQ-001]\n")
        == where + "4:21: error[HF001]: full-width comma '\uFF0C' at 4:21; YAML needs ','\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n\u3000\u3000title: 生产工单\n")
        == where + "3:1: error[HF001]: full-width space '\u3000' at 3:1; YAML needs ' '\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: 生产工单\n    covers: \u3010REQ-001, REQ-002\u3011\n")
        == where + "4:13: error[HF001]: full-width bracket '\u3010' at 4:13; YAML needs '['\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \u201C生产工单: 第一期\u201D\n")
        == where + "3:12: error[HF001]: full-width quote '\u201C' at 3:12; YAML needs '\"'\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: 生产工单\n    due: 2026\uFF0D03\uFF0D01\n")
        == where + "4:14: error[HF001]: full-width dash '\uFF0D' at 4:14; YAML needs '-'\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: 生产工单\n    due: \uFF12\uFF10\uFF12\uFF16-03-01\n")
        == where + "4:10: error[HF001]: full-width digit '\uFF12' at 4:10; YAML needs '2'\n");
  CHECK(hf001("requirements:\n  \uFF0D id: REQ-1\n    title: 生产工单\n")
        == where + "2:3: error[HF001]: full-width dash '\uFF0D' at 2:3; YAML needs '-'\n");
  // Typed for the blank after ':' or '- ', and the ']' that should close a list.
  CHECK(hf001("requirements:\n  - id:\u3000REQ-1\n")
        == where + "2:8: error[HF001]: full-width space '\u3000' at 2:8; YAML needs ' '\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    covers: [REQ-001, REQ-002\u3011\n")
        == where + "3:30: error[HF001]: full-width bracket '\u3011' at 3:30; YAML needs ']'\n");
  // The full-width double quote (U+FF02) and number sign (U+FF03) typed for '"' and a comment's '#'.
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \uFF02生产工单: 第一期\uFF02\n")
        == where + "3:12: error[HF001]: full-width quote '\uFF02' at 3:12; YAML needs '\"'\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    \uFF03 第二期再做\n    title: 生产工单\n")
        == where + "3:5: error[HF001]: full-width number sign '\uFF03' at 3:5; YAML needs '#'\n");
}

TEST_CASE("HF001 leaves full-width punctuation inside Chinese text alone")
{
  const auto hf001 = [](const std::string& text) { return only(with_requirements(text).check("p").findings, "HF001"); };
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: 生产工单\uFF1A第一期\uFF0C二期\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \u3010重要\u3011生产工单\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \u201C智慧工厂\u201D项目\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \u3000\u3000第一段\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \uFF02智慧工厂\uFF02项目 \uFF03 1 号线\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \"生产\uFF1A工单\"\n    acceptance: [\"a\uFF0Cb\"]\n") == "");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: T\n    description: |\n      \u3000\u3000title\uFF1A第一段\n"
              "      \uFF0D 要点\n      2026\uFF0D03\uFF0D01\n    source: RFP  # \uFF1A comment\n")
        == "");
  // A syntax error elsewhere is reported as before, not blamed on the quotes of a title.
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \u201C智慧工厂\u201D项目\n    source: RFP\n\n   x: 1\n")
        == "projects/p/requirements.yaml:6:4: error[HF001]: not valid YAML: this line's indentation matches no open "
           "mapping or list; line it up with the keys or '- ' items it belongs with\n");
}

TEST_CASE("columns count characters: a finding after Chinese text points at the character")
{
  Workspace ws = with_requirements("requirements:\n  - {id: REQ-1, title: 生产工单, priority: mus}\n");
  CHECK(only(ws.check("p").findings, "HF002")
        == "projects/p/requirements.yaml:2:40: error[HF002]: priority: expected one of must, should, could or wont, "
           "found \"mus\"; did you mean \"must\"?\n");
}

TEST_CASE("HF001 in one project does not stop the others")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: [P\n");
  ws.file("projects/q/project.yaml", "id: q\nname: Q\nstage: opportunity\n");
  CHECK(only(ws.check("p").findings, "HF001").find("projects/p/project.yaml:") == 0);
  CHECK(lines(ws.check("q").findings) == "");
}

TEST_CASE("HF002 wrong date, number and id; str fields keep their literal text")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: contracted\ncontract:\n  signed: 2026-02-30\n"
                                     "  value: lots\n");
  CHECK(only(ws.check("p").findings, "HF002")
        == "projects/p/project.yaml:5:11: error[HF002]: signed: expected a real calendar date, found \"2026-02-30\" "
           "(no such day)\n"
           "projects/p/project.yaml:6:10: error[HF002]: value: expected a number, found \"lots\"\n");
  CHECK(only(with_requirements("requirements:\n  - id: bad id\n    title: x\n").check("p").findings, "HF002")
        == "projects/p/requirements.yaml:2:9: error[HF002]: id: expected an id (a letter, then letters, digits, "
           "'_', '.' or '-'), found \"bad id\"\n");
  Workspace literal;
  literal.file("projects/p/project.yaml", "id: p\nname: no\nstage: opportunity\ncustomer:\n  name: 1.10\n");
  const auto loaded = handoff::model::load_project(literal.fs(), {}, "p");
  CHECK(*loaded.project.card.name == "no");
  CHECK(*loaded.project.card.customer_name == "1.10");
  CHECK(lines(literal.check("p").findings) == "");
}

TEST_CASE("HF002 bounds the numbers that make dates: dates 1970-01-01..2199-12-31, duration_weeks <= 520")
{
  const auto card = [](const std::string& signed_, const std::string& at = "2026-10-05T09:00:00Z") {
    Workspace ws;
    ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: contracted\ncontract:\n  signed: " + signed_ + "\n");
    ws.file("projects/p/signoffs.yaml", "signoffs:\n  - role: sales\n    person: li.wei\n    date: 2026-10-05\n"
                                        "    at: "
                                            + at + "\n");
    return only(ws.check("p").findings, "HF002");
  };
  CHECK(card("1970-01-01") == "");
  CHECK(card("2199-12-31") == "");
  CHECK(card("1969-12-31")
        == "projects/p/project.yaml:5:11: error[HF002]: signed: expected a date from 1970-01-01 to 2199-12-31, found "
           "\"1969-12-31\"\n");
  CHECK(card("2200-01-01")
        == "projects/p/project.yaml:5:11: error[HF002]: signed: expected a date from 1970-01-01 to 2199-12-31, found "
           "\"2200-01-01\"\n");
  CHECK(card("9999-12-31").find("found \"9999-12-31\"") != std::string::npos);
  CHECK(card("2026-10-05", "2199-12-31T23:59:59Z") == "");
  CHECK(card("2026-10-05", "2200-01-01T00:00:00Z")
        == "projects/p/signoffs.yaml:5:9: error[HF002]: at: expected a UTC timestamp from 1970-01-01T00:00:00Z to "
           "2199-12-31T23:59:59Z, found \"2200-01-01T00:00:00Z\"\n");

  const auto weeks = [](const std::string& value) {
    Workspace ws;
    ws.file("projects/p/project.yaml", k_card);
    ws.file("projects/p/feasibility.yaml", "estimate:\n  duration_weeks: " + value + "\n");
    return only(ws.check("p").findings, "HF002");
  };
  CHECK(weeks("520") == "");
  CHECK(weeks("519.5") == "");
  CHECK(weeks("521")
        == "projects/p/feasibility.yaml:2:19: error[HF002]: duration_weeks: expected a number from 0 to 520, found "
           "521\n");
  CHECK(weeks("99999999999").find("expected a number from 0 to 520, found 99999999999") != std::string::npos);
  // An out-of-range value is not read: no date is derived from it.
  Workspace ws;
  ws.file("projects/p/project.yaml", k_card);
  ws.file("projects/p/feasibility.yaml", "estimate:\n  duration_weeks: 99999999999\n");
  CHECK_FALSE(handoff::model::load_project(ws.fs(), {}, "p").project.feasibility.duration_weeks.has());
}

TEST_CASE("HF002 quotes a long value only in part")
{
  const std::string value(200, 'x');
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: " + value + "\n");
  const std::string out = only(ws.check("p").findings, "HF002");
  CHECK(out.find("found \"" + std::string(60, 'x') + "...\"") != std::string::npos);
  CHECK(out.find(std::string(61, 'x')) == std::string::npos);
}

TEST_CASE("HF003 missing required fields")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "name: P\n");
  CHECK(only(ws.check("p").findings, "HF003")
        == "projects/p/project.yaml:1:1: error[HF003]: missing required fields \"id\" and \"stage\"\n");
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    priority: must\n").check("p").findings, "HF003")
        == "projects/p/requirements.yaml:2:5: error[HF003]: missing required field \"title\"\n");
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: T\n").check("p").findings, "HF003") == "");
}

TEST_CASE("HF004 unknown field with a suggestion, as a warning")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\ncustmer:\n  name: X\n");
  CHECK(only(ws.check("p").findings, "HF004")
        == "projects/p/project.yaml:4:1: warning[HF004]: unknown field \"custmer\"; did you mean \"customer\"?\n");
  CHECK(only(with_requirements("requirements: []\n").check("p").findings, "HF004") == "");
}

TEST_CASE("HF005 duplicate key that yaml-cpp would keep silently")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\nname: Q\n");
  CHECK(only(ws.check("p").findings, "HF005")
        == "projects/p/project.yaml:4:1: error[HF005]: duplicate key \"name\" (first at line 2); YAML keeps only one "
           "of them, so remove or rename one\n");
  CHECK(only(with_requirements("requirements:\n  - {id: A, title: a}\n  - {id: B, title: a}\n").check("p").findings,
             "HF005")
        == "");
}

TEST_CASE("HF006 duplicate id in a project")
{
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: A\n  - id: REQ-1\n    title: B\n")
                 .check("p")
                 .findings,
             "HF006")
        == "projects/p/requirements.yaml:4:9: error[HF006]: requirement id REQ-1 is used twice (first at line 2); "
           "give each requirement its own id\n");
  CHECK(only(with_requirements("requirements:\n  - id: REQ-1\n    title: A\n  - id: REQ-2\n    title: B\n")
                 .check("p")
                 .findings,
             "HF006")
        == "");
}

TEST_CASE("HF007 unknown person and dangling requirement reference, with suggestions")
{
  Workspace ws;
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    roles: [sales]\n");
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\nteam:\n  sales: li.wie\n");
  ws.file("projects/p/requirements.yaml", "requirements:\n  - id: REQ-1\n    title: A\n");
  ws.file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    name: x\n    covers: [REQ-9]\n");
  CHECK(only(ws.check("p").findings, "HF007")
        == "projects/p/plan.yaml:4:14: error[HF007]: covered requirement REQ-9 does not exist; did you mean REQ-1?\n"
           "projects/p/project.yaml:5:10: error[HF007]: team member \"li.wie\" is not in the people registry of "
           "handoff.yaml; did you mean \"li.wei\"?\n");
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\nteam:\n  sales: li.wei\n");
  ws.file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    name: x\n    covers: [REQ-1]\n");
  CHECK(only(ws.check("p").findings, "HF007") == "");
}

TEST_CASE("HF001 says what to do about the usual syntax errors, where yaml-cpp names only the error")
{
  const auto hf001 = [](const std::string& text) { return only(with_requirements(text).check("p").findings, "HF001"); };
  const std::string where = "projects/p/requirements.yaml:";
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: Go: live\n")
        == where
               + "3:14: error[HF001]: not valid YAML: a ': ' here would start a new key inside a value; put the "
                 "whole value in quotes, or indent the line like the keys it belongs with\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: T\n   source: RFP\n")
        == where
               + "4:4: error[HF001]: not valid YAML: this line's indentation matches no open mapping or list; line "
                 "it up with the keys or '- ' items it belongs with\n");
  CHECK(hf001("requirements: []\n- id: REQ-1\n")
        == where
               + "2:1: error[HF001]: not valid YAML: a '- ' list item where a key was expected; indent it under the "
                 "key whose list it is\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: @home\n")
        == where + "3:12: error[HF001]: not valid YAML: '@' cannot start a value in YAML; put the value in quotes\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    tags: [a]]\n")
        == where
               + "3:14: error[HF001]: not valid YAML: this closing bracket closes nothing open here; remove it, or "
                 "put the value in quotes if it is text\n");
  CHECK(hf001("requirements:\n  - id: REQ-1\n    title: \"C:\\data\"\n")
        == where
               + "3:15: error[HF001]: not valid YAML: '\\d' is no escape in double quotes; write '\\\\' for a "
                 "backslash, or use single quotes ('C:\\data')\n");
}

TEST_CASE("HF007 stays silent about references into a record that cannot be read")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\n");
  ws.file("projects/p/requirements.yaml", "requirements:\n  - id: REQ-1\n   bad: [x\n");
  ws.file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    name: x\n    covers: [REQ-1]\n    depends_on: [M9]\n");
  // One syntax error is one finding: the requirements are unknown, not missing. A dangling
  // milestone reference is still reported, since plan.yaml reads.
  CHECK(only(ws.check("p").findings, "HF001")
        == "projects/p/requirements.yaml:3:4: error[HF001]: not valid YAML: this line's indentation matches no open "
           "mapping or list; line it up with the keys or '- ' items it belongs with\n");
  CHECK(only(ws.check("p").findings, "HF007")
        == "projects/p/plan.yaml:5:18: error[HF007]: milestone dependency M9 does not exist; did you mean M1?\n");
}

TEST_CASE("HF008 project id must match its folder and be a slug")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: q\nname: P\nstage: opportunity\n");
  CHECK(only(ws.check("p").findings, "HF008")
        == "projects/p/project.yaml:1:5: error[HF008]: project id \"q\" does not match its folder \"p\"; make them "
           "equal\n");
  ws.file("projects/Wrong/project.yaml", "id: Wrong\nname: W\nstage: opportunity\n");
  CHECK(only(ws.check("Wrong").findings, "HF008")
        == "projects/Wrong/project.yaml:1:5: error[HF008]: project folder \"Wrong\" is not a valid project id: use 1 "
           "to 63 lower-case letters, digits and '-', starting with a letter or digit\n");
  CHECK(only(with_requirements("requirements: []\n").check("p").findings, "HF008") == "");
}

TEST_CASE("HF009 alias cycle, nesting depth and file size")
{
  CHECK(only(with_requirements("a: &a [*a]\n").check("p").findings, "HF009")
        == "projects/p/requirements.yaml:1:8: error[HF009]: alias refers to its own anchor, which makes a cycle; "
           "write the value out instead\n");
  CHECK(only(with_requirements("a: " + std::string(70, '[') + std::string(70, ']') + "\n").check("p").findings, "HF009")
        == "projects/p/requirements.yaml:1:67: error[HF009]: nesting is deeper than 64 levels\n");
  CHECK(only(with_requirements(std::string(9'000'000, 'a')).check("p").findings, "HF009")
        == "projects/p/requirements.yaml:1:1: error[HF009]: cannot read the file: it is 9000000 bytes, over the limit "
           "of 8388608 bytes\n");
  CHECK(only(with_requirements("base: &b {id: REQ-1}\nrequirements: []\n").check("p").findings, "HF009") == "");
}

TEST_CASE("a value HF002 rejects is not reported again by a gate rule")
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: presales\ncustomer:\n  name: C\n  contacts:\n"
                                     "    - name: A\n      decision_maker: yes\nteam:\n  sales: S\n");
  ws.file("projects/p/requirements.yaml", "requirements:\n  - id: REQ-1\n    title: T\n    source: RFP\n"
                                          "    priority: musts\n");
  CHECK(lines(ws.check("p").findings)
        == "projects/p/project.yaml:8:23: error[HF002]: decision_maker: expected true or false, found \"yes\"\n"
           "projects/p/requirements.yaml:5:15: error[HF002]: priority: expected one of must, should, could or wont, "
           "found \"musts\"; did you mean \"must\"?\n");
  handoff::rules::CheckOptions clarify_only;
  clarify_only.gate = handoff::core::Gate::clarify;
  CHECK(only(ws.check("p", "2026-11-20", clarify_only).findings, "HF206") == "");
}

TEST_CASE("HF009 an alias bomb is stopped at the node limit, located where it is crossed")
{
  // Nine levels of ten aliases each would expand to 10^10 nodes; the limit is crossed at the
  // ninth alias of a5 (line 6).
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string refs;
    for (int j = 0; j < 10; ++j) {
      refs += std::string(j == 0 ? "" : ", ") + "*a" + std::to_string(i - 1);
    }
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + refs + "]\n";
  }
  const std::string out = only(with_requirements(bomb).check("p").findings, "HF009");
  CHECK(out
        == "projects/p/requirements.yaml:6:45: error[HF009]: the document expands to more than 1000000 nodes "
           "(aliases included); records are never that large\n");
}

TEST_CASE("a huge single line is read and located without trouble")
{
  const std::string line = "requirements:\n  - id: REQ-1\n    title: " + std::string(2'000'000, 'x') + "\n    bad: 1\n";
  CHECK(only(with_requirements(line).check("p").findings, "HF004")
        == "projects/p/requirements.yaml:4:5: warning[HF004]: unknown field \"bad\"; known fields: id, title, "
           "description, source, priority, type, contract_item, acceptance, status, questions\n");
}

namespace {

// A closed project whose dates are all set: every date that records something that happened
// is on or before 2026-11-20 and in order.
Workspace with_dates(const std::string& signed_date, const std::string& kickoff, const std::string& went_live,
                     const std::string& accepted, const std::string& done, const std::string& last_report,
                     const std::string& acceptance, const std::string& activity, const std::string& summary)
{
  Workspace ws;
  ws.file("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\ncontract:\n  signed: " + signed_date
                                         + "\nkickoff:\n  date: " + kickoff + "\nclosure:\n  went_live: " + went_live
                                         + "\n  accepted: " + accepted + "\n");
  ws.file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    name: Go-live\n    done: " + done
                                      + "\nreporting:\n  cadence_days: 7\n  last_report: " + last_report + "\n");
  ws.file("projects/p/acceptance.yaml", "date: " + acceptance + "\nresults: []\n");
  ws.file("projects/p/activities.yaml", "activities:\n  - id: A-1\n    date: " + activity
                                            + "\n    kind: visit\n    summary: Met the plant manager\n"
                                              "    summary_date: "
                                            + summary + "\n");
  return ws;
}

}  // namespace

TEST_CASE("HF011 a date of something that happened after today, at the date")
{
  // Every date on or before today, and today itself: nothing.
  CHECK(only(with_dates("2026-01-05", "2026-01-20", "2026-06-30", "2026-07-10", "2026-06-29", "2026-11-20",
                        "2026-07-10", "2025-11-03", "2025-11-04")
                 .check("p")
                 .findings,
             "HF011")
        == "");
  const auto ws = with_dates("2026-01-05", "2026-11-21", "2029-06-30", "2029-07-10", "2030-06-29", "2026-12-01",
                             "2029-07-10", "2026-11-25", "2026-11-26");
  CHECK(only(ws.check("p").findings, "HF011")
        == "projects/p/acceptance.yaml:1:7: error[HF011]: date: of acceptance.yaml is 2029-07-10, 963 days after "
           "today (2026-11-20), but it records the day the customer signed the acceptance: correct the date, or "
           "leave it out until that has happened\n"
           "projects/p/activities.yaml:3:11: error[HF011]: date: of activity A-1 is 2026-11-25, 5 days after today "
           "(2026-11-20), but it records the day the activity took place: correct the date, or leave it out until "
           "that has happened\n"
           "projects/p/activities.yaml:6:19: error[HF011]: summary_date: of activity A-1 is 2026-11-26, 6 days after "
           "today (2026-11-20), but it records the day the activity's summary was shared: correct the date, or "
           "leave it out until that has happened\n"
           "projects/p/plan.yaml:4:11: error[HF011]: done: of milestone M1 is 2030-06-29, 1317 days after today "
           "(2026-11-20), but it records the day the milestone was finished: correct the date, or leave it out "
           "until that has happened\n"
           "projects/p/plan.yaml:7:16: error[HF011]: reporting.last_report is 2026-12-01, 11 days after today "
           "(2026-11-20), but it records the day the last status report was sent: correct the date, or leave it out "
           "until that has happened\n"
           "projects/p/project.yaml:7:9: error[HF011]: kickoff.date is 2026-11-21, 1 day after today (2026-11-20), "
           "but it records the day the kickoff meeting was held: correct the date, or leave it out until that has "
           "happened\n"
           "projects/p/project.yaml:9:14: error[HF011]: closure.went_live is 2029-06-30, 953 days after today "
           "(2026-11-20), but it records the day the system went live: correct the date, or leave it out until that "
           "has happened\n"
           "projects/p/project.yaml:10:13: error[HF011]: closure.accepted is 2029-07-10, 963 days after today "
           "(2026-11-20), but it records the day the customer accepted the project: correct the date, or leave it "
           "out until that has happened\n");
  // The same records checked later are fine.
  CHECK(only(ws.check("p", "2030-07-01").findings, "HF011") == "");
}

TEST_CASE("HF012 dates out of order, at the later one")
{
  // In order, and equal dates: nothing.
  CHECK(only(with_dates("2026-01-05", "2026-01-20", "2026-06-30", "2026-07-10", "2026-06-29", "2026-11-16",
                        "2026-07-10", "2025-11-03", "2025-11-04")
                 .check("p")
                 .findings,
             "HF012")
        == "");
  CHECK(only(with_dates("2026-06-30", "2026-01-20", "2026-06-30", "2026-06-30", "2026-06-29", "2026-11-16",
                        "2026-07-10", "2025-11-03", "2025-11-03")
                 .check("p")
                 .findings,
             "HF012")
        == "");
  CHECK(only(with_dates("2026-07-05", "2026-01-20", "2026-06-30", "2026-06-20", "2026-06-29", "2026-11-16",
                        "2026-07-10", "2025-11-03", "2025-11-01")
                 .check("p")
                 .findings,
             "HF012")
        == "projects/p/activities.yaml:6:19: error[HF012]: summary_date: 2025-11-01 of activity A-1 is 2 days before "
           "its date: 2025-11-03, but a summary is shared after the activity it sums up: correct whichever date is "
           "wrong\n"
           "projects/p/project.yaml:9:14: error[HF012]: closure.went_live 2026-06-30 is 5 days before contract.signed "
           "2026-07-05, but a system goes live after its contract is signed: correct whichever date is wrong\n"
           "projects/p/project.yaml:10:13: error[HF012]: closure.accepted 2026-06-20 is 10 days before "
           "closure.went_live 2026-06-30, but the customer accepts a project once it has gone live: correct whichever "
           "date is wrong\n");
}

TEST_CASE("HF007 a pending change may name the requirement it adds; an implemented one may not")
{
  const auto ws = [](const std::string& status) {
    Workspace w;
    w.file("projects/p/project.yaml", k_card);
    w.file("projects/p/requirements.yaml", "requirements:\n  - id: REQ-001\n    title: Order tracking\n");
    w.file("projects/p/changes.yaml", "changes:\n  - id: CR-001\n    title: Yield report\n    affects: [REQ-001, "
                                      "REQ-007]\n    status: "
                                          + status + "\n");
    return w;
  };
  for (const char* status : {"proposed", "assessed", "approved", "rejected"}) {
    INFO(status);
    CHECK(only(ws(status).check("p").findings, "HF007") == "");
  }
  CHECK(only(ws("implemented").check("p").findings, "HF007")
        == "projects/p/changes.yaml:4:24: error[HF007]: affected id REQ-007 does not exist; did you mean REQ-001?\n");
}

TEST_CASE("HF007 a requirement's contract_item may name an approved out_of_scope change")
{
  const auto ws = [](const std::string& classification, const std::string& status) {
    Workspace w;
    w.file("projects/p/project.yaml", k_card);
    w.file("projects/p/requirements.yaml",
           "requirements:\n  - id: REQ-007\n    title: Yield report\n    contract_item: CR-002\n");
    w.file("projects/p/changes.yaml", "changes:\n  - id: CR-002\n    title: Yield report\n    classification: "
                                          + classification + "\n    status: " + status + "\n");
    return w;
  };
  CHECK(only(ws("out_of_scope", "approved").check("p").findings, "HF007") == "");
  CHECK(only(ws("out_of_scope", "implemented").check("p").findings, "HF007") == "");
  CHECK(only(ws("out_of_scope", "proposed").check("p").findings, "HF007")
        == "projects/p/requirements.yaml:4:20: error[HF007]: contract item CR-002 does not exist\n");
  CHECK(only(ws("value_added", "approved").check("p").findings, "HF007")
        == "projects/p/requirements.yaml:4:20: error[HF007]: contract item CR-002 does not exist\n");
}

TEST_CASE("a person given by name and a stage given by its zh-CN label get the id as a hint")
{
  Workspace ws;
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    name: 李伟\n    roles: [sales]\n  - id: wang.lei\n"
                          "    name: Wang Lei\n    roles: [implementation]\nroles: [sales, implementation]\n");
  ws.file("projects/p/project.yaml",
          "id: p\nname: P\nstage: 实施交付\nteam:\n  sales: 李伟\n  implementation: wang lei\n");
  ws.file("projects/p/changes.yaml", "changes:\n  - id: CR-1\n    title: T\n    status: approved\n    approvals:\n"
                                     "      - role: sales\n        by: 李伟\n        date: 2026-11-04\n");
  CHECK(only(ws.check("p").findings, "HF002")
        == "projects/p/project.yaml:3:8: error[HF002]: stage: expected one of opportunity, presales, contracted, "
           "handoff, delivery, acceptance or closed, found \"实施交付\"; did you mean \"delivery\" (实施交付)?\n");
  ws.file("projects/p/project.yaml",
          "id: p\nname: P\nstage: delivery\nteam:\n  sales: 李伟\n  implementation: wang lei\n");
  CHECK(only(ws.check("p").findings, "HF007")
        == "projects/p/changes.yaml:7:13: error[HF007]: approver \"李伟\" is not in the people registry of "
           "handoff.yaml; did you mean li.wei (李伟)?\n"
           "projects/p/project.yaml:5:10: error[HF007]: team member \"李伟\" is not in the people registry of "
           "handoff.yaml; did you mean li.wei (李伟)?\n"
           "projects/p/project.yaml:6:19: error[HF007]: team member \"wang lei\" is not in the people registry of "
           "handoff.yaml; did you mean wang.lei (Wang Lei)?\n");
}

TEST_CASE("language: zh, zh_CN and zh-Hans in any case read as zh-CN")
{
  for (const std::string spelling : {"zh", "ZH_cn", "zh-Hans", "zh-CN"}) {
    Workspace ws;
    ws.file("handoff.yaml", "version: 1\nlanguage: " + spelling + "\n");
    const auto config = handoff::model::load_config(ws.fs());
    CHECK(config.findings.empty());
    CHECK(config.config.language == "zh-CN");
  }
  Workspace ws;
  ws.file("handoff.yaml", "version: 1\nlanguage: zh-TW\n");
  CHECK(lines(handoff::model::load_config(ws.fs()).findings)
        == "handoff.yaml:2:11: error[HF002]: language: expected one of en, zh-CN, zh, zh_CN or zh-Hans, found "
           "\"zh-TW\"\n");
}
