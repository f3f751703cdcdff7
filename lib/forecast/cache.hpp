#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forecast/forecast.hpp"

// What HF308, the reports and `forecast` need of each closed project (its Sample), kept between
// runs in a file outside the workspace, so that an unchanged closed project is not parsed again
// (docs/robustness.md, "The closed-project cache").
//
// An entry is found by the SHA-256 of everything its sample is computed from: handoff's version
// and the cache format, the load limits, the project's folder, and the bytes of its project.yaml
// and feasibility.yaml as read in this run. A record that changes changes the key: an entry can
// be missing, never stale. A cache file that cannot be read or decoded counts as empty (and is
// rewritten); an entry that does not decode is a miss.
namespace handoff::forecast {

class SampleCache {
public:
  // The cache of the workspace whose canonical root is `root`, in the folder `dir` (created
  // when first written). Nothing is read yet.
  SampleCache(const std::string& dir, const std::string& root);

  // Returns the cache folder for the workspace at `root` (canonical): $XDG_CACHE_HOME/handoff
  // when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/handoff. nullopt (no cache) when
  // HANDOFF_NO_CACHE is set and not "0", when neither variable gives an absolute path, or when
  // the folder would be inside the workspace (commands that read a workspace never write in it).
  static std::optional<std::string> default_dir(const std::string& root);

  // Returns the key of a project from the bytes of its records: `feasibility` is nullopt when
  // the project has no feasibility.yaml. `context` is limits(...) of the load options.
  static std::string key(std::string_view context, const std::string& folder, std::string_view card,
                         const std::optional<std::string>& feasibility);
  // Returns the part of the key that is the same for every project of a run.
  static std::string context(std::size_t max_file_size, std::size_t max_depth, std::size_t max_nodes);

  // Reads the cache file (once; later calls do nothing). Never throws.
  void load();
  // Returns the entry under `key`: a sample, or nullopt inside when the project is not closed.
  // The outer nullopt is a miss. load() must have been called; safe from several threads once
  // it has.
  std::optional<std::optional<Sample>> find(const std::string& key) const;
  // Writes the file with exactly `entries` (this run's projects), atomically, unless it already
  // holds exactly those keys; a file kept as it is has its time refreshed once a day, so that
  // prune() sees it is in use. Errors are ignored: a cache that cannot be written is only slower.
  void save(const std::vector<std::pair<std::string, std::optional<Sample>>>& entries) const;

  // How long a cache file of a workspace that no run used is kept, and how many files are kept.
  static constexpr int k_keep_days = 30;
  static constexpr std::size_t k_keep_files = 64;
  // Removes the cache files in `dir` (closed-*.cbor, and leftovers of interrupted writes) not
  // used for k_keep_days days, and beyond the k_keep_files used most recently: one file is made
  // per workspace, and workspaces come and go. Other files are never touched. Errors are
  // ignored. save() calls it after writing.
  static void prune(const std::string& dir);

  // The file the cache lives in.
  const std::string& file() const { return m_file; }

private:
  std::string m_dir;
  std::string m_file;
  bool m_loaded = false;
  std::map<std::string, std::optional<Sample>, std::less<>> m_entries;
  bool m_clean = false;  // the file decoded, every entry with it
};

}  // namespace handoff::forecast
