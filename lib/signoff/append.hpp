#pragma once

#include <stdexcept>
#include <string>

#include "yaml/document.hpp"

// Appending an item to a top-level list of a record as text, so that the comments and the
// formatting of the file survive (nothing is re-serialized).
namespace handoff::signoff {

// The file cannot be appended to in place; the message says why and what to do.
class AppendError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Returns `text` with `item` appended to the top-level block list `key`. `item` is one list
// item written at column 1 ("- id: CR-004\n  title: ...\n"); it is indented like the list's
// existing items. When the file has no `key:` yet, "key:" is appended first (after `header`
// when the file is empty). Re-parses the result and throws AppendError unless it is valid,
// its list has exactly one more item, and that last item is `item`.
std::string append_to_list(const std::string& text, const std::string& key, const std::string& item,
                           const std::string& header, const yaml::Limits& limits);

// Returns `text` as a YAML scalar: plain when that reads back as the same text, else
// double-quoted.
std::string scalar(const std::string& text);

}  // namespace handoff::signoff
