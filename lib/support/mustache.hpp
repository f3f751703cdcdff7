#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

// Renders Mustache templates (kainjow mustache) from JSON data, so that a report's data can
// also be printed as JSON exactly as the template sees it.
namespace handoff::support {

using Escape = std::function<std::string(const std::string&)>;

// Renders `source` (named `name` in messages) with `data`, escaping {{variables}} with
// `escape`. Objects become sections, arrays lists, false/null/empty arrays falsy values.
// Throws std::runtime_error when the template is invalid.
std::string render_mustache(const std::string& source, const std::string& name, const nlohmann::json& data,
                            const Escape& escape);

}  // namespace handoff::support
