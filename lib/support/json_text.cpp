#include "support/json_text.hpp"

#include <fmt/format.h>

namespace handoff::support {

namespace detail {

std::string escape_controls(std::string json)
{
  // DEL is one byte; a C1 control is 0xC2 0x80-0x9F; U+2028-U+202E 0xE2 0x80 0xA8-0xAE; U+2066-U+2069
  // 0xE2 0x81 0xA6-0xA9. Outside strings JSON text is ASCII, so every match is inside a string.
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(json[i]); };
  std::size_t i = json.find_first_of("\x7f\xc2\xe2");
  if (i == std::string::npos) {
    return json;
  }
  std::string out(json, 0, i);
  while (i < json.size()) {
    unsigned code = 0;
    std::size_t length = 0;
    if (at(i) == 0x7f) {
      code = 0x7f;
      length = 1;
    } else if (at(i) == 0xc2 && i + 1 < json.size() && at(i + 1) >= 0x80 && at(i + 1) <= 0x9f) {
      code = at(i + 1);
      length = 2;
    } else if (at(i) == 0xe2 && i + 2 < json.size()
               && ((at(i + 1) == 0x80 && at(i + 2) >= 0xa8 && at(i + 2) <= 0xae)
                   || (at(i + 1) == 0x81 && at(i + 2) >= 0xa6 && at(i + 2) <= 0xa9))) {
      code = 0x2000 + ((at(i + 1) & 0x3f) << 6) + (at(i + 2) & 0x3f);
      length = 3;
    }
    if (length == 0) {
      out += json[i++];
    } else {
      out += fmt::format("\\u{:04x}", code);
      i += length;
    }
  }
  return out;
}

}  // namespace detail

}  // namespace handoff::support
