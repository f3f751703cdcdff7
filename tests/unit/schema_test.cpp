#include <doctest/doctest.h>

#include "harness.hpp"

using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;

TEST_CASE("a minimal project passes the schema gate")
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", "id: acme\nname: ACME\nstage: opportunity\n");
  const auto out = ws.check("acme");
  CHECK(lines(out.findings) == "");
}

TEST_CASE("HF002 names the expected value and suggests the closest choice")
{
  Workspace ws;
  ws.file("projects/acme/project.yaml", "id: acme\nname: ACME\nstage: deliverry\n");
  CHECK(only(ws.check("acme").findings, "HF002")
        == "projects/acme/project.yaml:3:8: error[HF002]: stage: expected one of opportunity, presales, "
           "contracted, handoff, delivery, acceptance or closed, found \"deliverry\"; did you mean \"delivery\"?\n");
}
