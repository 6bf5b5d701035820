#pragma once
// Positions as the Language Server Protocol counts them: a 0-based line and a 0-based character
// offset in UTF-16 code units, so "£" is one unit and an emoji two, while spdl's spans count
// bytes of UTF-8 ("£" is two bytes, "²" two). Every conversion between the two goes through here.
//
// Lines end at "\n", "\r\n" or a lone "\r", as the protocol says. A position past the end of its
// line means the end of the line; a line past the last means the end of the text; a character
// inside a UTF-16 surrogate pair means the start of that character. Invalid UTF-8 counts one unit
// a byte, so a conversion never fails.

#include <cstdint>
#include <string_view>
#include <vector>

namespace spdl::lsp {

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;  // UTF-16 code units from the start of the line

  bool operator==(const Position&) const = default;
  auto operator<=>(const Position&) const = default;
};

struct Range {
  Position start;
  Position end;

  bool operator==(const Range&) const = default;
};

// The line starts of one text, which must outlive the index.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  Position position_of(std::uint32_t byte_offset) const;
  Range range_of(std::uint32_t begin, std::uint32_t end) const;
  std::uint32_t offset_of(Position position) const;  // clamped as above
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  // The bytes of a 0-based line, without its line ending; empty past the last line.
  std::string_view line(std::uint32_t line) const;
  std::string_view text() const { return text_; }
  Position end() const { return position_of(static_cast<std::uint32_t>(text_.size())); }

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_{0};
};

// UTF-16 code units in a run of UTF-8 bytes (each invalid byte one unit).
std::uint32_t utf16_length(std::string_view utf8);

}  // namespace spdl::lsp
