#include "yaml/document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "support/text.hpp"
#include "yaml/fullwidth.hpp"

namespace handoff::yaml {

const Node* Node::find(std::string_view name) const
{
  const Node* k = find_key(name);
  return k == nullptr ? nullptr : k + 1;
}

const Node* Node::find_key(std::string_view name) const
{
  if (kind != Kind::mapping) {
    return nullptr;
  }
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    if (children[i].kind == Kind::scalar && children[i].value == name) {
      return &children[i];
    }
  }
  return nullptr;
}

namespace {

bool is_continuation(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

core::Pos position_of(std::string_view text, std::size_t offset)
{
  core::Pos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (!is_continuation(text[i])) {
      ++pos.column;
    }
  }
  return pos;
}

std::size_t byte_offset(std::string_view text, core::Pos pos)
{
  std::size_t at = 0;
  for (int line = 1; line < pos.line; ++line) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) {
      return text.size();
    }
    ++at;
  }
  for (int column = 1; column < pos.column && at < text.size() && text[at] != '\n'; ++column) {
    ++at;
    while (at < text.size() && is_continuation(text[at])) {
      ++at;
    }
  }
  return at;
}

std::size_t closing_quote(std::string_view text, std::size_t offset)
{
  const char quote = text[offset];
  std::size_t end = offset + 1;
  while (end < text.size()) {
    if (quote == '"' && text[end] == '\\') {
      end += 2;
      continue;
    }
    if (text[end] == quote) {
      if (quote == '\'' && end + 1 < text.size() && text[end + 1] == '\'') {
        end += 2;
        continue;
      }
      return end;
    }
    ++end;
  }
  return std::string_view::npos;
}

std::optional<unsigned char> repair_unescaped(std::string& value)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  std::optional<unsigned char> first_bad;
  std::size_t from = 0;
  while (from < value.size()) {
    const auto bad = support::find_invalid_utf8(std::string_view(value).substr(from));
    if (!bad) {
      break;
    }
    const std::size_t at = from + *bad;
    const auto byte = static_cast<unsigned char>(value[at]);
    if (byte == 0x85 || byte == 0xA0) {  // `\N` and `\_`: the character's second byte alone
      value.insert(at, 1, '\xC2');
      from = at + 2;
    } else {
      value.replace(at, 1, std::string{'\\', 'x', k_hex[byte >> 4], k_hex[byte & 0xf]});
      first_bad = first_bad.value_or(byte);
      from = at + 4;
    }
  }
  return first_bad;
}

namespace {

// yaml-cpp's message for a syntax error, said as what to do about the usual causes.
// `pos` starts as yaml-cpp's position and is moved where a person looks for the mistake.
core::Message explain(const YAML::Exception& e, std::string_view text, core::Pos& pos)
{
  namespace msg = YAML::ErrorMsg;
  const std::string& what = e.msg;
  if (what == msg::MAP_VALUE) {
    return {"a ': ' here would start a new key inside a value; put the whole value in quotes, or indent the line like "
            "the keys it belongs with",
            "此处的 ': ' 会在值中开始一个新的键；请给整个值加上引号，或按它所属的键对齐这一行的缩进"};
  }
  const auto at = static_cast<std::size_t>(std::max(e.mark.pos, 0));
  const char here = at < text.size() ? text[at] : '\0';
  if (what == msg::BLOCK_ENTRY || (what == msg::END_OF_MAP && here == '-')) {
    return {"a '- ' list item where a key was expected; indent it under the key whose list it is",
            "此处应为键，却是 '- ' 列表项；请把它缩进到它所属列表的键下面"};
  }
  if (what == msg::END_OF_MAP || what == msg::END_OF_SEQ) {
    return {"this line's indentation matches no open mapping or list; line it up with the keys or '- ' items it "
            "belongs with",
            "这一行的缩进与任何未结束的映射或列表都不对应；请与它所属的键或 '- ' 列表项对齐"};
  }
  if (what == msg::FLOW_END) {
    return {"this closing bracket closes nothing open here; remove it, or put the value in quotes if it is text",
            "这个右括号没有可闭合的左括号；请删除它，如果它是文本，请给值加上引号"};
  }
  if (what.rfind(msg::INVALID_ESCAPE, 0) == 0) {
    if (const auto slash = text.substr(0, std::min(at, text.size())).rfind('\\'); slash != std::string_view::npos) {
      pos = position_of(text, slash);  // yaml-cpp points past the escape
    }
    const std::string escape = what.substr(std::char_traits<char>::length(msg::INVALID_ESCAPE));
    return {fmt::format("'\\{}' is no escape in double quotes; write '\\\\' for a backslash, or use single quotes "
                        "('C:\\data')",
                        escape),
            fmt::format("双引号中的 '\\{}' 不是转义序列；反斜杠请写作 '\\\\'，或改用单引号（'C:\\data'）", escape)};
  }
  if (what == msg::UNKNOWN_TOKEN && (here == '@' || here == '`')) {
    return {fmt::format("'{}' cannot start a value in YAML; put the value in quotes", here),
            fmt::format("YAML 中的值不能以 '{}' 开头；请给值加上引号", here)};
  }
  std::string out = what;
  if (!out.empty()) {
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  }
  return {out, out};  // yaml-cpp's own words, which have no Chinese text
}

// Thrown by the builder to stop the parser; caught in parse().
struct Abort {
  Problem problem;
};

// Returns the position of a yaml-cpp mark in `text`, whose column counts bytes, with the
// column in characters.
core::Pos to_pos(std::string_view text, const YAML::Mark& mark)
{
  if (mark.is_null()) {
    return {};
  }
  core::Pos pos{mark.line + 1, mark.column + 1};
  if (mark.pos >= mark.column && static_cast<std::size_t>(mark.pos) <= text.size()) {
    const std::string_view before =
        text.substr(static_cast<std::size_t>(mark.pos - mark.column), static_cast<std::size_t>(mark.column));
    pos.column =
        1 + static_cast<int>(std::count_if(before.begin(), before.end(), [](char c) { return !is_continuation(c); }));
  }
  return pos;
}

bool is_null_text(const std::string& value)
{
  return value == "~" || value == "null" || value == "Null" || value == "NULL";
}

class Builder final : public YAML::EventHandler {
public:
  Builder(std::string_view text, const Limits& limits, std::vector<Problem>& problems)
      : m_text(text), m_limits(limits), m_problems(problems)
  {
  }

  Node take_root() { return std::move(m_root); }
  bool has_root() const { return m_has_root; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    Node n;
    n.pos = pos_of(mark);
    // An empty value (`key:` and nothing after it) is reported by yaml-cpp at the next token,
    // often on a later line; the key is where a person looks for it.
    if (!m_stack.empty() && m_stack.back().node.kind == Kind::mapping && m_stack.back().node.children.size() % 2 == 1) {
      const core::Pos key = m_stack.back().node.children.back().pos;
      if (n.pos.line != key.line) {
        n.pos = key;
      }
    }
    add(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      throw Abort{{"HF009",
                   pos_of(mark),
                   {"alias refers to its own anchor, which makes a cycle; write the value out instead",
                    "别名引用了它自己的锚点，形成循环；请把值直接写出来"}}};
    }
    count(it->second.second, pos_of(mark));
    Node copy = it->second.first;
    add(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override
  {
    Node n;
    n.pos = pos_of(mark);
    n.plain = tag == "?";
    // yaml-cpp accepts a quoted scalar that the end of the file cuts off; YAML does not.
    if (!n.plain && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < m_text.size()) {
      auto at = static_cast<std::size_t>(mark.pos);
      while (at < m_text.size() && (m_text[at] == '&' || m_text[at] == '!')) {  // an anchor or a tag first
        at = m_text.find_first_of(" \t\r\n", at);
        at = at == std::string_view::npos ? m_text.size() : m_text.find_first_not_of(" \t", at);
        at = at == std::string_view::npos ? m_text.size() : at;
      }
      if (at < m_text.size() && (m_text[at] == '"' || m_text[at] == '\'')
          && closing_quote(m_text, at) == std::string_view::npos) {
        const char* quote = m_text[at] == '"' ? "'\"'" : "\"'\"";
        throw Abort{{"HF001",
                     position_of(m_text, at),
                     {fmt::format("not valid YAML: this {} opens quoted text that is never closed; add the closing {} "
                                  "where the text ends",
                                  quote, quote),
                      fmt::format("不是有效的 YAML：这个 {} 开始的引号文本没有结束；请在文本结束处加上对应的 {}", quote,
                                  quote)}}};
      }
    }
    if (n.plain && is_null_text(value)) {
      n.kind = Kind::null;
    } else {
      n.kind = Kind::scalar;
      n.value = value;
      // The file is UTF-8 (check_encoding), so only the escapes of a quoted scalar can leave
      // bytes that are not: every JSON output would then fail.
      if (!n.plain && std::any_of(value.begin(), value.end(), [](char c) { return (c & 0x80) != 0; })) {
        if (const auto bad = repair_unescaped(n.value)) {
          m_problems.push_back(
              {"HF002",
               n.pos,
               {fmt::format("this text holds the byte 0x{:02x} once its escapes are read, which is "
                            "not UTF-8; write the character itself or a \\u escape "
                            "(\\u00e9 for é)",
                            *bad),
                fmt::format("这段文本的转义读出后含有字节 0x{:02x}，不是 UTF-8；请直接写出字符，或使用 "
                            "\\u 转义（é 写作 \\u00e9）",
                            *bad)}});
        }
      }
    }
    add(std::move(n), anchor);
  }

  // Where the innermost flow collection of `kind` that is still open began (`[` or `{`), if any:
  // yaml-cpp reports an unclosed one at the end of the file, far from where it opened.
  std::optional<core::Pos> open_flow(Kind kind) const
  {
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
      if (it->flow && it->node.kind == kind) {
        return it->node.pos;
      }
    }
    return std::nullopt;
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override
  {
    open(Kind::sequence, mark, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override
  {
    open(Kind::mapping, mark, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override
  {
    check_duplicates(m_stack.back().node);
    close();
  }

private:
  // Returns to_pos(m_text, mark), counting the characters of a line only from the previous mark
  // on it: marks come in order, so a long line of flow items is not counted again for each one.
  core::Pos pos_of(const YAML::Mark& mark)
  {
    if (mark.is_null() || mark.pos < mark.column || static_cast<std::size_t>(mark.pos) > m_text.size()) {
      return to_pos(m_text, mark);
    }
    const auto at = static_cast<std::size_t>(mark.pos);
    const std::size_t line_start = at - static_cast<std::size_t>(mark.column);
    if (line_start != m_line_start || at < m_counted_to) {
      m_line_start = line_start;
      m_counted_to = line_start;
      m_chars = 0;
    }
    for (; m_counted_to < at; ++m_counted_to) {
      m_chars += is_continuation(m_text[m_counted_to]) ? 0 : 1;
    }
    return {mark.line + 1, static_cast<int>(m_chars) + 1};
  }

  struct Open {
    Node node;
    YAML::anchor_t anchor;
    std::size_t nodes_before;
    bool flow;  // written `[...]` or `{...}`
  };

  void count(std::size_t n, core::Pos pos)
  {
    m_nodes += n;
    if (m_nodes > m_limits.max_nodes) {
      throw Abort{{"HF009",
                   pos,
                   {"the document expands to more than " + std::to_string(m_limits.max_nodes)
                        + " nodes (aliases included); records are never that large",
                    "文档展开后超过 " + std::to_string(m_limits.max_nodes) + " 个节点（含别名）；记录文件不会这么大"}}};
    }
  }

  void open(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, bool flow)
  {
    if (m_stack.size() >= m_limits.max_depth) {
      throw Abort{{"HF009",
                   pos_of(mark),
                   {"nesting is deeper than " + std::to_string(m_limits.max_depth) + " levels",
                    "嵌套深度超过 " + std::to_string(m_limits.max_depth) + " 层"}}};
    }
    count(1, pos_of(mark));
    Node n;
    n.kind = kind;
    n.pos = pos_of(mark);
    m_stack.push_back({std::move(n), anchor, m_nodes - 1, flow});
  }

  void close()
  {
    Open top = std::move(m_stack.back());
    m_stack.pop_back();
    const std::size_t size = m_nodes - top.nodes_before;
    if (top.anchor != 0) {
      m_anchors[top.anchor] = {top.node, size};
    }
    attach(std::move(top.node));
  }

  void add(Node n, YAML::anchor_t anchor)
  {
    if (n.kind == Kind::null || n.kind == Kind::scalar) {
      count(1, n.pos);
    }
    if (anchor != 0) {
      m_anchors[anchor] = {n, 1};
    }
    attach(std::move(n));
  }

  void attach(Node n)
  {
    if (m_stack.empty()) {
      m_root = std::move(n);
      m_has_root = true;
    } else {
      m_stack.back().node.children.push_back(std::move(n));
    }
  }

  void check_duplicates(const Node& map)
  {
    std::unordered_map<std::string_view, const Node*> seen;
    for (std::size_t i = 0; i < map.map_size(); ++i) {
      const Node& k = map.key(i);
      if (k.kind != Kind::scalar) {
        continue;
      }
      auto [it, inserted] = seen.emplace(k.value, &k);
      if (!inserted) {
        const std::string first = std::to_string(it->second->pos.line);
        m_problems.push_back({"HF005",
                              k.pos,
                              {"duplicate key \"" + k.value + "\" (first at line " + first
                                   + "); YAML keeps only one of them, so remove or rename one",
                               "重复的键 \"" + k.value + "\"（首次出现在第 " + first
                                   + " 行）；YAML 只保留其中一个，请删除或重命名其中一个"}});
      }
    }
  }

  std::string_view m_text;
  std::size_t m_line_start = std::string_view::npos;  // pos_of: the line counted so far,
  std::size_t m_counted_to = 0;                       // up to this byte,
  std::size_t m_chars = 0;                            // holding this many characters
  const Limits& m_limits;
  std::vector<Problem>& m_problems;
  std::vector<Open> m_stack;
  std::map<YAML::anchor_t, std::pair<Node, std::size_t>> m_anchors;
  std::size_t m_nodes = 0;
  Node m_root;
  bool m_has_root = false;
};

// Notes whether any event arrives, to detect a second document cheaply.
class Detector final : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  YAML::Mark start = YAML::Mark::null_mark();
};

// Reports encoding problems that yaml-cpp would accept or misread. Returns false when the
// text cannot be parsed at all.
bool check_encoding(std::string_view text, std::vector<Problem>& problems)
{
  const auto bytes = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.size() >= 4
      && ((bytes(0) == 0 && bytes(1) == 0 && bytes(2) == 0xFE && bytes(3) == 0xFF)
          || (bytes(0) == 0xFF && bytes(1) == 0xFE && bytes(2) == 0 && bytes(3) == 0))) {
    problems.push_back(
        {"HF001", {1, 1}, {"the file is encoded as UTF-32; save it as UTF-8", "文件编码为 UTF-32；请另存为 UTF-8"}});
    return false;
  }
  if (text.size() >= 2 && ((bytes(0) == 0xFE && bytes(1) == 0xFF) || (bytes(0) == 0xFF && bytes(1) == 0xFE))) {
    problems.push_back(
        {"HF001", {1, 1}, {"the file is encoded as UTF-16; save it as UTF-8", "文件编码为 UTF-16；请另存为 UTF-8"}});
    return false;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    problems.push_back(
        {"HF001",
         position_of(text, nul),
         {"the file contains a NUL byte (at byte " + std::to_string(nul)
              + "); it looks binary, not like a YAML text file",
          "文件含有 NUL 字节（第 " + std::to_string(nul) + " 字节处）；它像是二进制文件，不像 YAML 文本文件"}});
    return false;
  }
  if (const auto bad = support::find_invalid_utf8(text)) {
    problems.push_back({"HF001",
                        position_of(text, *bad),
                        {"invalid UTF-8 at byte " + std::to_string(*bad) + "; save the file as UTF-8",
                         "第 " + std::to_string(*bad) + " 字节处不是有效的 UTF-8；请将文件另存为 UTF-8"}});
    return false;
  }
  return true;
}

// Reports tabs in the indentation of lines (YAML indents with spaces only).
bool check_tabs(std::string_view text, std::vector<Problem>& problems)
{
  bool found = false;
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
      ++j;
    }
    const std::string_view indent = text.substr(i, j - i);
    const bool has_content = j < text.size() && text[j] != '\n' && text[j] != '\r' && text[j] != '#';
    if (has_content && indent.find('\t') != std::string_view::npos) {
      const auto col = static_cast<int>(indent.find('\t')) + 1;
      problems.push_back(
          {"HF001",
           {line, col},
           {"tab character in indentation; YAML indents with spaces", "缩进中有制表符；YAML 只用空格缩进"}});
      found = true;
    }
    const auto eol = text.find('\n', i);
    if (eol == std::string_view::npos) {
      break;
    }
    i = eol + 1;
    ++line;
  }
  return found;
}

// Returns the full-width character that most likely caused a syntax error that yaml-cpp
// reports on line `error_line`: the last one on that line or the one before, or inside the
// unclosed flow collection that opens at `opened`.
const FullWidth* likely_cause(const std::vector<FullWidth>& wide, int error_line, std::optional<core::Pos> opened)
{
  const FullWidth* cause = nullptr;
  for (const auto& w : wide) {
    const bool near = w.pos.line <= error_line && error_line - w.pos.line <= 1;
    const bool in_flow = opened && w.pos.line >= opened->line && w.pos.line <= error_line;
    if (near || in_flow) {
      cause = &w;
    }
  }
  return cause;
}

}  // namespace

ParseResult parse(std::string_view text, const Limits& limits)
{
  ParseResult result;
  if (!check_encoding(text, result.problems)) {
    return result;
  }
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  const bool tabs = check_tabs(text, result.problems);
  // Full-width punctuation where YAML needs ASCII: yaml-cpp reads `title：x` as text and
  // `[A，B]` as one item, or fails a line later with a message about something else.
  const std::vector<FullWidth> wide = find_full_width(text);
  bool certain = false;
  for (const auto& w : wide) {
    if (w.certain) {
      result.problems.push_back({"HF001", w.pos, w.message});
      certain = true;
    }
  }
  if (certain) {
    return result;
  }
  std::istringstream in{std::string(text)};
  Builder builder(text, limits, result.problems);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      Detector detector;
      try {
        if (parser.HandleNextDocument(detector)) {
          result.problems.push_back({"HF001",
                                     to_pos(text, detector.start),
                                     {"a second YAML document starts here; a record file holds exactly one "
                                      "document (remove the '---' line and what follows, or merge them)",
                                      "此处开始了第二个 YAML 文档；一个记录文件只能有一个文档（请删除 '---' "
                                      "行及其后的内容，或将两者合并）"}});
        }
      } catch (const YAML::Exception& e) {
        result.problems.push_back({"HF001",
                                   to_pos(text, e.mark),
                                   {"a second YAML document starts here; a record file holds exactly one "
                                    "document",
                                    "此处开始了第二个 YAML 文档；一个记录文件只能有一个文档"}});
      }
    }
    result.root = builder.take_root();
    result.ok = !tabs;
  } catch (const Abort& abort) {
    result.problems.push_back(abort.problem);
    result.root = Node{};
  } catch (const YAML::DeepRecursion& e) {
    result.problems.push_back({"HF009", to_pos(text, e.mark), {"nesting is too deep to read", "嵌套过深，无法读取"}});
    result.root = Node{};
  } catch (const YAML::Exception& e) {
    if (!tabs) {  // else check_tabs has said what is wrong
      const bool list = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
      const bool unclosed = list || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
      const auto opened = unclosed ? builder.open_flow(list ? Kind::sequence : Kind::mapping) : std::nullopt;
      if (const FullWidth* cause = likely_cause(wide, to_pos(text, e.mark).line, opened)) {
        result.problems.push_back({"HF001", cause->pos, cause->message});
      } else if (opened) {
        result.problems.push_back(
            {"HF001",
             *opened,
             {fmt::format("not valid YAML: this '{}' opens a {} that is never closed with '{}'; close it, or put "
                          "the value in quotes if it is text",
                          list ? '[' : '{', list ? "list" : "mapping", list ? ']' : '}'),
              fmt::format("不是有效的 YAML：这个 '{}' 开始的{}没有用 '{}' 结束；请补上，如果它是文本，请给值加上引号",
                          list ? '[' : '{', list ? "列表" : "映射", list ? ']' : '}')}});
      } else {
        core::Pos pos = to_pos(text, e.mark);
        core::Message why = explain(e, text, pos);
        result.problems.push_back({"HF001", pos, {"not valid YAML: " + why.en, "不是有效的 YAML：" + why.zh}});
      }
    }
    result.root = Node{};
  }
  return result;
}

}  // namespace handoff::yaml
