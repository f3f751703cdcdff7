#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handoff::support {

// Returns the Damerau-Levenshtein (optimal string alignment) distance of a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Returns the candidate closest to `word` when it is close enough to be a likely typo, else
// the only candidate that `word` (3 characters or more) begins.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Returns the 0-based byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Returns `text` with each byte that is not part of a UTF-8 sequence written as the four
// characters \xff (as visible shows it), so that JSON can hold it; UTF-8 text is unchanged.
std::string valid_utf8(std::string_view text);

// Returns `text` without leading and trailing blanks (spaces, tabs, newlines).
std::string trim(std::string_view text);

// Returns `text` in double quotes for a message: control characters shown as visible shows
// them, tabs as \t, and cut at a character boundary after `max` bytes with "..." so one long
// value cannot flood the output.
std::string quote(std::string_view text, std::size_t max = 60);

// Returns `text` with every character that could steer a terminal or a CI log made visible
// (DESIGN §9.9): C0 controls but tab, DEL and C1 controls as \r, \n, \x1b, \u009b, the line
// and paragraph separators U+2028 and U+2029 as \u2028, and the bidirectional overrides and
// isolates U+202A-U+202E and U+2066-U+2069 as \u202e; bytes that are not UTF-8 as \xff. With `keep_newlines`, '\n'
// stays a line break. Other text is unchanged.
std::string visible(std::string_view text, bool keep_newlines = false);

// Returns `text` broken into lines of at most `width` characters at spaces (a longer word
// keeps its own line); existing line breaks are kept.
std::string wrap(std::string_view text, std::size_t width);

// Returns true when `text` starts with `prefix`.
inline bool starts_with(std::string_view text, std::string_view prefix)
{
  return text.substr(0, prefix.size()) == prefix;
}

// Returns "a, b and c" for a list of words.
std::string join_words(const std::vector<std::string>& words, std::string_view last_sep = " and ");
// Returns the number of terminal columns `text` (UTF-8) takes: East Asian wide characters
// (CJK ideographs, kana, hangul, full-width forms) take two, other characters one.
std::size_t display_width(std::string_view text);

// Returns the words joined with the Chinese enumeration comma: "a、b、c".
std::string join_zh(const std::vector<std::string>& words);

// Returns `n` followed by the word, plural when n != 1 ("1 error", "2 errors").
std::string plural(long long n, std::string_view singular, std::string_view plural_form = {});

}  // namespace handoff::support
