// Agreement of the generated JSON Schema with the loader. No JSON Schema validator is in the
// stack, so this file holds a small one for exactly the keywords json_schema() emits; it
// fails on any other keyword, so the schema cannot grow a keyword these tests do not check.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "io/filesystem.hpp"
#include "model/json_schema.hpp"
#include "model/load.hpp"
#include "yaml/document.hpp"

namespace {

using Json = nlohmann::ordered_json;
using handoff::yaml::Kind;
using handoff::yaml::Node;

// Converts a YAML tree to JSON the way yaml-language-server reads it: YAML 1.2 core schema,
// where a plain scalar may be a null, a boolean, an integer or a float, and anything quoted
// is a string.
Json to_json(const Node& node)
{
  switch (node.kind) {
  case Kind::null:
    return nullptr;
  case Kind::sequence: {
    Json out = Json::array();
    for (const auto& item : node.children) {
      out.push_back(to_json(item));
    }
    return out;
  }
  case Kind::mapping: {
    Json out = Json::object();
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      out[node.key(i).value] = to_json(node.val(i));
    }
    return out;
  }
  case Kind::scalar:
    break;
  }
  const std::string& v = node.value;
  if (!node.plain) {
    return v;
  }
  static const std::regex k_bool("true|True|TRUE|false|False|FALSE");
  static const std::regex k_int("[-+]?[0-9]+");
  static const std::regex k_float(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(v, k_bool)) {
    return v[0] == 't' || v[0] == 'T';
  }
  if (std::regex_match(v, k_int)) {
    return std::stoll(v);
  }
  if (std::regex_match(v, k_float)) {
    return std::stod(v);
  }
  return v;
}

bool has_type(const Json& value, const std::string& type)
{
  if (type == "null") {
    return value.is_null();
  }
  if (type == "boolean") {
    return value.is_boolean();
  }
  if (type == "integer") {
    return value.is_number_integer()
           || (value.is_number_float()
               && value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>())));
  }
  if (type == "number") {
    return value.is_number();
  }
  if (type == "string") {
    return value.is_string();
  }
  if (type == "array") {
    return value.is_array();
  }
  if (type == "object") {
    return value.is_object();
  }
  FAIL("unknown type " << type);
  return false;
}

// Validates `value` against `schema`, appending "path: problem" lines to `errors`.
void validate(const Json& schema, const Json& value, const std::string& path, std::vector<std::string>& errors)
{
  static const std::set<std::string> k_known = {
      "$schema",    "title",    "description",          "type",  "enum", "pattern", "format", "minimum", "maximum",
      "properties", "required", "additionalProperties", "items", "oneOf"};
  for (auto it = schema.begin(); it != schema.end(); ++it) {
    REQUIRE_MESSAGE(k_known.count(it.key()) == 1, "keyword the test validator does not know: " << it.key());
  }
  if (schema.contains("oneOf")) {
    // Exactly one alternative accepts the value.
    int accepted = 0;
    for (const auto& alternative : schema["oneOf"]) {
      std::vector<std::string> none;
      validate(alternative, value, path, none);
      accepted += none.empty() ? 1 : 0;
    }
    if (accepted != 1) {
      errors.push_back(path + ": matches " + std::to_string(accepted) + " alternatives of oneOf, not exactly one");
      return;
    }
  }
  if (schema.contains("type")) {
    const Json& type = schema["type"];
    bool ok = false;
    for (const auto& t : type.is_array() ? type : Json::array({type})) {
      ok = ok || has_type(value, t.get<std::string>());
    }
    if (!ok) {
      errors.push_back(path + ": wrong type");
      return;
    }
  }
  if (schema.contains("enum")) {
    bool ok = false;
    for (const auto& v : schema["enum"]) {
      ok = ok || v == value;
    }
    if (!ok) {
      errors.push_back(path + ": not in enum");
    }
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (schema.contains("pattern") && !std::regex_search(text, std::regex(schema["pattern"].get<std::string>()))) {
      errors.push_back(path + ": does not match pattern");
    }
    if (schema.contains("format")) {
      REQUIRE((schema["format"] == "date" || schema["format"] == "date-time"));
      if (schema["format"] == "date" && !handoff::support::Date::parse(text)) {
        errors.push_back(path + ": not a date");
      }
      if (schema["format"] == "date-time" && !handoff::support::is_timestamp(text)) {
        errors.push_back(path + ": not a UTC timestamp");
      }
    }
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      errors.push_back(path + ": below minimum");
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      errors.push_back(path + ": above maximum");
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      validate(schema["items"], value[i], path + "/" + std::to_string(i), errors);
    }
  }
  if (value.is_object()) {
    for (const auto& name : schema.value("required", Json::array())) {
      if (!value.contains(name.get<std::string>())) {
        errors.push_back(path + ": missing " + name.get<std::string>());
      }
    }
    const Json properties = schema.value("properties", Json::object());
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string sub = path + "/" + it.key();
      if (properties.contains(it.key())) {
        validate(properties[it.key()], it.value(), sub, errors);
      } else if (schema.contains("additionalProperties")) {
        const Json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) {
            errors.push_back(sub + ": not allowed");
          }
        } else {
          validate(extra, it.value(), sub, errors);
        }
      }
    }
  }
}

// Returns the schema's complaints about a YAML document, or {"unparsable"}.
std::vector<std::string> schema_errors(const std::string& name, const std::string& yaml_text)
{
  const auto parsed = handoff::yaml::parse(yaml_text);
  if (!parsed.ok) {
    return {"unparsable"};
  }
  std::vector<std::string> errors;
  if (parsed.root.is_null()) {
    return errors;  // an empty file is the same as an absent one
  }
  validate(*handoff::model::json_schema(name), to_json(parsed.root), "", errors);
  return errors;
}

bool is_schema_finding(const handoff::core::Finding& f)
{
  return f.rule == "HF002" || f.rule == "HF003" || f.rule == "HF004";
}

// Returns the loader's HF002/HF003/HF004 findings on `name`'s file in a one-project workspace.
std::vector<std::string> loader_errors(const std::string& name, const std::string& yaml_text)
{
  handoff::io::MemoryFileSystem fs;
  std::string path = "handoff.yaml";
  if (name != "handoff") {
    path = "projects/p/" + name + ".yaml";
    if (name != "project") {
      fs.add("projects/p/project.yaml", "id: p\nname: P\nstage: opportunity\n");
    }
  }
  fs.add(path, yaml_text);
  const auto config = handoff::model::load_config(fs);
  std::vector<handoff::core::Finding> findings = config.findings;
  if (name != "handoff") {
    const auto project = handoff::model::load_project(fs, config.config, "p");
    findings.insert(findings.end(), project.findings.begin(), project.findings.end());
  }
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.file == path && is_schema_finding(f)) {
      out.push_back(f.rule + " " + f.message);
    }
  }
  return out;
}

std::string read_text(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string joined(const std::vector<std::string>& lines)
{
  std::string out;
  for (const auto& l : lines) {
    out += l + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("there is a schema for handoff.yaml and every record, and none for other names")
{
  const auto& names = handoff::model::schema_names();
  CHECK(names
        == std::vector<std::string>{"handoff", "project", "requirements", "feasibility", "plan", "risks", "changes",
                                    "signoffs", "acceptance", "activities"});
  for (const auto& name : names) {
    const auto schema = handoff::model::json_schema(name);
    REQUIRE(schema);
    CHECK((*schema)["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK((*schema)["type"] == "object");
  }
  CHECK_FALSE(handoff::model::json_schema("plan.yaml"));
  CHECK(handoff::model::schema_file_name("plan") == "plan.schema.json");
}

TEST_CASE("the plan schema describes milestones, RACI roles and the reporting cadence")
{
  const Json schema = *handoff::model::json_schema("plan");
  const Json& milestone = schema["properties"]["milestones"]["items"];
  CHECK(milestone["required"] == Json::array({"id", "name"}));
  CHECK(milestone["additionalProperties"] == false);
  CHECK(milestone["properties"]["due"]
        == Json::parse(R"({"description":"planned date","type":["string","null"],"format":"date",
                           "pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})"));
  CHECK(milestone["properties"]["status"]["enum"]
        == Json::array({"planned", "in_progress", "done", "accepted", nullptr}));
  CHECK(schema["properties"]["raci"]["items"]["additionalProperties"]["enum"]
        == Json::array({"R", "A", "C", "I", "A/R", nullptr}));
  CHECK(
      schema["properties"]["reporting"]["properties"]["cadence_days"]
      == Json::parse(
          R"({"description":"days between status reports, 1 to 365","type":["integer","null"],"minimum":1,"maximum":365})"));
}

TEST_CASE("every example record agrees with its schema; globex-crm's broken records fail both")
{
  const std::filesystem::path root = std::filesystem::path(HANDOFF_SOURCE_DIR) / "examples";
  const handoff::io::DiskFileSystem disk(root.string());
  const auto config = handoff::model::load_config(disk);
  std::vector<handoff::core::Finding> findings = config.findings;
  for (const auto& id : handoff::model::list_projects(disk, config.config)) {
    const auto project = handoff::model::load_project(disk, config.config, id);
    findings.insert(findings.end(), project.findings.begin(), project.findings.end());
  }
  std::vector<std::string> files{"handoff.yaml"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "projects")) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path().lexically_relative(root).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);

  std::vector<std::string> failing;
  for (const auto& file : files) {
    const std::string stem = std::filesystem::path(file).stem().string();
    const std::vector<std::string> schema = schema_errors(stem, read_text(root / file));
    bool loader = false;
    for (const auto& f : findings) {
      loader = loader || (f.file == file && is_schema_finding(f));
    }
    INFO(file << ": schema says\n" << joined(schema));
    CHECK(loader == !schema.empty());
    if (!schema.empty()) {
      failing.push_back(file + " " + joined(schema));
    }
  }
  CHECK(joined(failing)
        == "projects/globex-crm/requirements.yaml /requirements/8/descripton: not allowed\n\n"
           "projects/globex-crm/risks.yaml /risks/2/review_by: not a date\n\n");
}

TEST_CASE("the schema and the loader agree on valid and broken documents")
{
  struct Case {
    const char* record;
    const char* yaml;
    bool valid;
  };
  const Case cases[] = {
      {"project", "id: p\nname: P\nstage: opportunity\n", true},
      {"project", "id: p\nname: P\nstage: deliverry\n", false},
      {"project", "id: p\nname: P\n", false},
      {"project", "id: p\nname:\nstage: opportunity\n", false},
      {"project", "id: p\nname: 1.10\nstage: opportunity\ntags: [no, 3, true]\n", true},
      {"project", "id: p\nname: P\nstage: opportunity\nstagee: x\n", false},
      {"project", "id: p\nname: P\nstage: opportunity\ncustomer:\ncontract:\nclosure:\n", true},
      {"project", "id: p\nname: P\nstage: closed\nclosure:\n  csat: 6\n", false},
      {"project", "id: p\nname: P\nstage: closed\nclosure:\n  csat: 0\n", false},
      {"project", "id: p\nname: P\nstage: closed\nclosure:\n  csat: \"4\"\n", false},
      {"project", "id: p\nname: P\nstage: closed\nclosure:\n  csat: 4\n  accepted: 2027-02-29\n", false},
      {"project", "id: p\nname: P\nstage: closed\nclosure:\n  accepted: \"2027-02-28\"\n", true},
      {"project", "id: p\nname: P\nstage: opportunity\ncustomer:\n  contacts:\n    - title: CIO\n", false},
      {"project",
       "id: p\nname: P\nstage: opportunity\ncustomer:\n  contacts:\n    - name: W\n      decision_maker: yes\n", false},
      {"project",
       "id: p\nname: P\nstage: opportunity\ncustomer:\n  contacts:\n    - name: W\n      decision_maker: true\n", true},
      {"project", "id: p\nname: P\nstage: opportunity\nteam:\n  sales: li.wei\n  pm: [a]\n", false},
      {"project", "id: p\nname: P\nstage: opportunity\ncontract:\n  value: -5\n", false},
      {"project", "id: p\nname: P\nstage: opportunity\ncontract:\n  value: 1200000.50\n  items:\n    - id: 1L\n",
       false},
      {"project",
       "id: p\nname: P\nstage: opportunity\ncommitments:\n  - id: C-1\n    text: Live in 3 months\n    refs: [REQ-1, "
       "M4]\n",
       true},
      {"project", "id: p\nname: P\nstage: opportunity\ncommitments: C-1\n", false},
      {"requirements", "requirements:\n  - id: REQ-1\n    title: T\n    priority: must\n    type: report\n", true},
      {"requirements", "requirements:\n  - id: REQ-1\n    title: T\n    priority: high\n", false},
      {"requirements", "requirements:\n  - id: REQ-1\n", false},
      {"requirements",
       "requirements:\n  - id: REQ-1\n    title: T\n    questions:\n      - text: Q?\n        status: closed\n", false},
      {"requirements", "requirements: []\n", true},
      {"acceptance",
       "date: 2027-02-10\nsigned_by: Wang Fang\nresults:\n  - requirement: REQ-1\n    result: waived\n    note: N\n",
       true},
      {"acceptance", "results:\n  - requirement: REQ-1\n    result: ok\n", false},
      {"acceptance", "results:\n  - result: passed\n", false},
      {"acceptance", "date: 2027-02-30\n", false},
      {"project", "id: p\nname: P\nstage: closed\nsupport:\n  owner: z\n  until: 2027-08-31\n  channel: hotline\n",
       true},
      {"project", "id: p\nname: P\nstage: closed\nsupport:\n  until: soon\n", false},
      {"feasibility", "assessed_by: z\nestimate:\n  duration_weeks: 26\n  confidence: medium\nrecommendation: go\n",
       true},
      {"feasibility", "estimate:\n  duration_weeks: twenty\n", false},
      {"feasibility", "assessments:\n  - requirement: REQ-1\n", false},
      {"feasibility", "assessments:\n  - requirement: REQ-1\n    verdict: customization\n    effort_days: 10.5\n",
       true},
      {"plan", "milestones:\n  - id: M1\n    name: N\n    due: 2026-11-15\n    covers: [REQ-1]\n    status: done\n",
       true},
      {"plan", "milestones:\n  - id: M1\n    name: N\n    due: 15.11.2026\n", false},
      {"plan", "raci:\n  - activity: A\n    sales: A/R\n    pm: I\n", true},
      {"plan", "raci:\n  - activity: A\n    sales: X\n", false},
      {"plan", "raci:\n  - sales: A\n", false},
      {"plan", "reporting:\n  cadence_days: 0\n", false},
      {"plan", "reporting:\n  cadence_days: 7\n  last_report: 2026-11-18\n", true},
      {"risks", "risks:\n  - id: R-1\n    title: T\n    probability: 4\n    impact: 5\n    response: mitigate\n", true},
      {"risks", "risks:\n  - id: R-1\n    title: T\n    probability: 4.5\n", false},
      {"risks", "risks:\n  - id: R-1\n    title: T\n    response: ignore\n", false},
      {"changes", "changes:\n  - id: CR-1\n    title: T\n    impact:\n      schedule_days: -3\n      cost: 20000\n",
       true},
      {"changes", "changes:\n  - id: CR-1\n    title: T\n    impact:\n      cost: -1\n", false},
      {"changes", "changes:\n  - id: CR-1\n    title: T\n    approvals:\n      - role: sales\n", false},
      {"changes", "changes:\n  - id: CR-1\n    title: T\n    classification: free\n", false},
      {"signoffs",
       "signoffs:\n  - role: sales\n    person: li.wei\n    date: 2026-11-01\n    records:\n      plan: sha256:ab\n",
       true},
      {"signoffs", "signoffs:\n  - role: sales\n    person: li.wei\n", false},
      {"handoff", "version: 1\npeople:\n  - id: li.wei\n    roles: [sales]\nrules:\n  HF205: off\nhistory: auto\n",
       true},
      {"handoff", "version: 2\n", false},
      {"handoff", "projects: projects\n", false},
      {"handoff", "version: 1\nrules:\n  HF205: never\n", false},
      {"handoff", "version: 1\nhistory: sometimes\n", false},
      {"handoff", "version: 1\npeople:\n  - name: Li Wei\n", false},
  };
  for (const auto& c : cases) {
    const auto schema = schema_errors(c.record, c.yaml);
    const auto loader = loader_errors(c.record, c.yaml);
    INFO(c.record << ":\n" << c.yaml << "schema: " << joined(schema) << "loader: " << joined(loader));
    CHECK(schema.empty() == c.valid);
    CHECK(loader.empty() == c.valid);
  }
}
