#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

// Full-width punctuation that a Chinese keyboard types where YAML syntax needs ASCII: the
// colon after a key, commas in a flow list, spaces in the indentation, brackets, quotes, the
// list marker and the digits and dashes of a date.
namespace handoff::yaml {

// One full-width character found where YAML syntax needs its ASCII counterpart.
struct FullWidth {
  core::Pos pos;          // where the character is; the column counts characters
  core::Message message;  // "full-width colon '：' at 3:10; YAML needs ':'", and in Chinese
  // The line's shape leaves no other reading (`title：x`, `[A，B]`, `－ item`), so the character
  // is a mistake even when the document parses. Otherwise the character is only the likely
  // cause of a syntax error reported on its line or the next (`title: “a: b”`).
  bool certain = false;
};

// Returns the full-width characters of `text` (UTF-8, without byte order mark) that stand
// where YAML syntax needs ASCII, at most one per line, in the order of the text. Full-width
// characters inside values (after a real `: `, in quotes, in block scalars and comments) are
// ordinary text and never reported.
std::vector<FullWidth> find_full_width(std::string_view text);

}  // namespace handoff::yaml
