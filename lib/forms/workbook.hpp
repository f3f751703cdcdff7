#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

// A spreadsheet as the forms read it: sheets of cells, from .xlsx (libzip and pugixml) or .csv.
namespace handoff::forms {

// A file that cannot be read as a workbook: the message says why.
class ReadError : public core::UserError {
public:
  using core::UserError::UserError;
};

struct Cell {
  enum class Type { empty, text, number, boolean, error };
  Type type = Type::empty;
  std::string text;   // text: the string; number: the value as written ("45123", "12.5"); boolean: "0"/"1"
  bool date = false;  // a number with a date format
  bool formula = false;
};

struct Sheet {
  std::string name;
  bool hidden = false;
  std::vector<std::vector<Cell>> rows;  // rows[0] is row 1; a row may be shorter than others
  std::vector<std::string> merged;      // merged ranges as written: "A2:B2"

  // Returns the cell at 0-based `row` and `col`, or an empty cell.
  const Cell& at(std::size_t row, std::size_t col) const;
};

struct Workbook {
  std::vector<Sheet> sheets;
  bool date1904 = false;  // <workbookPr date1904="1"/>: serial numbers count from 1904-01-01
};

// Reads an .xlsx file: every sheet's cells (shared strings with rich-text runs, inline strings,
// formula results, numbers, booleans), which numbers have a date format, merged ranges, hidden
// sheets and the date epoch. Rows and cells without an `r` reference follow position. Throws
// ReadError for a file that is not a readable .xlsx.
Workbook read_xlsx(const std::string& path);

// Parses CSV text (RFC 4180: quoted fields, doubled quotes, line breaks in quotes; CRLF or LF)
// into one sheet named `name`. The text is UTF-8, with or without a byte order mark; text that
// is not UTF-8 is taken as GB18030 (what Excel on Chinese Windows writes) and converted. Throws
// ReadError when it is neither, or a quote is not closed.
Sheet parse_csv(std::string text, const std::string& name);

// Returns one CSV line of `cells`: a cell holding a comma, quote or line break is quoted.
std::string csv_line(const std::vector<std::string>& cells);

// Returns the A1 reference of 0-based `row` and `col`: C7.
std::string cell_ref(std::size_t row, std::size_t col);
// Returns the 0-based column of the letters of an A1 reference ("C7" -> 2), or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> parse_ref(const std::string& ref);

// Returns the date of a spreadsheet serial number (1900 epoch, with its non-existent
// 1900-02-29, or the 1904 epoch) as YYYY-MM-DD, or nullopt when it is no whole day in 1900-9999.
std::optional<std::string> serial_date(double serial, bool date1904);
// Returns the serial number (1900 epoch) of a date YYYY-MM-DD.
double date_serial(int year, int month, int day);

}  // namespace handoff::forms
