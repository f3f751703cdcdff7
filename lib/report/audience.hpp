#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

// Who a report is for, and everything the customer audience does not see, decided here and
// nowhere else: the report data is built whole, then cut down for the audience.
namespace handoff::report {

enum class Audience { internal, customer };

// Returns "internal" or "customer".
std::string_view to_string(Audience audience);

// Returns the audience of a report when none is asked for: the customer for the acceptance
// certificate (it is the customer's document), internal for every other report.
Audience default_audience(std::string_view report);

// Whether the audience sees which rules make a project's health (the health reason's rule ids).
bool shows_rule_names(Audience audience);

// What a piece of report data is: one project's report, one row of the portfolio, or the
// portfolio's own keys (KPIs).
enum class DataKind { project, portfolio_row, portfolio };

// Removes from `data` every key the audience does not see. The customer audience gets no risk
// register, money, effort, internal notes, retrospective or findings: those keys are absent,
// not empty. Call it before the presence flags (has_KEY) are added.
void restrict_to_audience(nlohmann::ordered_json& data, DataKind kind, Audience audience);

}  // namespace handoff::report
