#pragma once

#include <string>

#include "rules/rule.hpp"

// `handoff rules` and `handoff explain`: the rule catalogue for people and scripts.
namespace handoff::output {

// Returns one line per rule: id, gate, default severity, summary; grouped by gate.
// In zh-CN the summaries and the lines around them are Chinese.
std::string rules_text(const std::vector<rules::Rule>& rules, core::Language language = core::Language::en);
// Returns {"schema":1,"rules":[{"id","gate","severity","summary","explanation","example"}]}; in
// zh-CN summary and explanation are Chinese and each rule adds summary_en and explanation_en.
std::string rules_json(const std::vector<rules::Rule>& rules, core::Language language = core::Language::en);
// Returns the catalogue as Markdown, for docs/rules.md: per gate a heading, then per rule its
// id, default severity and summary as a heading, its explanation and its passing example.
std::string rules_markdown(const std::vector<rules::Rule>& rules);
// Returns the full documentation of one rule, in `language`.
std::string explain_text(const rules::Rule& rule, core::Language language = core::Language::en);

}  // namespace handoff::output
