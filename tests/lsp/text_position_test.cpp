// UTF-16 positions against byte offsets, on lines holding "£" (2 bytes, 1 unit), "²" (2 bytes,
// 1 unit) and a four-byte character (2 units).

#include <catch2/catch.hpp>

#include "spdl/runtime/lsp/text_position.hpp"

using spdl::lsp::LineIndex;
using spdl::lsp::Position;

TEST_CASE("positions: a line with £ and ² counts each as one UTF-16 unit", "[lsp][position]") {
  // Bytes: "fee = " 0-5, "£" 6-7, "29,341 " 8-14, "[" 15; "m" 27, "²" 28-29, " " 30.
  const std::string text = "fee = £29,341 [SPD 7.1] # m² of floor\nnext";
  const LineIndex lines(text);
  REQUIRE(text.find('[') == 15);
  // 15 bytes before "[", one of them the second byte of "£": 14 units.
  CHECK(lines.position_of(15) == Position{0, 14});
  CHECK(lines.offset_of({0, 14}) == 15);
  // After "m²" (bytes 27-29) comes the space at byte 30; "£" and "²" each count one unit for
  // their two bytes: 30 - 2 = 28 units.
  REQUIRE(text.substr(27, 3) == "m\xC2\xB2");
  CHECK(lines.position_of(30) == Position{0, 28});
  CHECK(lines.offset_of({0, 28}) == 30);
  // "£" itself starts at unit 6 and ends at unit 7.
  CHECK(lines.range_of(6, 8).start == Position{0, 6});
  CHECK(lines.range_of(6, 8).end == Position{0, 7});
  CHECK(lines.position_of(static_cast<std::uint32_t>(text.find("next"))) == Position{1, 0});
}

TEST_CASE("positions: every character boundary survives the round trip", "[lsp][position]") {
  const std::string text =
      "a£b²c\xF0\x9F\x8F\xA0"
      "d\r\ne£\rf\n\n£";
  const LineIndex lines(text);
  for (std::uint32_t i = 0; i <= text.size(); ++i) {
    const auto c = i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    if ((c & 0xC0) == 0x80) continue;                         // inside a character
    if (i > 0 && text[i - 1] == '\r' && c == '\n') continue;  // inside "\r\n"
    INFO("byte " << i);
    CHECK(lines.offset_of(lines.position_of(i)) == i);
  }
}

TEST_CASE("positions: a four-byte character is two units, and inside it means its start",
          "[lsp][position]") {
  // "a" 0, U+1F3E0 (house) bytes 1-4, "b" 5.
  const std::string text =
      "a\xF0\x9F\x8F\xA0"
      "b";
  const LineIndex lines(text);
  CHECK(lines.position_of(5) == Position{0, 3});
  CHECK(lines.offset_of({0, 3}) == 5);
  CHECK(lines.offset_of({0, 2}) == 1);            // between the two halves of the surrogate pair
  CHECK(lines.position_of(3) == Position{0, 1});  // a byte inside the character: its start
}

TEST_CASE("positions: LF, CRLF and a lone CR all end lines", "[lsp][position]") {
  const std::string text = "one\r\ntwo\rthree\nfour";
  const LineIndex lines(text);
  REQUIRE(lines.line_count() == 4);
  CHECK(lines.line(0) == "one");
  CHECK(lines.line(1) == "two");
  CHECK(lines.line(2) == "three");
  CHECK(lines.line(3) == "four");
  CHECK(lines.offset_of({1, 0}) == 5);
  CHECK(lines.offset_of({2, 0}) == 9);
  CHECK(lines.position_of(static_cast<std::uint32_t>(text.find("four"))) == Position{3, 0});
}

TEST_CASE("positions: past the end of a line or the text is clamped", "[lsp][position]") {
  const std::string text = "ab£\r\ncd";
  const LineIndex lines(text);
  CHECK(lines.offset_of({0, 99}) == 4);  // the end of "ab£", before "\r\n"
  CHECK(lines.offset_of({7, 0}) == text.size());
  CHECK(lines.offset_of({1, 1000000}) == text.size());
  CHECK(lines.position_of(1000) == Position{1, 2});
  CHECK(lines.end() == Position{1, 2});
  CHECK(LineIndex("").end() == Position{0, 0});
}

TEST_CASE("positions: invalid UTF-8 counts one unit a byte and never fails", "[lsp][position]") {
  const std::string text =
      "a\xC2"
      "b\xFF\xE2\x82"
      "c";
  const LineIndex lines(text);
  // "a", a lone lead byte, "b", 0xFF, and a cut-short three-byte sequence (two bytes): 6 units.
  CHECK(lines.position_of(static_cast<std::uint32_t>(text.size()) - 1) == Position{0, 6});
  for (std::uint32_t i = 0; i <= text.size(); ++i)
    CHECK(lines.offset_of(lines.position_of(i)) == i);
  CHECK(spdl::lsp::utf16_length("\xC2\xA3"
                                "1") == 2);
}
