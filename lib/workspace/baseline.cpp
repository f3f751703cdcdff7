#include "workspace/baseline.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "signoff/canonical.hpp"

namespace handoff::workspace {

namespace {

constexpr std::size_t k_max_size = 64u << 20;  // a baseline of a very large workspace still fits

// Returns `message` with each run of ASCII digits replaced by one '#'.
std::string without_numbers(std::string_view message)
{
  std::string out;
  out.reserve(message.size());
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(message[i])) != 0) {
      if (i == 0 || std::isdigit(static_cast<unsigned char>(message[i - 1])) == 0) {
        out += '#';
      }
      continue;
    }
    out += message[i];
  }
  return out;
}

std::string invalid(std::string_view why)
{
  return fmt::format("{} is not a baseline handoff can read ({}); write it again with `handoff baseline`, or "
                     "delete it to check every finding",
                     Baseline::path(), why);
}

}  // namespace

std::string fingerprint(const core::Finding& finding)
{
  std::string key = finding.project + '\0' + finding.file + '\0' + finding.rule + '\0';
  for (const auto& id : finding.ids) {
    key += id + '\x1f';
  }
  key += '\0' + without_numbers(finding.message);
  return signoff::sha256(key);
}

std::optional<Baseline> Baseline::read(const io::FileSystem& fs)
{
  const io::ReadResult file = fs.read(path(), k_max_size);
  if (!file.ok) {
    if (file.missing) {
      return std::nullopt;
    }
    throw core::UserError(fmt::format("cannot read {}: {}", path(), file.error));
  }
  const auto doc = nlohmann::json::parse(file.data, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw core::UserError(invalid("not a JSON object"));
  }
  if (!doc.contains("schema") || doc["schema"] != 1) {
    throw core::UserError(invalid("\"schema\" is not 1"));
  }
  if (!doc.contains("findings") || !doc["findings"].is_array()) {
    throw core::UserError(invalid("no \"findings\" list"));
  }
  Baseline baseline;
  for (const auto& item : doc["findings"]) {
    BaselineEntry entry;
    const auto text = [&](const char* key) -> std::string {
      if (!item.is_object() || !item.contains(key) || !item[key].is_string()) {
        throw core::UserError(invalid(fmt::format("a finding without a text \"{}\"", key)));
      }
      return item[key].get<std::string>();
    };
    entry.project = text("project");
    entry.file = text("file");
    entry.rule = text("rule");
    entry.fingerprint = text("fingerprint");
    entry.message = text("message");
    baseline.m_open[{entry.project, entry.fingerprint}].push_back(baseline.m_entries.size());
    baseline.m_entries.push_back(std::move(entry));
  }
  baseline.m_matched.assign(baseline.m_entries.size(), false);
  for (auto& [key, indexes] : baseline.m_open) {
    std::reverse(indexes.begin(), indexes.end());  // matched from the back: in file order
  }
  return baseline;
}

std::string Baseline::write(const std::vector<core::Finding>& findings)
{
  std::vector<BaselineEntry> entries;
  entries.reserve(findings.size());
  for (const auto& f : findings) {
    entries.push_back({f.project, f.file, f.rule, fingerprint(f), f.message});
  }
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.project, a.file, a.rule, a.fingerprint, a.message)
           < std::tie(b.project, b.file, b.rule, b.fingerprint, b.message);
  });
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& e : entries) {
    list.push_back({{"project", e.project},
                    {"file", e.file},
                    {"rule", e.rule},
                    {"fingerprint", e.fingerprint},
                    {"message", e.message}});
  }
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["findings"] = std::move(list);
  // Record text may hold bytes that are not UTF-8: replaced, so the file is always valid JSON.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::size_t Baseline::filter(std::vector<core::Finding>& findings)
{
  const auto before = findings.size();
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const core::Finding& f) {
                                  const auto it = m_open.find({f.project, fingerprint(f)});
                                  if (it == m_open.end() || it->second.empty()) {
                                    return false;
                                  }
                                  m_matched[it->second.back()] = true;
                                  it->second.pop_back();
                                  return true;
                                }),
                 findings.end());
  return before - findings.size();
}

std::vector<BaselineEntry> Baseline::fixed(const std::set<std::string>& checked) const
{
  std::vector<BaselineEntry> out;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    if (!m_matched[i] && checked.count(m_entries[i].project) != 0) {
      out.push_back(m_entries[i]);
    }
  }
  return out;
}

}  // namespace handoff::workspace
