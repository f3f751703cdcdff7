#include "report/templates.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "support/embedded.hpp"
#include "support/text.hpp"
#include "yaml/document.hpp"

namespace handoff::report {

namespace {

constexpr std::size_t k_max_template_size = 1u << 20;
constexpr std::string_view k_builtin_dir = "report/";
constexpr std::string_view k_extension = ".mustache";

bool ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Template names are plain file names: no folders, no hidden files.
bool is_plain_name(const std::string& name)
{
  return !name.empty() && name[0] != '.' && name.find('/') == std::string::npos && name.find('\\') == std::string::npos;
}

// A language's built-in catalogue: report/messages/LANG.yaml, a mapping of keys to messages.
struct Catalogue {
  std::string file;
  std::map<std::string, std::string, std::less<>> messages;
};

Catalogue load_catalogue(Language language)
{
  Catalogue catalogue{"report/messages/" + std::string(to_string(language)) + ".yaml", {}};
  const support::EmbeddedFile* embedded = support::find_embedded(catalogue.file);
  if (embedded == nullptr) {
    return catalogue;
  }
  const yaml::ParseResult parsed = yaml::parse(embedded->data);
  if (!parsed.ok || !parsed.problems.empty() || !parsed.root.is_mapping()) {
    throw std::logic_error("built-in " + catalogue.file + " is not a mapping of keys to messages");
  }
  for (std::size_t i = 0; i < parsed.root.map_size(); ++i) {
    catalogue.messages.emplace(parsed.root.key(i).value, parsed.root.val(i).value);
  }
  return catalogue;
}

// Returns the catalogue of `language`, read once.
const Catalogue& catalogue(Language language)
{
  static const Catalogue en = load_catalogue(Language::en);
  static const Catalogue zh = load_catalogue(Language::zh_cn);
  return language == Language::en ? en : zh;
}

}  // namespace

std::vector<std::string> catalogue_keys(Language language)
{
  std::vector<std::string> keys;
  for (const auto& [key, text] : catalogue(language).messages) {
    keys.push_back(key);
  }
  return keys;
}

const std::vector<std::string>& builtin_reports()
{
  static const std::vector<std::string> names{"acceptance", "brief",     "changes", "feasibility",
                                              "plan",       "portfolio", "status",  "visit"};
  return names;
}

bool is_template_path(const std::string& spec)
{
  return spec.find('/') != std::string::npos || ends_with(spec, k_extension);
}

std::optional<support::TemplateText> TemplateFinder::find(const std::string& name) const
{
  if (!is_plain_name(name)) {
    return std::nullopt;
  }
  const std::string file = name + std::string(k_extension);
  const std::string language = m_language == Language::en ? std::string() : std::string(to_string(m_language)) + "/";
  if (!language.empty()) {
    if (auto found = find_in_workspace(language + file)) {
      return found;
    }
  }
  if (auto found = find_in_workspace(file)) {
    return found;
  }
  // One built-in template serves every language: its words are messages of the language's
  // catalogue (`{{> t.KEY}}`).
  const std::string builtin = std::string(k_builtin_dir) + file;
  if (const support::EmbeddedFile* embedded = support::find_embedded(builtin)) {
    return support::TemplateText{"built-in " + builtin, std::string(embedded->data)};
  }
  return std::nullopt;
}

std::optional<support::TemplateText> TemplateFinder::message(const std::string& key) const
{
  for (const Language language : {m_language, Language::en}) {
    const Catalogue& in = catalogue(language);
    if (const auto it = in.messages.find(key); it != in.messages.end()) {
      return support::TemplateText{fmt::format("built-in {} ({}{})", in.file, support::k_message_prefix, key),
                                   it->second};
    }
  }
  return std::nullopt;
}

std::optional<support::TemplateText> TemplateFinder::find_in_workspace(const std::string& file) const
{
  const std::string override_path = "templates/" + file;
  if (m_fs.kind(override_path) == io::FileKind::missing) {
    return std::nullopt;
  }
  io::ReadResult read = m_fs.read(override_path, k_max_template_size);
  if (!read.ok) {
    throw core::UserError(fmt::format("{}: cannot read template: {}", override_path, read.error));
  }
  return support::TemplateText{override_path, std::move(read.data)};
}

std::vector<std::string> TemplateFinder::names() const
{
  std::vector<std::string> out;
  for (const auto& file : support::embedded_files()) {
    if (support::starts_with(file.path, k_builtin_dir) && ends_with(file.path, k_extension)) {
      const std::string_view rest = file.path.substr(k_builtin_dir.size());
      if (rest.find('/') == std::string_view::npos) {
        out.emplace_back(rest.substr(0, rest.size() - k_extension.size()));
      }
    }
  }
  for (auto& name : workspace_names()) {
    out.push_back(std::move(name));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> TemplateFinder::workspace_names() const
{
  std::vector<std::string> out;
  for (const auto& entry : m_fs.list("templates")) {
    if (ends_with(entry, k_extension) && is_plain_name(entry)
        && m_fs.kind("templates/" + entry) == io::FileKind::regular) {
      out.push_back(entry.substr(0, entry.size() - k_extension.size()));
    }
  }
  return out;
}

support::TemplateText read_template_file(const std::string& path)
{
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw core::UserError(fmt::format("{}: cannot read template: {}", path,
                                      std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
  }
  // The size is checked before anything is read, and the read stops one byte past the limit
  // in case the file grows meanwhile.
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > k_max_template_size) {
    throw core::UserError(
        fmt::format("{}: template is {} bytes, over the size limit of 1 MiB; it is not read", path, size));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw core::UserError(fmt::format("{}: cannot read template: no such file", path));
  }
  std::string source(k_max_template_size + 1, '\0');
  in.read(source.data(), static_cast<std::streamsize>(source.size()));
  if (in.bad()) {
    throw core::UserError(fmt::format("{}: cannot read template", path));
  }
  source.resize(static_cast<std::size_t>(in.gcount()));
  if (source.size() > k_max_template_size) {
    throw core::UserError(fmt::format("{}: template is over the size limit of 1 MiB", path));
  }
  return support::TemplateText{path, std::move(source)};
}

std::string render(const support::TemplateText& tmpl, nlohmann::ordered_json data, const TemplateFinder& finder)
{
  return render(tmpl, std::move(data), {}, finder);
}

std::string render(const support::TemplateText& tmpl, nlohmann::ordered_json data,
                   std::map<std::string, support::MustacheList> lists, const TemplateFinder& finder)
{
  const support::PartialLookup partials = [&finder](const std::string& name) {
    return support::starts_with(name, support::k_message_prefix)
               ? finder.message(name.substr(support::k_message_prefix.size()))
               : finder.find(name);
  };
  return support::render_mustache(tmpl, std::move(data), std::move(lists), escape_markdown, partials);
}

}  // namespace handoff::report
