#pragma once

#include <string>
#include <string_view>

// Escaping of record text for the Markdown documents `handoff report` writes.
namespace handoff::report {

// Returns `text` safe to place anywhere in a Markdown line, table cells included: line breaks
// become spaces, `|` `\` `` ` `` `*` `~` `[` `]` `<` are backslash-escaped, `_` only where it
// could start or end emphasis, and a leading block marker (`#`, `>`, `-`, `+`, `1.`, `1)`)
// is escaped; leading blanks (spaces, tabs) are dropped and control characters made visible
// as support::visible does. Never produces HTML entities; `&` and non-ASCII text are kept as they are.
std::string escape_markdown(std::string_view text);

// Returns multi-line `text` as Markdown blocks, for a section of its own (a visit summary):
// paragraphs (lines separated by a blank line) and list items ("- ", "* ", "+ ", "1. ") stay,
// each line escaped as escape_markdown escapes it, so record text cannot start a heading, a
// quote, a table or a code block. Never use it inside a table cell.
std::string escape_markdown_block(std::string_view text);

// Returns `text` usable as a Mermaid label: line breaks and the characters Mermaid reads as
// syntax (`:` `;` `#` `"` and backticks) become spaces, runs of spaces collapse, and other
// control characters are made visible as support::visible does.
std::string mermaid_label(std::string_view text);

// Returns `text` as mermaid_label does, usable at the start of a gantt task line: a label
// whose first word Mermaid reads as a statement (`click`, `section`, `excludes`, ...) or that
// starts a comment (`%%`) gets "Milestone " in front.
std::string mermaid_task_label(std::string_view text);

}  // namespace handoff::report
