// `handoff diff` in the library (workspace/diff.cpp): the baseline's resolution and the JSON
// document's shape.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/filesystem.hpp"
#include "workspace/diff.hpp"

using namespace handoff;

TEST_CASE("diff without a revision needs a baseline, and says how to go on without one")
{
  io::MemoryFileSystem fs;
  fs.add("projects/p/project.yaml", "id: p\nname: P\nstage: handoff\n");
  const workspace::Workspace ws(fs);
  CHECK_THROWS_WITH_AS(workspace::project_diff(ws, "p", ""),
                       "p has no baseline (no sales and implementation sign-offs over the same content); give a "
                       "revision: handoff diff p REV",
                       core::UserError);
}

TEST_CASE("diff's JSON document: schema, project, from, to, records with fields and items, skipped")
{
  workspace::ProjectDiff diff;
  diff.id = "p";
  diff.commit = "abc1234";
  signoff::RecordDiff d;
  d.record = model::Record::requirements;
  signoff::ItemDiff item;
  item.list = "requirements";
  item.id = "REQ-001";
  item.title = "Tracking";
  item.kind = signoff::ItemDiff::Kind::changed;
  item.fields.push_back({"title", std::string("Track"), std::string("Tracking")});
  d.items.push_back(item);
  diff.records.emplace_back("projects/p/requirements.yaml", d);
  diff.skipped.emplace_back("projects/p/plan.yaml");
  const auto doc = nlohmann::json::parse(workspace::diff_json(diff));
  CHECK(doc["schema"] == 1);
  CHECK(doc["project"] == "p");
  CHECK(doc["from"] == nlohmann::json{{"revision", nullptr}, {"baseline", true}, {"commit", "abc1234"}});
  CHECK(doc["to"] == "working tree");
  REQUIRE(doc["records"].size() == 1);
  CHECK(doc["records"][0]["record"] == "requirements");
  CHECK(doc["records"][0]["file"] == "projects/p/requirements.yaml");
  CHECK(doc["records"][0]["items"][0]
        == nlohmann::json{{"list", "requirements"},
                          {"id", "REQ-001"},
                          {"title", "Tracking"},
                          {"change", "changed"},
                          {"fields", {{{"field", "title"}, {"old", "Track"}, {"new", "Tracking"}}}}});
  CHECK(doc["skipped"] == nlohmann::json::array({"projects/p/plan.yaml"}));
  CHECK(
      workspace::diff_text(diff)
      == "p:  (commit abc1234) -> working tree\nprojects/p/requirements.yaml\n  ~ requirements REQ-001 \"Tracking\"\n"
         "      title: \"Track\" -> \"Tracking\"\nnote: projects/p/plan.yaml is not valid YAML in one of the versions; "
         "not compared\n");
}
