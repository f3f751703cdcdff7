#include <fmt/format.h>

#include "output/format.hpp"
#include "support/text.hpp"

namespace handoff::output {

namespace {

// Escapes a workflow command's message the way the Actions runner unescapes it.
std::string escape_data(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// Escapes a property value: as data, plus the ':' and ',' that separate properties.
std::string escape_property(std::string_view text)
{
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string github(const CheckRun& run, bool quiet)
{
  std::string out;
  for_each_finding(run, [&](const core::Finding& f) {
    const char* command = f.severity == core::Severity::error ? "error" : "warning";
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command, escape_property(support::visible(f.file)),
                       f.pos.line, f.pos.column, escape_property(f.rule),
                       escape_data(support::visible(f.text(run.language))));
  });
  if (quiet) {
    return out;
  }
  for (const auto& note : run.notes) {
    out += "::notice::" + escape_data(support::visible(note)) + "\n";
  }
  return out + summary(run, run.language);
}

std::string github_error(std::string_view message)
{
  return "::error title=handoff::" + escape_data(support::visible(message, true)) + "\n";
}

}  // namespace handoff::output
