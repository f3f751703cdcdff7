#include "workspace/workspace.hpp"

#include "git/history.hpp"
#include "model/schema.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::workspace {

Workspace::Workspace(const std::string& root, model::LoadOptions options)
    : m_disk(std::make_unique<io::DiskFileSystem>(root)), m_fs(m_disk.get()), m_root(m_disk->root()),
      m_options(options), m_config(model::load_config(*m_fs, options))
{
}

Workspace::Workspace(const io::FileSystem& fs, model::LoadOptions options)
    : m_fs(&fs), m_options(options), m_config(model::load_config(fs, options))
{
}

std::vector<std::string> Workspace::config_errors() const
{
  std::vector<std::string> errors;
  for (const auto& f : m_config.findings) {
    if (f.severity == core::Severity::error) {
      errors.push_back(f.file + ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.column) + ": " + f.message
                       + " [" + f.rule + "]");
    }
  }
  for (const auto& o : m_config.config.rules) {
    if (rules::find_rule(o.rule) != nullptr) {
      continue;
    }
    std::string message = m_config.config.file + ":" + std::to_string(o.pos.line) + ":" + std::to_string(o.pos.column)
                          + ": unknown rule \"" + o.rule + "\" in rules:";
    if (auto guess = rules::suggest_rule(o.rule)) {
      message += "; did you mean " + *guess + "?";
    } else {
      message += "; `handoff rules` lists them";
    }
    errors.push_back(message);
  }
  return errors;
}

std::vector<core::Finding> Workspace::config_warnings() const
{
  std::vector<core::Finding> out;
  for (const auto& f : m_config.findings) {
    if (f.severity != core::Severity::error) {
      out.push_back(f);
    }
  }
  return out;
}

std::vector<std::string> Workspace::project_ids() const
{
  return model::list_projects(*m_fs, m_config.config);
}

std::optional<std::string> Workspace::unknown_project(const std::string& id) const
{
  // The folder itself answers (as list_projects would: a directory whose name does not start
  // with '.'); the projects folder is listed only to explain a miss, because listing 10,000
  // projects costs more than checking one.
  if (!id.empty() && id[0] != '.' && id.find('/') == std::string::npos
      && m_fs->kind(io::join(m_config.config.projects_dir, id)) == io::FileKind::directory) {
    return std::nullopt;
  }
  const auto ids = project_ids();
  for (const auto& known : ids) {
    if (known == id) {
      return std::nullopt;
    }
  }
  // The id, the folder names and the setting are shown with control characters visible: the
  // message stays one line, whatever the argument or the folders hold.
  std::string message =
      "no project \"" + support::visible(id) + "\" in " + support::visible(m_config.config.projects_dir) + "/";
  if (auto guess = support::did_you_mean(id, ids)) {
    message += "; did you mean \"" + support::visible(*guess) + "\"?";
  } else if (ids.empty()) {
    message += " (there are no projects yet: create one with `handoff new ID`)";
  } else {
    std::vector<std::string> shown;
    shown.reserve(ids.size());
    for (const auto& known : ids) {
      shown.push_back(support::visible(known));
    }
    message += "; projects: " + support::join_words(shown, ", ");
  }
  return message;
}

std::unique_ptr<forecast::Source> Workspace::reference(unsigned jobs) const
{
  return std::make_unique<forecast::WorkspaceSource>(*m_fs, m_config.config, m_options, jobs, sample_cache());
}

std::unique_ptr<forecast::SampleCache> Workspace::sample_cache() const
{
  if (m_root.empty()) {
    return nullptr;
  }
  const auto dir = forecast::SampleCache::default_dir(m_root);
  if (!dir) {
    return nullptr;
  }
  return std::make_unique<forecast::SampleCache>(*dir, m_root,
                                                 forecast::SampleCache::context_of(m_options.max_file_size,
                                                                                   m_options.limits.max_depth,
                                                                                   m_options.limits.max_nodes));
}

model::ProjectResult Workspace::load(const std::string& id) const
{
  return model::load_project(*m_fs, m_config.config, id, m_options);
}

std::vector<core::Finding> Workspace::workspace_findings() const
{
  std::vector<core::Finding> findings = config_warnings();
  rules::apply_overrides(m_config.config, findings);
  return findings;
}

rules::CheckRun Workspace::check(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                                 const support::Parallelism& parallelism) const
{
  std::vector<rules::ProjectOutcome> outcomes;
  rules::CheckRun run = check_each(ids, options, parallelism,
                                   [&](rules::ProjectOutcome&& outcome) { outcomes.push_back(std::move(outcome)); });
  run.projects = std::move(outcomes);
  return run;
}

rules::CheckRun Workspace::check_each(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                                      const support::Parallelism& parallelism,
                                      const std::function<void(rules::ProjectOutcome&&)>& visit) const
{
  const std::vector<std::string> which = ids.empty() ? project_ids() : ids;
  std::vector<rules::ProjectOutcome> slots(which.size());
  return evaluate(
      which, options, parallelism,
      [&](std::size_t i, rules::CheckedProject&& checked) {
        slots[i] = std::move(checked.outcome);  // the records are dropped here, on the worker thread
      },
      [&](std::size_t i) {
        rules::ProjectOutcome outcome = std::move(slots[i]);
        slots[i] = rules::ProjectOutcome{};
        visit(std::move(outcome));
      });
}

rules::CheckRun Workspace::evaluate(const std::vector<std::string>& ids, const rules::CheckOptions& options,
                                    const support::Parallelism& parallelism,
                                    const std::function<void(std::size_t, rules::CheckedProject&&)>& use,
                                    const std::function<void(std::size_t)>& in_order) const
{
  rules::CheckRun run;
  run.today = options.today;
  run.strict = options.strict;
  run.workspace_findings = workspace_findings();
  const std::vector<std::string> which = ids.empty() ? project_ids() : ids;
  // HF414 and HF418 read git history only when a project has sign-offs to verify.
  const model::Config& config = m_config.config;
  std::unique_ptr<signoff::History> history;
  rules::CheckOptions with_history = options;
  if ((m_config.config.history != "off" || m_config.config.signatures == "required") && !m_root.empty()) {
    std::vector<std::string> paths;
    paths.reserve(which.size());
    for (const auto& id : which) {
      paths.push_back(io::join(io::join(m_config.config.projects_dir, id), model::file_name(model::Record::signoffs)));
    }
    history = git::open_history(root(), std::move(paths), m_options.max_file_size);
    with_history.history = history.get();
  }
  // HF308 reads the closed projects only when a project at contracted or handoff asks.
  std::unique_ptr<forecast::Source> reference;
  if (with_history.reference == nullptr) {
    reference = this->reference(support::resolve_jobs(parallelism.jobs));
    with_history.reference = reference.get();
  }
  // `follows:` names another project of the workspace: its folder answers (HF007).
  if (!with_history.project_exists) {
    with_history.project_exists = [this](const std::string& id) {
      return model::is_slug(id) && m_fs->kind(io::join(m_config.config.projects_dir, id)) == io::FileKind::directory;
    };
  }
  // Each project's tally of SSH-verified sign-offs, summed in project order afterwards.
  std::vector<std::optional<rules::SignatureTally>> tallies(which.size());
  const auto work = [&](std::size_t i) {
    rules::CheckedProject checked = rules::check_and_keep(m_config.config, load(which[i]), with_history);
    tallies[i] = checked.outcome.signatures;
    use(i, std::move(checked));
  };
  if (in_order) {
    support::for_each_index_in_order(which.size(), parallelism, work, in_order);
  } else {
    support::for_each_index(which.size(), parallelism, work);
  }
  for (const auto& tally : tallies) {
    if (tally) {
      run.signatures = run.signatures.value_or(rules::SignatureTally{}) += *tally;
    }
  }
  if (history && history->used() && m_config.config.history != "off") {
    if (history->state() != signoff::History::State::available) {
      // A shallow clone is an HF414 warning at each project's signoffs.yaml instead.
      if (m_config.config.history != "required" && history->state() != signoff::History::State::incomplete) {
        run.notes.push_back("HF414 (who committed each sign-off) was not checked: " + history->problem());
      }
    } else if (!m_config.config.has_registry) {
      run.notes.push_back("HF414 (who committed each sign-off) was not checked: handoff.yaml has no people registry "
                          "with e-mails to compare commit authors with");
    }
  }
  if (run.signatures && run.signatures->counting > 0 && config.signatures != "required") {
    run.notes.push_back("SSH-verified sign-offs: " + std::to_string(run.signatures->verified) + " of "
                        + std::to_string(run.signatures->counting)
                        + " (added in a commit signed with a signing key of the person they name); "
                          "`signatures: required` in handoff.yaml makes that a rule (HF418)");
  }
  return run;
}

rules::CheckedProject Workspace::evaluate_one(const std::string& id, const rules::CheckOptions& options) const
{
  rules::CheckedProject out;
  evaluate({id}, options, support::Parallelism{},
           [&](std::size_t, rules::CheckedProject&& checked) { out = std::move(checked); });
  return out;
}

}  // namespace handoff::workspace
