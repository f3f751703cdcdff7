#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/types.hpp"
#include "io/filesystem.hpp"

// The findings a team has accepted for now (`handoff baseline`, `.handoff/baseline.json`), so
// that `check` fails only on new ones while the old ones are fixed over time.
namespace handoff::workspace {

// One finding of the baseline. Its fingerprint leaves out the line and column and every
// number in the message, so moving a line or the passing of days does not make it new.
struct BaselineEntry {
  std::string project;  // empty for handoff.yaml
  std::string file;
  std::string rule;
  std::string fingerprint;
  std::string message;  // as it was when the baseline was written, for people
};

// Returns the fingerprint of a finding: "sha256:" and the hex SHA-256 of its project, file,
// rule, ids and message with each run of digits replaced by '#'.
std::string fingerprint(const core::Finding& finding);

class Baseline {
public:
  // The path of the baseline below the workspace root.
  static const char* path() { return ".handoff/baseline.json"; }

  // Reads the baseline of the workspace; nullopt when it has none. Throws core::UserError
  // naming the file and what to do when it is not a baseline handoff can read.
  static std::optional<Baseline> read(const io::FileSystem& fs);

  // Returns the baseline document for `findings` (sorted, without positions, so that it changes
  // only when findings come or go).
  static std::string write(const std::vector<core::Finding>& findings);

  // Removes from `findings` those the baseline holds (each entry matches one finding) and
  // returns how many it removed.
  std::size_t filter(std::vector<core::Finding>& findings);

  // Returns the entries no finding matched, of the projects in `checked` ("" for handoff.yaml):
  // the findings fixed since the baseline was written.
  std::vector<BaselineEntry> fixed(const std::set<std::string>& checked) const;

  std::size_t size() const { return m_entries.size(); }

private:
  std::vector<BaselineEntry> m_entries;
  // (project, fingerprint) -> the indexes of the entries not matched yet
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> m_open;
  std::vector<bool> m_matched;
};

}  // namespace handoff::workspace
