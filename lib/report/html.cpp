#include "report/html.hpp"

#include <cstdlib>
#include <memory>
#include <regex>
#include <stdexcept>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <fmt/format.h>

#include "report/gantt_svg.hpp"
#include "report/gfm.hpp"
#include "support/xml.hpp"

namespace handoff::report {

namespace {

// Screen and print styles. The fonts name the common Chinese faces of each platform first
// for zh-CN (Noto/Source Han on Linux, PingFang on macOS, Microsoft YaHei on Windows), so
// that Latin text does not pick a CJK font's Latin glyphs in an English document.
constexpr const char* k_style = R"(
:root { color-scheme: light; }
body { font-family: {{FONTS}}; color: #1f2328; background: #fff; line-height: 1.55;
  max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; font-size: 15px; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #1f2328; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .8rem 0; width: auto; max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; font-weight: 600; }
td:first-child { white-space: nowrap; }
th.center, td.center { text-align: center; }
th.right, td.right { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #fbfcfd; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .75rem; overflow-x: auto; }
section.verification { margin-top: 2.5rem; font-size: .85em; color: #57606a; break-inside: avoid; }
section.verification h2 { font-size: 1.05rem; color: #1f2328; }
section.verification td { word-break: break-all; }
section.verification td:first-child { word-break: normal; }
span.nowrap { white-space: nowrap; }
:lang(zh) th { white-space: nowrap; }
figure.chart { margin: .8rem 0; break-inside: avoid; }
svg.gantt { max-width: 100%; height: auto; font-family: inherit; }
svg.gantt text { font-size: 12px; fill: #1f2328; }
svg.gantt .g-title { font-weight: 600; font-size: 14px; }
svg.gantt .g-axis, svg.gantt .g-legend { fill: #57606a; font-size: 11px; }
svg.gantt .g-grid { stroke: #d0d7de; stroke-width: 1; }
svg.gantt .g-band { fill: #f6f8fa; }
svg.gantt .g-done rect, svg.gantt .g-done polygon { fill: #8c959f; }
svg.gantt .g-active rect, svg.gantt .g-active polygon { fill: #0969da; }
svg.gantt .g-planned rect, svg.gantt .g-planned polygon { fill: #54aeff; }
svg.gantt .g-crit rect, svg.gantt .g-crit polygon { fill: #cf222e; }
p.chart-note { color: #57606a; font-size: .9em; margin-bottom: .2rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; font-family: {{PRINT_FONTS}}; }
  h1, h2, h3 { break-after: avoid; }
  table, pre { break-inside: auto; }
  pre { white-space: pre-wrap; overflow: visible; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  tr:nth-child(even) td { background: none; }
  a { color: inherit; text-decoration: none; }
}
)";

constexpr const char* k_latin_fonts = R"(-apple-system, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans")";
constexpr const char* k_print_cjk_font = R"("WenQuanYi Micro Hei")";
constexpr const char* k_cjk_fonts =
    R"("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", )"
    R"("WenQuanYi Micro Hei")";

// The text of the first "# " line, without the Markdown escapes of the report (\| \* ...).
std::string title_of(const std::string& markdown)
{
  std::size_t start = 0;
  while (start < markdown.size()) {
    const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
    if (markdown.compare(start, 2, "# ") == 0) {
      std::string title;
      for (std::size_t i = start + 2; i < end; ++i) {
        if (markdown[i] == '\\' && i + 1 < end && std::ispunct(static_cast<unsigned char>(markdown[i + 1])) != 0) {
          ++i;
        }
        title += markdown[i];
      }
      return title;
    }
    start = end + 1;
  }
  return "handoff report";
}

// Renders GitHub-flavoured Markdown to an HTML fragment; raw HTML in the input is dropped
// (cmark-gfm's default), and the tagfilter extension guards the rest.
std::string render_gfm(const std::string& markdown)
{
  const int options = CMARK_OPT_DEFAULT;
  const GfmDocument doc = parse_gfm(markdown, options);
  char* html = cmark_render_html(doc.root.get(), options, cmark_parser_get_syntax_extensions(doc.parser.get()));
  std::string out = html != nullptr ? html : "";
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to)
{
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The verification block at the end of the body.
std::string verification_section(const Verification& v, Language language)
{
  std::string rows;
  for (const auto& [caption, value] : verification_rows(v, language)) {
    rows += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", support::xml_text(caption),
                        support::xml_text(value));
  }
  return fmt::format("<section class=\"verification\">\n<h2>{}</h2>\n<table>\n<tbody>\n{}</tbody>\n</table>\n"
                     "<p>{}</p>\n</section>\n",
                     support::xml_text(verification_label("title", language)), rows,
                     support::xml_text(verification_label("how", language)));
}

std::string verification_meta(const Verification& v)
{
  const auto meta = [](std::string_view name, std::string_view content) {
    return fmt::format("<meta name=\"{}\" content=\"{}\">\n", name, support::xml_attribute(content));
  };
  std::string out = meta("handoff-verification", verification_json(v));
  if (!v.portfolio && v.projects.size() == 1) {
    out += meta("handoff:project", v.projects.front().id);
    out += meta("handoff:stage", v.projects.front().stage);
    out += meta("handoff:baseline", v.projects.front().baseline);
  }
  out += meta("handoff:commit", v.commit);
  out += meta("handoff:generated", v.generated);
  return out;
}

// Replaces the XML character references xml_attribute writes (and the other common ones).
std::string unescape_attribute(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t end = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (end == std::string_view::npos || end - i > 10) {
      out += text[i];
      continue;
    }
    const std::string_view name = text.substr(i + 1, end - i - 1);
    static const std::pair<std::string_view, std::string_view> k_named[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
    bool done = false;
    for (const auto& [entity, character] : k_named) {
      if (name == entity) {
        out += character;
        done = true;
      }
    }
    if (!done && name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* stop = nullptr;
      const unsigned long code = std::strtoul(digits.c_str(), &stop, hex ? 16 : 10);
      if (!digits.empty() && stop != nullptr && *stop == '\0' && code > 0 && code < 0x110000) {
        // UTF-8 of the code point
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xF0 | (code >> 18));
          out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        done = true;
      }
    }
    if (!done) {
      out += text[i];
      continue;
    }
    i = end;
  }
  return out;
}

// Keeps ids (REQ-011, CR-002, M5) and dates (2026-11-02) on one line: a narrow table column
// would break them after the hyphen, and neither readers nor text search find them then.
std::string keep_ids_together(const std::string& body)
{
  static const std::regex k_token(R"((^|[^\w-])([A-Z][A-Z0-9]*-[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2})(?![\w-]))");
  std::string out;
  out.reserve(body.size() + body.size() / 8);
  std::size_t at = 0;
  while (at < body.size()) {
    const std::size_t tag = body.find('<', at);
    const std::size_t text_end = tag == std::string::npos ? body.size() : tag;
    out += std::regex_replace(body.substr(at, text_end - at), k_token, "$1<span class=\"nowrap\">$2</span>");
    if (tag == std::string::npos) {
      break;
    }
    const std::size_t tag_end = body.find('>', tag);
    const std::size_t next = tag_end == std::string::npos ? body.size() : tag_end + 1;
    const bool pre = body.compare(tag, 4, "<pre") == 0;
    const std::size_t pre_end = pre ? body.find("</pre>", next) : std::string::npos;
    const std::size_t copy_to = pre && pre_end != std::string::npos ? pre_end + 6 : next;
    out.append(body, tag, copy_to - tag);
    at = copy_to;
  }
  return out;
}

// Replaces each Mermaid Gantt chart with its drawing (gantt_svg); another chart stays its
// source, with a note that says so.
std::string draw_charts(const std::string& body, Language language)
{
  constexpr std::string_view k_open = "<pre><code class=\"language-mermaid\">";
  constexpr std::string_view k_close = "</code></pre>";
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = body.find(k_open, at);
    const std::size_t close = open == std::string::npos ? open : body.find(k_close, open);
    if (close == std::string::npos) {
      out.append(body, at);
      return out;
    }
    out.append(body, at, open - at);
    const std::size_t from = open + k_open.size();
    if (auto svg = gantt_svg(unescape_attribute(std::string_view(body).substr(from, close - from)), language)) {
      out += "<figure class=\"chart\">\n" + *svg + "</figure>\n";
    } else {
      out +=
          fmt::format("<p class=\"chart-note\">{}</p>\n<pre class=\"mermaid-source\">", mermaid_source_note(language));
      out.append(body, open + 5, close + k_close.size() - open - 5);
    }
    at = close + k_close.size();
  }
}

}  // namespace

std::string html_title(const std::string& markdown)
{
  return title_of(markdown);
}

std::optional<std::string> html_verification(std::string_view html)
{
  constexpr std::string_view k_start = "<meta name=\"handoff-verification\" content=\"";
  const std::size_t at = html.find(k_start);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t from = at + k_start.size();
  const std::size_t end = html.find('"', from);
  if (end == std::string_view::npos) {
    return std::nullopt;
  }
  return unescape_attribute(html.substr(from, end - from));
}

std::string html_document(const std::string& markdown, Language language, const Verification* verification)
{
  const bool zh = language == Language::zh_cn;
  std::string body = keep_ids_together(render_gfm(markdown));
  body = draw_charts(body, language);
  // HTML5 has no align attribute: the columns' alignment becomes a class. User text cannot
  // hold the attribute: cmark-gfm escapes its quotes.
  for (const char* side : {"left", "center", "right"}) {
    replace_all(body, fmt::format(" align=\"{}\"", side), fmt::format(" class=\"{}\"", side));
  }
  std::string style = k_style;
  const std::string fonts = zh ? fmt::format("{}, {}, sans-serif", k_cjk_fonts, k_latin_fonts)
                               : fmt::format("{}, {}, sans-serif", k_latin_fonts, k_cjk_fonts);
  replace_all(style, "{{FONTS}}", fonts);
  // On paper (and in `--format pdf`) a TrueType-outlined CJK face comes first: Chromium embeds
  // it as a named CID font that pdffonts and PDF/A checkers can see, where the CFF-outlined
  // Noto/Source Han faces become unnamed Type 3 glyphs (blurry in some viewers, no font name).
  const std::string print_fonts =
      zh ? fmt::format("{}, {}, {}, sans-serif", k_print_cjk_font, k_cjk_fonts, k_latin_fonts)
         : fmt::format("{}, {}, {}, sans-serif", k_latin_fonts, k_print_cjk_font, k_cjk_fonts);
  replace_all(style, "{{PRINT_FONTS}}", print_fonts);
  return fmt::format("<!DOCTYPE html>\n"
                     "<html lang=\"{}\">\n"
                     "<head>\n"
                     "<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"handoff\">\n"
                     "{}"
                     "<title>{}</title>\n"
                     "<style>{}</style>\n"
                     "</head>\n"
                     "<body>\n"
                     "{}{}"
                     "</body>\n"
                     "</html>\n",
                     zh ? "zh-CN" : "en", verification != nullptr ? verification_meta(*verification) : "",
                     support::xml_text(title_of(markdown)), style, body,
                     verification != nullptr ? verification_section(*verification, language) : "");
}

}  // namespace handoff::report
