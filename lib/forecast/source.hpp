#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "forecast/cache.hpp"
#include "forecast/forecast.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "support/parallel.hpp"

// The closed projects of a workspace, as HF308 and the reports see them: the narrow interface
// that keeps the rules off the disk, filled from the workspace's files or by hand in tests.
namespace handoff::forecast {

class Source {
public:
  virtual ~Source() = default;
  // Returns every closed project of the workspace, in folder order. Safe to call from several
  // threads at once.
  virtual const std::vector<Sample>& closed() const = 0;
};

// A fixed list of closed projects (unit tests).
class FixedSource final : public Source {
public:
  explicit FixedSource(std::vector<Sample> closed) : m_closed(std::move(closed)) {}
  const std::vector<Sample>& closed() const override { return m_closed; }

private:
  std::vector<Sample> m_closed;
};

// Reads project.yaml and feasibility.yaml of every project in `ids` and returns the samples of
// the closed ones (a project whose card cannot be read is left out: `check` reports it). With a
// `cache`, a closed project whose records' bytes it holds is not parsed, and the cache file is
// rewritten with this run's projects when they differ from what it held.
std::vector<Sample> load_closed(const io::FileSystem& fs, const model::Config& config,
                                const std::vector<std::string>& ids, const model::LoadOptions& options,
                                const support::Parallelism& parallelism, SampleCache* cache = nullptr);

// Returns the sample of project `id`, reading only its project.yaml and feasibility.yaml.
Sample load_sample(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                   const model::LoadOptions& options);

// The closed projects of a workspace on disk, read the first time closed() is called (a check
// with no project at contracted or handoff never reads them), through `cache` when given. The
// file system and the configuration must outlive it.
class WorkspaceSource final : public Source {
public:
  WorkspaceSource(const io::FileSystem& fs, const model::Config& config, model::LoadOptions options, unsigned jobs = 1,
                  std::unique_ptr<SampleCache> cache = nullptr);
  const std::vector<Sample>& closed() const override;

private:
  const io::FileSystem& m_fs;
  const model::Config& m_config;
  model::LoadOptions m_options;
  unsigned m_jobs;
  std::unique_ptr<SampleCache> m_cache;
  mutable std::once_flag m_once;
  mutable std::vector<Sample> m_closed;
};

}  // namespace handoff::forecast
