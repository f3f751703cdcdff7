#include <doctest/doctest.h>

#include "support/text.hpp"
#include "yaml/document.hpp"

using namespace handoff;

TEST_CASE("the escapes \\N, \\_, \\L and \\P give UTF-8 text: U+0085, U+00A0, U+2028, U+2029")
{
  const auto doc = yaml::parse("a: \"x\\Ny\\_z\"\nb: \"\\L\\P\"\n\"k\\N\": 1\nc: \"\\x85\\u00a0\"\nd: 'x\\N'\n");
  REQUIRE(doc.ok);
  CHECK(doc.problems.empty());
  CHECK(doc.root.find("a")->value == "x\u0085y\u00a0z");
  CHECK(doc.root.find("b")->value == "\u2028\u2029");
  CHECK(doc.root.find("k\u0085") != nullptr);  // keys too
  CHECK(doc.root.find("c")->value == "\u0085\u00a0");
  CHECK(doc.root.find("d")->value == "x\\N");  // no escapes in single quotes
  for (const auto& child : doc.root.children) {
    CHECK_FALSE(support::find_invalid_utf8(child.value).has_value());
  }
}

TEST_CASE("repair_unescaped encodes the lone bytes of \\N and \\_ and shows any other stray byte")
{
  std::string value = "\xC3\x85 \x85\xA0";  // Å (C3 85) is UTF-8 already; then \N and \_ as yaml-cpp writes them
  CHECK(yaml::repair_unescaped(value) == std::nullopt);
  CHECK(value == "\xC3\x85 \xC2\x85\xC2\xA0");
  value = "a\xFF"
          "b\x85\xFE";
  CHECK(yaml::repair_unescaped(value) == 0xFF);
  CHECK(value == "a\\xffb\xC2\x85\\xfe");
  CHECK_FALSE(support::find_invalid_utf8(value).has_value());
}
