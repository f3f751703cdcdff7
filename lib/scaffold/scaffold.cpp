#include "scaffold/scaffold.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "model/json_schema.hpp"
#include "model/schema.hpp"
#include "support/embedded.hpp"
#include "support/mustache.hpp"
#include "support/text.hpp"

namespace handoff::scaffold {

namespace {

constexpr std::string_view k_project_templates[] = {
    "project.yaml", "requirements.yaml", "feasibility.yaml", "plan.yaml",
    "risks.yaml",   "changes.yaml",      "acceptance.yaml",  "activities.yaml",
};

bool plain_safe(const std::string& text)
{
  if (text.empty() || text.front() == ' ' || text.back() == ' ') {
    return false;
  }
  if (!std::isalnum(static_cast<unsigned char>(text.front()))) {
    return false;
  }
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == ' ' || c == '.' || c == '_' || c == '-' || c == '(' || c == ')' || c == '/'
          || u >= 0x80)) {
      return false;
    }
  }
  return true;
}

// Reads a template: the workspace's templates/NAME when present, else the built-in one.
std::string load_template(const io::FileSystem& fs, std::string_view builtin_path, std::string_view name)
{
  const std::string override_path = "templates/" + std::string(name);
  if (fs.kind(override_path) != io::FileKind::missing) {
    io::ReadResult read = fs.read(override_path, 1u << 20);
    if (!read.ok) {
      throw core::UserError(fmt::format("{}: cannot read template: {}", override_path, read.error));
    }
    return std::move(read.data);
  }
  const support::EmbeddedFile* file = support::find_embedded(builtin_path);
  if (file == nullptr) {
    throw std::logic_error(fmt::format("built-in template {} is missing", builtin_path));
  }
  return std::string(file->data);
}

}  // namespace

std::string yaml_scalar(const std::string& text)
{
  if (plain_safe(text)) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (u < 0x20 || u == 0x7f) {
        out += fmt::format("\\x{:02x}", u);
      } else {
        out += c;
      }
    }
  }
  out += '"';
  return out;
}

std::optional<std::string> invalid_project_id(const std::string& id)
{
  if (id.empty()) {
    return "a project id cannot be empty";
  }
  if (!model::is_slug(id)) {
    return fmt::format(
        "\"{}\" is not a valid project id: use 1 to 63 lower-case letters, digits and '-', starting with a letter "
        "or digit (for example acme-mes)",
        id);
  }
  return std::nullopt;
}

std::vector<File> workspace_files()
{
  const support::EmbeddedFile* file = support::find_embedded("scaffold/handoff.yaml");
  if (file == nullptr) {
    throw std::logic_error("built-in template scaffold/handoff.yaml is missing");
  }
  return {File{"handoff.yaml", std::string(file->data)}};
}

std::vector<File> schema_files()
{
  std::vector<File> files;
  for (const auto& name : model::schema_names()) {
    files.push_back(File{model::schema_file_name(name), model::json_schema(name)->dump(2) + "\n"});
  }
  return files;
}

std::vector<File> project_files(const io::FileSystem& fs, const model::Config& config, const ProjectFields& fields)
{
  // The schema line is relative to the record, wherever handoff.yaml puts the projects folder.
  const std::filesystem::path project_dir = std::filesystem::path(config.projects_dir) / fields.id;
  std::string schema_dir =
      std::filesystem::path(k_schema_dir).lexically_relative(project_dir.lexically_normal()).generic_string();
  if (schema_dir.empty()) {
    schema_dir = k_schema_dir;  // a projects folder outside the workspace: no relative path
  }
  nlohmann::json data = {
      {"schema_dir", schema_dir},
      {"id", fields.id},
      {"name", fields.name.empty() ? fields.id : fields.name},
      {"customer", fields.customer.empty() ? std::string("TBD") : fields.customer},
      {"sales", fields.sales.empty() ? nlohmann::json(false) : nlohmann::json(fields.sales)},
      {"implementation", fields.implementation.empty() ? nlohmann::json(false) : nlohmann::json(fields.implementation)},
  };

  std::vector<File> files;
  for (const std::string_view name : k_project_templates) {
    const std::string source = load_template(fs, "scaffold/project/" + std::string(name), name);
    files.push_back(File{io::join(io::join(config.projects_dir, fields.id), std::string(name)),
                         support::render_mustache(source, std::string(name), data, yaml_scalar)});
  }
  return files;
}

std::vector<std::string> check_people(const model::Config& config, const ProjectFields& fields)
{
  std::vector<std::string> problems;
  if (!config.has_registry) {
    return problems;
  }
  const auto check = [&](const std::string& role, const std::string& who) {
    if (who.empty()) {
      return;
    }
    const model::Person* person = config.person(who);
    if (person == nullptr) {
      std::string message = fmt::format("--{}: \"{}\" is not in the people registry of {}", role, who, config.file);
      if (const auto suggestion = config.person_hint(who)) {
        message += fmt::format(" (did you mean {}?)", *suggestion);
      }
      problems.push_back(std::move(message));
      return;
    }
    std::vector<std::string> roles;
    for (const model::Text& held : person->roles.items) {
      if (held.has()) {
        roles.push_back(*held);
      }
    }
    if (!roles.empty() && std::find(roles.begin(), roles.end(), role) == roles.end()) {
      problems.push_back(
          fmt::format("--{}: {} does not hold the {} role (roles: {})", role, who, role, support::join_words(roles)));
    }
  };
  check("sales", fields.sales);
  check("implementation", fields.implementation);
  return problems;
}

}  // namespace handoff::scaffold
