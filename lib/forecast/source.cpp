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

// What one project gives the reference class: its sample when closed, and the cache key of
// the bytes it was computed from (empty when it was not computed from bytes read here).
struct Outcome {
  std::optional<Sample> sample;
  std::string key;
};

// Reads project `id`'s card and, when it may be closed, its feasibility report, and returns its
// sample when it is closed. Each record is read once and parsed from the bytes read (so a key
// always names the bytes its sample came from), or taken from `cache` when it holds their key.
// A record that cannot be read as a plain file leaves the decision to the full load, uncached.
Outcome closed_outcome(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                       const model::LoadOptions& options, SampleCache* cache, std::once_flag& loaded,
                       const std::string& context)
{
  const std::string dir = io::join(config.projects_dir, id);
  const std::string card_path = io::join(dir, model::file_name(model::Record::project));
  io::ReadResult card = fs.read(card_path, options.max_file_size);
  if (card.ok && !may_be_closed(card.data)) {
    return {};
  }
  const std::string feasibility_path = io::join(dir, model::file_name(model::Record::feasibility));
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
    return {sample_of(project), {}};
  }
  std::optional<std::string> feasibility_bytes;
  if (feasibility.ok) {
    feasibility_bytes = std::move(feasibility.data);
  }
  Outcome out;
  if (cache != nullptr) {
    // The cache file is read when the first project may be closed: a workspace without one
    // never reads it (nor starts libcrypto).
    std::call_once(loaded, [cache] { cache->load(); });
    out.key = SampleCache::key(context, dir, card.data, feasibility_bytes);
    if (auto hit = cache->find(out.key)) {
      out.sample = std::move(*hit);
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
    out.sample = sample_of(project);
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
  const std::string context =
      SampleCache::context(options.max_file_size, options.limits.max_depth, options.limits.max_nodes);
  std::once_flag loaded;
  std::vector<Outcome> slots(ids.size());
  support::for_each_index(ids.size(), parallelism, [&](std::size_t i) {
    slots[i] = closed_outcome(fs, config, ids[i], options, cache, loaded, context);
  });
  std::vector<Sample> out;
  std::vector<std::pair<std::string, std::optional<Sample>>> entries;
  for (auto& slot : slots) {
    if (cache != nullptr && !slot.key.empty()) {
      entries.emplace_back(std::move(slot.key), slot.sample);
    }
    if (slot.sample) {
      out.push_back(std::move(*slot.sample));
    }
  }
  if (cache != nullptr && !entries.empty()) {
    cache->save(entries);
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
