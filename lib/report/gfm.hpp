#pragma once

#include <memory>
#include <string>

#include <cmark-gfm.h>

// A report's Markdown parsed by cmark-gfm, for the documents made from it (HTML, Word).
namespace handoff::report {

struct CmarkParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct CmarkNodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

// A parsed document: its root node, and the parser that holds the extensions it was parsed with.
struct GfmDocument {
  std::unique_ptr<cmark_parser, CmarkParserFree> parser;
  std::unique_ptr<cmark_node, CmarkNodeFree> root;
};

// Parses `markdown` as GitHub-flavoured Markdown (tables, strikethrough, autolinks, tagfilter)
// with the cmark `options`. Throws std::runtime_error when cmark-gfm cannot parse it.
GfmDocument parse_gfm(const std::string& markdown, int options);

}  // namespace handoff::report
