#include "forecast/source.hpp"

#include <mutex>
#include <optional>
#include <string_view>

#include "io/filesystem.hpp"
#include "model/records.hpp"

namespace handoff::forecast {

namespace {

model::LoadOptions two_records(model::LoadOptions options)
{
  options.records = model::record_bit(model::Record::project) | model::record_bit(model::Record::feasibility);
  return options;
}

model::LoadOptions only(model::LoadOptions options, model::Record record)
{
  options.records = model::record_bit(record);
  return options;
}

// Returns false when a project card cannot say `stage: closed`: its text contains neither
// "closed" nor a backslash (a double-quoted scalar can spell "closed" with escapes, as
// "clo\x73ed" or across an escaped line break; no other YAML form can produce a scalar's text
// without its bytes). Most of a workspace is open, and reading a card is far cheaper than
// parsing it (bench/RESULTS.md).
bool may_be_closed(std::string_view card)
{
  return card.find("closed") != std::string_view::npos || card.find('\\') != std::string_view::npos;
}

// What one project gives the reference class: the cache entry of what was read (its sample
// when closed), and whether it is one to keep in the cache.
struct Outcome {
  CacheEntry entry;
  bool keep = false;
};

// Reads project `id`'s card and, when it may be closed, its feasibility report, and returns its
// sample when it is closed. With a cache, a project whose records' stamps a stamped entry holds
// is not read at all; else each record is read once and parsed from the bytes read (so a key
// always names the bytes its sample came from), or taken from the cache when it holds their key.
// The stamps are taken before the reads: a record changed in between carries a newer ctime or
// another inode, so the stamp kept can never vouch for content newer than it. A record that
// cannot be read as a plain file leaves the decision to the full load, uncached.
Outcome closed_outcome(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                       const model::LoadOptions& options, SampleCache* cache, std::once_flag& loaded)
{
  Outcome out;
  const std::string dir = io::join(config.projects_dir, id);
  out.entry.folder = dir;
  const std::string card_name = model::file_name(model::Record::project);
  const std::string feasibility_name = model::file_name(model::Record::feasibility);
  std::optional<io::FileStamps> stamps;
  if (cache != nullptr) {
    std::call_once(loaded, [cache] { cache->load(); });
    stamps = fs.stamps(dir, {card_name, feasibility_name});
    if (stamps && !(*stamps)[0]) {
      stamps.reset();  // no card: the full load says what is wrong
    }
    if (stamps) {
      if (CacheEntry* hit = cache->find_stamped(dir, *(*stamps)[0], (*stamps)[1])) {
        // The sample is moved out (no copy of 10,000 samples); the rest stays for save() and
        // the cache's indexes, which point into its strings.
        out.entry.key = hit->key;
        out.entry.stamped = hit->stamped;
        out.entry.card_only = hit->card_only;
        out.entry.card = hit->card;
        out.entry.feasibility = hit->feasibility;
        out.entry.sample = std::move(hit->sample);
        out.keep = true;
        return out;
      }
    }
  }
  const std::string card_path = io::join(dir, card_name);
  io::ReadResult card = fs.read(card_path, options.max_file_size);
  if (card.ok && !may_be_closed(card.data)) {
    if (stamps && cache->settled(*(*stamps)[0])) {
      out.entry.stamped = true;
      out.entry.card_only = true;
      out.entry.card = *(*stamps)[0];
      out.keep = true;
    }
    return out;
  }
  const std::string feasibility_path = io::join(dir, feasibility_name);
  io::ReadResult feasibility;
  if (card.ok) {
    feasibility = fs.read(feasibility_path, options.max_file_size);
  }
  if (!card.ok || (!feasibility.ok && !feasibility.missing)) {
    model::Project project = model::load_project(fs, config, id, only(options, model::Record::project)).project;
    if (project.card.stage != core::Stage::closed) {
      return {};
    }
    project.feasibility =
        model::load_project(fs, config, id, only(options, model::Record::feasibility)).project.feasibility;
    out.entry.sample = sample_of(project);
    return out;
  }
  std::optional<std::string> feasibility_bytes;
  if (feasibility.ok) {
    feasibility_bytes = std::move(feasibility.data);
  }
  if (cache != nullptr) {
    out.keep = true;
    out.entry.key = SampleCache::key(cache->context(), dir, card.data, feasibility_bytes);
    if (stamps && cache->settled(*(*stamps)[0]) && (!(*stamps)[1] || cache->settled(*(*stamps)[1]))) {
      out.entry.stamped = true;
      out.entry.card = *(*stamps)[0];
      out.entry.feasibility = (*stamps)[1];
    }
    if (auto hit = cache->find(out.entry.key)) {
      out.entry.sample = std::move(*hit);
      return out;
    }
  }
  // Parsed from exactly the bytes read above: the same loader on the same paths.
  io::MemoryFileSystem read;
  read.add(card_path, std::move(card.data));
  if (feasibility_bytes) {
    read.add(feasibility_path, std::move(*feasibility_bytes));
  }
  model::Project project = model::load_project(read, config, id, two_records(options)).project;
  if (project.card.stage == core::Stage::closed) {
    out.entry.sample = sample_of(project);
  }
  return out;
}

}  // namespace

Sample load_sample(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                   const model::LoadOptions& options)
{
  return sample_of(model::load_project(fs, config, id, two_records(options)).project);
}

std::vector<Sample> load_closed(const io::FileSystem& fs, const model::Config& config,
                                const std::vector<std::string>& ids, const model::LoadOptions& options,
                                const support::Parallelism& parallelism, SampleCache* cache)
{
  // The project card says whether a project is closed; only a closed project's feasibility
  // report is read (most of a workspace is open, and its feasibility reports are large).
  std::once_flag loaded;
  std::vector<Outcome> slots(ids.size());
  support::for_each_index(ids.size(), parallelism, [&](std::size_t i) {
    slots[i] = closed_outcome(fs, config, ids[i], options, cache, loaded);
  });
  // Saved first, then the samples are moved out of the entries (no copies).
  std::vector<CacheEntry> entries;
  if (cache != nullptr) {
    for (auto& slot : slots) {
      if (slot.keep) {
        entries.push_back(std::move(slot.entry));
        slot.entry.sample.reset();
      }
    }
    if (!entries.empty()) {
      cache->save(entries);
    }
  }
  std::vector<Sample> out;
  std::size_t kept = 0;
  for (auto& slot : slots) {
    std::optional<Sample>& sample = slot.keep && cache != nullptr ? entries[kept++].sample : slot.entry.sample;
    if (sample) {
      out.push_back(std::move(*sample));
    }
  }
  return out;
}

WorkspaceSource::WorkspaceSource(const io::FileSystem& fs, const model::Config& config, model::LoadOptions options,
                                 unsigned jobs, std::unique_ptr<SampleCache> cache)
    : m_fs(fs), m_config(config), m_options(options), m_jobs(jobs), m_cache(std::move(cache))
{
}

const std::vector<Sample>& WorkspaceSource::closed() const
{
  std::call_once(m_once, [this] {
    m_closed =
        load_closed(m_fs, m_config, model::list_projects(m_fs, m_config), m_options, {m_jobs, {}}, m_cache.get());
  });
  return m_closed;
}

}  // namespace handoff::forecast
