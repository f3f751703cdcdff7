// The JSON Schemas of the outputs (output/schemas.cpp, templates/schema/outputs/): each is
// built in, names itself, and is strict everywhere (every object lists its keys). Real
// outputs are validated against them by the e2e case schema/outputs-validate.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "output/schemas.hpp"

using namespace handoff;

namespace {

// Collects, into `problems`, every object schema under `node` that does not close its keys or
// requires a key it does not describe; `where` is the JSON pointer of `node`.
void check_strict(const nlohmann::json& node, const std::string& where, std::vector<std::string>& problems)
{
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      check_strict(node[i], where + "/" + std::to_string(i), problems);
    }
    return;
  }
  if (!node.is_object()) {
    return;
  }
  const auto type = node.find("type");
  const bool object =
      type != node.end() && (*type == "object" || (type->is_array() && type->size() == 1 && (*type)[0] == "object"));
  if (object) {
    if (node.value("additionalProperties", nlohmann::json(true)) != false) {
      problems.push_back(where + ": additionalProperties is not false");
    }
    if (!node.contains("description") && where.find("/properties/") == std::string::npos) {
      problems.push_back(where + ": no description");
    }
    for (const auto& key : node.value("required", nlohmann::json::array())) {
      if (!node.contains("properties") || !node["properties"].contains(key.get<std::string>())) {
        problems.push_back(where + ": requires " + key.get<std::string>() + " but does not describe it");
      }
    }
  }
  for (const auto& [key, value] : node.items()) {
    if (key != "enum" && key != "const") {
      check_strict(value, where + "/" + key, problems);
    }
  }
}

}  // namespace

TEST_CASE("output schemas: built in, sorted, each a draft 2020-12 schema naming its file")
{
  const auto names = output::output_schema_names();
  CHECK(names
        == std::vector<std::string>{"check", "codequality", "diff", "forecast", "log", "notify", "portfolio", "report",
                                    "rules", "status", "todo"});
  for (const auto& schema : output::output_schemas()) {
    CAPTURE(schema.name);
    const auto doc = nlohmann::json::parse(schema.text);
    CHECK(doc["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(doc["$id"] == output::output_schema_file_name(schema.name));
    CHECK(doc["title"] == schema.title);
    CHECK(doc["description"].get<std::string>().size() > 20);
    CHECK(output::find_output_schema(schema.name) == &schema);
  }
  CHECK(output::find_output_schema("plan") == nullptr);
  CHECK(output::output_schema_file_name("check") == "check.schema.json");
}

TEST_CASE("output schemas: every object lists its keys and closes them")
{
  for (const auto& schema : output::output_schemas()) {
    CAPTURE(schema.name);
    std::vector<std::string> problems;
    check_strict(nlohmann::json::parse(schema.text), "", problems);
    CHECK(problems == std::vector<std::string>{});
  }
  // The check itself catches an open object.
  std::vector<std::string> problems;
  check_strict(nlohmann::json::parse(R"({"type": "object", "description": "x", "required": ["a"], "properties": {}})"),
               "", problems);
  CHECK(problems
        == std::vector<std::string>{": additionalProperties is not false", ": requires a but does not describe it"});
}
