#include "yaml/edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

namespace handoff::yaml {

namespace {

// What follows "key:" for a value written at a key indented `indent` spaces: " scalar",
// " [a, b]", "|-\n    line" or "\n  - item", without the final line end.
using Rendered = std::function<std::string(std::size_t indent)>;

std::string lower(std::string text)
{
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

// Returns the value of "k: <text>" parsed alone, or nullopt when that is not one scalar.
std::optional<Node> parsed_value(const std::string& text)
{
  const ParseResult parsed = parse("k:" + text + "\n");
  const Node* value =
      parsed.ok && parsed.problems.empty() && parsed.root.is_mapping() ? parsed.root.find("k") : nullptr;
  if (value == nullptr) {
    return std::nullopt;
  }
  return *value;
}

std::string indent_lines(const std::string& text, std::size_t indent)
{
  const std::string pad(indent, ' ');
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(start, end - start);
    out += (line == "\n" ? "" : pad) + line;
    start = end;
  }
  return out;
}

// Returns `value` written after "key:" at indent `indent`: a literal block when it spans
// lines and reads back the same that way, else " " and scalar_text.
std::string value_text(const std::string& value, std::size_t indent)
{
  if (value.find('\n') != std::string::npos) {
    std::string block = "|-\n" + indent_lines(value, indent + 2);
    if (!block.empty() && block.back() == '\n') {
      block.pop_back();
    }
    // Read back at the indent it will have, so a line that looks like a key or a comment
    // at that indent is caught.
    const auto back = parsed_value(" " + indent_lines(block, 0));
    const bool control = std::any_of(value.begin(), value.end(), [](char c) {
      return c != '\n' && c != '\t' && static_cast<unsigned char>(c) < 0x20;
    });
    if (!control && back && back->is_scalar() && back->value == value) {
      return " " + block;
    }
    return " " + double_quoted(value);
  }
  return " " + scalar_text(value);
}

// --- lines -------------------------------------------------------------------------------

std::size_t line_begin(const std::string& text, std::size_t offset)
{
  const std::size_t nl = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}

// The offset of the end of the line holding `offset`, before its "\n" or "\r\n".
std::size_t line_finish(const std::string& text, std::size_t offset)
{
  std::size_t end = text.find('\n', offset);
  end = end == std::string::npos ? text.size() : end;
  return end > offset && end > 0 && text[end - 1] == '\r' ? end - 1 : end;
}

// Whether the line starting at `begin` holds only blanks or a comment.
bool is_blank_or_comment(const std::string& text, std::size_t begin)
{
  std::size_t i = begin;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
    ++i;
  }
  return i >= text.size() || text[i] == '\n' || text[i] == '\r' || text[i] == '#';
}

bool is_comment(const std::string& text, std::size_t begin)
{
  std::size_t i = begin;
  while (i < text.size() && text[i] == ' ') {
    ++i;
  }
  return i < text.size() && text[i] == '#';
}

// Returns the number of spaces that start the line at `begin`.
std::size_t leading_spaces(const std::string& text, std::size_t begin)
{
  std::size_t n = 0;
  while (begin + n < text.size() && text[begin + n] == ' ') {
    ++n;
  }
  return n;
}

// Returns the end (before its line end) of the last line in [from, to) that holds content,
// `from` being on a content line. In a block scalar a line starting with '#' is content; so is a
// comment indented more than `indent`, the indent of the keys the content belongs to (a
// commented-out entry of the last key's mapping stays with it).
std::size_t last_content_end(const std::string& text, std::size_t from, std::size_t to, bool block_scalar = false,
                             std::optional<std::size_t> indent = std::nullopt)
{
  std::size_t result = line_finish(text, from);
  std::size_t begin = text.find('\n', from);
  while (begin != std::string::npos && begin + 1 < to) {
    ++begin;
    const bool comment = is_comment(text, begin);
    if ((block_scalar && comment) || !is_blank_or_comment(text, begin)
        || (comment && indent && leading_spaces(text, begin) > *indent)) {
      result = line_finish(text, begin);
    }
    begin = text.find('\n', begin);
  }
  return result;
}

// --- the tree in document order -----------------------------------------------------------

void preorder(const Node& node, std::vector<const Node*>& out)
{
  out.push_back(&node);
  for (const auto& child : node.children) {
    preorder(child, out);
  }
}

std::size_t subtree_size(const Node& node)
{
  std::size_t n = 1;
  for (const auto& child : node.children) {
    n += subtree_size(child);
  }
  return n;
}

// Returns the offset where the first node after `node`'s subtree starts, or the end of the text.
std::size_t boundary_after(const std::string& text, const Node& root, const Node& node)
{
  std::vector<const Node*> order;
  preorder(root, order);
  const auto it = std::find(order.begin(), order.end(), &node);
  if (it == order.end()) {
    return text.size();
  }
  for (auto next = it + static_cast<std::ptrdiff_t>(subtree_size(node)); next != order.end(); ++next) {
    if (!(*next)->is_null()) {
      return line_begin(text, byte_offset(text, (*next)->pos));
    }
  }
  return text.size();
}

// The number of bytes before a key of a block mapping on its line (spaces and list dashes), or
// nullopt when anything else precedes it (a flow mapping).
std::optional<std::size_t> block_indent(const std::string& text, const Node& key)
{
  const std::size_t at = byte_offset(text, key.pos);
  const std::size_t begin = line_begin(text, at);
  for (std::size_t i = begin; i < at; ++i) {
    if (text[i] != ' ' && text[i] != '-') {
      return std::nullopt;
    }
  }
  return at - begin;
}

std::string describe(const Path& path, const std::string& key)
{
  std::string out;
  for (const auto& step : path) {
    if (step.index) {
      out += "[" + std::to_string(*step.index) + "]";
    } else {
      out += step.field.empty() ? (out.empty() ? "" : ".") + step.key : "[" + step.field + "=" + step.value + "]";
    }
  }
  return out.empty() ? key : out + "." + key;
}

std::string missing_item(const Step& step)
{
  return step.index ? fmt::format("there is no item number {}", *step.index + 1)
                    : fmt::format("there is no item with {}: {}", step.field, step.value);
}

Node scalar_node(const std::string& text)
{
  Node n;
  n.kind = Kind::scalar;
  n.value = text;
  return n;
}

// Returns the value of entry `key` of `mapping`, adding a null one when there is none.
Node& entry(Node& mapping, const std::string& key)
{
  for (std::size_t i = 0; i + 1 < mapping.children.size(); i += 2) {
    if (mapping.children[i].is_scalar() && mapping.children[i].value == key) {
      return mapping.children[i + 1];
    }
  }
  mapping.children.push_back(scalar_node(key));
  mapping.children.emplace_back();
  return mapping.children.back();
}

// Returns the indentation of the block list item whose content starts at byte `first` (the
// spaces before its `- `); throws EditError naming `what` when the list is written in brackets.
std::size_t block_item_indent(const std::string& text, std::size_t first, const std::string& what)
{
  const std::size_t begin = line_begin(text, first);
  std::size_t indent = 0;
  while (begin + indent < first && text[begin + indent] == ' ') {
    ++indent;
  }
  if (begin + indent >= first || text[begin + indent] != '-') {
    throw EditError(fmt::format("`{}` is a list written in brackets; write it one item per line (`- ...`)", what));
  }
  return indent;
}

}  // namespace

std::string double_quoted(const std::string& text)
{
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string scalar_text(const std::string& text)
{
  static constexpr std::array<const char*, 11> k_words = {"null", "true", "false", "yes", "no", "on",
                                                          "off",  "y",    "n",     "~",   ""};
  const std::string low = lower(text);
  bool plain = std::none_of(k_words.begin(), k_words.end(), [&](const char* w) { return low == w; });
  plain = plain && text.find_first_of("\n\r\t\"'\\") == std::string::npos && text.front() != ' ' && text.back() != ' ';
  if (plain) {
    const auto back = parsed_value(" " + text);
    plain = back && back->is_scalar() && back->plain && back->value == text;
  }
  return plain ? text : double_quoted(text);
}

std::string flow_list(const std::vector<std::string>& items)
{
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item = scalar_text(items[i]);
    // A plain item holding a comma, a bracket or a brace would change the list.
    if (item.find_first_of(",[]{}#") != std::string::npos && item.front() != '"') {
      item = double_quoted(items[i]);
    }
    out += (i == 0 ? "" : ", ") + item;
  }
  return out + "]";
}

ItemText& ItemText::field(const std::string& key, const std::string& value)
{
  m_text += (m_text.empty() ? "- " : "  ") + key + ":" + value_text(value, 2) + "\n";
  return *this;
}

ItemText& ItemText::plain(const std::string& key, const std::string& value)
{
  m_text += (m_text.empty() ? "- " : "  ") + key + ": " + value + "\n";
  return *this;
}

ItemText& ItemText::list(const std::string& key, const std::vector<std::string>& values)
{
  m_text += (m_text.empty() ? "- " : "  ") + key + ": " + flow_list(values) + "\n";
  return *this;
}

const Node* find(const Node& root, const Path& path)
{
  const Node* node = &root;
  for (const auto& step : path) {
    if (step.index) {
      node = node->is_sequence() && *step.index < node->children.size() ? &node->children[*step.index] : nullptr;
    } else if (step.field.empty()) {
      node = node->is_mapping() ? node->find(step.key) : nullptr;
    } else {
      const Node* found = nullptr;
      if (node->is_sequence()) {
        for (const auto& item : node->children) {
          const Node* field = item.is_mapping() ? item.find(step.field) : nullptr;
          if (field != nullptr && field->is_scalar() && field->value == step.value) {
            found = &item;
            break;
          }
        }
      }
      node = found;
    }
    if (node == nullptr) {
      return nullptr;
    }
  }
  return node;
}

bool same_content(const Node& a, const Node& b)
{
  if (a.kind != b.kind || a.children.size() != b.children.size() || (a.is_scalar() && a.value != b.value)) {
    return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same_content(a.children[i], b.children[i])) {
      return false;
    }
  }
  return true;
}

TextEdit::TextEdit(std::string text, Limits limits) : m_text(std::move(text)), m_limits(limits)
{
  if (m_text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    m_text.erase(0, 3);
    m_bom = true;
  }
  ParseResult parsed = parse(m_text, m_limits);
  if (!parsed.ok || !parsed.problems.empty()) {
    throw EditError(parsed.problems.empty()
                        ? std::string("it is not valid YAML; fix it first")
                        : fmt::format("{}:{}: {}; fix it first", parsed.problems[0].pos.line,
                                      parsed.problems[0].pos.column, parsed.problems[0].message.en));
  }
  if (!parsed.root.is_null() && !parsed.root.is_mapping()) {
    throw EditError("it does not hold a mapping at the top");
  }
  m_root = std::move(parsed.root);
}

namespace {

// Where a value goes: the deepest mapping of the path that exists, and the keys still to create
// below it (the last one being the key set).
struct Target {
  const Node* mapping = nullptr;  // nullptr: the document is empty
  std::vector<std::string> missing;
};

Target locate(const Node& root, const Path& at, const std::string& key)
{
  Target target;
  const Node* node = &root;
  std::size_t i = 0;
  for (; i < at.size(); ++i) {
    const Step& step = at[i];
    if (step.is_key()) {
      if (node->is_null()) {
        break;
      }
      if (!node->is_mapping()) {
        throw EditError(fmt::format("`{}` is not a mapping",
                                    describe({at.begin(), at.begin() + static_cast<std::ptrdiff_t>(i)}, step.key)));
      }
      const Node* value = node->find(step.key);
      if (value == nullptr || value->is_null() || (value->is_mapping() && value->children.empty())) {
        break;
      }
      node = value;
    } else {
      const Node* item = find(*node, {step});
      if (item == nullptr) {
        throw EditError(missing_item(step));
      }
      node = item;
    }
  }
  for (std::size_t j = i; j < at.size(); ++j) {
    if (!at[j].is_key()) {
      throw EditError(missing_item(at[j]));
    }
    target.missing.push_back(at[j].key);
  }
  target.missing.push_back(key);
  if (!node->is_null() && !node->is_mapping()) {
    throw EditError(fmt::format("`{}` is not a mapping", describe(at, key)));
  }
  target.mapping = node->is_null() ? nullptr : node;
  return target;
}

// Writes keys `keys` nested at `indent`, the last one followed by `rendered`.
std::string nested(const std::vector<std::string>& keys, std::size_t first, std::size_t indent,
                   const Rendered& rendered)
{
  std::string out;
  for (std::size_t i = first; i < keys.size(); ++i) {
    const std::size_t at = indent + 2 * (i - first);
    // Keys are the records' field names: plain words.
    out += (i == first ? "" : "\n") + std::string(at, ' ') + keys[i] + ":";
    if (i + 1 == keys.size()) {
      out += rendered(at);
    }
  }
  return out;
}

std::string with_newline(const std::string& text, const std::string& newline)
{
  if (newline == "\n") {
    return text;
  }
  std::string out;
  for (char c : text) {
    out += c == '\n' ? newline : std::string(1, c);
  }
  return out;
}

// Returns the offset of the ':' after key node `key`, or npos.
std::size_t colon_after(const std::string& text, const Node& key)
{
  std::size_t at = byte_offset(text, key.pos);
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
    at = closing_quote(text, at);
    at = at == std::string::npos ? at : at + 1;
  } else {
    at += key.value.size();
  }
  while (at < text.size() && text[at] == ' ') {
    ++at;
  }
  return at < text.size() && text[at] == ':' ? at : std::string::npos;
}

// Returns the offset of the comment that ends the line from `from` on (outside quotes), or the
// line's end.
std::size_t comment_start(const std::string& text, std::size_t from)
{
  const std::size_t end = line_finish(text, from);
  char quote = 0;
  for (std::size_t i = from; i < end; ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && i > from && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
      return i;
    }
  }
  return end;
}

std::string edited_text(const std::string& text, const Node& root, const Target& target, const Rendered& rendered,
                        const std::string& what)
{
  const std::size_t first_nl = text.find('\n');
  const std::string newline =
      first_nl != std::string::npos && first_nl > 0 && text[first_nl - 1] == '\r' ? "\r\n" : "\n";
  if (target.mapping == nullptr) {
    // An empty document (or comments only): the keys go at its end.
    std::string out = text;
    if (!out.empty() && out.back() != '\n') {
      out += newline;
    }
    return out + with_newline(nested(target.missing, 0, 0, rendered), newline) + newline;
  }
  const Node& mapping = *target.mapping;
  if (mapping.children.empty()) {
    throw EditError(fmt::format("`{}` is written in braces; write it one key per line", what));
  }
  const std::optional<std::size_t> indent = block_indent(text, mapping.key(0));
  if (!indent) {
    throw EditError(fmt::format("the mapping that holds `{}` is written in braces; write it one key per line", what));
  }
  // The entry of the first missing key, when it is there but null or `{}`.
  for (std::size_t i = 0; i < mapping.map_size(); ++i) {
    if (!mapping.key(i).is_scalar() || mapping.key(i).value != target.missing.front()) {
      continue;
    }
    const Node& value = mapping.val(i);
    const std::size_t colon = colon_after(text, mapping.key(i));
    if (colon == std::string::npos) {
      throw EditError(fmt::format("cannot find the ':' after `{}`; edit it by hand", mapping.key(i).value));
    }
    const std::size_t begin = colon + 1;
    const std::size_t key_line_end = line_finish(text, begin);
    const std::size_t value_at = value.is_null() ? std::string::npos : byte_offset(text, value.pos);
    const bool block_scalar =
        value.is_scalar() && value_at < text.size() && (text[value_at] == '|' || text[value_at] == '>');
    const std::size_t end = last_content_end(text, begin, boundary_after(text, root, value), block_scalar);
    const std::string replacement =
        target.missing.size() == 1 ? rendered(*indent) : "\n" + nested(target.missing, 1, *indent + 2, rendered);
    if (end <= key_line_end) {
      // The value is on the key's line: a trailing comment stays on that line.
      const std::size_t comment = comment_start(text, begin);
      std::size_t value_end = comment;
      while (value_end > begin && (text[value_end - 1] == ' ' || text[value_end - 1] == '\t')) {
        --value_end;
      }
      if (comment < key_line_end && replacement.front() == '\n') {
        return text.substr(0, begin) + " " + text.substr(comment, key_line_end - comment)
               + with_newline(replacement, newline) + text.substr(key_line_end);
      }
      return text.substr(0, begin) + with_newline(replacement, newline) + text.substr(value_end);
    }
    for (std::size_t line = text.find('\n', begin); !block_scalar && line != std::string::npos && line < end;
         line = text.find('\n', line + 1)) {
      if (is_comment(text, line + 1)) {
        throw EditError(fmt::format("replacing `{}` would drop the comments inside it; edit it by hand", what));
      }
    }
    return text.substr(0, begin) + with_newline(replacement, newline) + text.substr(end);
  }
  // A new key at the end of the mapping, after its last line of content.
  const std::size_t end = last_content_end(text, byte_offset(text, mapping.key(0).pos),
                                           boundary_after(text, root, mapping), false, *indent);
  return text.substr(0, end) + newline + with_newline(nested(target.missing, 0, *indent, rendered), newline)
         + text.substr(end);
}

// Applies the edit to a copy of the tree in memory: what the text must read as afterwards.
// Makes in `expected` the change an edit of `key` at `at` makes: `value` set, or appended.
void expect(Node& expected, const Path& at, const std::string& key, const Node& value, bool append)
{
  Node* node = &expected;
  if (node->is_null()) {
    node->kind = Kind::mapping;
  }
  for (const auto& step : at) {
    if (step.is_key()) {
      Node& next = entry(*node, step.key);
      if (next.is_null()) {
        next.kind = Kind::mapping;
      }
      node = &next;
    } else {
      node = const_cast<Node*>(find(*node, {step}));
      if (node == nullptr) {
        throw EditError(missing_item(step));
      }
    }
  }
  Node& target = entry(*node, key);
  if (append) {
    if (!target.is_sequence()) {
      target = Node{};
      target.kind = Kind::sequence;
    }
    target.children.push_back(value);
  } else {
    target = value;
  }
}

Node expected_tree(const Node& root, const Path& at, const std::string& key, const Node& value, bool append)
{
  Node expected = root;
  expect(expected, at, key, value, append);
  return expected;
}

}  // namespace

void TextEdit::replace(std::string edited, const Path& at, const std::string& key, const Node& value, bool append)
{
  ParseResult after = parse(edited, m_limits);
  const Node expected = expected_tree(m_root, at, key, value, append);
  if (!after.ok || !after.problems.empty() || !same_content(after.root, expected)) {
    throw EditError(
        fmt::format("editing `{}` in place did not give the expected document; edit it by hand", describe(at, key)));
  }
  m_text = std::move(edited);
  m_root = std::move(after.root);
}

void TextEdit::set(const Path& at, const std::string& key, const std::string& value)
{
  const auto node = parsed_value(value_text(value, 0));
  if (!node || !node->is_scalar() || node->value != value) {
    throw EditError(fmt::format("cannot write the value of `{}` as YAML", describe(at, key)));
  }
  const Target target = locate(m_root, at, key);
  replace(edited_text(
              m_text, m_root, target, [&](std::size_t indent) { return value_text(value, indent); }, describe(at, key)),
          at, key, *node, false);
}

void TextEdit::set_all(const std::vector<Assignment>& edits)
{
  struct Region {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
  };
  std::vector<Region> regions;
  Node expected = m_root;
  for (const auto& e : edits) {
    std::string rendered = e.list ? " " + flow_list(*e.list) : e.flow ? " " + e.value : std::string();
    const bool as_is = e.list || e.flow;
    const auto node = e.flow && e.value.find('\n') != std::string::npos
                          ? std::nullopt
                          : parsed_value(as_is ? rendered : value_text(e.value, 0));
    if (!node
        || (e.list   ? !node->is_sequence() || node->children.size() != e.list->size()
            : e.flow ? false
                     : !node->is_scalar() || node->value != e.value)) {
      throw EditError(fmt::format("cannot write the value of `{}` as YAML", describe(e.at, e.key)));
    }
    const Target target = locate(m_root, e.at, e.key);
    const std::string edited = edited_text(
        m_text, m_root, target, [&](std::size_t indent) { return as_is ? rendered : value_text(e.value, indent); },
        describe(e.at, e.key));
    // The region the edit replaces: what lies between the common beginning and end.
    const std::size_t n = m_text.size();
    const std::size_t m = edited.size();
    std::size_t p = 0;
    while (p < n && p < m && m_text[p] == edited[p]) {
      ++p;
    }
    std::size_t q = 0;
    while (q < n - p && q < m - p && m_text[n - 1 - q] == edited[m - 1 - q]) {
      ++q;
    }
    regions.push_back({p, n - q, edited.substr(p, m - q - p)});
    expect(expected, e.at, e.key, *node, false);
  }
  std::sort(regions.begin(), regions.end(), [](const Region& a, const Region& b) { return a.begin > b.begin; });
  for (std::size_t i = 1; i < regions.size(); ++i) {
    if (regions[i].end > regions[i - 1].begin || regions[i].begin == regions[i - 1].begin) {
      // Two edits of the same lines (two keys added to one mapping): one by one instead.
      for (const auto& e : edits) {
        if (e.list) {
          set_list(e.at, e.key, *e.list);
        } else if (e.flow) {
          set_flow(e.at, e.key, e.value);
        } else {
          set(e.at, e.key, e.value);
        }
      }
      return;
    }
  }
  std::string edited = m_text;
  for (const auto& r : regions) {
    edited.replace(r.begin, r.end - r.begin, r.text);
  }
  ParseResult after = parse(edited, m_limits);
  if (!after.ok || !after.problems.empty() || !same_content(after.root, expected)) {
    throw EditError(
        fmt::format("editing {} fields in place did not give the expected document; edit them by hand", edits.size()));
  }
  m_text = std::move(edited);
  m_root = std::move(after.root);
}

void TextEdit::set_flow(const Path& at, const std::string& key, const std::string& flow)
{
  std::string text = " " + flow;  // not const: the lambda below copies it
  const auto node = flow.find('\n') == std::string::npos ? parsed_value(text) : std::nullopt;
  if (!node) {
    throw EditError(fmt::format("cannot write the value of `{}` as YAML", describe(at, key)));
  }
  const Target target = locate(m_root, at, key);
  replace(edited_text(
              m_text, m_root, target, [&](std::size_t) { return text; }, describe(at, key)),
          at, key, *node, false);
}

void TextEdit::set_list(const Path& at, const std::string& key, const std::vector<std::string>& values)
{
  std::string list = " " + flow_list(values);  // not const: the lambda below copies it
  const auto node = parsed_value(list);
  if (!node || !node->is_sequence() || node->children.size() != values.size()) {
    throw EditError(fmt::format("cannot write the list of `{}` as YAML", describe(at, key)));
  }
  const Target target = locate(m_root, at, key);
  replace(edited_text(
              m_text, m_root, target, [&](std::size_t) { return list; }, describe(at, key)),
          at, key, *node, false);
}

void TextEdit::append(const Path& at, const std::string& key, const std::string& item)
{
  const auto alone = parsed_value("\n" + indent_lines(item, 2));
  if (!alone || !alone->is_sequence() || alone->children.size() != 1) {
    throw EditError(fmt::format("cannot write the new item of `{}` as YAML", describe(at, key)));
  }
  const Node& item_node = alone->children.front();
  Path list_path = at;
  list_path.push_back(Step::at(key));
  const Node* list = find(m_root, list_path);
  if (list != nullptr && list->is_sequence() && !list->children.empty()) {
    const std::size_t first = byte_offset(m_text, list->children.front().pos);
    const std::size_t indent = block_item_indent(m_text, first, describe(at, key));
    const std::size_t end = last_content_end(m_text, first, boundary_after(m_text, m_root, *list), false, indent);
    const std::size_t first_nl = m_text.find('\n');
    const std::string newline =
        first_nl != std::string::npos && first_nl > 0 && m_text[first_nl - 1] == '\r' ? "\r\n" : "\n";
    std::string added = indent_lines(item, indent);
    if (!added.empty() && added.back() == '\n') {
      added.pop_back();
    }
    replace(m_text.substr(0, end) + newline + with_newline(added, newline) + m_text.substr(end), at, key, item_node,
            true);
    return;
  }
  if (list != nullptr && !list->is_null() && !list->is_sequence()) {
    throw EditError(fmt::format("`{}` is not a list", describe(at, key)));
  }
  // No list yet, or `key: []`: the key gets a block list of one item.
  const Target target = locate(m_root, at, key);
  const Rendered rendered = [&](std::size_t indent) {
    std::string block = "\n" + indent_lines(item, indent + 2);
    if (block.back() == '\n') {
      block.pop_back();
    }
    return block;
  };
  replace(edited_text(m_text, m_root, target, rendered, describe(at, key)), at, key, item_node, true);
}

void TextEdit::remove(const Path& at, const std::string& key, std::size_t index)
{
  Path list_path = at;
  list_path.push_back(Step::at(key));
  const Node* list = find(m_root, list_path);
  if (list == nullptr || !list->is_sequence() || index >= list->children.size()) {
    throw EditError(fmt::format("`{}` has no item number {}", describe(at, key), index + 1));
  }
  if (list->children.size() == 1) {
    throw EditError(fmt::format("`{}` would become empty; remove its last item in the file itself", describe(at, key)));
  }
  const std::size_t first = byte_offset(m_text, list->children[index].pos);
  const std::size_t begin = line_begin(m_text, first);
  const std::size_t indent = block_item_indent(m_text, first, describe(at, key));
  const std::size_t to = index + 1 < list->children.size()
                             ? line_begin(m_text, byte_offset(m_text, list->children[index + 1].pos))
                             : boundary_after(m_text, m_root, *list);
  std::size_t end = last_content_end(m_text, first, to, false, indent);
  end = end < m_text.size() && m_text[end] == '\r' ? end + 1 : end;
  end = end < m_text.size() && m_text[end] == '\n' ? end + 1 : end;
  std::string edited = m_text.substr(0, begin) + m_text.substr(end);
  ParseResult after = parse(edited, m_limits);
  Node expected = m_root;
  Node* node = const_cast<Node*>(find(expected, list_path));
  node->children.erase(node->children.begin() + static_cast<std::ptrdiff_t>(index));
  if (!after.ok || !after.problems.empty() || !same_content(after.root, expected)) {
    throw EditError(fmt::format("removing item number {} of `{}` in place did not give the expected document; edit "
                                "it by hand",
                                index + 1, describe(at, key)));
  }
  m_text = std::move(edited);
  m_root = std::move(after.root);
}

}  // namespace handoff::yaml
