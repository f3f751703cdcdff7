#include "forms/workbook.hpp"

#include <iconv.h>
#include <zip.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "support/text.hpp"

namespace handoff::forms {

const Cell& Sheet::at(std::size_t row, std::size_t col) const
{
  static const Cell k_empty;
  if (row >= rows.size() || col >= rows[row].size()) {
    return k_empty;
  }
  return rows[row][col];
}

namespace {

// The largest part of an .xlsx read, unpacked: protects against zip bombs.
constexpr zip_uint64_t k_max_part = 256u << 20;

long long days_from_civil(long long y, unsigned m, unsigned d)
{
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, int& y, unsigned& m, unsigned& d)
{
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

// The local name of an element or attribute: "x:row" -> "row" (some writers prefix the
// spreadsheet namespace).
std::string_view local(const char* name)
{
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name)
{
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element && local(c.name()) == name) {
      return c;
    }
  }
  return {};
}

template <class Fn>
void each(const pugi::xml_node& node, std::string_view name, Fn&& fn)
{
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element && local(c.name()) == name) {
      fn(c);
    }
  }
}

// The attribute whose local name is `name` and that has a prefix (r:id), or an empty one.
pugi::xml_attribute prefixed(const pugi::xml_node& node, std::string_view name)
{
  for (auto a : node.attributes()) {
    if (std::strchr(a.name(), ':') != nullptr && local(a.name()) == name) {
      return a;
    }
  }
  return {};
}

// The text of a string item (<si>, <is>): its <t>, or the <t> of each rich-text run <r>;
// phonetic runs (<rPh>) are left out.
std::string string_item(const pugi::xml_node& node)
{
  std::string out;
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) {
      continue;
    }
    if (local(c.name()) == "t") {
      out += c.text().get();
    } else if (local(c.name()) == "r") {
      each(c, "t", [&](const pugi::xml_node& t) { out += t.text().get(); });
    }
  }
  return out;
}

// Returns true when an Excel number format code shows a date: it has a day or year part
// outside quoted text and [...] sections.
bool date_code(const std::string& code)
{
  bool quoted = false;
  bool bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\') {
      ++i;
    } else if (c == '[') {
      bracket = true;
    } else if (c == ']') {
      bracket = false;
    } else if (!bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) {
      return true;
    }
  }
  return false;
}

// Built-in number formats that are dates, in any locale (14-22; 27-36 and 50-58 in East Asian
// locales; 45-47 times are left out, they have no day).
bool builtin_date(int id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

class Zip {
public:
  explicit Zip(const std::string& path)
  {
    int error = 0;
    m_zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (m_zip == nullptr) {
      zip_error_t e;
      zip_error_init_with_code(&e, error);
      const std::string why = zip_error_strerror(&e);
      zip_error_fini(&e);
      throw ReadError(fmt::format("{} is not an .xlsx workbook ({}); save it as Excel 2007-365 (.xlsx)",
                                  support::quote(path), why));
    }
  }
  ~Zip() { zip_discard(m_zip); }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  // Returns the unpacked part `name`, or nullopt when there is none.
  std::optional<std::string> read(const std::string& name) const
  {
    const zip_int64_t index = zip_name_locate(m_zip, name.c_str(), 0);
    if (index < 0) {
      return std::nullopt;
    }
    zip_stat_t st;
    if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0
        || st.size > k_max_part) {
      throw ReadError(fmt::format("{}: part {} is too large or unreadable", m_name, name));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(m_zip, static_cast<zip_uint64_t>(index), 0),
                                                           zip_fclose);
    if (!file) {
      throw ReadError(fmt::format("{}: cannot unpack part {}", m_name, name));
    }
    std::string data(st.size, '\0');
    zip_uint64_t done = 0;
    while (done < st.size) {
      const zip_int64_t n = zip_fread(file.get(), data.data() + done, st.size - done);
      if (n <= 0) {
        throw ReadError(fmt::format("{}: cannot unpack part {}", m_name, name));
      }
      done += static_cast<zip_uint64_t>(n);
    }
    return data;
  }

  std::string m_name;

private:
  zip_t* m_zip = nullptr;
};

pugi::xml_document parse_part(const Zip& zip, const std::string& name, const std::string& path, bool needed)
{
  pugi::xml_document doc;
  const auto data = zip.read(name);
  if (!data) {
    if (needed) {
      throw ReadError(fmt::format("{} is not an .xlsx workbook: it has no {}", support::quote(path), name));
    }
    return doc;
  }
  const pugi::xml_parse_result result = doc.load_buffer(data->data(), data->size());
  if (!result) {
    throw ReadError(fmt::format("{}: {} is not valid XML ({}, at byte {})", support::quote(path), name,
                                result.description(), result.offset));
  }
  return doc;
}

// Resolves a relationship target against the folder of the part that names it ("xl/").
std::string resolve_target(const std::string& base, const std::string& target)
{
  if (!target.empty() && target.front() == '/') {
    return target.substr(1);
  }
  std::vector<std::string> parts;
  std::string joined = base + target;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t slash = joined.find('/', start);
    const std::string part = joined.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty()) {
        parts.pop_back();
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : "/") + p;
  }
  return out;
}

void read_sheet(const pugi::xml_document& doc, const std::vector<std::string>& strings,
                const std::vector<bool>& date_styles, Sheet& sheet)
{
  const pugi::xml_node ws = child(doc, "worksheet");
  std::size_t row_number = 0;
  each(child(ws, "sheetData"), "row", [&](const pugi::xml_node& row) {
    const long long r = row.attribute("r").as_llong(0);
    row_number = r > 0 ? static_cast<std::size_t>(r) : row_number + 1;
    std::size_t col = 0;
    bool first = true;
    each(row, "c", [&](const pugi::xml_node& c) {
      const std::string ref = c.attribute("r").as_string();
      if (const auto parsed = parse_ref(ref)) {
        col = parsed->second;
      } else if (!first) {
        ++col;
      }
      first = false;
      Cell cell;
      const std::string type = c.attribute("t").as_string("n");
      const pugi::xml_node v = child(c, "v");
      cell.formula = static_cast<bool>(child(c, "f"));
      if (type == "s") {
        const std::size_t index = static_cast<std::size_t>(v.text().as_ullong(strings.size()));
        cell.type = Cell::Type::text;
        cell.text = index < strings.size() ? strings[index] : std::string();
      } else if (type == "inlineStr") {
        cell.type = Cell::Type::text;
        cell.text = string_item(child(c, "is"));
      } else if (type == "str" || type == "d") {
        cell.type = Cell::Type::text;
        cell.text = v.text().get();
      } else if (type == "b") {
        cell.type = Cell::Type::boolean;
        cell.text = v.text().get();
      } else if (type == "e") {
        cell.type = Cell::Type::error;
        cell.text = v.text().get();
      } else if (v) {
        cell.type = Cell::Type::number;
        cell.text = v.text().get();
        const std::size_t style = static_cast<std::size_t>(c.attribute("s").as_ullong(0));
        cell.date = style < date_styles.size() && date_styles[style];
      }
      if (cell.type == Cell::Type::empty && !cell.formula) {
        return;  // present and empty: a style only
      }
      if (sheet.rows.size() < row_number) {
        sheet.rows.resize(row_number);
      }
      auto& cells = sheet.rows[row_number - 1];
      if (cells.size() <= col) {
        cells.resize(col + 1);
      }
      cells[col] = std::move(cell);
    });
  });
  each(child(ws, "mergeCells"), "mergeCell",
       [&](const pugi::xml_node& m) { sheet.merged.emplace_back(m.attribute("ref").as_string()); });
}

}  // namespace

std::string cell_ref(std::size_t row, std::size_t col)
{
  std::string letters;
  std::size_t n = col + 1;
  while (n > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return fmt::format("{}{}", letters, row + 1);
}

std::optional<std::pair<std::size_t, std::size_t>> parse_ref(const std::string& ref)
{
  std::size_t i = 0;
  std::size_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size() || i > 3) {
    return std::nullopt;
  }
  std::size_t row = 0;
  for (std::size_t j = i; j < ref.size(); ++j) {
    if (ref[j] < '0' || ref[j] > '9' || row > 10'000'000) {
      return std::nullopt;
    }
    row = row * 10 + static_cast<std::size_t>(ref[j] - '0');
  }
  if (row == 0) {
    return std::nullopt;
  }
  return std::pair{row - 1, col - 1};
}

std::optional<std::string> serial_date(double serial, bool date1904)
{
  if (!std::isfinite(serial) || serial != std::floor(serial) || serial < (date1904 ? 0 : 1) || serial > 3'000'000) {
    return std::nullopt;
  }
  const auto days = static_cast<long long>(serial);
  long long z = 0;
  if (date1904) {
    z = days + days_from_civil(1904, 1, 1);
  } else if (days >= 61) {
    z = days + days_from_civil(1899, 12, 30);
  } else if (days < 60) {
    z = days + days_from_civil(1899, 12, 31);
  } else {
    return std::nullopt;  // 1900-02-29, which Excel counts for Lotus 1-2-3 and which never was
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(z, y, m, d);
  if (y > 9999) {
    return std::nullopt;
  }
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

double date_serial(int year, int month, int day)
{
  return static_cast<double>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))
                             - days_from_civil(1899, 12, 30));
}

Workbook read_xlsx(const std::string& path)
{
  Zip zip(path);
  zip.m_name = support::quote(path);
  Workbook book;
  const pugi::xml_document workbook = parse_part(zip, "xl/workbook.xml", path, true);
  const pugi::xml_node wb = child(workbook, "workbook");
  const std::string date1904 = child(wb, "workbookPr").attribute("date1904").as_string();
  book.date1904 = date1904 == "1" || date1904 == "true";

  std::map<std::string, std::string> targets;
  std::string strings_part = "xl/sharedStrings.xml";
  std::string styles_part = "xl/styles.xml";
  const pugi::xml_document rels = parse_part(zip, "xl/_rels/workbook.xml.rels", path, true);
  each(child(rels, "Relationships"), "Relationship", [&](const pugi::xml_node& r) {
    const std::string type = r.attribute("Type").as_string();
    const std::string target = resolve_target("xl/", r.attribute("Target").as_string());
    targets[r.attribute("Id").as_string()] = target;
    if (type.ends_with("/sharedStrings")) {
      strings_part = target;
    } else if (type.ends_with("/styles")) {
      styles_part = target;
    }
  });

  std::vector<std::string> strings;
  const pugi::xml_document sst = parse_part(zip, strings_part, path, false);
  each(child(sst, "sst"), "si", [&](const pugi::xml_node& si) { strings.push_back(string_item(si)); });

  std::vector<bool> date_styles;
  const pugi::xml_document styles = parse_part(zip, styles_part, path, false);
  const pugi::xml_node ss = child(styles, "styleSheet");
  std::map<int, bool> custom;
  each(child(ss, "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
    custom[f.attribute("numFmtId").as_int()] = date_code(f.attribute("formatCode").as_string());
  });
  each(child(ss, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
    const int id = xf.attribute("numFmtId").as_int(0);
    const auto it = custom.find(id);
    date_styles.push_back(it != custom.end() ? it->second : builtin_date(id));
  });

  each(child(wb, "sheets"), "sheet", [&](const pugi::xml_node& s) {
    Sheet sheet;
    sheet.name = s.attribute("name").as_string();
    const std::string state = s.attribute("state").as_string();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    const auto it = targets.find(prefixed(s, "id").as_string());
    if (it == targets.end()) {
      throw ReadError(fmt::format("{}: sheet {} has no part", support::quote(path), support::quote(sheet.name)));
    }
    const pugi::xml_document doc = parse_part(zip, it->second, path, true);
    read_sheet(doc, strings, date_styles, sheet);
    book.sheets.push_back(std::move(sheet));
  });
  return book;
}

namespace {

// Converts GB18030 text to UTF-8 with iconv(3); nullopt when it is not GB18030 either.
std::optional<std::string> from_gb18030(const std::string& text)
{
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  // NOLINTNEXTLINE(performance-no-int-to-ptr): (iconv_t)-1 is iconv_open's documented failure value
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return std::nullopt;
  }
  std::string out(text.size() * 2 + 16, '\0');
  std::string in = text;
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t done = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (done == static_cast<std::size_t>(-1) || in_left != 0) {
    return std::nullopt;
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

Sheet parse_csv(std::string text, const std::string& name)
{
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.erase(0, 3);
  } else if (support::find_invalid_utf8(text)) {
    auto converted = from_gb18030(text);
    if (!converted) {
      throw ReadError(fmt::format("{} is neither UTF-8 nor GB18030 text; save it as CSV UTF-8", support::quote(name)));
    }
    text = std::move(*converted);
  }
  if (support::find_invalid_utf8(text)) {
    throw ReadError(fmt::format("{} is not UTF-8 text; save it as CSV UTF-8", support::quote(name)));
  }
  Sheet sheet;
  sheet.name = name;
  std::vector<Cell> row;
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  const auto end_field = [&] {
    Cell cell;
    if (!field.empty() || was_quoted) {
      cell.type = field.empty() ? Cell::Type::empty : Cell::Type::text;
      cell.text = std::move(field);
    }
    row.push_back(std::move(cell));
    field.clear();
    was_quoted = false;
  };
  const auto end_row = [&] {
    end_field();
    bool blank = true;
    for (const auto& c : row) {
      blank = blank && c.type == Cell::Type::empty;
    }
    sheet.rows.push_back(blank ? std::vector<Cell>() : std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        continue;  // a CRLF inside a cell is a line break
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      end_row();
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw ReadError(fmt::format("{}: a quoted cell is not closed at the end of the file", support::quote(name)));
  }
  if (!field.empty() || !row.empty()) {
    end_row();
  }
  return sheet;
}

std::string csv_line(const std::vector<std::string>& cells)
{
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string& cell = cells[i];
    if (i > 0) {
      out += ',';
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
      out += cell;
      continue;
    }
    out += '"';
    for (char c : cell) {
      out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    out += '"';
  }
  return out + "\r\n";
}

}  // namespace handoff::forms
