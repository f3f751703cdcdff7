#include "report/gfm.hpp"

#include <stdexcept>

#include <cmark-gfm-core-extensions.h>

namespace handoff::report {

GfmDocument parse_gfm(const std::string& markdown, int options)
{
  cmark_gfm_core_extensions_ensure_registered();
  GfmDocument doc;
  doc.parser.reset(cmark_parser_new(options));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(doc.parser.get(), ext);
    }
  }
  cmark_parser_feed(doc.parser.get(), markdown.data(), markdown.size());
  doc.root.reset(cmark_parser_finish(doc.parser.get()));
  if (!doc.root) {
    throw std::runtime_error("cmark-gfm could not parse the report");
  }
  return doc;
}

}  // namespace handoff::report
