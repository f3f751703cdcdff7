#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/labels.hpp"
#include "report/verification.hpp"

// `report --format html`: a rendered report (GitHub-flavoured Markdown) as one standalone HTML
// file: cmark-gfm renders the Markdown (tables, strikethrough, autolinks; raw HTML is never
// passed through), the style sheet is inline (screen and print, a CJK font stack), and the
// document has no scripts.
namespace handoff::report {

// Returns the HTML document of `markdown`, a report rendered in `language` (`<html lang>`);
// the title is the report's first level-1 heading. A Mermaid chart is kept as its source in a
// <pre>, with a note that says so. With `verification`, the document ends with the verification
// block and carries it in its <head>: <meta name="handoff-verification"> holds the JSON
// (verification_json), and handoff:project, handoff:stage, handoff:baseline, handoff:commit and
// handoff:generated name the main values for a reader of the metadata.
std::string html_document(const std::string& markdown, Language language, const Verification* verification = nullptr);

// Returns the title of a rendered report: its first level-1 heading, without Markdown escapes.
std::string html_title(const std::string& markdown);

// Returns the JSON a document of html_document holds in <meta name="handoff-verification">, or
// nullopt when there is none.
std::optional<std::string> html_verification(std::string_view html);

}  // namespace handoff::report
