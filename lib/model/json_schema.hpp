#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// JSON Schema (draft 2020-12) of the record files, generated from the loader's spec
// (model/schema.hpp), for editors that validate YAML as people type.
namespace handoff::model {

// Returns the names of the files that have a schema, in the order `handoff schema` writes
// them: "handoff" (handoff.yaml), then the record names ("project", "requirements", ...).
const std::vector<std::string>& schema_names();

// Returns the file name a schema is written to: "<name>.schema.json".
std::string schema_file_name(const std::string& name);

// Returns the JSON Schema of the file `name` (one of schema_names()), which accepts what the
// loader accepts without HF002/HF003/HF004, or nullopt for an unknown name.
std::optional<nlohmann::ordered_json> json_schema(const std::string& name);

}  // namespace handoff::model
