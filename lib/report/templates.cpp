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

}  // namespace

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
  for (const std::string& builtin : {std::string(k_builtin_dir) + language + file, std::string(k_builtin_dir) + file}) {
    if (const support::EmbeddedFile* embedded = support::find_embedded(builtin)) {
      return support::TemplateText{"built-in " + builtin, std::string(embedded->data)};
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
  const support::PartialLookup partials = [&finder](const std::string& name) { return finder.find(name); };
  return support::render_mustache(tmpl, std::move(data), std::move(lists), escape_markdown, partials);
}

}  // namespace handoff::report
