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

TEST_CASE("quote shows control characters and cuts long values at a character boundary")
{
  using handoff::support::quote;
  CHECK(quote("a\nb") == "\"a\\nb\"");
  CHECK(quote("abcdef", 3) == "\"abc...\"");
  CHECK(quote("ab\xE5\xBF\xAB", 3) == "\"ab...\"");  // 快 is three bytes: never cut in half
  CHECK(quote("ab\xE5\xBF\xAB", 5) == "\"ab\xE5\xBF\xAB\"");
}
