#include "rules/engine.hpp"

#include <algorithm>
#include <tuple>

#include "model/owners.hpp"
#include "rules/rule.hpp"
#include "support/text.hpp"

namespace handoff::rules {

std::string_view to_string(GateStatus status)
{
  switch (status) {
  case GateStatus::pass:
    return "pass";
  case GateStatus::fail:
    return "fail";
  case GateStatus::skip:
    return "skip";
  }
  return "skip";
}

std::string_view to_string(Readiness::State state)
{
  switch (state) {
  case Readiness::State::ready:
    return "ready";
  case Readiness::State::blocked:
    return "blocked";
  case Readiness::State::closed:
    return "closed";
  case Readiness::State::inactive:
    return "inactive";
  case Readiness::State::no_stage:
    return "no_stage";
  }
  return "no_stage";
}

void apply_overrides(const model::Config& config, std::vector<core::Finding>& findings)
{
  if (config.rules.empty()) {
    return;
  }
  for (auto& f : findings) {
    for (const auto& o : config.rules) {
      if (o.rule == f.rule) {
        f.severity = o.severity;
      }
    }
  }
  std::erase_if(findings, [](const core::Finding& f) { return f.severity == core::Severity::off; });
}

std::size_t suppressed_count(const CheckRun& run)
{
  std::size_t n = 0;
  for (const auto& p : run.projects) {
    n += p.suppressed.size();
  }
  return n;
}

bool is_failure(const core::Finding& finding, bool strict)
{
  return finding.severity == core::Severity::error || (strict && finding.severity == core::Severity::warning);
}

void sort_findings(std::vector<core::Finding>& findings)
{
  std::stable_sort(findings.begin(), findings.end(), [](const core::Finding& a, const core::Finding& b) {
    return std::tie(a.project, a.file, a.pos.line, a.pos.column, a.rule)
           < std::tie(b.project, b.file, b.pos.line, b.pos.column, b.rule);
  });
}

namespace {

// The one readiness verdict, from every finding of the evaluation (severities applied): the
// failures of the gates up to the next stage block the move.
Readiness readiness_of(const model::Project& project, const std::vector<core::Finding>& all, bool strict)
{
  Readiness r;
  const auto collect = [&](core::Stage up_to) {
    for (const auto& f : all) {
      if (core::gate_stage(f.gate) <= up_to) {
        (is_failure(f, strict) ? r.blockers : r.warnings).push_back(f);
      }
    }
    sort_findings(r.blockers);
    sort_findings(r.warnings);
  };
  if (project.inactive()) {
    r.state = Readiness::State::inactive;
    r.ended = project.card.outcome.status.value_or("");
    return r;
  }
  if (!project.card.stage) {
    r.state = Readiness::State::no_stage;
    collect(core::Stage::opportunity);  // the schema gate says what is wrong with `stage:`
    return r;
  }
  if (*project.card.stage == core::Stage::closed) {
    r.state = Readiness::State::closed;
    return r;
  }
  r.next = static_cast<core::Stage>(static_cast<int>(*project.card.stage) + 1);
  collect(*r.next);
  r.state = r.blockers.empty() ? Readiness::State::ready : Readiness::State::blocked;
  return r;
}

// Returns the severity `rule` has in this workspace: handoff.yaml's override, else its own.
core::Severity workspace_severity(const model::Config& config, const Rule& rule)
{
  core::Severity severity = rule.severity;
  for (const auto& o : config.rules) {
    if (o.rule == rule.id) {
      severity = o.severity;
    }
  }
  return severity;
}

// Judges the `suppress:` entries of project.yaml: adds a finding for each that cannot apply (an
// unknown rule, a rule of error severity, a blank reason) and returns which entries apply.
std::vector<bool> judge_suppressions(const model::Config& config, const model::Project& project,
                                     std::vector<core::Finding>& findings)
{
  std::vector<bool> usable;
  const std::string file = project.dir + "/" + model::file_name(model::Record::project);
  const auto report = [&](const char* rule, core::Pos pos, std::string en, std::string zh) {
    core::Finding f;
    f.rule = rule;
    f.severity = find_rule(rule)->severity;
    f.gate = core::Gate::schema;
    f.project = project.folder;
    f.file = file;
    f.pos = pos;
    f.message = std::move(en);
    f.message_zh = std::move(zh);
    findings.push_back(std::move(f));
  };
  for (const auto& entry : project.card.suppressions) {
    usable.push_back(false);
    if (!entry.rule.has()) {
      continue;  // the schema reports the missing field (HF003) or its wrong type (HF002)
    }
    const auto blank_reason = [&] {
      report("HF003", entry.reason.pos,
             "suppress: the suppression of " + support::visible(*entry.rule)
                 + " gives no reason: write why the team accepts this warning, for the reviewers",
             "suppress：对 " + support::visible(*entry.rule)
                 + " 的抑制没有写明原因：请写明团队为何接受这条警告，供审阅者参考");
    };
    if (!entry.reason.has()) {
      if (entry.reason.written && !entry.reason.invalid) {
        blank_reason();  // written but blank: the schema takes it as given
      }
      continue;
    }
    const std::string shown = support::visible(support::quote(*entry.rule));
    const Rule* rule = find_rule(*entry.rule);
    if (rule == nullptr) {
      const auto guess = suggest_rule(*entry.rule);
      report("HF007", entry.rule.pos,
             "suppress: unknown rule " + shown
                 + (guess ? "; did you mean " + *guess + "?" : std::string("; `handoff rules` lists them")),
             "suppress：未知规则 " + shown
                 + (guess ? "；是不是指 " + *guess + "？" : std::string("；`handoff rules` 会列出全部规则")));
      continue;
    }
    if (workspace_severity(config, *rule) == core::Severity::error) {
      report("HF002", entry.rule.pos,
             "suppress: " + std::string(rule->id)
                 + " is an error in this workspace, and only warnings can be suppressed: fix what it reports (or, "
                   "for the whole workspace, lower its severity under rules: in handoff.yaml)",
             "suppress：" + std::string(rule->id)
                 + " 在本工作区是错误级规则，只有警告可以抑制：请修正它指出的问题（或在 handoff.yaml 的 rules: "
                   "中为整个工作区降低其级别）");
      continue;
    }
    if (support::trim(*entry.reason).empty()) {
      blank_reason();
      continue;
    }
    usable.back() = true;
  }
  return usable;
}

// Moves the warnings an applicable `suppress:` entry matches from `findings` to `out`.
void apply_suppressions(const model::Project& project, const std::vector<bool>& usable,
                        std::vector<core::Finding>& findings, std::vector<SuppressedFinding>& out)
{
  const auto& entries = project.card.suppressions;
  const auto matching = [&](const core::Finding& f) -> const model::Suppression* {
    if (f.severity != core::Severity::warning) {
      return nullptr;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const model::Suppression& entry = entries[i];
      if (!usable[i] || find_rule(*entry.rule)->id != f.rule) {  // usable: the rule exists
        continue;
      }
      if (entry.ids.items.empty()) {
        return &entry;
      }
      for (const auto& id : entry.ids.items) {
        if (id.has() && std::find(f.ids.begin(), f.ids.end(), *id) != f.ids.end()) {
          return &entry;
        }
      }
    }
    return nullptr;
  };
  std::erase_if(findings, [&](core::Finding& f) {
    const model::Suppression* entry = matching(f);
    if (entry == nullptr) {
      return false;
    }
    out.push_back({std::move(f), *entry->reason, entry->pos});
    return true;
  });
}

ProjectOutcome check(const model::Config& config, const model::Project& project, std::vector<core::Finding> all,
                     const CheckOptions& options)
{
  ProjectOutcome out;
  out.id = project.folder;
  out.stage = project.card.stage;
  // An inactive project (an outcome: lost, no_go, cancelled) answers only to the schema gate
  // and HF106 (in the qualify gate, which then holds nothing else), whatever its stage.
  out.inactive = project.inactive();
  const auto inactive_applies = [](core::Gate gate) {
    return gate == core::Gate::schema || gate == core::Gate::qualify;
  };

  Context ctx(config, project, options.today, all, options.history, options.reference);
  if (options.project_exists) {
    ctx.project_exists = &options.project_exists;
  }
  for (const auto& rule : catalogue()) {
    if (out.inactive && rule.gate != core::Gate::schema && rule.id != "HF106") {
      continue;
    }
    if (rule.check != nullptr) {
      ctx.set_rule(&rule);
      rule.check(ctx);
    }
  }
  if (options.forecast) {
    out.forecast = ctx.take_forecast();
  }
  const std::vector<bool> usable = judge_suppressions(config, project, all);
  apply_overrides(config, all);
  std::vector<SuppressedFinding> suppressed;
  if (!project.card.suppressions.empty()) {
    apply_suppressions(project, usable, all, suppressed);
  }

  std::array<bool, core::k_gate_count> failed{};
  for (const auto& f : all) {
    if (is_failure(f, options.strict)) {
      failed[static_cast<std::size_t>(f.gate)] = true;
    }
  }
  out.readiness = readiness_of(project, all, options.strict);
  // ready_for: the highest stage all of whose gates pass; nothing for a project that can move
  // no more (inactive or closed).
  const bool moves =
      out.readiness.state != Readiness::State::inactive && out.readiness.state != Readiness::State::closed;
  for (int s = 0; s < core::k_stage_count && moves; ++s) {
    const auto stage = static_cast<core::Stage>(s);
    bool ok = true;
    for (int g = 0; g < core::k_gate_count; ++g) {
      const auto gate = static_cast<core::Gate>(g);
      if (core::gate_stage(gate) <= stage && failed[static_cast<std::size_t>(g)]) {
        ok = false;
      }
    }
    if (!ok) {
      break;
    }
    out.ready_for = stage;
  }

  core::Stage claimed = options.up_to.value_or(project.stage());
  if (options.next && !options.up_to && claimed != core::Stage::closed) {
    claimed = static_cast<core::Stage>(static_cast<int>(claimed) + 1);
  }
  for (int g = 0; g < core::k_gate_count; ++g) {
    const auto gate = static_cast<core::Gate>(g);
    bool applies = options.gate ? *options.gate == gate : core::gate_stage(gate) <= claimed;
    if (out.inactive) {
      applies = inactive_applies(gate) && (!options.gate || *options.gate == gate);
    }
    out.gates[static_cast<std::size_t>(g)] =
        !applies ? GateStatus::skip : (failed[static_cast<std::size_t>(g)] ? GateStatus::fail : GateStatus::pass);
  }
  if (out.gates[static_cast<std::size_t>(core::Gate::handoff)] != GateStatus::skip) {
    out.signatures = tally_signatures(config, project, options.history);
  }
  for (auto& f : all) {
    if (out.gates[static_cast<std::size_t>(f.gate)] != GateStatus::skip) {
      out.findings.push_back(std::move(f));
    }
  }
  sort_findings(out.findings);
  for (auto& s : suppressed) {
    if (out.gates[static_cast<std::size_t>(s.finding.gate)] != GateStatus::skip) {
      out.suppressed.push_back(std::move(s));
    }
  }
  std::stable_sort(out.suppressed.begin(), out.suppressed.end(),
                   [](const SuppressedFinding& a, const SuppressedFinding& b) {
                     return std::tie(a.finding.file, a.finding.pos.line, a.finding.pos.column, a.finding.rule)
                            < std::tie(b.finding.file, b.finding.pos.line, b.finding.pos.column, b.finding.rule);
                   });
  if (options.owners) {
    const auto add_owners = [&](const core::Finding& f) {
      const std::string_view file = std::string_view(f.file).substr(f.file.rfind('/') + 1);
      if (out.owners.find(file) == out.owners.end()) {
        out.owners.emplace(std::string(file), model::file_owners(config, project.card, file));
      }
    };
    std::for_each(out.findings.begin(), out.findings.end(), add_owners);
    for (const auto& s : out.suppressed) {
      add_owners(s.finding);
    }
  }
  return out;
}

}  // namespace

ProjectOutcome check_project(const model::Config& config, model::ProjectResult loaded, const CheckOptions& options)
{
  return check(config, loaded.project, std::move(loaded.findings), options);
}

CheckedProject check_and_keep(const model::Config& config, model::ProjectResult loaded, const CheckOptions& options)
{
  CheckedProject out;
  out.outcome = check(config, loaded.project, std::move(loaded.findings), options);
  out.project = std::move(loaded.project);
  return out;
}

}  // namespace handoff::rules
