#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "yaml/document.hpp"

// Edits of a YAML document as text, so that everything not edited stays as people wrote it:
// comments, blank lines, quoting, key order, line ends. Every edit re-parses its result and is
// refused unless the document now holds exactly the old content with that one change.
namespace handoff::yaml {

// An edit that cannot be made in place; the message says why and what to do instead.
class EditError : public core::UserError {
public:
  using core::UserError::UserError;
};

// One step of a path into a document: the value of a mapping key, the item of a list that is a
// mapping whose `field` holds `value` (the requirement with `id: REQ-001`), or the list's item
// number `index` (0-based).
struct Step {
  std::string key;
  std::string field;  // empty: a mapping key, or an index when `index` is set
  std::string value;
  std::optional<std::size_t> index;

  static Step at(std::string key) { return {std::move(key), {}, {}, {}}; }
  static Step item(std::string field, std::string value) { return {{}, std::move(field), std::move(value), {}}; }
  static Step nth(std::size_t index) { return {{}, {}, {}, index}; }
  bool is_key() const { return field.empty() && !index; }
};
using Path = std::vector<Step>;

// Returns `text` as a scalar written after "key: ": plain when it reads back as the same text
// and as no null or boolean word, else double-quoted with escapes (numbers and dates stay
// plain: the schema says what a value is).
std::string scalar_text(const std::string& text);

// Returns `text` in double quotes, with `"` and `\` escaped, line breaks and tabs as \n and \t,
// other control characters as \xNN: it reads back as exactly `text`.
std::string double_quoted(const std::string& text);

// Returns a flow list of scalars: "[a, b]".
std::string flow_list(const std::vector<std::string>& items);

// Builds one list item as text at column 1 ("- id: R-3\n  title: ...\n"), each value written
// as scalar_text, lists as flow lists, multi-line text as a literal block.
class ItemText {
public:
  ItemText& field(const std::string& key, const std::string& value);
  ItemText& list(const std::string& key, const std::vector<std::string>& values);
  // A value written as it is (true, false): for words scalar_text would quote.
  ItemText& plain(const std::string& key, const std::string& value);
  const std::string& str() const { return m_text; }

private:
  std::string m_text;
};

class TextEdit {
public:
  // Throws EditError when `text` is not valid YAML (its first problem, located) or its top is
  // not a mapping.
  TextEdit(std::string text, Limits limits);

  // Sets `key` of the mapping at `at` to the text `value` (written as scalar_text, or as a
  // literal block when it spans lines). Creates the key, and the mappings of `at` that are
  // missing (list items are never created).
  void set(const Path& at, const std::string& key, const std::string& value);
  // Sets `key` of the mapping at `at` to a flow list of scalars.
  void set_list(const Path& at, const std::string& key, const std::vector<std::string>& values);
  // Sets `key` of the mapping at `at` to `flow`, a value in YAML flow syntax written as it is
  // (`acceptance`, `{date: 2027-01-15}`). Throws EditError when it is not one line of YAML.
  void set_flow(const Path& at, const std::string& key, const std::string& flow);
  // One edit of a batch: set(at, key, value), set_list(at, key, *list) or set_flow(at, key, value).
  struct Assignment {
    Path at;
    std::string key;
    std::string value;
    std::optional<std::vector<std::string>> list = std::nullopt;
    bool flow = false;  // `value` is YAML flow syntax, written as it is (set_flow)
  };
  // Makes the edits as set() and set_list() would, one after the other, but checks them once:
  // each is computed against the document as it is, they are applied from the end of the text
  // backwards, and the result is parsed and compared with the expected document once (a
  // thousand edits of a large file cost one parse, not a thousand). Edits of the same lines
  // (two keys added to one mapping) are made one by one instead. Each (at, key) at most once.
  void set_all(const std::vector<Assignment>& edits);
  // Appends `item` (as ItemText writes it) to the list `key` of the mapping at `at`, creating
  // the list (and missing mappings) when there is none; `key: []` becomes a block list.
  void append(const Path& at, const std::string& key, const std::string& item);

  // Removes item number `index` (0-based) of the block list `key` of the mapping at `at`: its
  // lines, and the comments indented into it; comments above it and blank lines stay. Throws
  // EditError for a list in brackets, a missing item, or the list's only item (the list would
  // become empty: edit the file).
  void remove(const Path& at, const std::string& key, std::size_t index);

  // Returns the document as edited (with the byte order mark it had, if any).
  std::string text() const { return m_bom ? "\xEF\xBB\xBF" + m_text : m_text; }
  // Returns the document as parsed now.
  const Node& root() const { return m_root; }

private:
  void replace(std::string edited, const Path& at, const std::string& key, const Node& value, bool append);

  std::string m_text;  // without a byte order mark: positions count from after it
  bool m_bom = false;
  Limits m_limits;
  Node m_root;
};

// Returns the node at `path` below `root`, or nullptr.
const Node* find(const Node& root, const Path& path);

// Returns whether two trees hold the same content (kinds, texts, order), positions aside.
bool same_content(const Node& a, const Node& b);

}  // namespace handoff::yaml
