#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

// The language of the reports (DESIGN §9.8) and the labels that let a template print the
// data model's codes, dates and amounts in that language. The data model keeps codes
// (`must`, `on track`, `2026-11-02`, 1200000); add_labels puts a `KEY_label` next to each,
// so the templates of every language share one data model and no C++ code speaks a language.
namespace handoff::report {

using Language = core::Language;  // one enum for every output (core/types.hpp)

// Returns the language named `name` ("en" or "zh-CN", also zh, zh_CN, zh-Hans; case-insensitive),
// or nullopt.
std::optional<Language> parse_language(std::string_view name);
// Returns "en" or "zh-CN".
std::string_view to_string(Language language);
// Returns the names parse_language accepts, for messages: {"en", "zh-CN"}.
const std::vector<std::string>& language_names();

// Adds, in place, next to every value of `data` that a template may want in words:
// - `KEY_label` for a code of the record format (stage, gate, priority, status, verdict,
//   recommendation, confidence, role, classification, channel, response, severity, type, currency,
//   rule (the rule's summary)), in `language`; an unknown code (a custom role) is its own label;
// - `KEY_label` for a date (`2026-11-02`; zh-CN: `2026年11月2日`);
// - `KEY_label` for an amount of money (`value`, `price`, `cost`): digits grouped by thousands
//   (`1,200,000`);
// - `KEY_label` for a `*_text` figure: `n/a` in words (zh-CN: 不适用), other figures as they are;
// - `KEY_labels` next to a list of codes (`roles`, `failing_gates`).
void add_labels(nlohmann::ordered_json& data, Language language);

// Returns the note the HTML report puts above a chart it shows as Mermaid source.
std::string_view mermaid_source_note(Language language);
// The note a Word document has where the report draws a chart (the HTML and PDF editions do).
std::string_view word_chart_note(Language language);

// Returns the words for `code`, a value found under `key` in the data (as add_labels labels it):
// code_label("stage", "delivery", zh_cn) is 实施交付.
std::string code_label(std::string_view key, const std::string& code, Language language);

// Returns the caption of a line of a document's verification block (report/verification.hpp):
// `key` is one of title, project, projects, stage, baseline, signoffs, content, commit,
// generated, how, none, unsigned, no_commit.
std::string_view verification_label(std::string_view key, Language language);

// Returns `value` with its digits grouped by thousands: 1200000 -> "1,200,000", -2500.5 ->
// "-2,500.5".
std::string group_thousands(double value);

}  // namespace handoff::report
