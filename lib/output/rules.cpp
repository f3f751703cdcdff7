#include "output/rules.hpp"

#include "support/json_text.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace handoff::output {

std::string rules_text(const std::vector<rules::Rule>& rules, core::Language language)
{
  const bool zh = language == core::Language::zh_cn;
  std::string out;
  std::optional<core::Gate> gate;
  for (const auto& rule : rules) {
    if (!gate || *gate != rule.gate) {
      gate = rule.gate;
      out += fmt::format(fmt::runtime(zh ? "{}{}（自 {} 阶段起检查）\n" : "{}{} (from stage {})\n"),
                         out.empty() ? "" : "\n", core::to_string(rule.gate),
                         core::to_string(core::gate_stage(rule.gate)));
    }
    out +=
        fmt::format("  {}  {:<7}  {}\n", rule.id, core::to_string(rule.severity), zh ? rule.summary_zh : rule.summary);
  }
  out += zh ? "\n`handoff explain RULE` 说明规则的用意以及如何修复发现。\n"
            : "\n`handoff explain RULE` prints why a rule exists and how to fix a finding.\n";
  return out;
}

std::string rules_json(const std::vector<rules::Rule>& rules, core::Language language)
{
  // In zh-CN the texts are Chinese, and the English ones follow as summary_en and explanation_en.
  const bool zh = language == core::Language::zh_cn;
  nlohmann::ordered_json doc;
  doc["schema"] = 1;
  doc["rules"] = nlohmann::ordered_json::array();
  for (const auto& rule : rules) {
    nlohmann::ordered_json j{{"id", rule.id},
                             {"gate", core::to_string(rule.gate)},
                             {"severity", core::to_string(rule.severity)},
                             {"summary", zh ? rule.summary_zh : rule.summary},
                             {"explanation", zh ? rule.explanation_zh : rule.explanation},
                             {"example", rule.example}};
    if (zh) {
      j["summary_en"] = rule.summary;
      j["explanation_en"] = rule.explanation;
    }
    doc["rules"].push_back(std::move(j));
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
    // The anchor is the rule id itself, so a `help_url:` ending in #{rule} lands on it.
    out += fmt::format("\n<a id=\"{}\"></a>\n\n#### {}: {} ({})\n\n{}\n", rule.id, rule.id, rule.summary,
                       core::to_string(rule.severity), support::wrap(rule.explanation, 96));
    if (!out.empty() && out.back() != '\n') {
      out += '\n';
    }
    if (!rule.example.empty()) {
      out += fmt::format("\nPasses:\n\n```yaml\n{}{}```\n", rule.example, rule.example.back() == '\n' ? "" : "\n");
    }
  }
  return out;
}

std::string explain_text(const rules::Rule& rule, core::Language language)
{
  const bool zh = language == core::Language::zh_cn;
  std::string out;
  if (zh) {
    // Chinese has no spaces to wrap at: the explanation is one paragraph, as terminals wrap it.
    out = fmt::format("{}：{}\n", rule.id, rule.summary_zh);
    out += fmt::format("关口：{}（自 {} 阶段起检查），默认严重程度：{}\n\n", core::to_string(rule.gate),
                       core::to_string(core::gate_stage(rule.gate)), core::to_string(rule.severity));
    out += std::string(rule.explanation_zh) + "\n";
  } else {
    out = fmt::format("{}: {}\n", rule.id, rule.summary);
    out += fmt::format("gate: {} (checked from stage {}), default severity: {}\n\n", core::to_string(rule.gate),
                       core::to_string(core::gate_stage(rule.gate)), core::to_string(rule.severity));
    out += support::wrap(rule.explanation, 88);
  }
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
  if (!rule.example.empty()) {
    out += zh ? "\n通过检查的示例：\n" : "\nExample that passes:\n";
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
