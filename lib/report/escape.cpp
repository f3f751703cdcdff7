#include "report/escape.hpp"

#include <cctype>

#include "support/text.hpp"

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

std::string escape_markdown_block(std::string_view text)
{
  std::string out;
  bool blank = false;  // a paragraph break is due before the next line
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
      blank = !out.empty();
      continue;
    }
    line.remove_prefix(first);
    // A list item keeps its marker ("-", "*" or "+" becomes "-"; "1." or "1)" stays).
    std::string marker;
    if (line.size() > 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
      marker = "- ";
      line.remove_prefix(2);
    } else {
      std::size_t n = 0;
      while (n < line.size() && n < 9 && is_digit(line[n])) {
        ++n;
      }
      if (n > 0 && n + 1 < line.size() && (line[n] == '.' || line[n] == ')') && line[n + 1] == ' ') {
        marker = std::string(line.substr(0, n + 1)) + " ";
        line.remove_prefix(n + 2);
      }
    }
    if (!out.empty()) {
      out += blank ? "\n\n" : "\n";
    }
    blank = false;
    std::string escaped = escape_markdown(line);
    if (marker.empty() && escaped.compare(0, 2, "::") == 0) {
      // A line of its own starting with "::" would be a workflow command in a CI log that
      // prints the report (`::error ...`); "\:" renders as ':' all the same.
      escaped.insert(0, "\\");
    }
    out += marker + escaped;
  }
  return out;
}

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
  // Control characters become visible (\x1b, \u202e): a report printed to a terminal cannot
  // steer it. Leading blanks go: spaces or a tab in front of `#` would still make a heading or
  // a code block.
  line = support::visible(line);
  std::size_t start = line.find_first_not_of(" \t");
  start = start == std::string::npos ? line.size() : start;

  std::string out;
  out.reserve(line.size() + 8);
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
  return support::visible(out);  // written unescaped ({{{label}}}): no raw control characters
}

std::string mermaid_task_label(std::string_view text)
{
  std::string out = mermaid_label(text);
  // A task line that starts with a keyword is a statement to Mermaid ("click M1 call x()",
  // "excludes weekends"), and "%%" starts a comment: such a label gets a word in front.
  static const char* const k_keywords[] = {"gantt",    "dateformat",  "axisformat", "tickinterval",      "excludes",
                                           "includes", "todaymarker", "title",      "section",           "click",
                                           "call",     "href",        "weekday",    "inclusiveenddates", "topaxis",
                                           "acctitle", "accdescr",    "weekend"};
  std::string first = out.substr(0, out.find_first_of(" \t"));
  for (auto& c : first) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  bool keyword = support::starts_with(out, "%");
  for (const char* k : k_keywords) {
    keyword = keyword || first == k;
  }
  return keyword ? "Milestone " + out : out;
}

}  // namespace handoff::report
