#include <doctest/doctest.h>

#include "support/text.hpp"

using handoff::support::wrap;

TEST_CASE("wrap breaks at spaces and keeps line breaks")
{
  CHECK(wrap("aaa bbb ccc", 7) == "aaa bbb\nccc");
  CHECK(wrap("aaa\nbbb ccc", 20) == "aaa\nbbb ccc");
  CHECK(wrap("averyveryverylongword x", 5) == "averyveryverylongword\nx");
  CHECK(wrap("", 5).empty());
}

TEST_CASE("did_you_mean names a likely typo, or the one candidate a cut-short word begins")
{
  using handoff::support::did_you_mean;
  const std::vector<std::string> projects{"acme-mes", "globex-crm", "global-erp", "initech-portal"};
  CHECK(did_you_mean("acme-ms", projects) == "acme-mes");
  CHECK(did_you_mean("ACME-MES", projects) == "acme-mes");
  CHECK(handoff::support::edit_distance("ACEM", "acme") == 1);  // a transposition, whatever the case
  CHECK(did_you_mean("globex", projects) == "globex-crm");
  CHECK(did_you_mean("init", projects) == "initech-portal");
  CHECK(did_you_mean("glob", projects) == std::nullopt);  // globex-crm and global-erp
  CHECK(did_you_mean("ac", projects) == std::nullopt);    // too short to guess from
  CHECK(did_you_mean("tyrell", projects) == std::nullopt);
}

TEST_CASE("quote shows control characters and cuts long values at a character boundary")
{
  using handoff::support::quote;
  CHECK(quote("a\nb") == "\"a\\nb\"");
  CHECK(quote("abcdef", 3) == "\"abc...\"");
  CHECK(quote("ab\xE5\xBF\xAB", 3) == "\"ab...\"");  // 快 is three bytes: never cut in half
  CHECK(quote("ab\xE5\xBF\xAB", 5) == "\"ab\xE5\xBF\xAB\"");
  CHECK(quote("\x1b]52;c;eA==\x07 \u202E\u2028\t\xFF") == "\"\\x1b]52;c;eA==\\x07 \\u202e\\u2028\\t\\xff\"");
  CHECK(quote("ab\x1b[2J", 3) == "\"ab\\x1b...\"");
}

TEST_CASE("visible shows the characters that steer terminals and CI logs, and nothing else")
{
  using handoff::support::visible;
  CHECK(visible("plain text, tab\there, 快") == "plain text, tab\there, 快");
  CHECK(visible("x\r\n::error file=x.yaml,line=1::FAKE") == "x\\r\\n::error file=x.yaml,line=1::FAKE");
  CHECK(visible("a\nb", true) == "a\nb");
  CHECK(visible("\x1b]0;pwned\x07\x1b[2J\x7f") == "\\x1b]0;pwned\\x07\\x1b[2J\\x7f");
  CHECK(visible("abc\u202Edef\u2066x\u2069") == "abc\\u202edef\\u2066x\\u2069");
  CHECK(visible("\u202A\u202D\u2067\u2068") == "\\u202a\\u202d\\u2067\\u2068");
  CHECK(visible("C1 \xC2\x9B"
                "31m and NEL \xC2\x85")
        == "C1 \\u009b31m and NEL \\u0085");
  CHECK(visible("bad \xFF byte, cut \xE5\xBF") == "bad \\xff byte, cut \\xe5\\xbf");
  CHECK(visible("line\u2028and paragraph\u2029separators") == "line\\u2028and paragraph\\u2029separators");
  CHECK(visible("\u00A0 and \u2027 stay") == "\u00A0 and \u2027 stay");
}

TEST_CASE("valid_utf8 writes each byte that is not UTF-8 as \\xff and keeps everything else")
{
  using handoff::support::valid_utf8;
  CHECK(valid_utf8("bad\xFFname") == "bad\\xffname");
  CHECK(valid_utf8("cut \xE5\xBF") == "cut \\xe5\\xbf");
  CHECK(valid_utf8("\x1b ok \u202E 快") == "\x1b ok \u202E 快");
}
