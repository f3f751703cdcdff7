#include "report/document.hpp"

#include <memory>

#include <pugixml.hpp>
#include <zip.h>

#include "report/html.hpp"

namespace handoff::report {

namespace {

int hex_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// The value of the last "/HandoffVerification <hex>" in the file: a PDF hex string (white space
// between the digits is allowed, as in PDF).
std::optional<std::string> pdf_verification(std::string_view pdf)
{
  const std::string key = "/" + std::string(k_verification_key);
  const std::size_t at = pdf.rfind(key);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t i = at + key.size();
  while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t')) {
    ++i;
  }
  if (i >= pdf.size() || pdf[i] != '<') {
    return std::nullopt;
  }
  std::string out;
  int high = -1;
  for (++i; i < pdf.size() && pdf[i] != '>'; ++i) {
    const int v = hex_value(pdf[i]);
    if (v < 0) {
      if (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t') {
        continue;
      }
      return std::nullopt;
    }
    if (high < 0) {
      high = v;
    } else {
      out += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  if (i >= pdf.size()) {
    return std::nullopt;
  }
  if (high >= 0) {
    out += static_cast<char>(high * 16);
  }
  return out;
}

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// The text of the custom property HandoffVerification of a Word file.
std::optional<std::string> docx_verification(const std::string& bytes)
{
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return std::nullopt;
  }
  const std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return std::nullopt;
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  constexpr std::size_t k_max = 16u << 20;
  if (zip_stat(archive.get(), "docProps/custom.xml", 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0
      || stat.size > k_max) {
    return std::nullopt;
  }
  const std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen(archive.get(), "docProps/custom.xml", 0));
  if (!file) {
    return std::nullopt;
  }
  std::string xml(static_cast<std::size_t>(stat.size), '\0');
  if (zip_fread(file.get(), xml.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) {
    return std::nullopt;
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) {
    return std::nullopt;
  }
  for (const pugi::xml_node property : doc.document_element().children()) {
    if (std::string_view(property.attribute("name").value()) == k_verification_key) {
      return std::string(property.first_child().child_value());
    }
  }
  return std::nullopt;
}

}  // namespace

DocumentKind document_kind(std::string_view bytes)
{
  if (bytes.substr(0, 5) == "%PDF-") {
    return DocumentKind::pdf;
  }
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return DocumentKind::docx;
  }
  return DocumentKind::html;
}

std::string_view to_string(DocumentKind kind)
{
  switch (kind) {
  case DocumentKind::pdf:
    return "PDF";
  case DocumentKind::docx:
    return "Word";
  case DocumentKind::html:
    break;
  }
  return "HTML";
}

std::optional<std::string> embedded_verification(const std::string& bytes, DocumentKind kind)
{
  switch (kind) {
  case DocumentKind::pdf:
    return pdf_verification(bytes);
  case DocumentKind::docx:
    return docx_verification(bytes);
  case DocumentKind::html:
    break;
  }
  return html_verification(bytes);
}

}  // namespace handoff::report
