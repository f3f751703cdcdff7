#include "support/text.hpp"

#include <algorithm>
#include <cctype>

namespace handoff::support {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  // Case is ignored, in substitutions and transpositions alike.
  const auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  // Allow about one edit in three characters, at least one, at most three.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  // A word cut short ("stat", "globex") names the one candidate it begins.
  if (!best && word.size() >= 3) {
    const auto begins = [&](const std::string& candidate) {
      return candidate.size() > word.size()
             && std::equal(word.begin(), word.end(), candidate.begin(), [](char x, char y) {
                  return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
                });
    };
    if (std::count_if(candidates.begin(), candidates.end(), begins) == 1) {
      best = *std::find_if(candidates.begin(), candidates.end(), begins);
    }
  }
  return best;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text)
{
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return i;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

std::string valid_utf8(std::string_view text)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  while (const auto bad = find_invalid_utf8(text)) {
    const auto byte = static_cast<unsigned char>(text[*bad]);
    out.append(text.substr(0, *bad));
    out += {'\\', 'x', k_hex[byte >> 4], k_hex[byte & 0xf]};
    text.remove_prefix(*bad + 1);
  }
  out.append(text);
  return out;
}

std::string trim(std::string_view text)
{
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  auto begin = std::find_if(text.begin(), text.end(), not_space);
  auto end = std::find_if(text.rbegin(), text.rend(), not_space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

std::string join_words(const std::vector<std::string>& words, std::string_view last_sep)
{
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      out += i + 1 == words.size() ? last_sep : std::string_view(", ");
    }
    out += words[i];
  }
  return out;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                      || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                      || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                      || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

std::string join_zh(const std::vector<std::string>& words)
{
  std::string out;
  for (const auto& w : words) {
    out += (out.empty() ? "" : "、") + w;
  }
  return out;
}

std::string plural(long long n, std::string_view singular, std::string_view plural_form)
{
  std::string out = std::to_string(n);
  out += ' ';
  if (n == 1) {
    out += singular;
  } else if (!plural_form.empty()) {
    out += plural_form;
  } else {
    out += singular;
    out += 's';
  }
  return out;
}

std::string wrap(std::string_view text, std::size_t width)
{
  std::string out;
  std::size_t line_length = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      out += '\n';
      line_length = 0;
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') {
      ++end;
    }
    const std::string_view word = text.substr(i, end - i);
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += '\n';
      line_length = 0;
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
    i = end;
  }
  return out;
}

std::string quote(std::string_view text, std::size_t max)
{
  std::string_view cut = text.substr(0, std::min(max, text.size()));
  if (cut.size() < text.size()) {
    // Do not cut a UTF-8 sequence: drop its lead and continuation bytes.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) {
      cut.remove_suffix(1);
    }
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) {
      cut.remove_suffix(1);
    }
  }
  std::string out = "\"";
  for (const char c : visible(cut)) {
    out += c == '\t' ? std::string_view("\\t") : std::string_view(&c, 1);
  }
  if (cut.size() < text.size()) {
    out += "...";
  }
  out += '"';
  return out;
}

std::string visible(std::string_view text, bool keep_newlines)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  const auto hex = [](std::string& out, unsigned value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out += k_hex[(value >> shift) & 0xf];
    }
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\t' || (c == '\n' && keep_newlines) || (c >= 0x20 && c != 0x7f)) {
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else {
        out += "\\x";
        hex(out, c, 2);
      }
      ++i;
      continue;
    }
    // One UTF-8 sequence: its length, and whether it is well formed.
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    const bool valid =
        length > 1 && c < 0xF5 && i + length <= text.size() && !find_invalid_utf8(text.substr(i, length)).has_value();
    if (!valid) {
      out += "\\x";
      hex(out, c, 2);
      ++i;
      continue;
    }
    unsigned code = c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if ((code >= 0x80 && code <= 0x9F) || code == 0x2028 || code == 0x2029 || (code >= 0x202A && code <= 0x202E)
        || (code >= 0x2066 && code <= 0x2069)) {
      out += "\\u";
      hex(out, code, 4);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace handoff::support
