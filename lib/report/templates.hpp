#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/filesystem.hpp"
#include "report/labels.hpp"
#include "support/mustache.hpp"

// Finding report templates: a workspace's templates/ folder overrides the built-in ones by
// file name, and partials are found the same way.
namespace handoff::report {

// Returns the names of the built-in reports: brief, changes, feasibility, plan, portfolio, status.
const std::vector<std::string>& builtin_reports();

// Returns true when `spec` names a template file rather than a template name: it contains a
// '/' or ends in ".mustache".
bool is_template_path(const std::string& spec);

// Looks templates up by name in a workspace, then among the built-in ones.
class TemplateFinder {
public:
  // Uses the workspace read through `fs` (templates/ at its root) and the built-in templates
  // of `language`.
  explicit TemplateFinder(const io::FileSystem& fs, Language language = Language::en) : m_fs(fs), m_language(language)
  {
  }

  // Returns the template `name` (without ".mustache"), the first of: the workspace's
  // templates/LANG/NAME.mustache (LANG: zh-CN; not for en), the workspace's
  // templates/NAME.mustache (for every language), the built-in report/NAME.mustache (one for
  // every language: its words are messages, see `message`). Throws std::runtime_error when a workspace file
  // exists but cannot be read.
  std::optional<support::TemplateText> find(const std::string& name) const;

  // Returns the message `{{> t.KEY}}` refers to: KEY in the built-in catalogue of the
  // finder's language (report/messages/LANG.yaml), else in the English one; nullopt when
  // neither has it. A message is a piece of template, rendered where the tag stands.
  std::optional<support::TemplateText> message(const std::string& key) const;

  // Returns every name `find` resolves: the built-in reports and partials and the
  // workspace's templates/*.mustache, sorted.
  std::vector<std::string> names() const;

  // Returns the names of the workspace's templates/*.mustache, sorted.
  std::vector<std::string> workspace_names() const;

private:
  std::optional<support::TemplateText> find_in_workspace(const std::string& file) const;

  const io::FileSystem& m_fs;
  Language m_language;
};

// Returns the keys of the built-in catalogue of `language`, sorted.
std::vector<std::string> catalogue_keys(Language language);

// Reads the template file at `path` (relative to the current directory). Throws
// std::runtime_error when it cannot be read.
support::TemplateText read_template_file(const std::string& path);

// Renders `tmpl` with `data`, escaping values for Markdown and taking partials from `finder`.
// Throws std::runtime_error naming the template file and line for a template error.
std::string render(const support::TemplateText& tmpl, nlohmann::ordered_json data, const TemplateFinder& finder);
// Like render, with each of `lists` (built item by item) put into the top level of `data`.
std::string render(const support::TemplateText& tmpl, nlohmann::ordered_json data,
                   std::map<std::string, support::MustacheList> lists, const TemplateFinder& finder);

}  // namespace handoff::report
