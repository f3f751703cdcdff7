#include <nlohmann/json.hpp>

#include "output/format.hpp"
#include "support/json_text.hpp"

namespace handoff::output {

namespace {

nlohmann::ordered_json finding_json(const core::Finding& f, const CheckRun& run, const rules::ProjectOutcome* project)
{
  const core::Language language = run.language;
  nlohmann::ordered_json j;
  j["rule"] = f.rule;
  j["severity"] = core::to_string(f.severity);
  j["gate"] = core::to_string(f.gate);
  j["project"] = f.project.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.project);
  j["file"] = f.file;
  j["line"] = f.pos.line;
  j["column"] = f.pos.column;
  j["message"] = f.text(language);
  if (language != core::Language::en) {
    j["message_en"] = f.message;  // the English text, for tools that match on it
  }
  j["ids"] = f.ids;
  j["owners"] = owners_of(project, f);  // who reviews the file, as CODEOWNERS names them (routing)
  j["help_url"] = run.help_url.empty() ? nlohmann::ordered_json(nullptr)
                                       : nlohmann::ordered_json(model::rule_help_url(run.help_url, f.rule));
  return j;
}

}  // namespace

std::string json(const CheckRun& run)
{
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["today"] = run.today.str();
  doc["strict"] = run.strict;
  auto projects = nlohmann::ordered_json::array();
  for (const auto& p : run.projects) {
    nlohmann::ordered_json j;
    j["id"] = p.id;
    j["stage"] = p.stage ? nlohmann::ordered_json(core::to_string(*p.stage)) : nlohmann::ordered_json(nullptr);
    j["ready_for"] =
        p.ready_for ? nlohmann::ordered_json(core::to_string(*p.ready_for)) : nlohmann::ordered_json(nullptr);
    auto gates = nlohmann::ordered_json::array();
    for (int g = 0; g < core::k_gate_count; ++g) {
      gates.push_back({{"gate", core::to_string(static_cast<core::Gate>(g))},
                       {"status", rules::to_string(p.gates[static_cast<std::size_t>(g)])}});
    }
    j["gates"] = gates;
    // The one readiness verdict (`check --next`, `status`, `advance` read it): computed from
    // every gate, whatever gates this run reports, and never filtered by the baseline.
    auto blockers = nlohmann::ordered_json::array();
    for (const auto& f : p.readiness.blockers) {
      blockers.push_back(finding_json(f, run, &p));
    }
    j["readiness"] = {{"state", rules::to_string(p.readiness.state)},
                      {"next", p.readiness.next ? nlohmann::ordered_json(core::to_string(*p.readiness.next))
                                                : nlohmann::ordered_json(nullptr)},
                      {"blockers", std::move(blockers)}};
    projects.push_back(std::move(j));
  }
  doc["projects"] = std::move(projects);
  auto findings = nlohmann::ordered_json::array();
  for (const auto& f : run.workspace_findings) {
    findings.push_back(finding_json(f, run, nullptr));
  }
  auto suppressed = nlohmann::ordered_json::array();
  for (const auto& p : run.projects) {
    for (const auto& f : p.findings) {
      findings.push_back(finding_json(f, run, &p));
    }
    for (const auto& s : p.suppressed) {
      auto j = finding_json(s.finding, run, &p);
      j["reason"] = s.reason;
      j["suppressed_at"] = {{"line", s.at.line}, {"column", s.at.column}};
      suppressed.push_back(std::move(j));
    }
  }
  doc["findings"] = std::move(findings);
  doc["suppressed"] = std::move(suppressed);
  const Counts c = count(run);
  doc["notes"] = run.notes;
  if (run.signatures) {
    doc["signatures"] = {{"counting", run.signatures->counting}, {"verified", run.signatures->verified}};
  }
  doc["summary"] = {{"projects", c.projects}, {"failed_projects", c.failed_projects}, {"errors", c.errors},
                    {"warnings", c.warnings}, {"suppressed", c.suppressed},           {"passed", !failed(run)}};
  return support::json_text(doc);
}

std::string json_error(std::string_view message)
{
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["error"] = {{"message", message}, {"exit_code", 2}};
  return doc.dump(2) + "\n";
}

}  // namespace handoff::output
