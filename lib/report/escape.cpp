#include "report/escape.hpp"

namespace handoff::report {

namespace {

bool is_alnum(char c)
{
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// Returns the length of a block marker at the start of `line` that Markdown would read as a
// heading, quote or list item, or 0.
std::size_t block_marker(std::string_view line)
{
  if (line.empty()) {
    return 0;
  }
  const auto ends_marker = [&](std::size_t n) { return n == line.size() || line[n] == ' ' || line[n] == '\t'; };
  if (line[0] == '>') {
    return 1;
  }
  if (line[0] == '#') {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') {
      ++n;
    }
    return n <= 6 && ends_marker(n) ? 1 : 0;
  }
  if ((line[0] == '-' || line[0] == '+' || line[0] == '*') && ends_marker(1)) {
    return 1;
  }
  if (line[0] == '-' && line.find_first_not_of("- ") == std::string_view::npos) {
    return 1;  // a thematic break "---"
  }
  std::size_t n = 0;
  while (n < line.size() && n < 9 && is_digit(line[n])) {
    ++n;
  }
  if (n > 0 && n < line.size() && (line[n] == '.' || line[n] == ')') && ends_marker(n + 1)) {
    return n + 1;
  }
  return 0;
}

}  // namespace

std::string escape_markdown(std::string_view text)
{
  // One line: a line break would end a table row or start a new block.
  std::string line;
  line.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      if (!line.empty() && line.back() != ' ') {
        line += ' ';
      }
      continue;
    }
    line += c;
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }

  std::string out;
  out.reserve(line.size() + 8);
  std::size_t start = 0;
  while (start < line.size() && line[start] == ' ') {
    out += ' ';
    ++start;
  }
  const std::size_t marker = block_marker(std::string_view(line).substr(start));
  for (std::size_t i = start; i < line.size(); ++i) {
    const char c = line[i];
    if (marker > 0 && i == start + marker - 1 && c != '*') {
      out += '\\';  // `\#`, `\>`, `\-`, `\+`, `1\.`; `*` is escaped below anyway
    }
    switch (c) {
    case '\\':
    case '|':
    case '`':
    case '*':
    case '~':
    case '[':
    case ']':
    case '<':
      out += '\\';
      break;
    case '_': {
      // Inside a word (snake_case) `_` never starts emphasis.
      const bool inside = i > 0 && i + 1 < line.size() && is_alnum(line[i - 1]) && is_alnum(line[i + 1]);
      if (!inside) {
        out += '\\';
      }
      break;
    }
    default:
      break;
    }
    out += c;
  }
  return out;
}

std::string mermaid_label(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    const bool blank = c == '\n' || c == '\r' || c == '\t' || c == ':' || c == ';' || c == '#' || c == '"' || c == '`';
    if (blank || c == ' ') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

}  // namespace handoff::report
