#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "yaml/document.hpp"

// The semantic difference of two versions of a record: ids added and removed, fields changed
// with their old and new values. Formatting and comments are not differences.
namespace handoff::signoff {

// A field whose value differs; a value is nullopt when the field is absent (or null).
struct FieldDiff {
  std::string field;  // "due", or "estimate.duration_weeks" inside a mapping
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// An item of an id-keyed list (requirements, milestones, risks, changes, ...).
struct ItemDiff {
  enum class Kind { added, removed, changed };
  Kind kind = Kind::changed;
  std::string list;               // "requirements"
  std::string id;                 // "REQ-003"
  std::string title;              // its title or name, when it has one
  std::vector<FieldDiff> fields;  // for a changed item
};

struct RecordDiff {
  model::Record record = model::Record::requirements;
  std::vector<FieldDiff> fields;  // fields outside id-keyed lists
  std::vector<ItemDiff> items;

  bool empty() const { return fields.empty() && items.empty(); }
};

// Returns how `after` differs from `before` (documents of `record`; null is an empty record).
RecordDiff diff_record(model::Record record, const yaml::Node& before, const yaml::Node& after);

// Returns a node's value as one line: a scalar's text, [a, b] for a list, {k: v} for a mapping.
std::string render(const yaml::Node& node);

// Returns "added", "removed" or "changed".
const char* to_string(ItemDiff::Kind kind);

}  // namespace handoff::signoff
