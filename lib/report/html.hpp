#pragma once

#include <string>

#include "report/labels.hpp"

// `report --format html`: a rendered report (GitHub-flavoured Markdown) as one standalone HTML
// file: cmark-gfm renders the Markdown (tables, strikethrough, autolinks; raw HTML is never
// passed through), the style sheet is inline (screen and print, a CJK font stack), and the
// document has no scripts.
namespace handoff::report {

// Returns the HTML document of `markdown`, a report rendered in `language` (`<html lang>`);
// the title is the report's first level-1 heading. A Mermaid chart is kept as its source in a
// <pre>, with a note that says so.
std::string html_document(const std::string& markdown, Language language);

}  // namespace handoff::report
