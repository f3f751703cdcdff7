#include "forms/export.hpp"

#include <xlsxwriter.h>

#include <algorithm>

#include <fmt/format.h>

#include "forms/workbook.hpp"
#include "model/schema.hpp"
#include "signoff/canonical.hpp"
#include "support/date.hpp"
#include "support/text.hpp"

namespace handoff::forms {

namespace {

// The rows every drop-down and unlocked column covers below the header: room to add rows.
constexpr lxw_row_t k_form_rows = 1000;

// The workbook's creation time, fixed so that the same records give the same bytes:
// 2000-01-01T00:00:00Z.
constexpr time_t k_created = 946684800;

double column_width(const Column& column, core::Language language)
{
  switch (column.kind) {
  case Kind::date:
    return 12;
  case Kind::integer:
  case Kind::number:
    return 10;
  case Kind::choice:
    return 14;
  default:
    break;
  }
  const std::string& header = column.header(language);
  if (column.field == "title" || column.field == "name" || column.field == "description" || column.field == "acceptance"
      || column.field == "summary" || column.field == "mitigation") {
    return 40;
  }
  return std::max(12.0, static_cast<double>(header.size()) + 2);
}

void check(lxw_error error, const std::string& path)
{
  if (error != LXW_NO_ERROR) {
    throw WriteError(fmt::format("cannot write {}: {}", support::quote(path), lxw_strerror(error)));
  }
}

}  // namespace

ExportMeta export_meta(const model::Project& project, const std::vector<const Form*>& forms, std::string commit)
{
  ExportMeta meta;
  meta.project = project.folder;
  meta.commit = std::move(commit);
  for (const Form* form : forms) {
    const auto& file = project.file(form->record);
    const yaml::Node empty;
    meta.digests.emplace_back(model::file_name(form->record), signoff::digest(file.tree ? *file.tree : empty));
  }
  for (const Form* form : forms) {
    std::string keys;
    for (const auto& row : form_rows(*form, project)) {
      keys += (keys.empty() ? "" : ", ") + row.front();
    }
    meta.rows.emplace_back(std::string(k_rows_prefix) + form->name, keys);
  }
  return meta;
}

std::vector<std::vector<std::string>> form_rows(const Form& form, const model::Project& project)
{
  std::vector<std::vector<std::string>> rows;
  for (const yaml::Node* item : items(form, project.file(form.record).tree.get())) {
    std::vector<std::string> row;
    row.reserve(form.columns.size());
    for (const auto& column : form.columns) {
      row.push_back(cell_text(column, *item));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_xlsx(const std::string& path, const std::vector<const Form*>& forms, const model::Project& project,
                core::Language language, const ExportMeta& meta)
{
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) {
    throw WriteError(fmt::format("cannot write {}", support::quote(path)));
  }
  // workbook_close writes and frees the workbook; a step that throws closes it first.
  bool closed = false;
  try {
    lxw_doc_properties properties{};
    std::string title = fmt::format("{} ({})", project.card.name.value_or(project.folder), project.folder);
    properties.title = title.data();
    properties.created = k_created;
    check(workbook_set_properties(book, &properties), path);

    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xD9E1F2);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* locked = workbook_add_format(book);
    format_set_bg_color(locked, 0xF2F2F2);
    format_set_text_wrap(locked);
    format_set_align(locked, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* open = workbook_add_format(book);
    format_set_unlocked(open);
    format_set_text_wrap(open);
    format_set_align(open, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* open_date = workbook_add_format(book);
    format_set_unlocked(open_date);
    format_set_num_format(open_date, "yyyy-mm-dd");
    format_set_align(open_date, LXW_ALIGN_VERTICAL_TOP);

    for (const Form* form : forms) {
      lxw_worksheet* sheet = workbook_add_worksheet(book, form->sheet(language).c_str());
      if (sheet == nullptr) {
        throw WriteError(fmt::format("cannot write {}: no sheet {}", support::quote(path), form->sheet(language)));
      }
      const auto rows = form_rows(*form, project);
      const lxw_row_t last_row = std::max<lxw_row_t>(k_form_rows, static_cast<lxw_row_t>(rows.size()) + 100);
      for (std::size_t c = 0; c < form->columns.size(); ++c) {
        const Column& column = form->columns[c];
        const auto col = static_cast<lxw_col_t>(c);
        const bool read_only = c == 0 && form->unique_key();
        lxw_format* body = read_only ? locked : column.kind == Kind::date ? open_date : open;
        worksheet_set_column(sheet, col, col, column_width(column, language), body);
        worksheet_write_string(sheet, 0, col, column.header(language).c_str(), header);
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const std::string& text = rows[r][c];
          const auto row = static_cast<lxw_row_t>(r + 1);
          if (text.empty()) {
            worksheet_write_blank(sheet, row, col, body);
            continue;
          }
          const auto date = column.kind == Kind::date ? support::Date::parse(text) : std::nullopt;
          const auto number =
              column.kind == Kind::integer || column.kind == Kind::number ? model::parse_number(text) : std::nullopt;
          if (date) {
            worksheet_write_number(sheet, row, col, date_serial(date->year, date->month, date->day), body);
          } else if (number && fmt::format("{}", *number) == text) {
            worksheet_write_number(sheet, row, col, *number, body);
          } else {
            worksheet_write_string(sheet, row, col, text.c_str(), body);
          }
        }
        if (column.kind == Kind::choice) {
          std::vector<std::string> values = column.values;
          std::vector<char*> list;
          list.reserve(values.size() + 1);
          for (auto& v : values) {
            list.push_back(v.data());
          }
          list.push_back(nullptr);
          lxw_data_validation validation{};
          validation.validate = LXW_VALIDATION_TYPE_LIST;
          validation.value_list = list.data();
          validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
          check(worksheet_data_validation_range(sheet, 1, col, last_row, col, &validation), path);
        }
      }
      worksheet_freeze_panes(sheet, 1, 0);
      lxw_protection protection{};
      protection.format_cells = LXW_TRUE;
      protection.format_columns = LXW_TRUE;
      protection.format_rows = LXW_TRUE;
      protection.insert_rows = LXW_TRUE;
      protection.delete_rows = LXW_TRUE;
      protection.sort = LXW_TRUE;
      protection.autofilter = LXW_TRUE;
      worksheet_protect(sheet, nullptr, &protection);
    }

    lxw_worksheet* hidden = workbook_add_worksheet(book, k_meta_sheet);
    std::vector<std::pair<std::string, std::string>> lines = {{"project", meta.project}, {"commit", meta.commit}};
    lines.insert(lines.end(), meta.digests.begin(), meta.digests.end());
    lines.insert(lines.end(), meta.rows.begin(), meta.rows.end());
    for (std::size_t r = 0; r < lines.size(); ++r) {
      worksheet_write_string(hidden, static_cast<lxw_row_t>(r), 0, lines[r].first.c_str(), nullptr);
      worksheet_write_string(hidden, static_cast<lxw_row_t>(r), 1, lines[r].second.c_str(), nullptr);
    }
    worksheet_set_column(hidden, 0, 0, 20, nullptr);
    worksheet_set_column(hidden, 1, 1, 75, nullptr);
    worksheet_protect(hidden, nullptr, nullptr);
    worksheet_hide(hidden);
    closed = true;
    check(workbook_close(book), path);
  } catch (...) {
    if (!closed) {
      workbook_close(book);
    }
    throw;
  }
}

std::string csv_text(const Form& form, const model::Project& project, core::Language language)
{
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> headers;
  for (const auto& column : form.columns) {
    headers.push_back(column.header(language));
  }
  out += csv_line(headers);
  for (const auto& row : form_rows(form, project)) {
    out += csv_line(row);
  }
  return out;
}

}  // namespace handoff::forms
