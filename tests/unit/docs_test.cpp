// The reference pages that restate the product cannot drift from it: docs/records.md lists
// exactly the fields of the schema (with their type and whether they are always required), and
// docs/rules.md holds exactly the catalogue `handoff rules --format markdown` prints.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "model/schema.hpp"
#include "output/rules.hpp"
#include "rules/engine.hpp"

using namespace handoff;

namespace {

std::string read_doc(const std::string& name)
{
  std::ifstream in(std::filesystem::path(HANDOFF_SOURCE_DIR) / "docs" / name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "docs/" << name << " is missing");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The word records.md uses for a type, at the start of the type column.
std::string type_word(model::Type type)
{
  switch (type) {
  case model::Type::str:
    return "text";
  case model::Type::date:
    return "date";
  case model::Type::timestamp:
    return "timestamp";
  case model::Type::ssh_key:
    return "SSH key";
  case model::Type::integer:
    return "integer";
  case model::Type::number:
    return "number";
  case model::Type::boolean:
    return "true/false";
  case model::Type::id:
    return "id";
  case model::Type::handle:
    return "handle";
  case model::Type::person:
    return "person";
  case model::Type::choice:
    return "one of";
  case model::Type::list:
    return "list";
  case model::Type::object:
  case model::Type::map:
    return "mapping";
  case model::Type::trigger:
    return "trigger";
  }
  return "?";
}

struct Row {
  std::string type;
  bool required = false;
};

// Every field of a spec, as "customer.contacts[].name" -> type and requiredness.
void collect(const model::Spec& spec, const std::string& prefix, std::map<std::string, Row>& out)
{
  for (const auto& f : spec.fields) {
    const std::string path = prefix + f.name;
    out[path] = Row{type_word(f.spec->type), f.required};
    const model::Spec* inner = f.spec.get();
    std::string inner_prefix = path + ".";
    if (inner->type == model::Type::list) {
      inner = inner->item.get();
      inner_prefix = path + "[].";
    }
    if (inner != nullptr && inner->type == model::Type::object) {
      collect(*inner, inner_prefix, out);
    }
  }
}

// The rows of the table in records.md's section "## `FILE`": field -> type and required.
std::map<std::string, Row> documented(const std::string& doc, const std::string& file)
{
  const std::string heading = "\n## `" + file + "`\n";
  const auto start = doc.find(heading);
  REQUIRE_MESSAGE(start != std::string::npos, "docs/records.md has no section " << heading.substr(1));
  const auto end = doc.find("\n## ", start + heading.size());
  std::istringstream lines(doc.substr(start, end == std::string::npos ? std::string::npos : end - start));
  std::map<std::string, Row> out;
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| `", 0) != 0) {
      continue;
    }
    std::vector<std::string> cells;
    std::size_t from = 1;
    for (std::size_t bar = line.find('|', from); bar != std::string::npos; bar = line.find('|', from)) {
      std::string cell = line.substr(from, bar - from);
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
      from = bar + 1;
    }
    REQUIRE_MESSAGE(cells.size() == 4, "docs/records.md: a row needs 4 cells: " << line);
    const std::string field = cells[0].substr(1, cells[0].size() - 2);
    out[field] = Row{cells[1], cells[2] == "always"};
  }
  return out;
}

void check_file(const std::string& doc, const std::string& file, const model::Spec& spec)
{
  std::map<std::string, Row> fields;
  collect(spec, "", fields);
  const std::map<std::string, Row> rows = documented(doc, file);
  for (const auto& [path, row] : fields) {
    const auto it = rows.find(path);
    CHECK_MESSAGE(it != rows.end(), file << ": field " << path << " is not in docs/records.md; add a row");
    if (it == rows.end()) {
      continue;
    }
    CHECK_MESSAGE(it->second.type.rfind(row.type, 0) == 0,
                  file << ": " << path << " is a " << row.type << ", docs/records.md says " << it->second.type);
    CHECK_MESSAGE(it->second.required == row.required,
                  file << ": " << path << std::string(row.required ? " is" : " is not") << " always required");
  }
  for (const auto& [path, row] : rows) {
    CHECK_MESSAGE(fields.count(path) != 0, file << ": docs/records.md lists " << path << ", which the schema lacks");
  }
}

}  // namespace

TEST_CASE("docs/records.md lists every field of every record, with its type and whether it is required")
{
  const std::string doc = read_doc("records.md");
  check_file(doc, "handoff.yaml", model::config_spec());
  for (int r = 0; r < model::k_record_count; ++r) {
    const auto record = static_cast<model::Record>(r);
    check_file(doc, model::file_name(record), model::record_spec(record));
  }
}

TEST_CASE("the records.md check notices a missing field and a wrong type")
{
  const std::string doc = "\n## `x.yaml`\n\n| field | type | required | meaning |\n|---|---|---|---|\n"
                          "| `a` | date | always | a |\n";
  const std::map<std::string, Row> rows = documented(doc, "x.yaml");
  REQUIRE(rows.size() == 1);
  CHECK(rows.at("a").type == "date");
  CHECK(rows.at("a").required);
  std::map<std::string, Row> fields;
  collect(model::record_spec(model::Record::risks), "", fields);
  CHECK(fields.at("risks[].probability").type == "integer");
  CHECK(fields.at("risks[].id").required);
  CHECK_FALSE(fields.at("risks[].owner").required);
  CHECK(fields.count("risks[]") == 0);
}

TEST_CASE("docs/rules.md ends with the catalogue `handoff rules --format markdown` prints")
{
  const std::string doc = read_doc("rules.md");
  const std::string marker = "<!-- generated: handoff rules --format markdown -->\n\n";
  const auto at = doc.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "docs/rules.md lost its marker line");
  const std::string generated = doc.substr(at + marker.size());
  CHECK_MESSAGE(generated == output::rules_markdown(rules::catalogue()),
                "docs/rules.md's catalogue differs from the rules: run bash scripts/update-docs.sh");
  // What "how each rule reads the records" says stays above the catalogue.
  CHECK(doc.find("## Missing values") < at);
  CHECK(doc.find("#### HF304: ") != std::string::npos);
}
