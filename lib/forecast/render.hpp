#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "forecast/forecast.hpp"

// `handoff forecast` output: text for people, JSON for scripts (docs/forecast.md).
namespace handoff::forecast {

// Returns the forecast as text: the class, a one-line chart of the ratios, min/P50/P80/max,
// the dates and the promise's distance to them, then effort, then the notes; in `language`.
std::string render_text(const Forecast& forecast, core::Language language = core::Language::en);

// Returns the forecast as JSON (schema 1; docs/forecast.md lists the keys).
nlohmann::ordered_json render_json(const Forecast& forecast);

// Returns a class description: "6 closed projects in industry \"manufacturing\"".
std::string describe_class(const Forecast& forecast);
// The same in Simplified Chinese: "工作区中的 3 个已关闭项目".
std::string describe_class_zh(const Forecast& forecast);

// Returns a number of weeks or days as written: 22, 22.5.
std::string amount(double value);

}  // namespace handoff::forecast
