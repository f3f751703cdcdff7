#pragma once

#include <optional>
#include <string>
#include <string_view>

// The files `report` writes for people outside engineering (HTML, PDF, Word) as `verify` reads
// them back: which kind a file is, and the verification JSON it carries in its metadata
// (report/verification.hpp).
namespace handoff::report {

enum class DocumentKind { html, pdf, docx };

// Returns the kind of a document from its first bytes: "%PDF-" is a PDF, a zip is a Word file,
// anything else is read as HTML.
DocumentKind document_kind(std::string_view bytes);

// Returns "HTML", "PDF" or "Word".
std::string_view to_string(DocumentKind kind);

// Returns the verification JSON the document holds: HTML in <meta name="handoff-verification">,
// PDF in the /HandoffVerification entry of its document information dictionary (the last one,
// as a reader applies incremental updates), Word in the custom property HandoffVerification
// (docProps/custom.xml). nullopt when there is none.
std::optional<std::string> embedded_verification(const std::string& bytes, DocumentKind kind);

// The key of the PDF information dictionary and the name of the Word custom property.
inline constexpr std::string_view k_verification_key = "HandoffVerification";

}  // namespace handoff::report
