#pragma once

#include <string>
#include <string_view>

// Escaping of record text for the Markdown documents `handoff report` writes.
namespace handoff::report {

// Returns `text` safe to place anywhere in a Markdown line, table cells included: line breaks
// become spaces, `|` `\` `` ` `` `*` `~` `[` `]` `<` are backslash-escaped, `_` only where it
// could start or end emphasis, and a leading block marker (`#`, `>`, `-`, `+`, `1.`, `1)`)
// is escaped. Never produces HTML entities; `&` and non-ASCII text are kept as they are.
std::string escape_markdown(std::string_view text);

// Returns `text` usable as a Mermaid label: line breaks and the characters Mermaid reads as
// syntax (`:` `;` `#` `"` and backticks) become spaces, runs of spaces collapse.
std::string mermaid_label(std::string_view text);

}  // namespace handoff::report
