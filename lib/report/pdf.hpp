#pragma once

#include <optional>
#include <string>

#include "report/verification.hpp"

// `report --format pdf`: the HTML document (report/html.hpp) printed by a headless Chromium,
// with the verification block added to the PDF's document information (docs/reports.md).
namespace handoff::report {

// Returns the Chromium to print with: $HANDOFF_CHROMIUM when set, else `chromium` (or
// `chromium-browser`) on PATH; nullopt when there is none.
std::optional<std::string> find_chromium();

// What print_pdf needs to know.
struct PrintOptions {
  std::string chromium;  // the binary
  int timeout_seconds = 120;
};

// Prints `html` to PDF with Chromium: in a temporary folder that holds the page, the browser
// profile and HOME (removed afterwards), without network (every host name resolves to nothing;
// the page loads nothing anyway), killed with its children after the timeout. Throws
// core::ToolError when Chromium fails or writes no PDF.
std::string print_pdf(const std::string& html, const PrintOptions& options);

// Returns `pdf` with an incremental update whose document information holds `title`, the
// creator "handoff", keywords naming the project and baseline, and /HandoffVerification: the
// verification JSON as a hex string (what `verify` reads). Throws core::ToolError when `pdf`
// has no cross-reference section to update.
std::string add_pdf_metadata(const std::string& pdf, const std::string& title, const Verification& verification);

}  // namespace handoff::report
