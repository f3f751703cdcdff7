#include <doctest/doctest.h>

#include "harness.hpp"
#include "report/data.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

const std::string& k_project = handoff::test::k_presales_project;

// One visit, summarized the next day, its hours confirmed by the sales owner.
const std::string k_activities = "activities:\n"
                                 "  - id: A-1\n"
                                 "    date: 2026-09-10\n"
                                 "    kind: visit\n"
                                 "    by: [chen.jie]\n"
                                 "    summary: Walked the plant\n"
                                 "    summary_date: 2026-09-11\n"
                                 "    hours: 6\n"
                                 "    confirmed_by: li.wei\n";

Workspace project(const std::string& card = k_project, const std::string& activities = k_activities)
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", card);
  ws.file("projects/acme/requirements.yaml", "requirements:\n  - id: REQ-001\n    title: Order tracking\n");
  if (!activities.empty()) {
    ws.file("projects/acme/activities.yaml", activities);
  }
  return ws;
}

}  // namespace

TEST_CASE("a presales activity summarized in time with confirmed hours passes")
{
  CHECK(lines(project().check("acme").findings) == "");
}

TEST_CASE("a project without activities.yaml gets no presales activity findings")
{
  CHECK(lines(project(k_project, "").check("acme").findings) == "");
}

TEST_CASE("HF104 fires when an activity has no summary once the day after it has passed")
{
  const auto ws =
      project(k_project, edit(k_activities, "    summary: Walked the plant\n    summary_date: 2026-09-11\n", ""));
  CHECK(only(ws.check("acme").findings, "HF104")
        == "projects/acme/activities.yaml:2:5: warning[HF104]: activity A-1 (visit on 2026-09-10) has no written "
           "summary (due 2026-09-11); write what was learned under summary:, share it with sales and record the "
           "day as summary_date:\n");
}

TEST_CASE("HF104 waits until the summary is due")
{
  const auto ws =
      project(k_project, edit(k_activities, "    summary: Walked the plant\n    summary_date: 2026-09-11\n", ""));
  CHECK(only(ws.check("acme", "2026-09-11").findings, "HF104") == "");
  CHECK(only(ws.check("acme", "2026-09-12").findings, "HF104") != "");
}

TEST_CASE("HF104 fires when a summary does not say when it was shared")
{
  const auto ws = project(k_project, edit(k_activities, "    summary_date: 2026-09-11\n", ""));
  CHECK(only(ws.check("acme").findings, "HF104")
        == "projects/acme/activities.yaml:6:14: warning[HF104]: activity A-1 (visit on 2026-09-10) does not say "
           "when its summary was shared; add summary_date: (due 2026-09-11)\n");
}

TEST_CASE("HF104 fires when the summary was shared more than a day after the activity")
{
  const auto ws = project(k_project, edit(k_activities, "summary_date: 2026-09-11", "summary_date: 2026-09-14"));
  CHECK(only(ws.check("acme").findings, "HF104")
        == "projects/acme/activities.yaml:7:19: warning[HF104]: activity A-1 (visit on 2026-09-10): summary shared "
           "on 2026-09-14, 3 days after it was due (2026-09-11); share the written summary with sales within 24 "
           "hours of the activity\n");
}

TEST_CASE("HF104 and HF105 do not apply before presales")
{
  const auto ws =
      project(edit(k_project, "stage: presales", "stage: opportunity"),
              edit(edit(k_activities, "    summary_date: 2026-09-11\n", ""), "    confirmed_by: li.wei\n", ""));
  CHECK(lines(ws.check("acme").findings) == "");
}

TEST_CASE("HF105 fires when hours are not confirmed")
{
  const auto ws = project(k_project, edit(k_activities, "    confirmed_by: li.wei\n", ""));
  CHECK(only(ws.check("acme").findings, "HF105")
        == "projects/acme/activities.yaml:8:12: warning[HF105]: activity A-1 (visit on 2026-09-10): 6 presales "
           "hours not confirmed by sales; add confirmed_by: with the sales person who agrees them\n");
}

TEST_CASE("HF105 fires when the hours are confirmed by someone outside sales")
{
  const auto ws = project(k_project, edit(k_activities, "confirmed_by: li.wei", "confirmed_by: chen.jie"));
  CHECK(only(ws.check("acme").findings, "HF105")
        == "projects/acme/activities.yaml:9:19: warning[HF105]: activity A-1 (visit on 2026-09-10): hours confirmed "
           "by chen.jie, who does not hold the sales role (roles: presales); have the sales owner confirm the "
           "hours\n");
}

TEST_CASE("HF105 reads the roles of the people registry when there is one")
{
  auto ws = project();
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    roles: [presales]\n  - id: chen.jie\n"
                          "    roles: [sales, presales]\n");
  CHECK(only(ws.check("acme").findings, "HF105")
        == "projects/acme/activities.yaml:9:19: warning[HF105]: activity A-1 (visit on 2026-09-10): hours confirmed "
           "by li.wei, who does not hold the sales role (roles: presales); have the sales owner confirm the hours\n");
  auto ok = project(k_project, edit(k_activities, "confirmed_by: li.wei", "confirmed_by: chen.jie"));
  ok.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    roles: [presales]\n  - id: chen.jie\n"
                          "    roles: [sales, presales]\n");
  CHECK(only(ok.check("acme").findings, "HF105") == "");
}

TEST_CASE("HF105 says nothing about an activity without hours")
{
  const auto ws = project(k_project, edit(k_activities, "    hours: 6\n    confirmed_by: li.wei\n", ""));
  CHECK(only(ws.check("acme").findings, "HF105") == "");
}

TEST_CASE("activity ids are unique and participants resolve in the registry")
{
  auto ws = project(k_project, k_activities
                                   + "  - id: A-1\n    date: 2026-09-12\n    by: [chen.jei]\n"
                                     "    summary: Demo\n    summary_date: 2026-09-12\n");
  ws.file("handoff.yaml", "version: 1\npeople:\n  - id: li.wei\n    roles: [sales]\n  - id: chen.jie\n"
                          "    roles: [presales]\n");
  CHECK(lines(ws.check("acme").findings)
        == "projects/acme/activities.yaml:10:9: error[HF006]: activity id A-1 is used twice (first at line 2); give "
           "each activity its own id\n"
           "projects/acme/activities.yaml:12:10: error[HF007]: activity participant \"chen.jei\" is not in the people "
           "registry of handoff.yaml; did you mean \"chen.jie\"?\n");
}

TEST_CASE("HF106 fires when an outcome has no reason")
{
  const auto ws = project(k_project + "outcome:\n  status: lost\n  date: 2026-10-20\n");
  CHECK(lines(ws.check("acme").findings)
        == "projects/acme/project.yaml:13:3: error[HF106]: the outcome does not say its reason; an inactive project "
           "keeps when and why it ended (outcome: {status: lost | no_go | cancelled, date: YYYY-MM-DD, reason: ...}), "
           "for the win rate and the next deal with this customer\n");
}

TEST_CASE("HF106 names every missing part of an empty outcome")
{
  const auto ws = project(k_project + "outcome:\n");
  CHECK(only(ws.check("acme").findings, "HF106")
            .find(":12:1: error[HF106]: the outcome does not say its status, "
                  "date and reason;")
        != std::string::npos);
}

TEST_CASE("an inactive project answers only to the schema gate and HF106")
{
  // A delivery project with none of the records delivery needs: every gate would fail.
  const auto ws = project("id: acme\nname: ACME\nstage: delivery\noutcome:\n  status: cancelled\n"
                          "  date: 2026-10-20\n  reason: The customer stopped the programme\n",
                          edit(k_activities, "    confirmed_by: li.wei\n", ""));
  const auto outcome = ws.check("acme");
  CHECK(lines(outcome.findings) == "");
  CHECK(outcome.inactive);
  CHECK_FALSE(outcome.ready_for.has_value());
  using handoff::rules::GateStatus;
  CHECK(outcome.gates[0] == GateStatus::pass);  // schema
  CHECK(outcome.gates[1] == GateStatus::pass);  // qualify: HF106 alone
  for (std::size_t g = 2; g < outcome.gates.size(); ++g) {
    CHECK(outcome.gates[g] == GateStatus::skip);
  }
}

TEST_CASE("an inactive project still gets its schema findings")
{
  const auto ws = project(k_project + "outcome:\n  status: lose\n  date: 2026-10-20\n  reason: Price\n");
  CHECK(lines(ws.check("acme").findings)
        == "projects/acme/project.yaml:13:11: error[HF002]: status: expected one of lost, no_go or cancelled, found "
           "\"lose\"; did you mean \"lost\"?\n");
}

TEST_CASE("HF007 fires when follows names no project of the workspace, or the project itself")
{
  handoff::rules::CheckOptions options;
  options.project_exists = [](const std::string& id) { return id == "acme" || id == "acme-2025"; };
  CHECK(lines(project(k_project + "follows: acme-2025\n").check("acme", "2026-11-20", options).findings) == "");
  CHECK(lines(project(k_project + "follows: acme-2024\n").check("acme", "2026-11-20", options).findings)
        == "projects/acme/project.yaml:12:10: error[HF007]: follows: project \"acme-2024\" does not exist in this "
           "workspace; name the id (the folder under the projects folder) of the project this one renews or "
           "continues\n");
  CHECK(lines(project(k_project + "follows: acme\n").check("acme", "2026-11-20", options).findings)
        == "projects/acme/project.yaml:12:10: error[HF007]: follows names the project itself; name the earlier "
           "project this one renews or continues\n");
}

namespace {

// Returns the portfolio KPIs `key` over the projects of `ws` (folders `ids`), as the portfolio
// report folds them.
nlohmann::ordered_json portfolio_kpi(const Workspace& ws, const std::vector<std::string>& ids, const std::string& key)
{
  const auto config = handoff::model::load_config(ws.fs());
  handoff::report::DataOptions options;
  options.today = *handoff::support::Date::parse("2026-11-20");
  handoff::report::PortfolioData data(options, ids.size());
  for (const auto& id : ids) {
    handoff::rules::CheckOptions check;
    check.today = options.today;
    const auto checked =
        handoff::rules::check_and_keep(config.config, handoff::model::load_project(ws.fs(), config.config, id), check);
    data.add(handoff::report::portfolio_entry(checked, options));
  }
  return data.root()["kpis"][key];
}

std::string card(const std::string& id, const std::string& stage, const std::string& outcome = "")
{
  std::string text = "id: " + id + "\nname: " + id + "\nstage: " + stage + "\n";
  if (!outcome.empty()) {
    text += "outcome:\n  status: " + outcome + "\n  date: 2026-10-01\n  reason: r\n";
  }
  return text;
}

}  // namespace

TEST_CASE("the win rate counts won deals over won plus lost and no_go, and says so")
{
  Workspace ws;
  ws.file("projects/won-a/project.yaml", card("won-a", "delivery"));
  ws.file("projects/won-b/project.yaml", card("won-b", "contracted"));
  ws.file("projects/stopped/project.yaml", card("stopped", "delivery", "cancelled"));  // won, then stopped
  ws.file("projects/lost/project.yaml", card("lost", "presales", "lost"));
  ws.file("projects/declined/project.yaml", card("declined", "opportunity", "no_go"));
  ws.file("projects/open/project.yaml", card("open", "presales"));                     // not decided yet
  ws.file("projects/dropped/project.yaml", card("dropped", "presales", "cancelled"));  // neither
  const auto kpi = portfolio_kpi(ws, {"won-a", "won-b", "stopped", "lost", "declined", "open", "dropped"}, "win_rate");
  CHECK(kpi["won"] == 3);
  CHECK(kpi["lost"] == 2);
  CHECK(kpi["rate_text"] == "60%");
  CHECK(kpi["text"] == "3 of 5 decided deals won: contracted or later, over those plus lost and no-go");
}

TEST_CASE("presales summaries on time count the activities whose summary is due, inactive projects too")
{
  Workspace ws;
  ws.file("projects/a/project.yaml", card("a", "presales"));
  ws.file("projects/a/activities.yaml", "activities:\n"
                                        "  - {id: A-1, date: 2026-11-02, summary: s, summary_date: 2026-11-03}\n"
                                        "  - {id: A-2, date: 2026-11-05, summary: s, summary_date: 2026-11-09}\n"
                                        "  - {id: A-3, date: 2026-11-10}\n"
                                        "  - {id: A-4, date: 2026-11-19}\n");  // not due before 2026-11-21
  ws.file("projects/b/project.yaml", card("b", "presales", "lost"));
  ws.file("projects/b/activities.yaml", "activities:\n"
                                        "  - {id: A-1, date: 2026-10-02, summary: s, summary_date: 2026-10-02}\n");
  const auto kpi = portfolio_kpi(ws, {"a", "b"}, "summaries_on_time");
  CHECK(kpi["due"] == 4);
  CHECK(kpi["on_time"] == 2);
  CHECK(kpi["rate_text"] == "50%");
  CHECK(kpi["text"] == "2 of 4 presales activities summarized within a day, as HF104 asks");
}
