// Payments and collections: the record (contract.payments), HF419, HF514, HF515, HF706, and the
// payment terms under the signature.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "yaml/document.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

// The project of control_test.cpp with a contract value and a payment schedule: in delivery, it
// passes every gate up to control on 2026-11-20. Line numbers matter to the tests below.
struct Base {
  std::string project = "id: acme\n"
                        "name: ACME MES\n"
                        "stage: delivery\n"
                        "customer:\n"
                        "  name: ACME Manufacturing\n"
                        "  contacts:\n"
                        "    - name: Wang Fang\n"
                        "      decision_maker: true\n"
                        "team:\n"
                        "  sales: li.wei\n"
                        "  implementation: zhang.min\n"
                        "  pm: zhang.min\n"
                        "contract:\n"
                        "  signed: 2026-10-01\n"
                        "  start: 2026-10-08\n"
                        "  go_live: 2027-06-30\n"
                        "  value: 300000\n"                // 17
                        "  currency: CNY\n"                // 18
                        "  payments:\n"                    // 19
                        "    - id: P-1\n"                  // 20
                        "      title: Advance\n"           // 21
                        "      percent: 30\n"              // 22
                        "      due: {date: 2026-10-10}\n"  // 23
                        "      invoiced: 2026-10-12\n"     // 24
                        "      received: 2026-10-30\n"     // 25
                        "    - id: P-2\n"                  // 26
                        "      title: Blueprint\n"         // 27
                        "      percent: 60\n"              // 28
                        "      due: {milestone: M1}\n"     // 29
                        "    - id: P-3\n"                  // 30
                        "      title: Final\n"             // 31
                        "      amount: 30000\n"            // 32
                        "      due: acceptance\n"          // 33
                        "kickoff:\n"
                        "  date: 2026-10-09\n"
                        "  attendees: [li.wei, zhang.min]\n";
  std::string requirements = "requirements:\n"
                             "  - id: REQ-001\n"
                             "    title: Order tracking\n"
                             "    source: RFP 3.2\n"
                             "    priority: must\n"
                             "    acceptance: Given a released order, when it is scanned, then it shows as started\n"
                             "    status: confirmed\n"
                             "  - id: REQ-002\n"
                             "    title: Yield report\n"
                             "    source: workshop 2026-09-12\n"
                             "    priority: should\n"
                             "    acceptance: Lists the yield per line for the last 30 days\n"
                             "    status: clarified\n";
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
  std::string plan = "milestones:\n"                                                                         // 1
                     "  - id: M1\n"                                                                          // 2
                     "    name: Blueprint signed\n"                                                          // 3
                     "    due: 2026-11-15\n"                                                                 // 4
                     "    owner: zhang.min\n"                                                                // 5
                     "    acceptance: Customer signs the blueprint; every must requirement has a process\n"  // 6
                     "    status: done\n"                                                                    // 7
                     "    done: 2026-11-14\n"                                                                // 8
                     "  - id: M2\n"                                                                          // 9
                     "    name: Order tracking live\n"                                                       // 10
                     "    due: 2027-03-31\n"                                                                 // 11
                     "    owner: zhang.min\n"                                                                // 12
                     "    covers: [REQ-001, REQ-002]\n"                                                      // 13
                     "    depends_on: [M1]\n"                                                                // 14
                     "    acceptance: Operators scan 50 released orders and each shows as started\n"         // 15
                     "    status: planned\n"                                                                 // 16
                     "raci:\n"                                                                               // 17
                     "  - activity: Configuration\n"                                                         // 18
                     "    implementation: A/R\n"                                                             // 19
                     "    pm: I\n"                                                                           // 20
                     "reporting:\n"                                                                          // 21
                     "  cadence_days: 7\n"                                                                   // 22
                     "  last_report: 2026-11-18\n";                                                          // 23
  std::string risks = "risks:\n"                                                                             // 1
                      "  - id: R-1\n"                                                                        // 2
                      "    title: ERP interface is undocumented\n"                                           // 3
                      "    probability: 4\n"                                                                 // 4
                      "    impact: 4\n"                                                                      // 5
                      "    owner: zhang.min\n"                                                               // 6
                      "    mitigation: Reverse-engineer on the test system during M1\n"                      // 7
                      "    status: open\n"                                                                   // 8
                      "    review_by: 2026-12-01\n";                                                         // 9
  std::string changes = "changes:\n"                                                                         // 1
                        "  - id: CR-001\n"                                                                   // 2
                        "    title: Monthly yield report\n"                                                  // 3
                        "    requested_by: Wang Fang\n"                                                      // 4
                        "    date: 2026-11-02\n"                                                             // 5
                        "    affects: [REQ-002]\n"                                                           // 6
                        "    classification: out_of_scope\n"                                                 // 7
                        "    impact:\n"                                                                      // 8
                        "      effort_days: 5\n"                                                             // 9
                        "      schedule_days: 3\n"                                                           // 10
                        "      cost: 20000\n"                                                                // 11
                        "    status: implemented\n"                                                          // 12
                        "    approvals:\n"                                                                   // 13
                        "      - role: sales\n"                                                              // 14
                        "        by: li.wei\n"                                                               // 15
                        "        date: 2026-11-05\n"                                                         // 16
                        "      - role: implementation\n"                                                     // 17
                        "        by: zhang.min\n"                                                            // 18
                        "        date: 2026-11-04\n"                                                         // 19
                        "      - role: customer\n"                                                           // 20
                        "        by: Wang Fang\n"                                                            // 21
                        "        date: 2026-11-06\n"                                                         // 22
                        "    implemented: 2026-11-12\n"                                                      // 23
                        "  - id: CR-002\n"                                                                   // 24
                        "    title: Label printer\n"                                                         // 25
                        "    date: 2026-11-15\n"                                                             // 26
                        "    affects: [REQ-001]\n"                                                           // 27
                        "    status: proposed\n";                                                            // 28

  std::string config;  // handoff.yaml, when not empty

  Workspace workspace() const
  {
    Workspace ws;
    if (!config.empty()) {
      ws.file("handoff.yaml", config);
    }
    ws.file("projects/acme/project.yaml", project);
    ws.file("projects/acme/requirements.yaml", requirements);
    ws.file("projects/acme/feasibility.yaml", feasibility);
    ws.file("projects/acme/plan.yaml", plan);
    ws.file("projects/acme/risks.yaml", risks);
    ws.file("projects/acme/changes.yaml", changes);
    // Signed by both sides over the content above, so that HF411 and HF501 stay quiet.
    ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
    return ws;
  }

  std::string findings(const std::string& rule, const std::string& today = "2026-11-20") const
  {
    return only(workspace().check("acme", today).findings, rule);
  }

  // Runs only the control gate, whatever the stage (like `check --gate control`).
  std::string control_gate(const std::string& rule) const
  {
    handoff::rules::CheckOptions options;
    options.gate = handoff::core::Gate::control;
    return only(workspace().check("acme", "2026-11-20", options).findings, rule);
  }
};

// Checks the base project with one project.yaml edit; returns the findings of `rule` on `today`.
std::string project_edit(const std::string& rule, const std::string& from, const std::string& to,
                         const std::string& today = "2026-11-20")
{
  Base base;
  base.project = edit(base.project, from, to);
  return base.findings(rule, today);
}

}  // namespace

TEST_CASE("the payments base project passes every gate")
{
  CHECK(lines(Base().workspace().check("acme").findings) == "");
}

TEST_CASE("HF419 accepts a schedule adding up to exactly 100.0% and one at 99.6%")
{
  CHECK(Base().findings("HF419") == "");
  CHECK(project_edit("HF419", "      percent: 60\n", "      percent: 59.6\n") == "");
  CHECK(project_edit("HF419", "      percent: 60\n", "      percent: 60.5\n") == "");
}

TEST_CASE("HF419 fires on a schedule beyond 0.5% of the contract value, at the payments list")
{
  CHECK(project_edit("HF419", "      percent: 60\n", "      percent: 59.4\n")
        == "projects/acme/project.yaml:19:3: error[HF419]: the payments add up to 298200 CNY (99.4% of "
           "contract.value 300000 CNY), 1800 CNY short of it; a payment schedule adds up to the contract value "
           "within 0.5%: correct the percentages or amounts\n");
  CHECK(project_edit("HF419", "      amount: 30000\n", "      amount: 31800\n")
        == "projects/acme/project.yaml:19:3: error[HF419]: the payments add up to 301800 CNY (100.6% of "
           "contract.value 300000 CNY), 1800 CNY over it; a payment schedule adds up to the contract value "
           "within 0.5%: correct the percentages or amounts\n");
}

TEST_CASE("HF419 fires on a payment due on a milestone the plan does not have")
{
  CHECK(project_edit("HF419", "{milestone: M1}", "{milestone: M9}")
        == "projects/acme/project.yaml:29:24: error[HF419]: payment P-2 \"Blueprint\" is due on milestone M9, which "
           "plan.yaml does not have; name a milestone of the plan, or make it due on acceptance or on a date\n");
}

TEST_CASE("HF419 is silent without payments, and outside the handoff gate's stages")
{
  Base base;
  base.project = edit(base.project, "      percent: 60\n", "      percent: 10\n");
  base.project = edit(base.project, "stage: delivery", "stage: contracted");
  CHECK(base.findings("HF419") == "");
}

TEST_CASE("HF514: a payment invoiced within invoice_days of its trigger is fine on day 7, warned on day 8")
{
  // P-2 is due when M1 is finished: done on 2026-11-14.
  CHECK(Base().findings("HF514", "2026-11-21") == "");
  CHECK(Base().findings("HF514", "2026-11-22")
        == "projects/acme/project.yaml:26:7: warning[HF514]: payment P-2 \"Blueprint\" is not invoiced 8 days after "
           "milestone M1 was finished on 2026-11-14 (handoff.yaml allows 7 days in invoice_days); send the invoice "
           "and record invoiced: with its date\n");
  CHECK(project_edit("HF514", "      due: {milestone: M1}\n",
                     "      due: {milestone: M1}\n      invoiced: 2026-11-22\n", "2026-11-30")
        == "");
}

TEST_CASE("HF514 reads invoice_days from handoff.yaml, dates and acceptance as triggers")
{
  Base base;
  base.config = "version: 1\ninvoice_days: 10\n";
  CHECK(base.findings("HF514", "2026-11-24") == "");
  CHECK(base.findings("HF514", "2026-11-25")
        == "projects/acme/project.yaml:26:7: warning[HF514]: payment P-2 \"Blueprint\" is not invoiced 11 days after "
           "milestone M1 was finished on 2026-11-14 (handoff.yaml allows 10 days in invoice_days); send the invoice "
           "and record invoiced: with its date\n");
  CHECK(project_edit("HF514", "      invoiced: 2026-10-12\n      received: 2026-10-30\n", "")
        == "projects/acme/project.yaml:20:7: warning[HF514]: payment P-1 \"Advance\" is not invoiced 41 days after "
           "it fell due on 2026-10-10 (handoff.yaml allows 7 days in invoice_days); send the invoice and record "
           "invoiced: with its date\n");
  Base accepted;
  accepted.project = edit(accepted.project, "stage: delivery", "stage: acceptance");
  accepted.project += "closure:\n  accepted: 2026-11-10\n";
  CHECK(only(accepted.workspace().check("acme", "2026-11-18").findings, "HF514")
        == "projects/acme/project.yaml:30:7: warning[HF514]: payment P-3 \"Final\" is not invoiced 8 days after the "
           "customer accepted the project on 2026-11-10 (handoff.yaml allows 7 days in invoice_days); send the "
           "invoice and record invoiced: with its date\n");
}

TEST_CASE("HF514 is silent for a payment received or written off, and outside delivery and acceptance")
{
  CHECK(project_edit("HF514", "      due: {milestone: M1}\n",
                     "      due: {milestone: M1}\n      written_off: settled\n", "2026-11-30")
        == "");
  CHECK(project_edit("HF514", "stage: delivery", "stage: handoff", "2026-11-30") == "");
}

TEST_CASE("HF515: an invoice is paid within payment_terms_days: day 30 fine, day 31 warned at invoiced")
{
  const std::string invoiced = "      due: {milestone: M1}\n      invoiced: 2026-11-15\n";
  CHECK(project_edit("HF515", "      due: {milestone: M1}\n", invoiced, "2026-12-15") == "");
  CHECK(project_edit("HF515", "      due: {milestone: M1}\n", invoiced, "2026-12-16")
        == "projects/acme/project.yaml:30:17: warning[HF515]: payment P-2 \"Blueprint\" was invoiced on 2026-11-15 "
           "and is not received 31 days later (payment terms: 30 days in payment_terms_days); chase the payment and "
           "record received: with the date the money arrived\n");
  CHECK(project_edit("HF515", "      due: {milestone: M1}\n", invoiced + "      received: 2026-12-10\n", "2026-12-16")
        == "");
  Base base;
  base.config = "version: 1\npayment_terms_days: 45\n";
  base.project = edit(base.project, "      due: {milestone: M1}\n", invoiced);
  CHECK(base.findings("HF515", "2026-12-30") == "");
}

TEST_CASE("HF706 fires at close on a payment not received, unless written off")
{
  Base base;
  base.project = edit(base.project, "stage: delivery", "stage: closed");
  base.project = edit(base.project, "      due: {milestone: M1}\n",
                      "      due: {milestone: M1}\n      invoiced: 2026-11-15\n      received: 2026-11-19\n");
  CHECK(base.findings("HF706")
        == "projects/acme/project.yaml:32:7: error[HF706]: payment P-3 \"Final\" is neither invoiced nor received at "
           "close; record received: with the date the money arrived, or written_off: with the reason it will not be "
           "collected\n");
  base.project = edit(base.project, "      due: acceptance\n", "      due: acceptance\n      written_off: disputed\n");
  CHECK(base.findings("HF706") == "");
  CHECK(Base().findings("HF706") == "");
}

TEST_CASE("payment terms changed after the baseline are HF501; a receipt recorded after it is not")
{
  // Signed over the base project, then edited.
  const auto after_signing = [](const std::string& from, const std::string& to) {
    Base base;
    Workspace ws = base.workspace();
    ws.file("projects/acme/project.yaml", edit(base.project, from, to));
    return only(ws.check("acme").findings, "HF501");
  };
  CHECK(
      after_signing("      title: Final\n", "      title: Final payment\n")
      == "projects/acme/project.yaml:30:7: error[HF501]: payment P-3 \"Final payment\" was changed after the "
         "baseline signed on 2026-10-06 (signoffs.yaml line 25) and no approved or implemented change request affects "
         "it; record one with `handoff change acme --title ... --affects P-3` and get it approved, or undo the "
         "change\n");
  CHECK(after_signing("      percent: 60\n", "      percent: 50\n").find("payment P-2 \"Blueprint\" was changed")
        != std::string::npos);
  CHECK(after_signing("      due: {milestone: M1}\n",
                      "      due: {milestone: M1}\n      invoiced: 2026-11-15\n      received: 2026-11-19\n"
                      "      note: paid by wire\n")
        == "");
}

TEST_CASE("HF002 and HF003 locate a payment's percent/amount and due mistakes")
{
  CHECK(project_edit("HF002", "      amount: 30000\n", "      amount: 30000\n      percent: 10\n")
        == "projects/acme/project.yaml:33:7: error[HF002]: payments: give either \"percent\" or \"amount\", not both: "
           "\"amount\" is already given; remove one\n");
  CHECK(project_edit("HF003", "      amount: 30000\n", "")
        == "projects/acme/project.yaml:30:7: error[HF003]: payments: missing one of the fields \"percent\" or "
           "\"amount\"\n");
  CHECK(project_edit("HF002", "      due: acceptance\n", "      due: soon\n")
        == "projects/acme/project.yaml:33:12: error[HF002]: due: expected acceptance, {milestone: ID} or {date: "
           "YYYY-MM-DD}, found \"soon\"\n");
  CHECK(project_edit("HF002", "{milestone: M1}", "{milestone: M1, date: 2026-12-01}")
        == "projects/acme/project.yaml:29:28: error[HF002]: due: give either \"milestone\" or \"date\", not both: "
           "\"milestone\" is already given; remove one\n");
}

TEST_CASE("HF011 and HF012 judge a payment's invoiced and received dates")
{
  CHECK(project_edit("HF011", "      received: 2026-10-30\n", "      received: 2026-11-30\n")
        == "projects/acme/project.yaml:25:17: error[HF011]: received: of payment P-1 is 2026-11-30, 10 days after "
           "today (2026-11-20), but it records the day the money arrived: correct the date, or leave it out until "
           "that has happened\n");
  CHECK(project_edit("HF012", "      received: 2026-10-30\n", "      received: 2026-10-11\n")
        == "projects/acme/project.yaml:25:17: error[HF012]: received: 2026-10-11 of payment P-1 is 1 day before its "
           "invoiced: 2026-10-12, but money is received after it is invoiced: correct whichever date is wrong\n");
}

TEST_CASE("an absent or empty payment schedule leaves the signed agreement as it was")
{
  const std::string card = "id: acme\ncontract:\n  value: 100\n  items:\n    - id: L1\n      price: 100\n";
  const auto digest_of = [](const std::string& text) {
    const auto parsed = handoff::yaml::parse(text);
    return handoff::signoff::digest(handoff::signoff::agreement_node(&parsed.root));
  };
  CHECK(digest_of(card) == digest_of(card + "  payments: []\n"));
  CHECK(digest_of(card) == digest_of(card + "  payments:\n"));
  CHECK(digest_of(card) != digest_of(card + "  payments:\n    - id: P-1\n      percent: 100\n      due: acceptance\n"));
  // Bookkeeping stays outside the signature.
  const std::string terms = card + "  payments:\n    - id: P-1\n      percent: 100\n      due: acceptance\n";
  CHECK(digest_of(terms)
        == digest_of(terms
                     + "      invoiced: 2026-01-02\n      received: 2026-01-05\n"
                       "      note: wire\n      written_off: no\n"));
}
