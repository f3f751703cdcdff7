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

TEST_CASE("positions count characters and byte_offset turns them back into bytes")
{
  const std::string text = "a: 生产\nb: {t: 工单, s: x}\n";
  const auto doc = yaml::parse(text);
  REQUIRE(doc.ok);
  const yaml::Node& s = *doc.root.find("b")->find("s");
  CHECK(s.pos.line == 2);
  CHECK(s.pos.column == 15);  // 21 counted in bytes
  CHECK(yaml::byte_offset(text, s.pos) == text.find("x}"));
  CHECK(yaml::position_of(text, text.find("x}")).column == 15);
  CHECK(yaml::byte_offset(text, {1, 4}) == 3);
  CHECK(yaml::byte_offset(text, {1, 5}) == 6);                 // after 生
  CHECK(yaml::byte_offset(text, {1, 99}) == text.find('\n'));  // past the end of the line
  CHECK(yaml::byte_offset(text, {9, 1}) == text.size());       // past the last line
  for (std::size_t at = 0; at < text.size(); at += text[at] == '\n' || (text[at] & 0x80) == 0 ? 1 : 3) {
    CHECK(yaml::byte_offset(text, yaml::position_of(text, at)) == at);
  }
}

TEST_CASE("long lines and many findings are counted once: columns stay right and parse stays linear")
{
  std::string text = "a: [";
  for (int i = 0; i < 20000; ++i) {
    text += "生产, ";
  }
  text += "x]\n";
  const auto doc = yaml::parse(text);
  REQUIRE(doc.ok);
  const auto& items = doc.root.find("a")->children;
  REQUIRE(items.size() == 20001);
  CHECK(items[1].pos.column == 9);
  CHECK(items.back().pos.column == 5 + 20000 * 4);

  std::string wide;
  for (int i = 0; i < 20000; ++i) {
    wide += "k\uFF1Av\n";
  }
  const auto bad = yaml::parse(wide);
  CHECK_FALSE(bad.ok);
  REQUIRE(bad.problems.size() == 20000);
  CHECK(bad.problems.back().pos.line == 20000);
  CHECK(bad.problems.back().message.en == "full-width colon '\uFF1A' at 20000:2; YAML needs ':'");
  CHECK(bad.problems.back().message.zh == "全角冒号 '\uFF1A' 位于 20000:2；YAML 需要半角的 ':'");
}
