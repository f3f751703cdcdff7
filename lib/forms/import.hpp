#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "edit/project_edit.hpp"
#include "forms/form.hpp"
#include "forms/workbook.hpp"
#include "model/records.hpp"

// `handoff import`: the rows of spreadsheet forms compared with a project's records, and the
// differences applied through the record editors' in-place edits (edit::ProjectEdit).
namespace handoff::forms {

// A problem with one cell, row or sheet: `where` is "Sheet!C7" (a CSV file: "C7").
struct Located {
  std::string where;
  std::string message;
};

// What one row of a sheet changes.
struct RowChange {
  const Form* form = nullptr;
  std::string key;                   // the row's id (a new row without one: the id it gets)
  std::optional<std::size_t> index;  // the list item it changes; nullopt: a new item
  std::string where;                 // the row's first cell: "Requirements!A7"
  // The fields it sets, in column order: the column and the value (a list column: its items
  // joined by ", ")
  std::vector<std::pair<const Column*, std::string>> set;
  std::vector<std::string> before;  // for each of `set`, the value it had ("" when absent)
};

// A list item no row of the sheet names.
struct Missing {
  const Form* form = nullptr;
  std::string key;
  std::size_t index = 0;
  std::string where;  // the sheet
};

struct ImportPlan {
  std::vector<RowChange> changes;  // in sheet order
  std::vector<Missing> missing;
  std::vector<std::string> notes;  // sheets left alone, records changed since the export
};

// Reads the forms of `book` and compares their rows with `project`'s records. A CSV file holds
// one form: `csv_form` (nullptr: the form whose columns the header names). Every problem found
// goes to `errors`, located; the plan is then incomplete and must not be applied.
ImportPlan plan_import(const Workbook& book, bool csv, const Form* csv_form, const model::Project& project,
                       std::vector<Located>& errors);

// Applies `changes` to `edit` (a list of rows of one plan, in order) as in-place edits.
void apply(const std::vector<RowChange>& changes, edit::ProjectEdit& edit);

// Removes the list items of `missing` through `edit`, the highest index of each list first (so
// that the indexes of the others hold). Run after apply(): appended items come after them.
void remove(std::vector<Missing> missing, edit::ProjectEdit& edit);

// Returns the fields of `form`'s items that a sign-off holds (requirements, plan, payments), or
// nullptr for a form outside the signed agreement.
const std::vector<std::string>* signed_fields(const Form& form);

// Returns true when `change` alters what the baseline `signed_items` (the ids a sign-off holds
// digests of) binds to: a requirement or milestone added, or one of its scope fields changed.
bool touches_signed(const RowChange& change, const std::set<std::string>& signed_items, bool has_baseline);

// Splits `change` into the fields outside the signed scope (returned) and the scope fields
// (left in `change`).
RowChange split_unsigned(RowChange& change);

}  // namespace handoff::forms
