#include <doctest/doctest.h>

#include "support/xml.hpp"

using handoff::support::xml_attribute;
using handoff::support::xml_text;

TEST_CASE("xml_text escapes the five predefined entities")
{
  CHECK(xml_text(R"(a & b < c > d "e" 'f')") == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
}

TEST_CASE("xml_text keeps valid UTF-8, tabs and newlines, and writes CR as a reference")
{
  CHECK(xml_text("快速\tü\n€ 😀") == "快速\tü\n€ 😀");
  CHECK(xml_text("a\r\nb") == "a&#13;\nb");
}

TEST_CASE("xml_attribute writes tab, newline and CR as references")
{
  CHECK(xml_attribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
}

TEST_CASE("characters XML 1.0 forbids become U+FFFD")
{
  CHECK(xml_text(std::string("a\0b", 3))
        == "a\xEF\xBF\xBD"
           "b");
  CHECK(xml_text("\x01\x08\x0B\x0C\x1F") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(xml_text("\xEF\xBF\xBE") == "\xEF\xBF\xBD");  // U+FFFE is not a character
  CHECK(xml_text("\xEF\xBF\xBF") == "\xEF\xBF\xBD");  // nor U+FFFF
  CHECK(xml_text("\x7F") == "\x7F");                  // DEL is allowed in XML 1.0
}

TEST_CASE("invalid UTF-8 is replaced byte by byte")
{
  CHECK(xml_text("a\xFF"
                 "b")
        == "a\xEF\xBF\xBD"
           "b");
  CHECK(xml_text("\xC3") == "\xEF\xBF\xBD");                                                  // truncated sequence
  CHECK(xml_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                                  // overlong '/'
  CHECK(xml_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                  // UTF-16 surrogate
  CHECK(xml_text("\xF4\x90\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // above U+10FFFF
}
