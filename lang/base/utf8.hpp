#pragma once
// UTF-8 validation and counting, for source files and scheme text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spdl::utf8 {

// The byte offset of the first invalid sequence, or nullopt when the text is valid UTF-8.
std::optional<std::size_t> first_invalid(std::string_view text);

std::size_t count_code_points(std::string_view text);

// The bytes of the character that starts at `at` (1 for ASCII and for a byte that cannot start
// one), never past the end: so a message quoting one character never splits it.
std::size_t character_length(std::string_view text, std::size_t at);

// The code point that starts at `at` (U+FFFD for a byte that starts none).
char32_t code_point_at(std::string_view text, std::size_t at);

// `text` safe to show on a terminal: control characters (C0 but tab and line feed, DEL, C1),
// the marks and overrides that reorder text (U+061C, U+200E-F, U+202A-E, U+2066-9) and bytes
// that are not UTF-8 are each replaced by one visible character (a control picture such as ␛ for
// ESC, else U+FFFD), so a caret under a source line stays in its column.
std::string printable(std::string_view text);

// A character a reader may not see or may take for another: "U+200B ZERO WIDTH SPACE, which is
// invisible", "U+0430 CYRILLIC SMALL LETTER A, which looks like `a`"; for any other character
// outside ASCII, its code point ("U+00E9"); empty for ASCII.
std::string describe_character(std::string_view text, std::size_t at);

}  // namespace spdl::utf8
