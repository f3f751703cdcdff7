#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/filesystem.hpp"
#include "model/records.hpp"

// Creates workspaces and projects from the built-in templates (templates/scaffold/), which a
// workspace may override by file name in its own templates/ folder.
namespace handoff::scaffold {

// What `handoff new` puts into the project card.
struct ProjectFields {
  std::string id;
  std::string name;
  std::string customer;
  std::string sales;           // a person; empty leaves a commented hint
  std::string implementation;  // a person; empty leaves a commented hint
};

struct File {
  std::string path;  // relative to the workspace root, '/'-separated
  std::string content;
};

// Returns a YAML scalar holding `text` exactly: plain when that is unambiguous, else
// double-quoted with escapes.
std::string yaml_scalar(const std::string& text);

// Returns why `id` cannot name a new project, or nullopt when it can.
std::optional<std::string> invalid_project_id(const std::string& id);

// The folder, relative to the workspace root, that holds the JSON Schemas the scaffolded
// files name on their `# yaml-language-server: $schema=...` line.
inline constexpr std::string_view k_schema_dir = ".handoff/schema";

// Returns the files of a new workspace (handoff.yaml).
std::vector<File> workspace_files();

// Returns the JSON Schema files for editors, as written below k_schema_dir: one
// "<name>.schema.json" per name of model::schema_names().
std::vector<File> schema_files();

// Returns the files of a new project, rendered from the templates. `fs` is the workspace,
// whose templates/ folder may override a template by file name. Throws std::runtime_error
// when an override template is unreadable or invalid.
std::vector<File> project_files(const io::FileSystem& fs, const model::Config& config, const ProjectFields& fields);

// Returns the problems with the people named in `fields` when the workspace has a people
// registry: unknown ids (with a suggestion) and people without the role they are given.
std::vector<std::string> check_people(const model::Config& config, const ProjectFields& fields);

}  // namespace handoff::scaffold
