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
