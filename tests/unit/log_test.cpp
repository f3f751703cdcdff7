// The log summary of `handoff log` (workspace/log.cpp), on two versions of a record file.
#include <doctest/doctest.h>

#include "workspace/log.hpp"

using namespace handoff;

namespace {

workspace::RecordChange change(model::Record record, std::optional<std::string> before,
                               std::optional<std::string> after)
{
  git::FileChange file{"projects/p/x.yaml", std::move(before), std::move(after)};
  return workspace::describe_change(record, file, yaml::Limits{});
}

}  // namespace

TEST_CASE("the log names the requirements a commit added, changed and removed")
{
  const auto c = change(model::Record::requirements,
                        "requirements:\n  - id: REQ-001\n    title: A\n  - id: REQ-002\n    title: B\n",
                        "requirements:\n  - id: REQ-001\n    title: A2\n  - id: REQ-003\n    title: C\n");
  // support::join_words puts its separator only before the last part ("a, b; c"), as the log always printed.
  CHECK(workspace::summarize(c) == "added REQ-003, changed REQ-001 (title); removed REQ-002");
  const auto j = workspace::to_json(c);
  CHECK(j["added"] == nlohmann::json::array({"REQ-003"}));
  CHECK(j["removed"] == nlohmann::json::array({"REQ-002"}));
  CHECK(j["changed"][0]["id"] == "REQ-001");
  CHECK(j["changed"][0]["fields"] == nlohmann::json::array({"title"}));
}

TEST_CASE("the log tells reformatting, creation, deletion, unreadable versions and sign-offs apart")
{
  CHECK(workspace::summarize(change(model::Record::requirements, "requirements:\n  - {id: R-1, title: A}\n",
                                    "requirements:\n  - id: R-1\n    title: A\n"))
        == "reformatted, no change of content");
  CHECK(workspace::summarize(
            change(model::Record::requirements, std::nullopt, "requirements:\n  - id: R-1\n    title: A\n"))
        == "created with R-1");
  CHECK(workspace::summarize(change(model::Record::plan, "milestones: []\n", std::nullopt)) == "deleted");
  CHECK(workspace::summarize(change(model::Record::plan, "milestones: [\n", "milestones: []\n"))
        == "changed (not valid YAML in one of the versions)");
  CHECK(workspace::summarize(change(model::Record::signoffs, std::nullopt,
                                    "signoffs:\n  - role: sales\n    person: li.wei\n    date: 2026-10-05\n"))
        == "signed: sales by li.wei on 2026-10-05");
}
