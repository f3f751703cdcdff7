#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

// A YAML document as a tree that keeps every node's position, built from yaml-cpp's
// event parser so that duplicate keys, aliases and depth are under our control.
namespace handoff::yaml {

enum class Kind : unsigned char { null, scalar, sequence, mapping };

struct Node {
  Kind kind = Kind::null;
  bool plain = true;  // a scalar written without quotes or block indicator
  core::Pos pos;      // where the node starts (column in characters)
  std::string value;  // the scalar's text
  // Sequence: the items. Mapping: keys and values alternate (key, value, key, value, ...).
  std::vector<Node> children;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  // Returns the number of entries of a mapping.
  std::size_t map_size() const { return children.size() / 2; }
  const Node& key(std::size_t i) const { return children[2 * i]; }
  const Node& val(std::size_t i) const { return children[2 * i + 1]; }
  // Returns the value of the first entry whose key is the scalar `name`, or nullptr.
  const Node* find(std::string_view name) const;
  // Returns the key node of the first entry named `name`, or nullptr.
  const Node* find_key(std::string_view name) const;
};

// Limits that protect against hostile input.
struct Limits {
  std::size_t max_depth = 64;         // nesting of sequences and mappings
  std::size_t max_nodes = 1'000'000;  // nodes in the tree, aliases expanded
};

// A problem found while reading a document.
struct Problem {
  // HF001 (not valid YAML), HF002 (a scalar not UTF-8 once unescaped), HF005 (duplicate key) or
  // HF009 (over limits)
  std::string rule;
  core::Pos pos;
  core::Message message;  // in English and Simplified Chinese
};

struct ParseResult {
  Node root;                      // null when the document is empty or unreadable
  bool ok = false;                // the document was read (it may still have duplicate keys)
  std::vector<Problem> problems;  // in the order found
};

// Parses one YAML document from `text`. Reports invalid UTF-8, UTF-16/32 byte order marks,
// NUL bytes, tabs in indentation, syntax errors, more than one document, duplicate keys,
// alias cycles, inputs over `limits` and scalars whose escapes leave bytes that are not UTF-8
// (see repair_unescaped). Every scalar value of the tree is valid UTF-8. Never throws for bad
// input.
ParseResult parse(std::string_view text, const Limits& limits = {});

// Makes a scalar that yaml-cpp unescaped valid UTF-8 again: yaml-cpp writes the escapes `\N`
// and `\_` as the single bytes 0x85 and 0xA0 instead of U+0085 and U+00A0, which this encodes
// properly. Any other byte that is still not UTF-8 is written as the text \xff (as
// support::visible shows it); returns the first such byte, or nullopt when there was none.
std::optional<unsigned char> repair_unescaped(std::string& value);

// Returns the position of the 0-based byte offset `offset` into `text`: 1-based line, and
// 1-based column counted in characters (Unicode code points), as every output shows it.
core::Pos position_of(std::string_view text, std::size_t offset);

// Returns the 0-based byte offset in `text` of the 1-based `pos` (column in characters), the
// inverse of position_of: the end of the line when the line is shorter, the end of `text` when
// `text` has fewer lines. Every edit of a file at a node's position goes through it.
std::size_t byte_offset(std::string_view text, core::Pos pos);

// Returns the offset of the quote that closes the quoted scalar opening at `offset` (where
// `text` holds '"' or '\''), reading escapes ("\"" in double quotes, '' in single quotes),
// or std::string_view::npos when the text ends first.
std::size_t closing_quote(std::string_view text, std::size_t offset);

}  // namespace handoff::yaml
