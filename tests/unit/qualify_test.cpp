#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::edit;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

namespace {

const std::string& k_project = handoff::test::k_presales_project;

const std::string k_requirements = "requirements:\n"
                                   "  - id: REQ-001\n"
                                   "    title: Order tracking\n";

Workspace project(const std::string& card, const std::string& requirements = k_requirements)
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", card);
  ws.file("projects/acme/requirements.yaml", requirements);
  return ws;
}

}  // namespace

TEST_CASE("a qualified presales project passes the qualify gate")
{
  CHECK(lines(project(k_project).check("acme").findings) == "");
}

TEST_CASE("qualify rules do not apply before presales")
{
  const auto ws = project("id: acme\nname: ACME\nstage: opportunity\n", "");
  CHECK(lines(ws.check("acme").findings) == "");
}

TEST_CASE("HF101 fires when no contact is the decision maker")
{
  const auto ws = project(edit(k_project, "decision_maker: true", "decision_maker: false"));
  CHECK(only(ws.check("acme").findings, "HF101")
        == "projects/acme/project.yaml:5:3: error[HF101]: no decision maker among the customer contacts; add the "
           "person who decides for the customer under customer.contacts with decision_maker: true\n");
}

TEST_CASE("HF101 points at the stage line when there is no customer at all")
{
  const auto ws = project("id: acme\nname: ACME\nstage: presales\nteam:\n  sales: li.wei\n");
  CHECK(only(ws.check("acme").findings, "HF101")
        == "projects/acme/project.yaml:3:8: error[HF101]: no decision maker among the customer contacts; add the "
           "person who decides for the customer under customer.contacts with decision_maker: true\n");
}

TEST_CASE("HF101 is satisfied by any one decision maker")
{
  const auto ws = project(edit(k_project, "    - name: Wang Fang\n", "    - name: Zhao Lei\n    - name: Wang Fang\n"));
  CHECK(only(ws.check("acme").findings, "HF101") == "");
}

TEST_CASE("HF102 fires when the team has no sales member")
{
  const auto ws = project(edit(k_project, "  sales: li.wei\n", ""));
  CHECK(only(ws.check("acme").findings, "HF102")
        == "projects/acme/project.yaml:10:3: error[HF102]: no sales owner in team; name the salesperson who owns "
           "the deal and its promises as sales: under team:\n");
}

TEST_CASE("HF102 fires on a sales role with nobody in it")
{
  const auto ws = project(edit(k_project, "  sales: li.wei\n", "  sales:\n"));
  CHECK(only(ws.check("acme").findings, "HF102")
        == "projects/acme/project.yaml:10:3: error[HF102]: no sales owner in team; name the salesperson who owns "
           "the deal and its promises as sales: under team:\n");
}

TEST_CASE("HF102 points at the stage line when there is no team")
{
  const auto ws = project(edit(k_project, "team:\n  sales: li.wei\n  presales: chen.jie\n", ""));
  CHECK(only(ws.check("acme").findings, "HF102")
        == "projects/acme/project.yaml:3:8: error[HF102]: no sales owner in team; name the salesperson who owns "
           "the deal and its promises as sales: under team:\n");
}

TEST_CASE("HF103 fires when requirements.yaml is absent")
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", k_project);
  CHECK(only(ws.check("acme").findings, "HF103")
        == "projects/acme/project.yaml:3:8: error[HF103]: no requirements recorded; add requirements.yaml with what "
           "the customer asked for, each with an id, a title and its source\n");
}

TEST_CASE("HF103 fires when requirements.yaml lists nothing")
{
  const auto ws = project(k_project, "requirements: []\n");
  CHECK(only(ws.check("acme").findings, "HF103")
        == "projects/acme/requirements.yaml:1:1: error[HF103]: requirements.yaml lists no requirements; record what "
           "the customer asked for under requirements:, each with an id, a title and its source\n");
}

TEST_CASE("HF103 stays silent when requirements.yaml cannot be read")
{
  const auto ws = project(k_project, "requirements:\n  - id: [REQ-001\n");
  const auto findings = ws.check("acme").findings;
  CHECK(only(findings, "HF001") != "");
  CHECK(only(findings, "HF103") == "");
}
