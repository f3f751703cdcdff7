#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"
#include "forms/form.hpp"
#include "model/records.hpp"

// `handoff export`: a project's records as spreadsheet forms (.xlsx through libxlsxwriter, or
// .csv).
namespace handoff::forms {

// The workbook cannot be written: the message says why.
class WriteError : public core::UserError {
public:
  using core::UserError::UserError;
};

// What the hidden sheet holds besides the project id: the commit of the workspace when the
// export was made ("" outside git) and the digest of each record a form shows.
struct ExportMeta {
  std::string project;
  std::string commit;
  std::vector<std::pair<std::string, std::string>> digests;  // file name -> sha256:... (signoff::digest)
  // "rows:requirements" -> the keys of the rows exported, joined by ", ": import tells a row
  // deleted from the sheet from an item added to the records after the export
  std::vector<std::pair<std::string, std::string>> rows;
};

// Returns the meta of the export of `forms` from `project` at `commit`.
ExportMeta export_meta(const model::Project& project, const std::vector<const Form*>& forms, std::string commit);

// Returns the rows of `form` for `project`: one per list item, cells as cell_text shows them.
std::vector<std::vector<std::string>> form_rows(const Form& form, const model::Project& project);

// Writes `forms` of `project` to the .xlsx file `path`: one sheet per form (headers in
// `language`, enum columns with drop-downs, dates as dates, frozen header, the id column
// locked, the sheet protected otherwise open to edits, rows and sorting) and the hidden sheet
// `_handoff` with `meta`. The output is the same bytes for the same input (fixed timestamps).
// Throws WriteError.
void write_xlsx(const std::string& path, const std::vector<const Form*>& forms, const model::Project& project,
                core::Language language, const ExportMeta& meta);

// Returns `form` of `project` as CSV: UTF-8 with a byte order mark (so that Excel reads it as
// UTF-8), a header line in `language`, CRLF line ends.
std::string csv_text(const Form& form, const model::Project& project, core::Language language);

}  // namespace handoff::forms
