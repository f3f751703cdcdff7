#include "rules/engine.hpp"

#include <algorithm>
#include <tuple>

#include "rules/rule.hpp"

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
  apply_overrides(config, all);

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
