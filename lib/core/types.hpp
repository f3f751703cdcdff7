#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Vocabulary shared by every layer: severities, stages, gates and findings.
namespace handoff::core {

enum class Severity : std::uint8_t { off, warning, error };

// Returns "error", "warning" or "off".
std::string_view to_string(Severity severity);
// Parses "error", "warning" or "off".
std::optional<Severity> parse_severity(std::string_view text);

// Lifecycle stages, in order.
enum class Stage : std::uint8_t { opportunity, presales, contracted, handoff, delivery, acceptance, closed };
inline constexpr int k_stage_count = 7;

std::string_view to_string(Stage stage);
std::optional<Stage> parse_stage(std::string_view text);
// Returns every stage name in order.
const std::vector<std::string_view>& stage_names();
// Returns the stage's Simplified Chinese label, as the zh-CN reports and outputs print it ("实施交付").
std::string_view zh_cn_label(Stage stage);
// Returns the stage whose zh-CN label is `text` (a person who reads 实施交付 writes it), or nullopt.
std::optional<Stage> stage_of_zh_cn_label(std::string_view text);

// Returns "en" or "zh-CN" for a language handoff speaks: en, or zh-CN also written zh, zh_CN or
// zh-Hans, in any case; nullopt for any other name.
std::optional<std::string_view> canonical_language(std::string_view name);
// Returns every spelling of the languages that canonical_language accepts, canonical ones first.
const std::vector<std::string>& language_spellings();

// The language of the human-readable output (DESIGN §10.3): messages, explanations, summaries.
enum class Language : std::uint8_t { en, zh_cn };
// Returns the language named `name` (any spelling canonical_language accepts), or nullopt.
std::optional<Language> parse_language(std::string_view name);

// A text people read, in both languages handoff speaks, built from the same values.
struct Message {
  std::string en;
  std::string zh;  // Simplified Chinese

  // Returns the text in `language`; English where no Chinese text was written.
  const std::string& in(Language language) const { return language == Language::zh_cn && !zh.empty() ? zh : en; }
};

// Returns a stage as a person reads it in `language`: its id in English ("delivery", what
// --stage takes), its label in zh-CN ("实施交付", which stage: accepts too).
std::string_view stage_label(Stage stage, Language language);

// Gates, in the order they are checked.
enum class Gate : std::uint8_t { schema, qualify, clarify, feasibility, handoff, control, accept, close };
inline constexpr int k_gate_count = 8;

std::string_view to_string(Gate gate);
std::optional<Gate> parse_gate(std::string_view text);
const std::vector<std::string_view>& gate_names();
// Returns the first stage from which the gate applies (schema: opportunity).
Stage gate_stage(Gate gate);

// A position in a file: 1-based line and column; 0 means unknown.
struct Pos {
  int line = 0;
  int column = 0;
};

// One problem found in the records.
struct Finding {
  std::string rule;  // "HF401"
  Severity severity = Severity::error;
  Gate gate = Gate::schema;
  std::string project;  // project id (folder name); empty for workspace-level findings
  std::string file;     // path relative to the workspace root, '/'-separated
  Pos pos;
  std::string message;           // in English: baselines and keys compare it, JSON has it as message_en
  std::string message_zh;        // the same in Simplified Chinese; empty where none was written
  std::vector<std::string> ids;  // requirement, milestone, ... ids the finding is about

  // Returns the message in `language` (English where no Chinese text was written).
  const std::string& text(Language language) const
  {
    return language == Language::zh_cn && !message_zh.empty() ? message_zh : message;
  }
};

}  // namespace handoff::core
