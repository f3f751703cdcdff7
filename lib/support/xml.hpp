#pragma once

#include <string>
#include <string_view>

// Escaping for XML 1.0 documents written by hand (JUnit reports), so that any record text
// yields well-formed XML.
namespace handoff::support {

// Returns `text` as XML character data: escapes the five predefined entities and carriage
// returns, replaces invalid UTF-8 and characters XML 1.0 forbids with U+FFFD.
std::string xml_text(std::string_view text);

// Returns `text` for a double- or single-quoted XML attribute value: as xml_text, and also
// writes tab and newline as character references so that parsers keep them.
std::string xml_attribute(std::string_view text);

}  // namespace handoff::support
