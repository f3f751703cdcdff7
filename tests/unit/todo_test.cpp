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

TEST_CASE("todo: invoices to send and payments to chase reach team.finance, else the sales owner")
{
  // Today 2026-11-20, invoice_days 7, payment_terms_days 30, --within 14 (horizon 2026-12-04).
  const std::string payments = R"(  value: 100
  payments:
    - id: P-1
      title: Advance
      percent: 20
      due: {date: 2026-11-10}
    - id: P-2
      percent: 20
      due: {milestone: M1}
    - id: P-3
      percent: 10
      due: {date: 2026-12-04}
    - id: P-4
      percent: 10
      due: {date: 2026-12-05}
    - id: P-5
      percent: 10
      due: {date: 2026-10-01}
      invoiced: 2026-10-20
    - id: P-6
      percent: 10
      due: {date: 2026-10-01}
      invoiced: 2026-11-04
    - id: P-7
      percent: 10
      due: {date: 2026-10-01}
      invoiced: 2026-11-05
    - id: P-8
      percent: 5
      due: {date: 2026-10-01}
      invoiced: 2026-10-02
      received: 2026-10-30
    - id: P-9
      percent: 5
      due: {date: 2026-10-01}
      written_off: settled
)";
  test::Workspace files;
  files.file("handoff.yaml", k_config)
      .file("projects/p/project.yaml", std::string(k_project) + payments)
      .file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    status: done\n    done: 2026-11-16\n");
  // P-4's date is after the horizon, P-7's terms end on 2026-12-05, P-8 is received, P-9 written off.
  CHECK(show(todo(files))
        == "ana invoice 2026-11-17 invoice for payment P-1 \"Advance\" (due 2026-11-10) is overdue by 3 days "
           "(HF514); send it and record its date with `handoff payment invoiced p P-1`\n"
           "ana payment 2026-11-19 payment P-5, invoiced 2026-10-20, is overdue by 1 day (HF515); chase it and "
           "record the day the money arrived with `handoff payment received p P-5`\n"
           "ana invoice 2026-11-23 invoice for payment P-2 (due 2026-11-16) is due in 3 days; send it and record "
           "its date with `handoff payment invoiced p P-2`\n"
           "ana payment 2026-12-04 payment P-6, invoiced 2026-11-04, is due in 14 days; chase it and record the "
           "day the money arrived with `handoff payment received p P-6`\n"
           "ana invoice 2026-12-11 invoice for payment P-3 (due 2026-12-04) is due in 21 days; send it and record "
           "its date with `handoff payment invoiced p P-3`\n");

  test::Workspace finance;
  finance
      .file("handoff.yaml", std::string(k_config)
                                + "  - id: dora\n    roles: [finance]\n"
                                  "roles: [sales, implementation, pm, finance]\n")
      .file("projects/p/project.yaml",
            std::string(k_project).replace(std::string(k_project).find("contract:"), 0, "  finance: dora\n") + payments)
      .file("projects/p/plan.yaml", "milestones:\n  - id: M1\n    status: done\n    done: 2026-11-16\n");
  const auto items = todo(finance, 14, "dora");
  REQUIRE(items.size() == 5);
  CHECK(items[0].kind == "invoice");
  CHECK(items[0].ids == std::vector<std::string>{"P-1"});
  CHECK(todo(finance, 14, "ana").empty());
}

TEST_CASE("todo: no invoice is asked for before the contract is signed")
{
  test::Workspace files;
  files.file("handoff.yaml", k_config)
      .file("projects/p/project.yaml",
            "id: p\nstage: presales\nteam:\n  sales: ana\ncontract:\n  value: 10\n"
            "  payments:\n    - id: P-1\n      percent: 100\n      due: {date: 2026-11-01}\n");
  CHECK(show(todo(files)).empty());
}
