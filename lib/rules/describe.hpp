#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"

// How findings name the items they are about, shared by the rules of every gate.
namespace handoff::rules {

// Returns user text in quotes for a message: "text", or 'text' when the text holds a double
// quote (Clarify '"110%" route'), or "text" with \" when it holds both kinds.
std::string quote(const std::string& text);

// Returns `M3 "Integration tested"`, or whatever of id and title is set, else "at line N".
std::string describe(const model::Text& id, const model::Text& title, core::Pos pos);
// Returns `REQ-003 "Yield report"` (or what is set of it).
std::string describe(const model::Requirement& req);
// Returns `M3 "Integration tested"` (or what is set of it).
std::string describe(const model::Milestone& milestone);
// Returns `activity A-1 (visit on 2026-09-10)` (or what is set of it).
std::string describe(const model::Activity& activity);

// The same in Simplified Chinese: `M3 "Integration tested"`, or `第 N 行`; `活动 A-1（visit，2026-09-10）`.
std::string describe_zh(const model::Text& id, const model::Text& title, core::Pos pos);
std::string describe_zh(const model::Requirement& req);
std::string describe_zh(const model::Milestone& milestone);
std::string describe_zh(const model::Activity& activity);
// Returns the words joined with the Chinese enumeration comma: "a、b、c".
std::string join_zh(const std::vector<std::string>& words);

// Returns {id} when set, else {}: the ids a finding is about.
std::vector<std::string> ids_of(const model::Text& id);

// Returns a number as people write it: "26", "2.5", "0.33" (at most two decimals).
std::string format_number(double value);

}  // namespace handoff::rules
