#include "support/xml.hpp"

#include <cstdint>

namespace handoff::support {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes the UTF-8 sequence at text[i]. Returns the code point and its length in bytes, or
// a length of 0 when the bytes there are not valid UTF-8 (overlong, surrogate, truncated).
struct Decoded {
  std::uint32_t cp = 0;
  std::size_t len = 0;
};

Decoded decode(std::string_view text, std::size_t i)
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    return {c, 1};
  }
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
    min = 0x10000;
  } else {
    return {};
  }
  if (i + len > text.size()) {
    return {};
  }
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char next = byte(i + k);
    if ((next & 0xC0) != 0x80) {
      return {};
    }
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {};
  }
  return {cp, len};
}

// Returns true for the characters XML 1.0 allows (production [2] Char).
bool xml_char(std::uint32_t cp)
{
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
         || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string escape(std::string_view text, bool attribute)
{
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const Decoded d = decode(text, i);
    if (d.len == 0) {
      out += k_replacement;  // one replacement per invalid byte
      ++i;
      continue;
    }
    const std::string_view raw = text.substr(i, d.len);
    i += d.len;
    if (!xml_char(d.cp)) {
      out += k_replacement;
      continue;
    }
    switch (d.cp) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    case '\r':
      out += "&#13;";  // a literal CR would be normalised away by the parser
      break;
    case '\n':
      out += attribute ? "&#10;" : "\n";
      break;
    case '\t':
      out += attribute ? "&#9;" : "\t";
      break;
    default:
      out += raw;
    }
  }
  return out;
}

}  // namespace

std::string xml_text(std::string_view text)
{
  return escape(text, false);
}

std::string xml_attribute(std::string_view text)
{
  return escape(text, true);
}

}  // namespace handoff::support
