#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "support/text.hpp"

// JSON documents as text that is always valid UTF-8.
namespace handoff::support {

namespace detail {

// Rewrites every string of `doc` (object keys included) as valid_utf8 does.
template <class Json>
void make_valid_utf8(Json& doc)
{
  if (doc.is_string()) {
    doc = valid_utf8(doc.template get_ref<const std::string&>());
  } else if (doc.is_array()) {
    for (auto& item : doc) {
      make_valid_utf8(item);
    }
  } else if (doc.is_object()) {
    Json copy = Json::object();
    for (auto& [key, value] : doc.items()) {
      make_valid_utf8(value);
      copy[valid_utf8(key)] = std::move(value);
    }
    doc = std::move(copy);
  }
}

// Writes DEL, the C1 controls, U+2028, U+2029 and the bidi overrides and isolates of `json`
// (text that nlohmann::json wrote) as \u escapes; JSON escapes C0 controls already.
std::string escape_controls(std::string json);

}  // namespace detail

// Returns `doc` as JSON text indented by `indent` spaces, with a final newline. The text is
// valid UTF-8 whatever the strings hold: record text is UTF-8 (yaml::parse sees to that), but
// names from the file system or the command line may not be, and a folder named with the byte
// 0xff is written "\\xff", as text outputs show it, instead of failing the whole output. The
// characters that steer a terminal (DEL, C1, U+2028/U+2029, bidi controls) are \u escapes, so
// the same value reaches a program and printing the output cannot steer the terminal.
template <class Json>
std::string json_text(const Json& doc, int indent = 2)
{
  try {
    return detail::escape_controls(doc.dump(indent) + "\n");
  } catch (const nlohmann::json::type_error& e) {
    if (e.id != 316) {  // 316: invalid UTF-8
      throw;
    }
  }
  Json copy = doc;
  detail::make_valid_utf8(copy);
  return detail::escape_controls(copy.dump(indent) + "\n");
}

}  // namespace handoff::support
