#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

// The prefix of a partial tag that names a message of a catalogue rather than a template
// (`{{> t.status.title}}`); the lookup resolves both, and an unknown one is named as such.
inline constexpr std::string_view k_message_prefix = "t.";

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

// A list of a template's data built one item at a time: each item is converted for the
// template as it is appended and its JSON released, so a list of thousands of rows (the
// portfolio's projects) never exists as JSON and as template data at once.
class MustacheList {
public:
  MustacheList();
  MustacheList(MustacheList&&) noexcept;
  MustacheList& operator=(MustacheList&&) noexcept;
  ~MustacheList();

  // Makes room for `count` items. Without it, every time the list grows its items are
  // copied (kainjow's data cannot be moved without the risk of an exception).
  void reserve(std::size_t count);
  void append(nlohmann::ordered_json item);

private:
  friend std::string render_mustache(const TemplateText&, nlohmann::ordered_json, std::map<std::string, MustacheList>,
                                     const Escape&, const PartialLookup&);
  struct Items;
  std::unique_ptr<Items> m_items;
};

// Like render_mustache above, with each of `lists` put into the top level of `data` under its
// key (replacing what `data` holds there).
std::string render_mustache(const TemplateText& tmpl, nlohmann::ordered_json data,
                            std::map<std::string, MustacheList> lists, const Escape& escape,
                            const PartialLookup& partials);

}  // namespace handoff::support
