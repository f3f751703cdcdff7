#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

// Renders Mustache templates (kainjow mustache) from JSON data, so that a report's data can
// also be printed as JSON exactly as the template sees it.
namespace handoff::support {

using Escape = std::function<std::string(const std::string&)>;

// A template's source and the name that messages give it ("templates/brief.mustache").
struct TemplateText {
  std::string name;
  std::string source;
};

// Returns the partial `{{> name}}` refers to, or nullopt when there is none.
using PartialLookup = std::function<std::optional<TemplateText>(const std::string& name)>;

// Renders `source` (named `name` in messages) with `data`, escaping {{variables}} with
// `escape`. Objects become sections, arrays lists, false/null/empty arrays falsy values.
// Throws std::runtime_error when the template is invalid or uses a partial.
std::string render_mustache(const std::string& source, const std::string& name, const nlohmann::json& data,
                            const Escape& escape);

// Renders `tmpl` with `data` like render_mustache, resolving `{{> name}}` through `partials`.
// Throws std::runtime_error naming the template file and line when a template is invalid,
// a partial is unknown, or partials include each other in a cycle. `data` is taken by value
// and released piece by piece while it is converted, so a large portfolio is not held twice.
std::string render_mustache(const TemplateText& tmpl, nlohmann::ordered_json data, const Escape& escape,
                            const PartialLookup& partials);

}  // namespace handoff::support
