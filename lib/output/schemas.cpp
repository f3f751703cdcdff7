#include "output/schemas.hpp"

#include <nlohmann/json.hpp>

#include "support/embedded.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

constexpr std::string_view k_dir = "schema/outputs/";
constexpr std::string_view k_suffix = ".schema.json";

// Returns the schema's name when `path` is an output schema's embedded path, else nullopt.
std::optional<std::string_view> name_of(std::string_view path)
{
  if (!support::starts_with(path, k_dir) || path.size() <= k_dir.size() + k_suffix.size()
      || path.substr(path.size() - k_suffix.size()) != k_suffix) {
    return std::nullopt;
  }
  return path.substr(k_dir.size(), path.size() - k_dir.size() - k_suffix.size());
}

}  // namespace

const std::vector<OutputSchema>& output_schemas()
{
  // Parsed on first use only: every command's help names the schemas (output_schema_names),
  // and parsing them all took a third of the instructions of starting handoff.
  static const std::vector<OutputSchema> k_schemas = [] {
    std::vector<OutputSchema> out;
    for (const auto& file : support::embedded_files()) {  // sorted by path, so by name
      const auto name = name_of(file.path);
      if (!name) {
        continue;
      }
      // The files are part of the source tree and checked by tests: a broken one is a build defect.
      const auto schema = nlohmann::json::parse(file.data);
      out.push_back(OutputSchema{std::string(*name), schema.at("title").get<std::string>(), file.data});
    }
    return out;
  }();
  return k_schemas;
}

const OutputSchema* find_output_schema(std::string_view name)
{
  for (const auto& schema : output_schemas()) {
    if (schema.name == name) {
      return &schema;
    }
  }
  return nullptr;
}

std::vector<std::string> output_schema_names()
{
  std::vector<std::string> out;
  for (const auto& file : support::embedded_files()) {
    if (const auto name = name_of(file.path)) {
      out.emplace_back(*name);
    }
  }
  return out;
}

std::string output_schema_file_name(std::string_view name)
{
  return std::string(name) + std::string(k_suffix);
}

}  // namespace handoff::output
