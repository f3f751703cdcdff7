#include "report/docx.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <zip.h>

#include <fmt/format.h>

#include "report/document.hpp"
#include "report/gfm.hpp"
#include "report/html.hpp"
#include "report/labels.hpp"
#include "support/text.hpp"
#include "support/xml.hpp"

namespace handoff::report {

namespace {

using support::xml_attribute;
using support::xml_text;

// Inline formatting in force.
struct Format {
  bool bold = false;
  bool italic = false;
  bool strike = false;
  bool code = false;
};

std::string run(const std::string& text, const Format& f)
{
  std::string props;
  if (f.code) {
    props += "<w:rStyle w:val=\"CodeChar\"/>";
  }
  if (f.bold) {
    props += "<w:b/>";
  }
  if (f.italic) {
    props += "<w:i/>";
  }
  if (f.strike) {
    props += "<w:strike/>";
  }
  return fmt::format("<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                     props.empty() ? "" : "<w:rPr>" + props + "</w:rPr>", xml_text(text));
}

// The WordprocessingML body of a parsed report.
// The width of a page's text on A4 with the margins of the section (11906 - 2 x 1000 twips).
constexpr long k_text_twips = 9906;
// One display column of TableText (9.5 pt) in twips, generously (digits and capitals of the
// usual sans-serif faces are wider than the average letter), and a cell's two margins.
constexpr long k_column_twips = 135;
constexpr long k_cell_margins = 160;

// What a table column's cells need: the widest cell's text and its longest word, in display
// columns (a CJK character counts two), each capped so that one long cell cannot take the page.
struct ColumnNeed {
  long text = 1;
  long word = 1;
};

ColumnNeed cell_need(cmark_node* cell)
{
  std::string text;
  cmark_iter* it = cmark_iter_new(cell);
  for (cmark_event_type ev = cmark_iter_next(it); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it)) {
    cmark_node* node = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
      const char* literal = cmark_node_get_literal(node);
      text += literal != nullptr ? literal : "";
    }
  }
  cmark_iter_free(it);
  ColumnNeed need;
  need.text = std::min<long>(60, std::max<long>(1, static_cast<long>(support::display_width(text))));
  // A word ends at a space and at a CJK character (3- and 4-byte UTF-8), where a line may break.
  long word = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == ' ' || byte >= 0xE0) {
      word = byte >= 0xE0 ? 2 : 0;
    } else if ((byte & 0xC0) != 0x80) {
      ++word;  // an ASCII character, or the first byte of a 2-byte one
    }
    need.word = std::max(need.word, std::min<long>(24, word));
  }
  need.word = std::min(need.word, need.text);
  return need;
}

// Returns the widths of a table's columns in twips: what each needs when the table fits the
// page, else each its longest word and the rest of the page shared by what the text needs
// beyond that, so that words are not broken inside when it can be helped.
std::vector<long> column_twips(const std::vector<ColumnNeed>& needs)
{
  std::vector<long> out;
  long total = 0;
  for (const auto& n : needs) {
    out.push_back(n.text * k_column_twips + k_cell_margins);
    total += out.back();
  }
  if (total <= k_text_twips) {
    return out;
  }
  long base = 0;
  long extra = 0;
  for (const auto& n : needs) {
    base += n.word * k_column_twips + k_cell_margins;
    extra += n.text - n.word;
  }
  const long spare = std::max(0L, k_text_twips - base);
  for (std::size_t i = 0; i < needs.size(); ++i) {
    const long more = extra > 0 ? spare * (needs[i].text - needs[i].word) / extra : 0;
    out[i] = needs[i].word * k_column_twips + k_cell_margins + more;
  }
  return out;
}

class Writer {
public:
  explicit Writer(Language language) : m_language(language) {}

  std::string body;
  int next_num = 3;  // numbering instances: 1 bullets, 2.. numbered lists (each restarts)
  std::vector<int> numbered;

  void inlines(cmark_node* node, Format f, std::string& out)
  {
    for (cmark_node* child = cmark_node_first_child(node); child != nullptr; child = cmark_node_next(child)) {
      const std::string type = cmark_node_get_type_string(child);
      switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
        out += run(cmark_node_get_literal(child), f);
        break;
      case CMARK_NODE_CODE: {
        Format c = f;
        c.code = true;
        out += run(cmark_node_get_literal(child), c);
        break;
      }
      case CMARK_NODE_SOFTBREAK:
        out += run(" ", f);
        break;
      case CMARK_NODE_LINEBREAK:
        out += "<w:r><w:br/></w:r>";
        break;
      case CMARK_NODE_STRONG: {
        Format b = f;
        b.bold = true;
        inlines(child, b, out);
        break;
      }
      case CMARK_NODE_EMPH: {
        Format i = f;
        i.italic = true;
        inlines(child, i, out);
        break;
      }
      default:
        if (type == "strikethrough") {
          Format s = f;
          s.strike = true;
          inlines(child, s, out);
        } else {
          inlines(child, f, out);  // links keep their text; raw HTML has no children and is dropped
        }
        break;
      }
    }
  }

  void paragraph(cmark_node* node, const std::string& style, const std::string& extra = "", Format f = {})
  {
    std::string runs;
    inlines(node, f, runs);
    body += fmt::format("<w:p><w:pPr>{}{}</w:pPr>{}</w:p>",
                        style.empty() ? "" : fmt::format("<w:pStyle w:val=\"{}\"/>", style), extra, runs);
  }

  void table(cmark_node* node)
  {
    const int columns = cmark_gfm_extensions_get_table_columns(node);
    const uint8_t* align = cmark_gfm_extensions_get_table_alignments(node);
    std::vector<ColumnNeed> needs(static_cast<std::size_t>(std::max(columns, 0)));
    for (cmark_node* row = cmark_node_first_child(node); row != nullptr; row = cmark_node_next(row)) {
      std::size_t col = 0;
      for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr && col < needs.size();
           cell = cmark_node_next(cell), ++col) {
        const ColumnNeed need = cell_need(cell);
        needs[col].text = std::max(needs[col].text, need.text);
        needs[col].word = std::max(needs[col].word, need.word);
      }
    }
    const std::vector<long> widths = column_twips(needs);
    std::string grid;
    for (const long w : widths) {
      grid += fmt::format("<w:gridCol w:w=\"{}\"/>", w);
    }
    body += "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>"
            "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
            "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
            + grid + "</w:tblGrid>";
    for (cmark_node* row = cmark_node_first_child(node); row != nullptr; row = cmark_node_next(row)) {
      const bool header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
      body += header ? "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      int col = 0;
      for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr; cell = cmark_node_next(cell), ++col) {
        const char a = align != nullptr && col < columns ? static_cast<char>(align[col]) : 'n';
        const std::string jc = a == 'c' ? "<w:jc w:val=\"center\"/>" : a == 'r' ? "<w:jc w:val=\"right\"/>" : "";
        std::string runs;
        Format f;
        f.bold = header;
        inlines(cell, f, runs);
        const long width = col < columns ? widths[static_cast<std::size_t>(col)] : k_column_twips;
        body +=
            fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{}</w:tcPr><w:p><w:pPr>"
                        "<w:pStyle w:val=\"TableText\"/>{}</w:pPr>{}</w:p></w:tc>",
                        width, header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F4F7\"/>" : "", jc, runs);
      }
      body += "</w:tr>";
    }
    body += "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableGap\"/></w:pPr></w:p>";
  }

  void list(cmark_node* node, int level)
  {
    const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int num = 1;
    if (ordered) {
      num = next_num++;
      numbered.push_back(num);
    }
    for (cmark_node* item = cmark_node_first_child(node); item != nullptr; item = cmark_node_next(item)) {
      bool first = true;
      for (cmark_node* block = cmark_node_first_child(item); block != nullptr; block = cmark_node_next(block)) {
        if (cmark_node_get_type(block) == CMARK_NODE_LIST) {
          list(block, level + 1);
        } else if (cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH) {
          const std::string numbering =
              first ? fmt::format("<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                                  std::min(level, 8), num)
                    : fmt::format("<w:ind w:left=\"{}\"/>", 720 * (level + 1));
          paragraph(block, ordered ? "ListNumber" : "ListBullet", numbering);
          first = false;
        } else {
          blocks_of(block, level + 1);
        }
      }
    }
  }

  void code(cmark_node* node)
  {
    // A chart (Mermaid) is drawn in the HTML and PDF editions; Word gets a note, not its source.
    const char* fence = cmark_node_get_fence_info(node);
    if (fence != nullptr && std::string_view(fence) == "mermaid") {
      body += fmt::format("<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>{}</w:p>",
                          run(std::string(word_chart_note(m_language)), Format{}));
      return;
    }
    const std::string text = cmark_node_get_literal(node) != nullptr ? cmark_node_get_literal(node) : "";
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      body += fmt::format("<w:p><w:pPr><w:pStyle w:val=\"Code\"/></w:pPr>{}</w:p>",
                          run(text.substr(start, end - start), Format{}));
      start = end + 1;
    }
  }

  void block(cmark_node* node, int level)
  {
    const std::string type = cmark_node_get_type_string(node);
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HEADING:
      paragraph(node, fmt::format("Heading{}", std::clamp(cmark_node_get_heading_level(node), 1, 6)));
      return;
    case CMARK_NODE_PARAGRAPH:
      paragraph(node, "");
      return;
    case CMARK_NODE_LIST:
      list(node, level);
      return;
    case CMARK_NODE_CODE_BLOCK:
      code(node);
      return;
    case CMARK_NODE_THEMATIC_BREAK:
      body += "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"D0D7DE\"/>"
              "</w:pBdr></w:pPr></w:p>";
      return;
    case CMARK_NODE_BLOCK_QUOTE:
      for (cmark_node* child = cmark_node_first_child(node); child != nullptr; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
          paragraph(child, "Quote");
        } else {
          block(child, level);
        }
      }
      return;
    default:
      if (type == "table") {
        table(node);
      }
      return;  // raw HTML is dropped, as in the HTML output
    }
  }

  void blocks_of(cmark_node* node, int level)
  {
    for (cmark_node* child = cmark_node_first_child(node); child != nullptr; child = cmark_node_next(child)) {
      block(child, level);
    }
  }

private:
  Language m_language;
};

std::string verification_block(const Verification& v, Language language)
{
  std::string rows;
  for (const auto& [caption, value] : verification_rows(v, language)) {
    rows += fmt::format(
        "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle "
        "w:val=\"TableText\"/></w:pPr>{}</w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"7000\" "
        "w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>{}</w:p></w:tc></w:tr>",
        run(caption, Format{true}), run(value, Format{}));
  }
  return fmt::format("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>{}</w:p>"
                     "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"9000\" w:type=\"dxa\"/>"
                     "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"7000\"/></w:tblGrid>{}</w:tbl>"
                     "<w:p>{}</w:p>",
                     run(std::string(verification_label("title", language)), Format{}), rows,
                     run(std::string(verification_label("how", language)), Format{}));
}

std::string styles(Language language)
{
  const bool zh = language == Language::zh_cn;
  const std::string fonts = fmt::format("<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"{}\" "
                                        "w:cs=\"Calibri\"{}/>",
                                        k_docx_east_asian_font, zh ? " w:hint=\"eastAsia\"" : "");
  const auto heading = [&](int level, int size, const char* extra) {
    return fmt::format("<w:style w:type=\"paragraph\" w:styleId=\"Heading{0}\"><w:name w:val=\"heading {0}\"/>"
                       "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>"
                       "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{2}\" w:after=\"120\"/>"
                       "{3}<w:outlineLvl w:val=\"{1}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{4}\"/>"
                       "<w:szCs w:val=\"{4}\"/></w:rPr></w:style>",
                       level, level - 1, level == 1 ? 0 : 320, extra, size);
  };
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr>"
      + fonts
      // w:val is the language of Latin-script text, w:eastAsia that of CJK text: Latin words in a
      // Chinese document stay English, so the layout breaks lines between them, not inside.
      + std::string("<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>")
      + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" "
        "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
        "</w:style>";
  out += heading(1, 36, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"1F2328\"/></w:pBdr>");
  out += heading(2, 28, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"2\" w:color=\"D0D7DE\"/></w:pBdr>");
  for (int level = 3; level <= 6; ++level) {
    out += heading(level, 24, "");
  }
  out += "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/>"
         "<w:pPr><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:i/><w:color w:val=\"57606A\"/></w:rPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"19\"/>"
         "<w:szCs w:val=\"19\"/></w:rPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"TableGap\"><w:name w:val=\"Table Gap\"/>"
         "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:style>"
         "<w:style w:type=\"paragraph\" w:styleId=\"Code\"><w:name w:val=\"Code\"/><w:basedOn w:val=\"Normal\"/>"
         "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:shd w:val=\"clear\" "
         "w:color=\"auto\" w:fill=\"F6F8FA\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" "
         "w:cs=\"Consolas\"/><w:sz w:val=\"18\"/></w:rPr></w:style>"
         "<w:style w:type=\"character\" w:styleId=\"CodeChar\"><w:name w:val=\"Code Char\"/><w:rPr>"
         "<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/></w:rPr></w:style>"
         "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:tblPr>"
         "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/><w:left w:val=\"single\" w:sz=\"4\" "
         "w:color=\"D0D7DE\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/><w:right w:val=\"single\" "
         "w:sz=\"4\" w:color=\"D0D7DE\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/><w:insideV "
         "w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"80\" "
         "w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
         "</w:styles>";
  return out;
}

std::string numbering(const std::vector<int>& numbered)
{
  std::string bullet_levels;
  std::string number_levels;
  for (int level = 0; level < 9; ++level) {
    const int indent = 720 * (level + 1);
    bullet_levels += fmt::format("<w:lvl w:ilvl=\"{}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
                                 "<w:lvlText w:val=\"{}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" "
                                 "w:hanging=\"360\"/></w:pPr></w:lvl>",
                                 level, level % 2 == 0 ? "\u2022" : "\u25E6", indent);
    number_levels += fmt::format("<w:lvl w:ilvl=\"{0}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                                 "<w:lvlText w:val=\"%{1}.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{2}\" "
                                 "w:hanging=\"360\"/></w:pPr></w:lvl>",
                                 level, level + 1, indent);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
                    + bullet_levels
                    + "</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType "
                      "w:val=\"hybridMultilevel\"/>"
                    + number_levels + "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
  for (const int num : numbered) {
    out += fmt::format("<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\">"
                       "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
                       num);
  }
  return out + "</w:numbering>";
}

std::string core_properties(const std::string& title, const Verification& v, Language language)
{
  std::string keywords = "handoff";
  if (!v.portfolio && !v.projects.empty()) {
    const ProjectStamp& p = v.projects.front();
    keywords = fmt::format("handoff; {}; {}; baseline {}", p.id, p.stage, p.baseline.empty() ? "none" : p.baseline);
  }
  std::string description;
  for (const auto& [caption, value] : verification_rows(v, language)) {
    description += fmt::format("{}: {}\n", caption, value);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:title>{}</dc:title><dc:creator>handoff</dc:creator><cp:keywords>{}</cp:keywords>"
      "<dc:description>{}</dc:description><dc:language>{}</dc:language>"
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:created>"
      "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:modified>"
      "</cp:coreProperties>",
      xml_text(title), xml_text(keywords), xml_text(description), to_string(language), v.generated, v.generated);
}

std::string custom_properties(const Verification& v)
{
  std::vector<std::pair<std::string, std::string>> props{{std::string(k_verification_key), verification_json(v)}};
  if (!v.portfolio && !v.projects.empty()) {
    props.emplace_back("HandoffProject", v.projects.front().id);
    props.emplace_back("HandoffStage", v.projects.front().stage);
    props.emplace_back("HandoffBaseline", v.projects.front().baseline);
  }
  props.emplace_back("HandoffCommit", v.commit);
  props.emplace_back("HandoffGenerated", v.generated);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
                    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">";
  int pid = 2;
  for (const auto& [name, value] : props) {
    out += fmt::format("<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\" name=\"{}\">"
                       "<vt:lpwstr>{}</vt:lpwstr></property>",
                       pid++, xml_attribute(name), xml_text(value));
  }
  return out + "</Properties>";
}

constexpr const char* k_content_types =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/custom.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>"
    "</Types>";

constexpr const char* k_package_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" "
    "Target=\"docProps/custom.xml\"/>"
    "</Relationships>";

constexpr const char* k_document_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
    "Target=\"numbering.xml\"/>"
    "</Relationships>";

// Packs `parts` (name, content) into a zip in memory, with a fixed modification time so that
// the same report gives the same bytes.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts, std::time_t mtime)
{
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    throw std::runtime_error("libzip: cannot create a buffer");
  }
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    throw std::runtime_error(std::string("libzip: ") + zip_error_strerror(&error));
  }
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index = source != nullptr ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("libzip: cannot add " + name);
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), mtime, 0);
  }
  if (zip_close(archive) != 0) {
    const std::string message = zip_strerror(archive);
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("libzip: " + message);
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    out.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    if (zip_source_read(buffer, out.data(), out.size()) != size) {
      out.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  if (out.empty()) {
    throw std::runtime_error("libzip: cannot read the packed document back");
  }
  return out;
}

}  // namespace

std::string docx_document(const std::string& markdown, Language language, const Verification& verification)
{
  const GfmDocument doc = parse_gfm(markdown, CMARK_OPT_DEFAULT);
  Writer writer(language);
  writer.blocks_of(doc.root.get(), 0);
  writer.body += verification_block(verification, language);
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      + writer.body
      + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1000\" w:bottom=\"1134\" "
        "w:left=\"1000\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  const auto date = support::Date::parse(verification.generated);
  const std::time_t mtime =
      date ? static_cast<std::time_t>(date->days()) * 86400 : 315532800;  // else 1980-01-01, the first zip date
  return zip_parts({{"[Content_Types].xml", k_content_types},
                    {"_rels/.rels", k_package_rels},
                    {"word/document.xml", document},
                    {"word/_rels/document.xml.rels", k_document_rels},
                    {"word/styles.xml", styles(language)},
                    {"word/numbering.xml", numbering(writer.numbered)},
                    {"docProps/core.xml", core_properties(html_title(markdown), verification, language)},
                    {"docProps/custom.xml", custom_properties(verification)}},
                   mtime);
}

}  // namespace handoff::report
