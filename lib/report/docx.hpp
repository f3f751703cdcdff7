#pragma once

#include <string>

#include "report/labels.hpp"
#include "report/verification.hpp"

// `report --format docx`: a rendered report (GitHub-flavoured Markdown) as a Word document,
// written in-process: cmark-gfm parses the Markdown, each block becomes WordprocessingML
// (headings, paragraphs, bulleted and numbered lists, tables with a repeated header row, code),
// libzip packs the parts. The styles name an East-Asian font (w:eastAsia) for Chinese text.
namespace handoff::report {

// Returns the bytes of the .docx of `markdown`, a report rendered in `language`, ending with
// the verification block; the block is also in docProps/core.xml (title, keywords) and in the
// custom property HandoffVerification (docProps/custom.xml), which `verify` reads.
std::string docx_document(const std::string& markdown, Language language, const Verification& verification);

// The East-Asian font the styles name: Microsoft YaHei (on every Windows since Vista; other
// systems substitute their CJK sans-serif, such as Noto Sans CJK SC).
inline constexpr const char* k_docx_east_asian_font = "Microsoft YaHei";

}  // namespace handoff::report
