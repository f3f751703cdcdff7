#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/records.hpp"
#include "report/audience.hpp"
#include "rules/engine.hpp"
#include "support/date.hpp"

// How record values become template data: the small conversions every report section shares
// (unset values become null, whole numbers stay integers), and the keys that every report's
// data carries. Internal to lib/report.
namespace handoff::report::fields {

using Json = nlohmann::ordered_json;

Json text(const model::Text& field);
Json date(const model::DateField& field);
Json date(const std::optional<support::Date>& value);
// Writes a whole number as an integer (620000, not 620000.0).
Json number(double value);
Json number(const model::Number& field);
Json integer(const model::Int& field);
Json texts(const model::TextList& list);
// Returns the registry name of person `id`, else the id itself (a free name).
Json person_name(const model::Config& config, const model::Text& id);

// Returns "88%" for 0.875, "n/a" when there is nothing to divide.
std::string percent_text(int part, int whole);
// Returns part / whole rounded to three decimals, null when there is nothing to divide.
Json ratio(int part, int whole);
std::string one_decimal(double value);

// The keys every report's data starts with: schema, report, audience, internal, today.
Json common_root(const std::string& report, Audience audience, support::Date today);

Json stage_json(const std::optional<core::Stage>& stage);
// The gates that ran, with their status.
Json gates_json(const rules::ProjectOutcome& outcome);
// The names of the failing gates.
Json failing_gates_json(const rules::ProjectOutcome& outcome);

// Adds `has_KEY` (true when non-empty) after every array-valued KEY of every object, and
// `last` to every object in an array, in place, because Mustache can test neither a list for
// emptiness nor an item for being the last one (a portfolio's data is large; a copy would
// double its memory).
void add_presence_flags(Json& value);
Json with_presence_flags(Json value);

}  // namespace handoff::report::fields
