#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "model/records.hpp"
#include "model/schema.hpp"
#include "yaml/document.hpp"
#include "yaml/edit.hpp"

// The spreadsheet forms (DESIGN §10.4): which record list each form shows, and its columns.
// Each form is declared once, here; the type of a column, its allowed values and whether it is
// required come from the record schema (model/schema.cpp), so a form cannot disagree with it.
namespace handoff::forms {

// How a column's cells are written and read, from the schema type of its field.
// trigger: a payment's `due`, shown as `acceptance`, a milestone id or a date, and written back
// as `acceptance`, `{milestone: M3}` or `{date: 2027-01-15}`.
enum class Kind { text, date, integer, number, choice, list, trigger };

struct Column {
  std::string field;  // the field of the list item; "impact.effort_days": a field of a mapping in the item
  std::string zh;     // the zh-CN header; the English header is the field itself

  // Filled from the schema by forms():
  Kind kind = Kind::text;
  bool required = false;
  std::vector<std::string> values;    // choice: the allowed values
  const model::Spec* spec = nullptr;  // the field's scalar spec (a list's item spec)

  // Returns the header in `language`.
  const std::string& header(core::Language language) const;
};

struct Form {
  std::string name;  // requirements, changes, acceptance, activities, risks, plan, payments
  model::Record record;
  std::string list;                 // the list of the record the rows are: "requirements", "milestones"
  std::string key;                  // the field naming a row: "id"; acceptance: "requirement" (may repeat)
  std::string prefix;               // the prefix of new ids ("REQ-"), empty when the key is not an id given by handoff
  std::size_t width = 0;            // the digits of new ids (REQ-001: 3)
  std::string en;                   // the sheet's name
  std::string zh;                   // the sheet's name under zh-CN
  std::vector<Column> columns;      // the key first
  std::vector<std::string> parent;  // the mappings holding the list: {"contract"} for contract.payments

  // Returns the sheet name in `language`.
  const std::string& sheet(core::Language language) const;
  // Returns the column whose header (English or zh-CN, or the field) is `header`, or nullptr.
  const Column* column(const std::string& header) const;
  // Returns true when the key is unique (every form but acceptance).
  bool unique_key() const { return key == "id"; }
};

// Returns the forms, in the order `export --form all` writes them.
const std::vector<Form>& forms();
// Returns the form named `name` (or whose sheet is named `name`, in either language), or nullptr.
const Form* find_form(const std::string& name);
// Returns the names of the forms, for --form.
std::vector<std::string> form_names();

// The hidden sheet holding the project, the export's commit and the records' digests.
inline constexpr const char* k_meta_sheet = "_handoff";
// The prefix of the hidden sheet's rows listing the keys of each form's rows: "rows:risks".
inline constexpr const char* k_rows_prefix = "rows:";

// Returns the path of the mapping holding the form's list ({} for a list at the top).
yaml::Path parent_path(const Form& form);

// Returns the trigger `text` (a cell: acceptance, a milestone id or a date) as YAML flow syntax:
// `acceptance`, `{milestone: M3}`, `{date: 2027-01-15}`.
std::string trigger_flow(const std::string& text);

// Returns the list items of `form` in the parsed record `root` (nullptr: absent), in file order.
std::vector<const yaml::Node*> items(const Form& form, const yaml::Node* root);

// Returns the value of `column` in `item` as a cell shows it: a scalar's text, a list's items
// joined by ", ", "" when absent or empty.
std::string cell_text(const Column& column, const yaml::Node& item);
// Returns the node of `column` in `item`, or nullptr.
const yaml::Node* cell_node(const Column& column, const yaml::Node& item);

// Splits a list cell into its items: separated by ',' or the full-width '，' or '、', blanks
// around them dropped, empty items left out.
std::vector<std::string> split_list(const std::string& text);

}  // namespace handoff::forms
