#include "forecast/source.hpp"

#include <optional>
#include <string_view>

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

// Returns false when project `id`'s card cannot say `stage: closed`: its text contains neither
// "closed" nor a backslash (a double-quoted scalar can spell "closed" with escapes, as
// "clo\x73ed" or across an escaped line break; no other YAML form can produce a scalar's text
// without its bytes). True when the card cannot be read here: the full load decides then. Most
// of a workspace is open, and reading a card is far cheaper than parsing it (bench/RESULTS.md).
bool may_be_closed(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                   const model::LoadOptions& options)
{
  const io::ReadResult read = fs.read(
      io::join(io::join(config.projects_dir, id), model::file_name(model::Record::project)), options.max_file_size);
  if (!read.ok) {
    return true;
  }
  const std::string_view text = read.data;
  return text.find("closed") != std::string_view::npos || text.find('\\') != std::string_view::npos;
}

}  // namespace

Sample load_sample(const io::FileSystem& fs, const model::Config& config, const std::string& id,
                   const model::LoadOptions& options)
{
  return sample_of(model::load_project(fs, config, id, two_records(options)).project);
}

std::vector<Sample> load_closed(const io::FileSystem& fs, const model::Config& config,
                                const std::vector<std::string>& ids, const model::LoadOptions& options,
                                const support::Parallelism& parallelism)
{
  // The project card says whether a project is closed; only a closed project's feasibility
  // report is read (most of a workspace is open, and its feasibility reports are large).
  const model::LoadOptions card = only(options, model::Record::project);
  const model::LoadOptions feasibility = only(options, model::Record::feasibility);
  std::vector<std::optional<Sample>> slots(ids.size());
  support::for_each_index(ids.size(), parallelism, [&](std::size_t i) {
    if (!may_be_closed(fs, config, ids[i], options)) {
      return;
    }
    model::Project project = model::load_project(fs, config, ids[i], card).project;
    if (project.card.stage != core::Stage::closed) {
      return;
    }
    project.feasibility = model::load_project(fs, config, ids[i], feasibility).project.feasibility;
    slots[i] = sample_of(project);
  });
  std::vector<Sample> out;
  for (auto& slot : slots) {
    if (slot) {
      out.push_back(std::move(*slot));
    }
  }
  return out;
}

WorkspaceSource::WorkspaceSource(const io::FileSystem& fs, const model::Config& config, model::LoadOptions options,
                                 unsigned jobs)
    : m_fs(fs), m_config(config), m_options(options), m_jobs(jobs)
{
}

const std::vector<Sample>& WorkspaceSource::closed() const
{
  std::call_once(m_once, [this] {
    m_closed = load_closed(m_fs, m_config, model::list_projects(m_fs, m_config), m_options, {m_jobs, {}});
  });
  return m_closed;
}

}  // namespace handoff::forecast
