#include "report/html.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <fmt/format.h>

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
p.chart-note { color: #57606a; font-size: .9em; margin-bottom: .2rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h1, h2, h3 { break-after: avoid; }
  table, pre { break-inside: auto; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  tr:nth-child(even) td { background: none; }
  a { color: inherit; text-decoration: none; }
}
)";

constexpr const char* k_latin_fonts = R"(-apple-system, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans")";
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

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// Renders GitHub-flavoured Markdown to an HTML fragment; raw HTML in the input is dropped
// (cmark-gfm's default), and the tagfilter extension guards the rest.
std::string render_gfm(const std::string& markdown)
{
  cmark_gfm_core_extensions_ensure_registered();
  const int options = CMARK_OPT_DEFAULT;
  const std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  const std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  if (!doc) {
    throw std::runtime_error("cmark-gfm could not parse the report");
  }
  char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
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

}  // namespace

std::string html_document(const std::string& markdown, Language language)
{
  const bool zh = language == Language::zh_cn;
  std::string body = render_gfm(markdown);
  replace_all(
      body, "<pre><code class=\"language-mermaid\">",
      fmt::format("<p class=\"chart-note\">{}</p>\n<pre class=\"mermaid-source\"><code class=\"language-mermaid\">",
                  mermaid_source_note(language)));
  // HTML5 has no align attribute: the columns' alignment becomes a class. User text cannot
  // hold the attribute: cmark-gfm escapes its quotes.
  for (const char* side : {"left", "center", "right"}) {
    replace_all(body, fmt::format(" align=\"{}\"", side), fmt::format(" class=\"{}\"", side));
  }
  std::string style = k_style;
  const std::string fonts = zh ? fmt::format("{}, {}, sans-serif", k_cjk_fonts, k_latin_fonts)
                               : fmt::format("{}, {}, sans-serif", k_latin_fonts, k_cjk_fonts);
  replace_all(style, "{{FONTS}}", fonts);
  return fmt::format("<!DOCTYPE html>\n"
                     "<html lang=\"{}\">\n"
                     "<head>\n"
                     "<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"handoff\">\n"
                     "<title>{}</title>\n"
                     "<style>{}</style>\n"
                     "</head>\n"
                     "<body>\n"
                     "{}"
                     "</body>\n"
                     "</html>\n",
                     zh ? "zh-CN" : "en", support::xml_text(title_of(markdown)), style, body);
}

}  // namespace handoff::report
