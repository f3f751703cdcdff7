#include "output/schemas.hpp"

#include <nlohmann/json.hpp>

#include "support/embedded.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

constexpr std::string_view k_dir = "schema/outputs/";
constexpr std::string_view k_suffix = ".schema.json";

}  // namespace

const std::vector<OutputSchema>& output_schemas()
{
  static const std::vector<OutputSchema> k_schemas = [] {
    std::vector<OutputSchema> out;
    for (const auto& file : support::embedded_files()) {  // sorted by path, so by name
      if (!support::starts_with(file.path, k_dir) || file.path.size() <= k_dir.size() + k_suffix.size()
          || file.path.substr(file.path.size() - k_suffix.size()) != k_suffix) {
        continue;
      }
      const std::string_view name = file.path.substr(k_dir.size(), file.path.size() - k_dir.size() - k_suffix.size());
      // The files are part of the source tree and checked by tests: a broken one is a build defect.
      const auto schema = nlohmann::json::parse(file.data);
      out.push_back(OutputSchema{std::string(name), schema.at("title").get<std::string>(), file.data});
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
  out.reserve(output_schemas().size());
  for (const auto& schema : output_schemas()) {
    out.push_back(schema.name);
  }
  return out;
}

std::string output_schema_file_name(std::string_view name)
{
  return std::string(name) + std::string(k_suffix);
}

}  // namespace handoff::output
