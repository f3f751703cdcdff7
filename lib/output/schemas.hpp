#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The JSON Schemas (draft 2020-12) of handoff's JSON outputs, built into the binary from
// templates/schema/outputs/ (`handoff schema --outputs`).
namespace handoff::output {

struct OutputSchema {
  std::string name;       // "check": the output of `handoff check --format json`
  std::string title;      // the schema's title: the command and format it describes
  std::string_view text;  // the schema file's bytes
};

// Returns every output schema, sorted by name.
const std::vector<OutputSchema>& output_schemas();
// Returns the output schema called `name`, or nullptr.
const OutputSchema* find_output_schema(std::string_view name);
// Returns the names of the output schemas, sorted.
std::vector<std::string> output_schema_names();
// Returns "<name>.schema.json".
std::string output_schema_file_name(std::string_view name);

}  // namespace handoff::output
