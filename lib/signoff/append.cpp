#include "signoff/append.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "signoff/canonical.hpp"
#include "support/text.hpp"
#include "yaml/edit.hpp"

namespace handoff::signoff {

namespace {

// Returns the list `key` of a parsed document, or nullptr.
const yaml::Node* list_of(const yaml::Node& root, const std::string& key)
{
  const yaml::Node* list = root.is_mapping() ? root.find(key) : nullptr;
  return list != nullptr && list->is_sequence() ? list : nullptr;
}

std::size_t mapping_items(const yaml::Node* list)
{
  std::size_t n = 0;
  if (list != nullptr) {
    for (const auto& child : list->children) {
      n += child.is_mapping() ? 1 : 0;
    }
  }
  return n;
}

// Returns the number of spaces that start 1-based `line` of `text`.
std::size_t indent_of_line(const std::string& text, int line)
{
  std::size_t offset = 0;
  for (int l = 1; l < line && offset != std::string::npos; ++l) {
    offset = text.find('\n', offset);
    offset = offset == std::string::npos ? offset : offset + 1;
  }
  std::size_t n = 0;
  while (offset != std::string::npos && offset + n < text.size() && text[offset + n] == ' ') {
    ++n;
  }
  return n;
}

// Returns `text` with the empty flow list `[]` that starts at `pos` (and the blanks before
// it) removed, so that block items can follow the key; nullopt when `pos` holds no `[]`.
std::optional<std::string> without_empty_flow_list(const std::string& text, core::Pos pos)
{
  const std::size_t open = yaml::byte_offset(text, pos);
  if (open >= text.size() || text[open] != '[') {
    return std::nullopt;
  }
  std::size_t close = open + 1;
  while (close < text.size() && text[close] == ' ') {
    ++close;
  }
  if (close >= text.size() || text[close] != ']') {
    return std::nullopt;
  }
  std::size_t start = open;
  while (start > 0 && text[start - 1] == ' ') {
    --start;
  }
  return text.substr(0, start) + text.substr(close + 1);
}

std::string indented(const std::string& item, std::size_t indent)
{
  const std::string pad(indent, ' ');
  std::string out;
  std::size_t start = 0;
  while (start < item.size()) {
    std::size_t end = item.find('\n', start);
    end = end == std::string::npos ? item.size() : end + 1;
    out += pad + item.substr(start, end - start);
    start = end;
  }
  if (!out.empty() && out.back() != '\n') {
    out += '\n';
  }
  return out;
}

}  // namespace

std::string append_to_list(const std::string& text, const std::string& key, const std::string& item,
                           const std::string& header, const yaml::Limits& limits)
{
  const yaml::ParseResult before = yaml::parse(text, limits);
  if (!before.ok || !before.problems.empty()) {
    throw AppendError(before.problems.empty() ? std::string("it is not valid YAML; fix it first")
                                              : "line " + std::to_string(before.problems[0].pos.line) + ": "
                                                    + before.problems[0].message.en + "; fix it first");
  }
  if (!before.root.is_null() && !before.root.is_mapping()) {
    throw AppendError("it does not hold a mapping with `" + key + ":` at the top");
  }
  // A file written with CRLF line ends gets CRLF lines.
  const std::size_t first_newline = text.find('\n');
  const bool crlf = first_newline != std::string::npos && first_newline > 0 && text[first_newline - 1] == '\r';
  const std::string newline = crlf ? "\r\n" : "\n";
  std::string out = text;
  std::size_t indent = 2;
  const yaml::Node* key_node = before.root.is_mapping() ? before.root.find(key) : nullptr;
  const yaml::Node* list = list_of(before.root, key);
  if (key_node != nullptr && list != nullptr && list->children.empty()) {
    // `changes: []`, as the scaffold writes it: the first item turns it into a block list.
    auto opened = without_empty_flow_list(text, list->pos);
    if (!opened) {
      throw AppendError("`" + key + ":` is a list written in brackets; write it one item per line (`- ...`)");
    }
    out = std::move(*opened);
  }
  if (!out.empty() && out.back() != '\n') {
    out += newline;
  }
  std::string added;
  if (key_node == nullptr) {
    if (support::trim(out).empty()) {
      added += header;
    }
    added += key + ":\n";
  } else if (list != nullptr && !list->children.empty()) {
    indent = indent_of_line(text, list->children.front().pos.line);
  } else if (list == nullptr && !key_node->is_null()) {
    throw AppendError("`" + key + ":` is not a list of items written one per line");
  }
  added += indented(item, indent);
  if (crlf) {
    std::string converted;
    for (char c : added) {
      if (c == '\n') {
        converted += '\r';
      }
      converted += c;
    }
    added = std::move(converted);
  }
  out += added;

  const yaml::ParseResult after = yaml::parse(out, limits);
  const yaml::ParseResult alone = yaml::parse(key + ":\n" + indented(item, 2), limits);
  const yaml::Node* new_list = after.ok && after.problems.empty() ? list_of(after.root, key) : nullptr;
  const yaml::Node* item_list = alone.ok ? list_of(alone.root, key) : nullptr;
  if (new_list == nullptr || item_list == nullptr || item_list->children.size() != 1
      || mapping_items(new_list) != mapping_items(list) + 1 || !new_list->children.back().is_mapping()
      || canonical_form(new_list->children.back()) != canonical_form(item_list->children.front())) {
    throw AppendError("appending at its end would not add one item to `" + key
                      + ":` (is the list the last thing in the file, written one item per line?)");
  }
  return out;
}

std::string scalar(const std::string& text)
{
  static const char* const k_special[] = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"};
  bool plain = !text.empty() && std::isalnum(static_cast<unsigned char>(text[0])) != 0;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '@' || c == '/');
  }
  if (plain) {
    std::string low = text;
    for (auto& c : low) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const char* word : k_special) {
      plain = plain && low != word;
    }
  }
  return plain ? text : yaml::double_quoted(text);
}

}  // namespace handoff::signoff
