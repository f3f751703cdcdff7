#include "yaml/fullwidth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "yaml/document.hpp"

namespace handoff::yaml {

namespace {

// A character a Chinese keyboard types for an ASCII one.
struct Wide {
  std::string_view utf8;
  std::string_view name;
  std::string_view name_zh;
  std::string_view ascii;
};

constexpr std::string_view k_space = "\u3000";

constexpr std::array<Wide, 29> k_wide{{
    {"\uFF1A", "full-width colon", "全角冒号", ":"},       {"\uFF0C", "full-width comma", "全角逗号", ","},
    {"\u3001", "ideographic comma", "顿号", ","},          {k_space, "full-width space", "全角空格", " "},
    {"\uFF0D", "full-width dash", "全角减号", "-"},        {"\u3010", "full-width bracket", "全角方括号", "["},
    {"\u3011", "full-width bracket", "全角方括号", "]"},   {"\uFF3B", "full-width bracket", "全角方括号", "["},
    {"\uFF3D", "full-width bracket", "全角方括号", "]"},   {"\uFF5B", "full-width brace", "全角花括号", "{"},
    {"\uFF5D", "full-width brace", "全角花括号", "}"},     {"\u201C", "full-width quote", "全角引号", "\""},
    {"\u201D", "full-width quote", "全角引号", "\""},      {"\u2018", "full-width quote", "全角引号", "'"},
    {"\u2019", "full-width quote", "全角引号", "'"},       {"\uFF0E", "full-width full stop", "全角句点", "."},
    {"\uFF10", "full-width digit", "全角数字", "0"},       {"\uFF11", "full-width digit", "全角数字", "1"},
    {"\uFF12", "full-width digit", "全角数字", "2"},       {"\uFF13", "full-width digit", "全角数字", "3"},
    {"\uFF14", "full-width digit", "全角数字", "4"},       {"\uFF15", "full-width digit", "全角数字", "5"},
    {"\uFF16", "full-width digit", "全角数字", "6"},       {"\uFF17", "full-width digit", "全角数字", "7"},
    {"\uFF18", "full-width digit", "全角数字", "8"},       {"\uFF19", "full-width digit", "全角数字", "9"},
    {"\uFF0B", "full-width plus", "全角加号", "+"},        {"\uFF02", "full-width quote", "全角引号", "\""},
    {"\uFF03", "full-width number sign", "全角井号", "#"},
}};

// Returns the full-width character that starts at byte `at` of `text`, if any.
const Wide* wide_at(std::string_view text, std::size_t at)
{
  if (at >= text.size() || (static_cast<unsigned char>(text[at]) & 0x80) == 0) {
    return nullptr;
  }
  const std::string_view rest = text.substr(at);
  const auto it = std::find_if(k_wide.begin(), k_wide.end(), [&](const Wide& w) { return rest.starts_with(w.utf8); });
  return it == k_wide.end() ? nullptr : &*it;
}

bool is_at(std::string_view text, std::size_t at, std::string_view what)
{
  return at <= text.size() && text.substr(at).starts_with(what);
}

bool is_key_start(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_key_char(char c)
{
  return is_key_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// Returns true when the text holds a CJK ideograph: `【重要】` is a title, `【REQ-1, REQ-2】` a list.
bool has_ideograph(std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0xE3 && b <= 0xE9 && i + 1 < text.size()) {  // U+3400-U+9FFF are E3 90 80 to E9 BF BF
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      if (b > 0xE3 || b1 >= 0x90) {
        return true;
      }
    }
  }
  return false;
}

class Scanner {
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  std::vector<FullWidth> run()
  {
    std::size_t at = 0;
    while (at < m_text.size()) {
      at = line(at);
    }
    return std::move(m_found);
  }

private:
  // Notes the full-width character at byte `at`. One per line: a certain one before one that
  // is not, else the first.
  void found(std::size_t at, bool certain)
  {
    const Wide* wide = wide_at(m_text, at);
    if (wide == nullptr) {
      return;
    }
    const core::Pos pos = position(at);
    if (!m_found.empty() && m_found.back().pos.line == pos.line) {
      const bool before = certain == m_found.back().certain ? at < m_offsets.back() : certain;
      if (!before) {
        return;
      }
      m_found.pop_back();
      m_offsets.pop_back();
    }
    m_offsets.push_back(at);
    m_found.push_back(
        {pos,
         {fmt::format("{} '{}' at {}:{}; YAML needs '{}'", wide->name, wide->utf8, pos.line, pos.column, wide->ascii),
          fmt::format("{} '{}' 位于 {}:{}；YAML 需要半角的 '{}'", wide->name_zh, wide->utf8, pos.line, pos.column,
                      wide->ascii)},
         certain});
  }

  // Returns the position of byte `at`, counting from the line of the previous call: offsets
  // come in order but for those on one line, so a file is read once, not once per finding.
  core::Pos position(std::size_t at)
  {
    if (at < m_cursor_start) {
      m_cursor_start = 0;
      m_cursor_line = 1;
    }
    for (std::size_t eol = m_text.find('\n', m_cursor_start); eol != std::string_view::npos && eol < at;
         eol = m_text.find('\n', m_cursor_start)) {
      m_cursor_start = eol + 1;
      ++m_cursor_line;
    }
    const core::Pos in_line = position_of(m_text.substr(m_cursor_start), at - m_cursor_start);
    return {m_cursor_line, in_line.column};
  }

  std::size_t end_of_line(std::size_t at) const
  {
    const std::size_t eol = m_text.find('\n', at);
    return eol == std::string_view::npos ? m_text.size() : eol;
  }

  std::size_t after_line(std::size_t at) const { return std::min(end_of_line(at) + 1, m_text.size()); }

  // Returns where the ASCII spaces and full-width spaces that start at `at` end. A full-width
  // space right at `at` is noted when `note` is set (right after a list marker or a key's ':'):
  // later ones may begin the text of the value.
  std::size_t blanks(std::size_t at, std::size_t eol, bool note)
  {
    if (note && is_at(m_text, at, k_space)) {
      found(at, true);
    }
    while (at < eol) {
      if (m_text[at] == ' ') {
        ++at;
      } else if (is_at(m_text, at, k_space)) {
        at += k_space.size();
      } else {
        break;
      }
    }
    return at;
  }

  // Reads the line starting at byte `start`; returns where the next line to read starts.
  std::size_t line(std::size_t start)
  {
    std::size_t eol = end_of_line(start);
    if (eol > start && m_text[eol - 1] == '\r') {
      --eol;
    }
    std::size_t at = start;
    while (at < eol && m_text[at] == ' ') {
      ++at;
    }
    const std::size_t indent = at - start;
    if (m_block_parent && (at == eol || indent > *m_block_parent)) {
      return after_line(start);  // a line of a block scalar (`|` or `>`): text
    }
    m_block_parent.reset();
    std::size_t wide_indent = std::string_view::npos;
    while (at < eol && (m_text[at] == ' ' || is_at(m_text, at, k_space))) {
      if (m_text[at] != ' ' && wide_indent == std::string_view::npos) {
        wide_indent = at;
      }
      at += m_text[at] == ' ' ? 1 : k_space.size();
    }
    if (at == eol || m_text[at] == '#' || m_text[at] == '%'
        || (at == start && (is_at(m_text, at, "---") || is_at(m_text, at, "...")))) {
      return after_line(start);
    }
    if (is_at(m_text, at, "\uFF03")) {
      found(at, true);  // `＃ note` where a comment starts: YAML reads it as a value
      return after_line(start);
    }

    // List markers: `- `, and `－ ` typed for it.
    bool structure = false;
    for (;;) {
      const bool ascii = m_text[at] == '-';
      const std::size_t width = ascii ? 1 : (is_at(m_text, at, "\uFF0D") ? 3 : 0);
      const std::size_t next = at + width;
      if (width == 0 || !(next == eol || m_text[next] == ' ' || is_at(m_text, next, k_space))) {
        break;
      }
      if (!ascii) {
        found(at, true);
      }
      structure = true;
      at = blanks(next, eol, true);
      if (at == eol) {
        return after_line(start);
      }
    }

    // A key: ASCII, as every record's keys are, then ':' or the full-width colon.
    std::size_t value = structure ? at : std::string_view::npos;
    if (is_key_start(m_text[at])) {
      std::size_t end = at;
      while (end < eol && is_key_char(m_text[end])) {
        ++end;
      }
      std::size_t colon = end;
      while (colon < eol && m_text[colon] == ' ') {
        ++colon;
      }
      if (is_at(m_text, colon, "\uFF1A")) {
        found(colon, true);
        structure = true;
        value = colon + 3;
      } else if (colon < eol && m_text[colon] == ':'
                 && (colon + 1 == eol || m_text[colon + 1] == ' ' || is_at(m_text, colon + 1, k_space))) {
        structure = true;
        value = colon + 1;
        blanks(value, eol, true);
      }
    }
    if (wide_indent != std::string_view::npos) {
      found(wide_indent, structure);  // certain when the line shows a key or a list item
    }
    if (value == std::string_view::npos) {
      return after_line(start);  // a line of a plain scalar that goes on over several lines
    }
    return this->value(blanks(value, eol, false), start, eol, indent);
  }

  // Reads the value that starts at byte `at` of the line [start, eol).
  std::size_t value(std::size_t at, std::size_t start, std::size_t eol, std::size_t indent)
  {
    if (at >= eol || m_text[at] == '#') {
      return after_line(start);
    }
    const char c = m_text[at];
    if (c == '"' || c == '\'') {
      const std::size_t close = closing_quote(m_text, at);
      return close == std::string_view::npos ? m_text.size() : after_line(close);
    }
    if (c == '[' || c == '{') {
      return flow(at);
    }
    if (c == '|' || c == '>') {
      m_block_parent = indent;
      return after_line(start);
    }
    // A plain scalar: up to a comment or the end of the line, trailing blanks left out.
    const std::size_t comment = m_text.substr(at, eol - at).find(" #");
    std::size_t end = comment == std::string_view::npos ? eol : at + comment;
    while (end > at && m_text[end - 1] == ' ') {
      --end;
    }
    const std::string_view text = m_text.substr(at, end - at);
    const Wide* first = wide_at(m_text, at);
    if (first != nullptr && (first->ascii == "\"" || first->ascii == "'")) {
      found(at, false);  // `“a: b”` fails to parse; `“智慧工厂”项目` is a title
    } else if (first != nullptr && (first->ascii == "[" || first->ascii == "{")) {
      const std::string_view close = first->ascii == "[" ? "]" : "}";
      std::size_t last_at = text.size() - 1;
      while (last_at > 0 && (static_cast<unsigned char>(text[last_at]) & 0xC0) == 0x80) {
        --last_at;  // back to the first byte of the last character
      }
      const Wide* last = last_at > 0 ? wide_at(text, last_at) : nullptr;
      const bool closed = text.ends_with(close) || (last != nullptr && last->ascii == close);
      found(at, closed && !has_ideograph(text));
    } else {
      number(at, text);
    }
    return after_line(start);
  }

  // A date or a number typed with full-width digits or dashes: `2026－03－01`, `２０２６-03-01`.
  void number(std::size_t at, std::string_view text)
  {
    std::optional<std::size_t> first_wide;
    bool digit = false;
    for (std::size_t i = 0; i < text.size();) {
      if (const Wide* wide = wide_at(text, i);
          wide != nullptr && wide->ascii.find_first_of("0123456789-.+") != std::string_view::npos) {
        first_wide = first_wide.value_or(i);
        digit = digit || (wide->ascii[0] >= '0' && wide->ascii[0] <= '9');
        i += wide->utf8.size();
      } else if ((text[i] >= '0' && text[i] <= '9') || text[i] == '-' || text[i] == '.' || text[i] == '+') {
        digit = digit || (text[i] >= '0' && text[i] <= '9');
        ++i;
      } else {
        return;
      }
    }
    if (first_wide && digit) {
      found(at + *first_wide, true);
    }
  }

  // Reads a flow collection (`[...]` or `{...}`, over lines too) that opens at byte `at`;
  // returns where the next line to read starts.
  std::size_t flow(std::size_t at)
  {
    int depth = 0;
    bool item_start = true;
    while (at < m_text.size()) {
      const char c = m_text[at];
      if (c == '[' || c == '{') {
        ++depth;
        item_start = true;
        ++at;
      } else if (c == ']' || c == '}') {
        ++at;
        if (--depth == 0) {
          return after_line(at);
        }
      } else if ((c == '"' || c == '\'') && item_start) {
        const std::size_t close = closing_quote(m_text, at);
        if (close == std::string_view::npos) {
          return m_text.size();
        }
        at = close + 1;
        item_start = false;
      } else if (c == '#' && (at == 0 || m_text[at - 1] == ' ' || m_text[at - 1] == '\n')) {
        at = end_of_line(at);
      } else if (c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\r') {
        item_start = item_start || c != ' ';
        ++at;
      } else if (const Wide* wide = wide_at(m_text, at); wide != nullptr) {
        if (wide->ascii == "," || (wide->ascii == ":" && at > 0 && is_key_char(m_text[at - 1]))) {
          found(at, true);  // between the items, or after a key of `{a：b}`
        } else if (wide->ascii == "]" || wide->ascii == "}") {
          found(at, false);  // `[a, b】` leaves the list open
        }
        at += wide->utf8.size();
        item_start = false;
      } else {
        ++at;
        item_start = false;
      }
    }
    return m_text.size();
  }

  std::string_view m_text;
  std::optional<std::size_t> m_block_parent;  // the indentation of the line whose block scalar is being read
  std::vector<FullWidth> m_found;
  std::vector<std::size_t> m_offsets;  // the byte offset of each of m_found
  std::size_t m_cursor_start = 0;      // position(): where the line of the previous call starts
  int m_cursor_line = 1;               // and its number
};

}  // namespace

std::vector<FullWidth> find_full_width(std::string_view text)
{
  return Scanner(text).run();
}

}  // namespace handoff::yaml
