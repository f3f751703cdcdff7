#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "forecast/source.hpp"
#include "io/filesystem.hpp"
#include "model/load.hpp"
#include "rules/engine.hpp"
#include "support/parallel.hpp"

// A workspace: its configuration, its projects, and the one evaluation of its projects (load,
// then every rule, git history included) that check, status, advance and report share.
namespace handoff::workspace {

class Workspace {
public:
  // Opens the workspace rooted at `root` (an existing directory) and reads handoff.yaml.
  explicit Workspace(const std::string& root, model::LoadOptions options = {});
  // A workspace over another file system (in-memory in the unit tests), which must outlive it.
  // It has no root folder and so no git history: HF414 is not checked.
  explicit Workspace(const io::FileSystem& fs, model::LoadOptions options = {});

  const std::string& root() const { return m_root; }
  const io::FileSystem& fs() const { return *m_fs; }
  const model::Config& config() const { return m_config.config; }
  const model::LoadOptions& load_options() const { return m_options; }

  // Returns the problems that stop every command (exit 2): an unreadable or invalid
  // handoff.yaml, an unknown rule id in `rules:`. Each is a full message with its location.
  std::vector<std::string> config_errors() const;
  // Returns the non-fatal findings of handoff.yaml (unknown fields).
  std::vector<core::Finding> config_warnings() const;

  // Returns the ids of all projects (folder names), sorted.
  std::vector<std::string> project_ids() const;
  // Returns an error message for an unknown project id, with a suggestion; nullopt if it exists.
  std::optional<std::string> unknown_project(const std::string& id) const;

  // Returns the workspace's closed projects for HF308 and the reports, read on `jobs` threads
  // the first time they are asked for. It must not outlive the workspace.
  std::unique_ptr<forecast::Source> reference(unsigned jobs = 1) const;
  // Returns the cache of closed projects' samples for this workspace (forecast::SampleCache):
  // nullptr for a workspace not on disk or when there is no cache folder (HANDOFF_NO_CACHE).
  std::unique_ptr<forecast::SampleCache> sample_cache() const;

  // Loads one project. Safe to call from several threads at once.
  model::ProjectResult load(const std::string& id) const;

  // The one evaluation every command shares. Loads and checks each project of `ids` (all when
  // empty) on `parallelism.jobs` threads, with the git history HF414 needs, and hands the
  // project with its outcome to `use`, on the worker thread, with its index in `ids`. When
  // `in_order` is set, it is called on the calling thread with index i as soon as projects
  // 0..i are used. Returns the run without its projects: workspace findings and notes.
  rules::CheckRun evaluate(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                           const support::Parallelism& parallelism,
                           const std::function<void(std::size_t, rules::CheckedProject&&)>& use,
                           const std::function<void(std::size_t)>& in_order = {}) const;

  // Evaluates one project, like evaluate.
  rules::CheckedProject evaluate_one(const std::string& id, const rules::CheckOptions& options) const;

  // Checks the projects `ids` (all when empty) on `parallelism.jobs` threads. Each project is
  // loaded, checked and dropped, so only the outcomes stay in memory; they are in the order of
  // `ids` whatever the number of jobs.
  rules::CheckRun check(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                        const support::Parallelism& parallelism = {}) const;

  // Like check, but hands each project's outcome to `visit`, on the calling thread and in the
  // order of `ids`, as soon as it and the projects before it are checked, instead of keeping
  // it: the run returned has no `projects`, and memory does not grow with their number.
  rules::CheckRun check_each(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                             const support::Parallelism& parallelism,
                             const std::function<void(rules::ProjectOutcome&&)>& visit) const;

  // Returns the findings in handoff.yaml that a check reports, severities applied (the run's
  // workspace_findings, known before any project is checked).
  std::vector<core::Finding> workspace_findings() const;

private:
  std::unique_ptr<io::DiskFileSystem> m_disk;  // when on disk
  const io::FileSystem* m_fs;
  std::string m_root;  // empty when not on disk
  model::LoadOptions m_options;
  model::ConfigResult m_config;
};

}  // namespace handoff::workspace
