#include "edit/project_edit.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <set>

#include "io/filesystem.hpp"
#include "io/write.hpp"
#include "rules/engine.hpp"
#include "support/text.hpp"

namespace handoff::edit {

namespace {

// The workspace as it will be once the edits are written: the edited files read from memory,
// everything else from `base`.
class OverlayFileSystem final : public io::FileSystem {
public:
  explicit OverlayFileSystem(const io::FileSystem& base) : m_base(base) {}

  void put(const std::string& path, std::string content) { m_files[path] = std::move(content); }

  io::FileKind kind(const std::string& path) const override
  {
    return m_files.count(path) != 0 ? io::FileKind::regular : m_base.kind(path);
  }

  io::ReadResult read(const std::string& path, std::size_t limit) const override
  {
    const auto it = m_files.find(path);
    if (it == m_files.end()) {
      return m_base.read(path, limit);
    }
    io::ReadResult result;
    if (it->second.size() > limit) {
      result.too_large = true;
      result.error = fmt::format("over the size limit of {} bytes", limit);
      result.error_zh = fmt::format("超过了 {} 字节的大小上限", limit);
      return result;
    }
    result.ok = true;
    result.data = it->second;
    return result;
  }

  std::vector<std::string> list(const std::string& path) const override
  {
    std::vector<std::string> names = m_base.list(path);
    const std::string prefix = path.empty() ? std::string() : path + "/";
    for (const auto& [file, content] : m_files) {
      if (file.compare(0, prefix.size(), prefix) == 0 && file.find('/', prefix.size()) == std::string::npos
          && std::find(names.begin(), names.end(), file.substr(prefix.size())) == names.end()) {
        names.push_back(file.substr(prefix.size()));
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }

private:
  const io::FileSystem& m_base;
  std::map<std::string, std::string> m_files;
};

// A finding without its position: what tells an added finding from one already there. Messages
// that point at other lines ("first at line 70") name them as "line #", since an edit moves
// the lines after it.
std::string identity(const core::Finding& f)
{
  static const std::regex k_line("line [0-9]+");
  return f.rule + '\0' + f.file + '\0' + std::regex_replace(f.message, k_line, "line #");
}

}  // namespace

bool refuses(const std::string& rule)
{
  static constexpr std::array<const char*, 7> k_rules = {"HF413", "HF415", "HF417", "HF501", "HF504", "HF510", "HF511"};
  return (rule.size() == 5 && rule.compare(0, 3, "HF0") == 0)
         || std::find(k_rules.begin(), k_rules.end(), rule) != k_rules.end();
}

ProjectEdit::ProjectEdit(const workspace::Workspace& ws, const std::string& id, support::Date today)
    : m_ws(ws), m_today(today)
{
  m_project = ws.load(id).project;
  if (m_project.inactive()) {
    throw Refused(fmt::format("{} is inactive (project.yaml records an outcome): its records are final; a renewed deal "
                              "is a new project with `follows: {}`",
                              id, id));
  }
  if (m_project.card.stage == core::Stage::closed) {
    throw Refused(fmt::format("{} is closed: its records are final", id));
  }
}

yaml::TextEdit& ProjectEdit::file(model::Record record)
{
  auto it = m_files.find(record);
  if (it != m_files.end()) {
    return *it->second.edit;
  }
  Edited edited;
  edited.path = m_project.file(record).path;
  const io::ReadResult read = m_ws.fs().read(edited.path, m_ws.load_options().max_file_size);
  if (!read.ok && !read.missing) {
    throw core::UserError(fmt::format("{}: {}", edited.path, read.error));
  }
  edited.existed = read.ok;
  edited.before = read.ok ? read.data : std::string();
  try {
    edited.edit = std::make_unique<yaml::TextEdit>(edited.before, m_ws.load_options().limits);
  } catch (const yaml::EditError& e) {
    throw core::UserError(fmt::format("{}: {}", edited.path, e.what()));
  }
  return *m_files.emplace(record, std::move(edited)).first->second.edit;
}

void ProjectEdit::require_id(model::Record record, const std::vector<std::string>& ids, const std::string& id,
                             const std::string& what)
{
  file(record);
  edit::require_id(ids, id, what, m_project.file(record).path);
}

std::vector<core::Finding> ProjectEdit::check(const std::vector<std::string>& also) const
{
  const auto findings = [&](const io::FileSystem& fs) {
    const workspace::Workspace view(fs, m_ws.load_options());
    rules::CheckOptions options;
    options.today = m_today;
    options.up_to = core::Stage::closed;
    options.project_exists = [&](const std::string& other) { return !m_ws.unknown_project(other).has_value(); };
    return rules::check_project(view.config(), view.load(m_project.folder), options).findings;
  };
  OverlayFileSystem before(m_ws.fs());
  OverlayFileSystem after(m_ws.fs());
  for (const auto& [record, edited] : m_files) {
    after.put(edited.path, edited.edit->text());
  }
  std::multiset<std::string> known;
  for (const auto& f : findings(before)) {
    known.insert(identity(f));
  }
  const core::Stage stage = m_project.stage();
  const core::Stage next = stage == core::Stage::closed ? stage : static_cast<core::Stage>(static_cast<int>(stage) + 1);
  std::vector<core::Finding> refused;
  std::vector<core::Finding> added;
  for (auto& f : findings(after)) {
    const auto it = known.find(identity(f));
    if (it != known.end()) {
      known.erase(it);
      continue;
    }
    const bool refusing =
        (refuses(f.rule) && f.severity == core::Severity::error)
        || (f.severity != core::Severity::off && std::find(also.begin(), also.end(), f.rule) != also.end());
    if (refusing) {
      refused.push_back(std::move(f));
    } else if (static_cast<int>(core::gate_stage(f.gate)) <= static_cast<int>(next)) {
      // Worth mentioning: what `check --next` shows, not the gates of stages far ahead.
      added.push_back(std::move(f));
    }
  }
  if (!refused.empty()) {
    throw Refused(fmt::format("the edit would add {} finding{} (nothing was written):\n{}", refused.size(),
                              refused.size() == 1 ? "" : "s", describe(refused)));
  }
  return added;
}

std::vector<std::string> ProjectEdit::files() const
{
  std::vector<std::string> out;
  for (const auto& [record, edited] : m_files) {
    if (edited.edit->text() != edited.before) {
      out.push_back(edited.path);
    }
  }
  return out;
}

void ProjectEdit::write() const
{
  for (const auto& [record, edited] : m_files) {
    if (edited.edit->text() == edited.before) {
      continue;
    }
    const std::string path = io::join(m_ws.root(), edited.path);
    const auto error = edited.existed ? io::write_atomic(path, edited.edit->text(), edited.before, m_ws.root())
                                      : io::create_atomic(path, edited.edit->text(), m_ws.root());
    if (error) {
      throw core::UserError(*error);
    }
  }
}

std::string next_id(const std::vector<std::string>& ids, const std::string& prefix, std::size_t width)
{
  long long highest = 0;
  for (const auto& id : ids) {
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0
        || id.find_first_not_of("0123456789", prefix.size()) != std::string::npos || id.size() - prefix.size() > 9) {
      continue;
    }
    const long long n = std::stoll(id.substr(prefix.size()));
    if (n >= highest) {
      highest = n;
      width = std::max(width, id.size() - prefix.size());
    }
  }
  const std::string number = std::to_string(highest + 1);
  return prefix + std::string(number.size() < width ? width - number.size() : 0, '0') + number;
}

void require_id(const std::vector<std::string>& ids, const std::string& id, const std::string& what,
                const std::string& file)
{
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
    return;
  }
  const auto close = support::did_you_mean(id, ids);
  throw NotFound(fmt::format("{} has no {} {}{}", file, what, support::quote(id),
                             close         ? fmt::format("; did you mean {}?", *close)
                             : ids.empty() ? std::string()
                                           : fmt::format(" (it has {})", fmt::join(ids, ", "))));
}

std::string describe(const std::vector<core::Finding>& findings)
{
  std::string out;
  for (const auto& f : findings) {
    out += fmt::format("{}:{}:{}: {}[{}]: {}\n", support::visible(f.file), f.pos.line, f.pos.column,
                       core::to_string(f.severity), f.rule, support::visible(f.message));
  }
  return out;
}

}  // namespace handoff::edit
