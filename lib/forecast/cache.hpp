#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "forecast/forecast.hpp"
#include "io/filesystem.hpp"

// What HF308, the reports and `forecast` need of each closed project (its Sample), kept between
// runs in a file outside the workspace, so that an unchanged closed project is not parsed again
// (docs/robustness.md, "The closed-project cache").
//
// An entry is found in one of two ways:
// - by its content key: the SHA-256 of everything its sample is computed from (handoff's version
//   and the cache format, the load limits, the project's folder, and the bytes of its
//   project.yaml and feasibility.yaml as read in this run). A record that changes changes the
//   key: such an entry can be missing, never stale.
// - by the `lstat` data of the two records (device, inode, size, mtime and ctime to the
//   nanosecond), as git's index finds unchanged files: an entry is stamped only when both
//   records were last changed at least `racy_ns` before the run that made it began, so a file
//   rewritten within one tick of the clock that stamps files is never vouched for by a stamp it
//   shares with its older content (git's "racy" rule). A write changes the ctime, which no
//   user can set back, and a rename brings another inode; only a system clock set back can
//   fool it, as it can fool git and make. This is what keeps a check beside 10,000 closed
//   projects from reading them all (bench/RESULTS.md). Entries of cards that cannot say
//   `closed` are kept by stamp too, so they are not read again either.
// A cache file that cannot be read or decoded counts as empty (and is rewritten); an entry
// that does not decode is a miss.
namespace handoff::forecast {

// One project's entry.
struct CacheEntry {
  std::string folder;            // the project's folder, "projects/ID"
  std::string key;               // its content key; empty when its card cannot say closed
  std::optional<Sample> sample;  // nullopt: not closed
  // Whether `card` and `feasibility` vouch for the entry (see above): `card_only` when the
  // card alone decided (it cannot say closed), else `feasibility` is nullopt when there was none.
  bool stamped = false;
  bool card_only = false;
  io::FileStamp card;
  std::optional<io::FileStamp> feasibility;

  // Equal entries say the same of the same files (the sample follows from them).
  bool same_as(const CacheEntry& other) const;
};

class SampleCache {
public:
  // How long before a run began its records must have been last changed for a stamp to vouch
  // for them: above the coarsest file timestamp tick of common file systems.
  static constexpr std::int64_t k_racy_ns = 2'000'000'000;

  // The cache of the workspace whose canonical root is `root`, in the folder `dir` (created
  // when first written), for runs with `context` (context_of(...) of their load options). Nothing
  // is read yet. `racy_ns` is k_racy_ns but in tests.
  SampleCache(const std::string& dir, const std::string& root, std::string context, std::int64_t racy_ns = k_racy_ns);

  // Returns the cache folder for the workspace at `root` (canonical): $XDG_CACHE_HOME/handoff
  // when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/handoff. nullopt (no cache) when
  // HANDOFF_NO_CACHE is set and not "0", when neither variable gives an absolute path, or when
  // the folder would be inside the workspace (commands that read a workspace never write in it).
  static std::optional<std::string> default_dir(const std::string& root);

  // Returns the key of a project from the bytes of its records: `feasibility` is nullopt when
  // the project has no feasibility.yaml. `context` is context_of(...) of the load options.
  static std::string key(std::string_view context, const std::string& folder, std::string_view card,
                         const std::optional<std::string>& feasibility);
  // Returns the part of the key that is the same for every project of a run.
  static std::string context_of(std::size_t max_file_size, std::size_t max_depth, std::size_t max_nodes);

  // Reads the cache file (once; later calls do nothing) and notes the time the run began, for
  // settled(). A file of another context is not read. Never throws.
  void load();
  // Returns whether a file stamped `stamp` was last changed long enough before this run began
  // (load()) for the stamp to vouch for its content in later runs.
  bool settled(const io::FileStamp& stamp) const;
  // Returns the entry under the content `key`: a sample, or nullopt inside when the project is
  // not closed. The outer nullopt is a miss. load() must have been called; safe from several
  // threads once it has.
  std::optional<std::optional<Sample>> find(const std::string& key) const;
  // Returns the stamped entry of `folder` whose card and feasibility report had the stamps
  // `card` and `feasibility` (nullopt: none), or nullptr. The caller may move the entry's sample
  // out (each folder is asked for once per run; save() needs only whether it had one); safe
  // from several threads for different folders once load() has been called.
  CacheEntry* find_stamped(const std::string& folder, const io::FileStamp& card,
                           const std::optional<io::FileStamp>& feasibility);
  // Writes the file with exactly `entries` (this run's projects), atomically, unless it already
  // holds the same entries; a file kept as it is has its time refreshed once a day, so that
  // prune() sees it is in use. Errors are ignored: a cache that cannot be written is only slower.
  void save(const std::vector<CacheEntry>& entries) const;

  // How long a cache file of a workspace that no run used is kept, and how many files are kept.
  static constexpr int k_keep_days = 30;
  static constexpr std::size_t k_keep_files = 64;
  // Removes the cache files in `dir` (closed-*.bin, and leftovers of interrupted writes) not
  // used for k_keep_days days, and beyond the k_keep_files used most recently: one file is made
  // per workspace, and workspaces come and go. Other files are never touched. Errors are
  // ignored. save() calls it after writing.
  static void prune(const std::string& dir);

  // The file the cache lives in, and the context of its keys.
  const std::string& file() const { return m_file; }
  const std::string& context() const { return m_context; }

private:
  std::string m_dir;
  std::string m_file;
  std::int64_t m_racy_ns;
  std::string m_context;
  std::int64_t m_started_ns = 0;
  bool m_loaded = false;
  std::vector<CacheEntry> m_entries;
  std::unordered_map<std::string_view, std::size_t> m_by_key;     // into m_entries
  std::unordered_map<std::string_view, std::size_t> m_by_folder;  // stamped entries only
  bool m_clean = false;                                           // the file decoded, every entry with it
};

}  // namespace handoff::forecast
