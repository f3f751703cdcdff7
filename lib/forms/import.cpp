#include "forms/import.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "edit/project_edit.hpp"
#include "model/schema.hpp"
#include "signoff/baseline.hpp"
#include "signoff/canonical.hpp"
#include "support/date.hpp"
#include "support/text.hpp"
#include "yaml/edit.hpp"

namespace handoff::forms {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep)
{
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : sep) + item;
  }
  return out;
}

std::string where_of(const std::string& sheet, bool csv, std::size_t row, std::size_t col)
{
  return csv ? cell_ref(row, col) : sheet + "!" + cell_ref(row, col);
}

// A number as a record holds it: 12.5, 6 (the shortest text that reads back as the value).
std::string number_text(const std::string& text)
{
  if (const auto v = model::parse_number(text)) {
    return fmt::format("{}", *v);
  }
  return text;
}

// Returns the value of `cell` for `column` as a record would hold it, or an error message.
std::optional<std::string> cell_value(const Cell& cell, const Column& column, bool date1904, std::string& error)
{
  switch (cell.type) {
  case Cell::Type::empty:
    return std::string();
  case Cell::Type::error:
    error = fmt::format("the cell shows the error {}; type the value", cell.text);
    return {};
  case Cell::Type::boolean:
    return std::string(cell.text == "1" ? "true" : "false");
  default:
    break;
  }
  std::string text = cell.text;
  if (column.kind == Kind::trigger) {
    if (cell.type == Cell::Type::number) {
      // a date: typed into the sheet, the spreadsheet made it a date cell
      const auto v = model::parse_number(text);
      const auto date = v ? serial_date(*v, date1904) : std::nullopt;
      if (!date) {
        error = fmt::format("expected acceptance, a milestone (M3) or a date (YYYY-MM-DD), found the number {}", text);
        return {};
      }
      return *date;
    }
    text = support::trim(text);
    const bool id = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    const bool date_like =
        text.size() == 10 && text[4] == '-' && text[7] == '-' && std::isdigit(static_cast<unsigned char>(text[0])) != 0;
    if (date_like && !support::Date::parse(text)) {
      error = fmt::format("expected a real calendar date, found {}", support::quote(text));
      return {};
    }
    if (!text.empty() && !id && !support::Date::parse(text)) {
      error =
          fmt::format("expected acceptance, a milestone (M3) or a date (YYYY-MM-DD), found {}", support::quote(text));
      return {};
    }
    return text;
  }
  if (column.kind == Kind::date) {
    if (cell.type == Cell::Type::number) {
      const auto v = model::parse_number(text);
      const auto date = v ? serial_date(*v, date1904) : std::nullopt;
      if (!date) {
        error = fmt::format("expected a date, found the number {}", text);
        return {};
      }
      text = *date;
    } else {
      text = support::trim(text);
      // 2026/9/12, as a sheet shows a date typed as text in some locales
      int y = 0;
      int m = 0;
      int d = 0;
      char a = 0;
      char b = 0;
      if (std::sscanf(text.c_str(), "%4d%c%2d%c%2d", &y, &a, &m, &b, &d) == 5 && a == b && (a == '/' || a == '.')) {
        text = fmt::format("{:04}-{:02}-{:02}", y, m, d);
      }
    }
  } else if (column.kind == Kind::integer || column.kind == Kind::number) {
    text = number_text(support::trim(text));
  } else if (cell.type == Cell::Type::number && cell.date) {
    // a date typed into a text column: the spreadsheet made it a date cell
    const auto v = model::parse_number(text);
    const auto date = v ? serial_date(*v, date1904) : std::nullopt;
    text = date ? *date : number_text(text);
  } else if (cell.type == Cell::Type::number) {
    text = number_text(text);
  } else if (column.kind == Kind::choice || column.kind == Kind::list) {
    text = support::trim(text);
  }
  if (text.empty()) {
    return text;
  }
  if (column.kind == Kind::list) {
    const auto items = split_list(text);
    for (const auto& item : items) {
      if (auto problem = model::scalar_error(*column.spec, item, true)) {
        error = problem->en;
        return {};
      }
    }
    return join(items, ", ");
  }
  if (auto problem = model::scalar_error(*column.spec, text, true)) {
    error = problem->en;
    if (column.kind == Kind::choice) {
      error = fmt::format("expected one of {}, found {}", join(column.values, ", "), support::quote(text));
    }
    return {};
  }
  return text;
}

// Returns true when the record's `before` and the sheet's `after` hold the same value.
bool same_value(const Column& column, const std::string& before, const std::string& after)
{
  if (before == after) {
    return true;
  }
  if (column.kind == Kind::integer || column.kind == Kind::number) {
    const auto a = model::parse_number(before);
    const auto b = model::parse_number(after);
    return a && b && *a == *b;
  }
  if (column.kind == Kind::list) {
    return split_list(before) == split_list(after);
  }
  if (column.kind == Kind::text) {
    // A cell cannot hold a line end other than LF, nor trailing line breaks as a block scalar
    // keeps them.
    std::string b = before;
    while (!b.empty() && b.back() == '\n') {
      b.pop_back();
    }
    return b == after;
  }
  return false;
}

struct Header {
  std::vector<const Column*> columns;  // by sheet column; nullptr: empty header
};

void plan_sheet(const Sheet& sheet, bool csv, bool date1904, const Form& form, const model::Project& project,
                ImportPlan& plan, std::vector<Located>& errors)
{
  const std::string& name = sheet.name;
  for (const auto& range : sheet.merged) {
    const std::string first = range.substr(0, range.find(':'));
    errors.push_back({csv ? first : name + "!" + first,
                      fmt::format("merged cells ({}); a form has one value per cell: unmerge them", range)});
  }
  Header header;
  const std::vector<Cell> none;
  const auto& head = sheet.rows.empty() ? none : sheet.rows.front();
  std::map<const Column*, std::size_t> seen;
  for (std::size_t c = 0; c < head.size(); ++c) {
    const Cell& cell = head[c];
    const std::string text = support::trim(cell.text);
    if (cell.type == Cell::Type::empty || text.empty()) {
      header.columns.push_back(nullptr);
      continue;
    }
    const Column* column = form.column(text);
    if (column == nullptr) {
      std::vector<std::string> names;
      for (const auto& col : form.columns) {
        names.push_back(col.field);
      }
      errors.push_back(
          {where_of(name, csv, 0, c), fmt::format("unknown column {}; the {} form has {} (or their zh-CN headers)",
                                                  support::quote(text), form.name, join(names, ", "))});
      header.columns.push_back(nullptr);
      continue;
    }
    if (const auto it = seen.find(column); it != seen.end()) {
      errors.push_back({where_of(name, csv, 0, c), fmt::format("column {} again (first in {}); keep one",
                                                               support::quote(text), cell_ref(0, it->second))});
      header.columns.push_back(nullptr);
      continue;
    }
    seen[column] = c;
    header.columns.push_back(column);
  }
  bool complete = true;
  for (const auto& column : form.columns) {
    if (column.required && !seen.contains(&column)) {
      errors.push_back(
          {where_of(name, csv, 0, 0),
           fmt::format("no column {} in the header row (row 1); the {} form needs it", column.field, form.name)});
      complete = false;
    }
  }
  if (!complete) {
    return;
  }

  const auto current = items(form, project.file(form.record).tree.get());
  std::map<std::string, std::vector<std::size_t>> by_key;  // key -> indexes, in file order
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < current.size(); ++i) {
    const std::string key = cell_text(form.columns.front(), *current[i]);
    by_key[key].push_back(i);
    ids.push_back(key);
  }
  std::map<std::string, std::size_t> used;       // key -> rows that named it
  std::map<std::string, std::size_t> first_row;  // key -> its first row (0-based)
  std::vector<bool> named(current.size(), false);
  std::vector<std::string> new_ids = ids;
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    bool blank = true;
    for (std::size_t c = 0; c < row.size() && c < header.columns.size(); ++c) {
      blank = blank && (row[c].type == Cell::Type::empty || (row[c].type == Cell::Type::text && row[c].text.empty()))
              && !row[c].formula;
    }
    if (blank) {
      continue;
    }
    const Column& key_column = form.columns.front();
    const std::size_t key_col = seen[&key_column];
    // The row's key first: an unchanged cell that the schema would refuse (a record that is
    // itself wrong) is compared with the item it names, not refused.
    std::string key;
    {
      std::string error;
      const Cell& cell = key_col < row.size() ? row[key_col] : sheet.at(r, key_col);
      const auto value = cell.formula ? std::nullopt : cell_value(cell, key_column, date1904, error);
      key = value ? *value : support::trim(cell.text);
    }
    const bool new_key = key.empty();
    if (new_key && form.unique_key()) {
      key = edit::next_id(new_ids, form.prefix, form.width);
      new_ids.push_back(key);
    }
    const std::size_t n = used[key]++;
    const auto known = by_key.find(key);
    const bool matches = known != by_key.end() && n < known->second.size();
    if (form.unique_key() && n > 0 && !matches) {
      errors.push_back(
          {where_of(name, csv, r, key_col), fmt::format("{} {} again (first in row {}); each row names another item",
                                                        key_column.field, key, first_row[key] + 1)});
      continue;
    }
    first_row.emplace(key, r);
    const yaml::Node* matched = matches ? current[known->second[n]] : nullptr;
    if (matches) {
      named[known->second[n]] = true;  // even when a cell of the row is refused below
    }

    std::map<const Column*, std::string> values;
    bool ok = true;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Column* column = c < header.columns.size() ? header.columns[c] : nullptr;
      const Cell& cell = row[c];
      if (column == nullptr) {
        if (cell.type != Cell::Type::empty && !(c < head.size() && head[c].type != Cell::Type::empty)) {
          errors.push_back({where_of(name, csv, r, c), "a value in a column without a header; give the column a "
                                                       "header of the form or clear the cell"});
          ok = false;
        }
        continue;
      }
      if (cell.formula) {
        errors.push_back(
            {where_of(name, csv, r, c),
             fmt::format("a formula in column {}; a form holds values: paste it as values", column->field)});
        ok = false;
        continue;
      }
      std::string error;
      const auto value = cell_value(cell, *column, date1904, error);
      if (!value) {
        if (matched != nullptr && cell.type == Cell::Type::text && cell.text == cell_text(*column, *matched)) {
          values[column] = cell.text;  // as the record has it: its own finding, not the sheet's
          continue;
        }
        errors.push_back({where_of(name, csv, r, c), fmt::format("{}: {}", column->field, error)});
        ok = false;
        continue;
      }
      values[column] = *value;
    }
    values[&key_column] = key;
    for (const auto& column : form.columns) {
      if (column.required && values[&column].empty() && ok) {
        errors.push_back({where_of(name, csv, r, seen[&column]),
                          fmt::format("{} is empty; every {} row needs one", column.field, form.name)});
        ok = false;
      }
    }
    if (!ok) {
      continue;
    }
    RowChange change;
    change.form = &form;
    change.where = where_of(name, csv, r, key_col);
    change.key = key;
    if (matches) {
      change.index = known->second[n];
      const yaml::Node& item = *current[*change.index];
      for (const auto& column : form.columns) {
        if (!seen.contains(&column) || &column == &key_column) {
          continue;
        }
        const std::string before = cell_text(column, item);
        const std::string& after = values[&column];
        if (same_value(column, before, after)) {
          continue;
        }
        if (after.empty()) {
          errors.push_back(
              {where_of(name, csv, r, seen[&column]),
               fmt::format("{} of {} is empty but the record holds {}; import does not clear a field: put the value "
                           "back, or remove it from {} itself",
                           column.field, key, support::quote(before), model::file_name(form.record))});
          continue;
        }
        change.set.emplace_back(&column, after);
        change.before.push_back(before);
      }
      if (!change.set.empty()) {
        plan.changes.push_back(std::move(change));
      }
    } else {
      for (const auto& column : form.columns) {
        if (&column != &key_column && !values[&column].empty()) {
          change.set.emplace_back(&column, values[&column]);
          change.before.emplace_back();
        }
      }
      plan.changes.push_back(std::move(change));
    }
  }
  for (std::size_t i = 0; i < current.size(); ++i) {
    if (!named[i]) {
      plan.missing.push_back({&form, ids[i], i, csv ? std::string() : name});
    }
  }
}

}  // namespace

ImportPlan plan_import(const Workbook& book, bool csv, const Form* csv_form, const model::Project& project,
                       std::vector<Located>& errors)
{
  ImportPlan plan;
  if (csv) {
    const Sheet& sheet = book.sheets.front();
    const Form* form = csv_form;
    if (form == nullptr) {
      // The form whose columns the header names: every header is one of its columns.
      std::vector<const Form*> fits;
      for (const auto& f : forms()) {
        bool all = !sheet.rows.empty() && !sheet.rows.front().empty();
        for (const auto& cell : sheet.rows.empty() ? std::vector<Cell>() : sheet.rows.front()) {
          all = all && (cell.type == Cell::Type::empty || f.column(support::trim(cell.text)) != nullptr);
        }
        bool has_key = false;
        for (const auto& cell : sheet.rows.empty() ? std::vector<Cell>() : sheet.rows.front()) {
          has_key = has_key || f.column(support::trim(cell.text)) == &f.columns.front();
        }
        if (all && has_key) {
          fits.push_back(&f);
        }
      }
      if (fits.size() != 1) {
        errors.push_back({"A1", fits.empty() ? "the header row names the columns of no form; export a form to see "
                                               "its header, or give --form"
                                             : "the header row fits more than one form; give --form"});
        return plan;
      }
      form = fits.front();
    }
    plan_sheet(sheet, true, false, *form, project, plan, errors);
    return plan;
  }
  std::map<const Form*, std::string> sheets;
  std::map<std::string, std::vector<std::string>> exported;  // form -> the keys of the rows exported
  for (const auto& sheet : book.sheets) {
    if (sheet.name == k_meta_sheet) {
      for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        const std::string key = sheet.at(r, 0).text;
        const std::string value = sheet.at(r, 1).text;
        if (key.starts_with(k_rows_prefix)) {
          exported[key.substr(std::string_view(k_rows_prefix).size())] = split_list(value);
        }
        if (key == "project" && value != project.folder) {
          errors.push_back({sheet.name + "!" + cell_ref(r, 1),
                            fmt::format("the workbook was exported from project {}, not {}; import it there, or "
                                        "export {} and fill in that workbook",
                                        support::quote(value), project.folder, project.folder)});
        }
        for (const auto& form : forms()) {
          if (model::file_name(form.record) != key) {
            continue;
          }
          const auto& file = project.file(form.record);
          const yaml::Node empty;
          if (signoff::digest(file.tree ? *file.tree : empty) != value) {
            plan.notes.push_back(fmt::format("{} changed since the workbook was exported; its rows are compared with "
                                             "the file as it is now",
                                             file.path));
          }
          break;
        }
      }
      continue;
    }
    const Form* form = find_form(sheet.name);
    if (form == nullptr) {
      plan.notes.push_back(fmt::format("sheet {} is not a form; left alone", support::quote(sheet.name)));
      continue;
    }
    if (const auto it = sheets.find(form); it != sheets.end()) {
      errors.push_back({sheet.name + "!A1", fmt::format("a second sheet of the {} form (the first is {}); keep "
                                                        "one sheet per form",
                                                        form->name, support::quote(it->second))});
      continue;
    }
    sheets[form] = sheet.name;
    plan_sheet(sheet, false, book.date1904, *form, project, plan, errors);
  }
  // An item added to the records after the export is not a row deleted from the sheet.
  std::erase_if(plan.missing, [&](const Missing& m) {
    const auto it = exported.find(m.form->name);
    return it != exported.end() && std::find(it->second.begin(), it->second.end(), m.key) == it->second.end();
  });
  if (sheets.empty() && errors.empty()) {
    errors.push_back({book.sheets.empty() ? std::string("") : book.sheets.front().name + "!A1",
                      "no sheet is a form: name a sheet Requirements, Changes, Acceptance, Activities, Risks, "
                      "Plan or Payments (or 需求澄清表, 变更申请单, 验收单, 售前活动记录, 风险登记册, 项目计划, "
                      "回款计划)"});
  }
  return plan;
}

namespace {

// The path and key of `column` in item number `index` of the form's list.
std::pair<yaml::Path, std::string> field_at(const Form& form, const Column& column, std::size_t index)
{
  yaml::Path at = parent_path(form);
  at.push_back(yaml::Step::at(form.list));
  at.push_back(yaml::Step::nth(index));
  std::string key = column.field;
  if (const auto dot = key.find('.'); dot != std::string::npos) {
    at.push_back(yaml::Step::at(key.substr(0, dot)));
    key = key.substr(dot + 1);
  }
  return {at, key};
}

yaml::TextEdit::Assignment assignment(const Form& form, const Column& column, std::size_t index,
                                      const std::string& value)
{
  auto [at, key] = field_at(form, column, index);
  if (column.kind == Kind::list) {
    return {at, key, {}, split_list(value)};
  }
  if (column.kind == Kind::trigger && !value.empty()) {
    return {at, key, trigger_flow(value), std::nullopt, true};
  }
  return {at, key, value};
}

}  // namespace

void apply(const std::vector<RowChange>& changes, edit::ProjectEdit& edit)
{
  // The changed cells of existing items first, checked once per file; then the new items.
  std::map<model::Record, std::vector<yaml::TextEdit::Assignment>> batches;
  for (const auto& change : changes) {
    if (change.index) {
      for (const auto& [column, value] : change.set) {
        batches[change.form->record].push_back(assignment(*change.form, *column, *change.index, value));
      }
    }
  }
  for (const auto& [record, batch] : batches) {
    edit.file(record).set_all(batch);
  }
  for (const auto& change : changes) {
    if (change.index) {
      continue;
    }
    const Form& form = *change.form;
    yaml::TextEdit& text = edit.file(form.record);
    const std::size_t index = items(form, &text.root()).size();
    yaml::ItemText item;
    item.field(form.key, change.key);
    for (const auto& [column, value] : change.set) {
      if (column->field.find('.') != std::string::npos) {
        continue;
      }
      if (column->kind == Kind::list) {
        item.list(column->field, split_list(value));
      } else if (column->kind == Kind::trigger && !value.empty()) {
        item.plain(column->field, trigger_flow(value));
      } else {
        item.field(column->field, value);
      }
    }
    text.append(parent_path(form), form.list, item.str());
    std::vector<yaml::TextEdit::Assignment> nested;
    for (const auto& [column, value] : change.set) {
      if (column->field.find('.') != std::string::npos) {
        nested.push_back(assignment(form, *column, index, value));
      }
    }
    if (!nested.empty()) {
      text.set_all(nested);
    }
  }
}

void remove(std::vector<Missing> missing, edit::ProjectEdit& edit)
{
  std::sort(missing.begin(), missing.end(), [](const Missing& a, const Missing& b) {
    return a.form->record != b.form->record ? a.form->record < b.form->record : a.index > b.index;
  });
  for (const auto& m : missing) {
    edit.file(m.form->record).remove(parent_path(*m.form), m.form->list, m.index);
  }
}

const std::vector<std::string>* signed_fields(const Form& form)
{
  if (form.name == "requirements") {
    return &signoff::requirement_scope_fields();
  }
  if (form.name == "plan") {
    return &signoff::milestone_scope_fields();
  }
  if (form.name == "payments") {
    return &signoff::payment_scope_fields();
  }
  return nullptr;
}

bool touches_signed(const RowChange& change, const std::set<std::string>& signed_items, bool has_baseline)
{
  if (!has_baseline) {
    return false;
  }
  const Form& form = *change.form;
  const std::vector<std::string>* fields = signed_fields(form);
  if (fields == nullptr) {
    return false;
  }
  if (!change.index) {
    return true;  // a new requirement, milestone or payment is scope drift until a change request adds it
  }
  if (!signed_items.contains(change.key)) {
    return false;
  }
  const auto& scope = *fields;
  return std::any_of(change.set.begin(), change.set.end(), [&](const auto& entry) {
    return std::find(scope.begin(), scope.end(), entry.first->field) != scope.end();
  });
}

RowChange split_unsigned(RowChange& change)
{
  RowChange rest = change;
  rest.set.clear();
  rest.before.clear();
  RowChange scope = change;
  scope.set.clear();
  scope.before.clear();
  const std::vector<std::string>& fields = *signed_fields(*change.form);
  for (std::size_t i = 0; i < change.set.size(); ++i) {
    const bool in_scope =
        !change.index || std::find(fields.begin(), fields.end(), change.set[i].first->field) != fields.end();
    RowChange& to = in_scope ? scope : rest;
    to.set.push_back(change.set[i]);
    to.before.push_back(change.before[i]);
  }
  change = std::move(scope);
  return rest;
}

}  // namespace handoff::forms
