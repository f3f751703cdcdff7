// `handoff todo` (workspace/todo.cpp) and `handoff owners` (workspace/owners.cpp) on in-memory
// workspaces: who each item reaches, its due date and message, and the CODEOWNERS lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "workspace/owners.hpp"
#include "workspace/todo.hpp"

using namespace handoff;

namespace {

const char* const k_config = R"(version: 1
change_response_days: 10
people:
  - id: ana
    email: ana@example.com
    handle: "@ana"
    roles: [sales]
  - id: ben
    roles: [implementation]
  - id: cara
    email: cara@example.com
    roles: [pm]
)";

const char* const k_project = R"(id: p
stage: delivery
team:
  sales: ana
  implementation: ben
  pm: cara
contract:
  start: 2026-10-01
)";

std::vector<workspace::TodoItem> todo(const test::Workspace& files, long long within = 14,
                                      const std::string& person = {})
{
  const workspace::Workspace ws(files.fs());
  workspace::TodoOptions options;
  options.check.today = *support::Date::parse("2026-11-20");
  options.within = within;
  options.person = person;
  return workspace::todo_items(ws, {}, options);
}

// Formats the items one per line; checks on the way that each has its zh-CN text.
std::string show(const std::vector<workspace::TodoItem>& items)
{
  std::string out;
  for (const auto& i : items) {
    INFO(i.kind << ": " << i.message);
    CHECK(test::has_chinese(i.message_zh));
    out += i.person + " " + i.kind + " " + (i.due ? i.due->str() : "-") + " " + i.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("todo: a change left proposed reaches both approvers, due change_response_days after the request")
{
  test::Workspace files;
  files.file("handoff.yaml", k_config)
      .file("projects/p/project.yaml", k_project)
      .file("projects/p/changes.yaml", "changes:\n  - id: CR-1\n    title: Shift report\n    date: 2026-09-10\n"
                                       "    status: proposed\n    approvals:\n      - role: implementation\n"
                                       "        by: ben\n        date: 2026-09-12\n");
  const auto items = todo(files);
  CHECK(show(items)
        == "ana approval 2026-09-20 change request CR-1 \"Shift report\" (proposed) waits for the sales approval, "
           "requested 2026-09-10, answer overdue by 61 days (HF512); approve or reject it in changes.yaml "
           "(approvals: with role: sales)\n");
  REQUIRE(items.size() == 1);
  CHECK(items[0].project == "p");
  CHECK(items[0].ids == std::vector<std::string>{"CR-1"});
}

TEST_CASE("todo: a rejected change, a finished milestone, a closed risk and a closed project wait on nobody")
{
  test::Workspace files;
  files.file("handoff.yaml", k_config)
      .file("projects/p/project.yaml", k_project)
      .file("projects/p/changes.yaml", "changes:\n  - id: CR-1\n    date: 2026-09-10\n    status: rejected\n")
      .file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    due: 2026-11-01\n    owner: ben\n"
                                    "    status: done\n    done: 2026-11-01\n")
      .file("projects/p/risks.yaml", "risks:\n  - id: R1\n    owner: ben\n    status: closed\n"
                                     "    review_by: 2026-11-01\n")
      .file("projects/q/project.yaml", "id: q\nstage: closed\nteam:\n  sales: ana\n")
      .file("projects/q/requirements.yaml", "requirements:\n  - id: REQ-1\n    questions:\n"
                                            "      - text: Why?\n        owner: ana\n");
  CHECK(show(todo(files)).empty());
}

TEST_CASE("todo: milestones and risk reviews are listed up to --within days ahead, overdue ones always")
{
  test::Workspace files;
  files.file("handoff.yaml", k_config)
      .file("projects/p/project.yaml", k_project)
      .file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    due: 2026-11-10\n    owner: ben\n"
                                    "  - id: M2\n    due: 2026-11-30\n    owner: ben\n"
                                    "reporting:\n  cadence_days: 30\n  last_report: 2026-11-15\n")
      .file("projects/p/risks.yaml", "risks:\n  - id: R1\n    owner: ana\n    review_by: 2026-11-20\n");
  CHECK(show(todo(files, 5))
        == "ana risk 2026-11-20 review of risk R1 is due today; review it and set the next review_by: in "
           "risks.yaml\n"
           "ben milestone 2026-11-10 milestone M1 is overdue by 10 days (HF506); finish it and set status: done, "
           "or re-plan it in plan.yaml\n");
  CHECK(show(todo(files, 10, "ben"))
        == "ben milestone 2026-11-10 milestone M1 is overdue by 10 days (HF506); finish it and set status: done, "
           "or re-plan it in plan.yaml\n"
           "ben milestone 2026-11-30 milestone M2 is due in 10 days; finish it and set status: done, or re-plan it "
           "in plan.yaml\n");
  CHECK(show(todo(files, 30, "cara"))
        == "cara status_report 2026-12-15 status report is due in 25 days; send it to sales and record its date in "
           "plan.yaml (reporting: last_report:)\n");
}

TEST_CASE("the next status report is one cadence after the last, else after the delivery start")
{
  model::Project p;
  CHECK_FALSE(p.next_status_report());
  p.plan.cadence_days.value = 14;
  CHECK_FALSE(p.next_status_report());
  p.card.signed_date.value = support::Date::parse("2026-10-01");
  CHECK(p.next_status_report()->str() == "2026-10-15");
  p.plan.last_report.value = support::Date::parse("2026-11-01");
  CHECK(p.next_status_report()->str() == "2026-11-15");
  CHECK_FALSE(p.tracking_dates());
  p.card.stage = core::Stage::acceptance;
  CHECK(p.tracking_dates());
}

TEST_CASE("owners: each record file gets the handles, else e-mails, of the roles that own it")
{
  test::Workspace files;
  files.file("handoff.yaml", k_config).file("projects/p/project.yaml", k_project);
  const workspace::Workspace ws(files.fs());
  const std::string text = workspace::codeowners(ws, "records/").text;
  CHECK(text.find("\n# p\n/records/projects/p/project.yaml @ana\n/records/projects/p/requirements.yaml @ana\n"
                  "# /records/projects/p/feasibility.yaml: no owner (no handle or e-mail in handoff.yaml for ben)\n"
                  "/records/projects/p/plan.yaml @ana\n/records/projects/p/risks.yaml cara@example.com\n")
        != std::string::npos);
}

TEST_CASE("owners: the difference lists lines to remove and to add, or says only the order differs")
{
  CHECK(workspace::codeowners_difference("a\nb\n", "a\nb\n").same());
  CHECK(workspace::codeowners_difference("a\nb\nc\n", "a\nc\nd\n").lines == std::vector<std::string>{"- b", "+ d"});
  const auto reordered = workspace::codeowners_difference("b\na\n", "a\nb\n");
  CHECK(reordered.reordered);
  CHECK(reordered.lines.empty());
  CHECK(workspace::codeowners_difference("a\r\nb\r\n", "a\nb\n").same());
}
