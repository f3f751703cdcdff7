#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// A contracted project that passes every gate up to contracted. Line numbers of
// requirements.yaml matter to the tests below.
struct Base {
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: contracted\n"
                        "customer:\n"
                        "  name: ACME Manufacturing\n"
                        "  contacts:\n"
                        "    - name: Wang Fang\n"
                        "      decision_maker: true\n"
                        "team:\n"
                        "  sales: li.wei\n"
                        "  implementation: zhang.min\n"
                        "contract:\n"
                        "  signed: 2026-10-01\n"
                        "  go_live: 2027-06-30\n"
                        "  items:\n"
                        "    - id: L1\n"
                        "      title: MES core\n"
                        "      price: 800000\n";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"            // 2
                             "    title: Order tracking\n"  // 3
                             "    source: RFP 3.2\n"        // 4
                             "    priority: must\n"         // 5
                             "    contract_item: L1\n"      // 6
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"                                          // 8
                             "  - id: REQ-002\n"                                                // 9
                             "    title: Yield report\n"                                        // 10
                             "    source: workshop 2026-09-12\n"                                // 11
                             "    priority: should\n"                                           // 12
                             "    contract_item: L1\n"                                          // 13
                             "    acceptance: Lists the yield per line for the last 30 days\n"  // 14
                             "    status: clarified\n";                                         // 15
  std::string feasibility = "assessed_by: zhang.min\n"
                            "estimate:\n"
                            "  duration_weeks: 26\n"
                            "recommendation: go\n"
                            "assessments:\n"
                            "  - requirement: REQ-001\n"
                            "    verdict: configuration\n"
                            "    effort_days: 10\n"
                            "  - requirement: REQ-002\n"
                            "    verdict: standard\n"
                            "    effort_days: 10\n";

  Workspace workspace() const
  {
    Workspace ws;
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", feasibility);
    return ws;
  }
};

// Checks the base project with one requirements.yaml edit; returns the findings of `rule`.
std::string requirements_edit(const std::string& rule, const std::string& from, const std::string& to)
{
  Base base;
  base.requirements = edit(base.requirements, from, to);
  return only(base.workspace().check("acme").findings, rule);
}

// Checks the base project with REQ-002's acceptance replaced; returns the HF205 findings.
std::string with_acceptance(const std::string& acceptance)
{
  return requirements_edit("HF205", "Lists the yield per line for the last 30 days", acceptance);
}

}  // namespace

TEST_CASE("the clarify base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("clarify rules do not apply before contracted")
{
  Base base;
  base.project = edit(base.project, "stage: contracted", "stage: presales");
  base.requirements = edit(base.requirements, "    status: clarified\n", "    status: draft\n");
  CHECK(only(base.workspace().check("acme").findings, "HF203") == "");
}

TEST_CASE("HF201 fires on a must requirement without acceptance")
{
  CHECK(requirements_edit("HF201",
                          "    acceptance: Given a released order, when it is scanned, then it shows as started\n", "")
        == "projects/acme/requirements.yaml:2:5: error[HF201]: must requirement REQ-001 \"Order tracking\" has no "
           "acceptance criterion; add acceptance: with a measurable outcome or Given/When/Then\n");
}

TEST_CASE("HF201 treats a blank acceptance field as missing")
{
  CHECK(requirements_edit("HF201", "Lists the yield per line for the last 30 days", "")
        == "projects/acme/requirements.yaml:9:5: error[HF201]: should requirement REQ-002 \"Yield report\" has no "
           "acceptance criterion; add acceptance: with a measurable outcome or Given/When/Then\n");
}

TEST_CASE("HF201 does not ask a could requirement for acceptance")
{
  Base base;
  base.requirements = edit(base.requirements, "    priority: should\n", "    priority: could\n");
  base.requirements = edit(base.requirements, "    acceptance: Lists the yield per line for the last 30 days\n", "");
  CHECK(only(base.workspace().check("acme").findings, "HF201") == "");
}

TEST_CASE("HF202 fires on a requirement without source")
{
  CHECK(requirements_edit("HF202", "    source: workshop 2026-09-12\n", "")
        == "projects/acme/requirements.yaml:9:5: error[HF202]: requirement REQ-002 \"Yield report\" has no source; "
           "add source: with where it came from (RFP section, workshop, e-mail) so implementation can trace it back\n");
}

TEST_CASE("HF203 fires on a draft requirement")
{
  CHECK(requirements_edit("HF203", "    status: clarified\n", "    status: draft\n")
        == "projects/acme/requirements.yaml:15:13: error[HF203]: requirement REQ-002 \"Yield report\" is still draft "
           "(the customer's wording); clarify it with the customer and set status: clarified\n");
}

TEST_CASE("HF203 counts a requirement without status as draft")
{
  CHECK(requirements_edit("HF203", "    status: clarified\n", "")
        == "projects/acme/requirements.yaml:9:5: error[HF203]: requirement REQ-002 \"Yield report\" has no status, "
           "so it counts as draft; clarify it with the customer and set status: clarified\n");
}

TEST_CASE("HF204 fires on an open question of a must requirement")
{
  const std::string question = "    questions:\n"
                               "      - text: Which ERP version is in production?\n"
                               "        status: open\n"
                               "        owner: li.wei\n";
  CHECK(requirements_edit("HF204", "    status: confirmed\n", "    status: confirmed\n" + question)
        == "projects/acme/requirements.yaml:11:17: error[HF204]: must requirement REQ-001 \"Order tracking\" has an "
           "open question \"Which ERP version is in production?\" (owner li.wei); get it answered, record the answer: "
           "and set status: answered\n");
}

TEST_CASE("HF204 counts a question with neither status nor answer as open")
{
  CHECK(requirements_edit("HF204", "    status: confirmed\n",
                          "    status: confirmed\n    questions:\n      - text: Which ERP version?\n")
        == "projects/acme/requirements.yaml:10:9: error[HF204]: must requirement REQ-001 \"Order tracking\" has an "
           "open question \"Which ERP version?\"; get it answered, record the answer: and set status: answered\n");
}

TEST_CASE("HF204 accepts answered questions and open questions on should requirements")
{
  Base base;
  base.requirements = edit(base.requirements, "    status: confirmed\n",
                           "    status: confirmed\n    questions:\n      - text: Which ERP version?\n"
                           "        status: answered\n        answer: SAP ECC 6.0\n"
                           "      - text: Which plant first?\n        answer: Plant 2\n");
  base.requirements = edit(base.requirements, "    status: clarified\n",
                           "    status: clarified\n    questions:\n      - text: Which lines?\n");
  CHECK(only(base.workspace().check("acme").findings, "HF204") == "");
}

TEST_CASE("HF205 fires on a vague acceptance criterion and names the words")
{
  CHECK(with_acceptance("The report is fast, easy to read, user friendly etc.")
        == "projects/acme/requirements.yaml:14:17: warning[HF205]: acceptance criterion of requirement REQ-002 "
           "\"Yield report\" is vague (\"fast\", \"user-friendly\", \"easy\", \"etc.\") and has no number and no "
           "Given/When/Then; state a measurable outcome (\"within 2 s\", \"at most 3 clicks\") or write it as "
           "Given/When/Then\n");
}

TEST_CASE("HF205 matches English words case-insensitively and on word boundaries only")
{
  CHECK(with_acceptance("Report loads QUICKLY As Needed") != "");
  CHECK(with_acceptance("Breakfast menu is steadfast and robustness is measured by the auditor") == "");
  CHECK(with_acceptance("State-of-the-art charts") != "");
}

TEST_CASE("HF205 matches Chinese words anywhere in the text")
{
  CHECK(with_acceptance("报表快速生成，界面友好等")  // "fast", "friendly", "etc."
        == "projects/acme/requirements.yaml:14:17: warning[HF205]: acceptance criterion of requirement REQ-002 "
           "\"Yield report\" is vague (\"快速\", \"友好\", \"等\") and has no number and no Given/When/Then; state a "
           "measurable outcome (\"within 2 s\", \"at most 3 clicks\") or write it as Given/When/Then\n");
}

TEST_CASE("HF205 accepts vague words next to a number or Given/When/Then")
{
  CHECK(with_acceptance("The report is fast: it opens within 2 s") == "");
  CHECK(with_acceptance("报表快速生成，３秒内完成") == "");
  CHECK(with_acceptance("Given a shift, when it ends, then the report is ready quickly") == "");
  CHECK(with_acceptance("When the shift ends, the report is ready quickly") != "");
}

TEST_CASE("HF205 accepts a Chinese Given/When/Then (假如/如果 ... 当 ... 那么) in this order only")
{
  CHECK(with_acceptance("假如一个班次结束，当班长打开报表时，那么报表快速显示") == "");
  CHECK(with_acceptance("如果工单已下达，当操作员扫码，那么状态及时更新") == "");
  CHECK(with_acceptance("假设库存不足，当计划员排产时，那么系统友好提示") == "");
  // Only some of the three parts, or out of order: still vague.
  CHECK(with_acceptance("当班长打开报表时，报表快速显示")
        == "projects/acme/requirements.yaml:14:17: warning[HF205]: acceptance criterion of requirement REQ-002 "
           "\"Yield report\" is vague (\"快速\") and has no number and no Given/When/Then; state a measurable outcome "
           "(\"within 2 s\", \"at most 3 clicks\") or write it as Given/When/Then\n");
  CHECK(with_acceptance("那么报表快速显示，假如当班长打开报表") != "");
  CHECK(with_acceptance("如果需要，报表快速显示") != "");
}

TEST_CASE("HF206 fires on a requirement without priority")
{
  CHECK(requirements_edit("HF206", "    priority: should\n", "")
        == "projects/acme/requirements.yaml:9:5: error[HF206]: requirement REQ-002 \"Yield report\" has no priority; "
           "agree one with the customer and set priority: must, should, could or wont\n");
}

TEST_CASE("HF206 accepts a requirement marked wont")
{
  CHECK(requirements_edit("HF206", "    priority: should\n", "    priority: wont\n") == "");
}

TEST_CASE("HF207 fires on a contract item that no requirement specifies")
{
  Base base;
  base.project += "    - id: L2\n      title: Training\n      price: 50000\n";
  CHECK(only(base.workspace().check("acme").findings, "HF207")
        == "projects/acme/project.yaml:19:7: warning[HF207]: contract item L2 \"Training\" is sold but not specified: "
           "no in-scope requirement names it in contract_item; record the requirements it covers, or link existing "
           "ones with contract_item: L2\n");
}

TEST_CASE("HF207 fires on a requirement that names no contract item")
{
  CHECK(requirements_edit("HF207", "    contract_item: L1\n    acceptance: Lists", "    acceptance: Lists")
        == "projects/acme/requirements.yaml:9:5: warning[HF207]: requirement REQ-002 \"Yield report\" is specified but "
           "not sold: it names no contract item; set contract_item: to the contract item it belongs to, or raise a "
           "change request if the contract does not cover it\n");
}

TEST_CASE("HF207 does not ask for contract items when the contract lists none")
{
  Base base;
  base.project = edit(base.project, "  items:\n    - id: L1\n      title: MES core\n      price: 800000\n", "");
  base.requirements = edit(base.requirements, "    contract_item: L1\n", "");
  base.requirements = edit(base.requirements, "    contract_item: L1\n", "");
  CHECK(lines(base.workspace().check("acme").findings) == "");
}

TEST_CASE("HF207 stays silent about contract items when requirements.yaml cannot be read")
{
  Base base;
  base.requirements = "requirements:\n  - id: [REQ-001\n";
  const auto findings = base.workspace().check("acme").findings;
  CHECK(only(findings, "HF001") != "");
  CHECK(only(findings, "HF207") == "");
}
