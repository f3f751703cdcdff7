#include "output/rules.hpp"

#include "support/json_text.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace handoff::output {

std::string rules_text(const std::vector<rules::Rule>& rules)
{
  std::string out;
  std::optional<core::Gate> gate;
  for (const auto& rule : rules) {
    if (!gate || *gate != rule.gate) {
      gate = rule.gate;
      out += fmt::format("{}{} (from stage {})\n", out.empty() ? "" : "\n", core::to_string(rule.gate),
                         core::to_string(core::gate_stage(rule.gate)));
    }
    out += fmt::format("  {}  {:<7}  {}\n", rule.id, core::to_string(rule.severity), rule.summary);
  }
  out += "\n`handoff explain RULE` prints why a rule exists and how to fix a finding.\n";
  return out;
}

std::string rules_json(const std::vector<rules::Rule>& rules)
{
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["rules"] = nlohmann::ordered_json::array();
  for (const auto& rule : rules) {
    doc["rules"].push_back({{"id", rule.id},
                            {"gate", core::to_string(rule.gate)},
                            {"severity", core::to_string(rule.severity)},
                            {"summary", rule.summary},
                            {"explanation", rule.explanation},
                            {"example", rule.example}});
  }
  return support::json_text(doc);
}

std::string rules_markdown(const std::vector<rules::Rule>& rules)
{
  std::string out;
  std::optional<core::Gate> gate;
  for (const auto& rule : rules) {
    if (!gate || *gate != rule.gate) {
      gate = rule.gate;
      out += fmt::format("{}### Gate {} (checked from stage {})\n", out.empty() ? "" : "\n", core::to_string(rule.gate),
                         core::to_string(core::gate_stage(rule.gate)));
    }
    out += fmt::format("\n#### {}: {} ({})\n\n{}\n", rule.id, rule.summary, core::to_string(rule.severity),
                       support::wrap(rule.explanation, 96));
    if (!out.empty() && out.back() != '\n') {
      out += '\n';
    }
    if (!rule.example.empty()) {
      out += fmt::format("\nPasses:\n\n```yaml\n{}{}```\n", rule.example, rule.example.back() == '\n' ? "" : "\n");
    }
  }
  return out;
}

std::string explain_text(const rules::Rule& rule)
{
  std::string out = fmt::format("{}: {}\n", rule.id, rule.summary);
  out += fmt::format("gate: {} (checked from stage {}), default severity: {}\n\n", core::to_string(rule.gate),
                     core::to_string(core::gate_stage(rule.gate)), core::to_string(rule.severity));
  out += support::wrap(rule.explanation, 88);
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
  if (!rule.example.empty()) {
    out += "\nExample that passes:\n";
    std::string_view example = rule.example;
    while (!example.empty()) {
      const auto nl = example.find('\n');
      const std::string_view line = example.substr(0, nl);
      out += line.empty() ? std::string("\n") : fmt::format("    {}\n", line);
      if (nl == std::string_view::npos) {
        break;
      }
      example.remove_prefix(nl + 1);
    }
  }
  return out;
}

}  // namespace handoff::output
