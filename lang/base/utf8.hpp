#pragma once
// UTF-8 validation and counting, for source files and scheme text.

#include <cstddef>
#include <optional>
#include <string_view>

namespace spdl::utf8 {

// The byte offset of the first invalid sequence, or nullopt when the text is valid UTF-8.
std::optional<std::size_t> first_invalid(std::string_view text);

std::size_t count_code_points(std::string_view text);

// The bytes of the character that starts at `at` (1 for ASCII and for a byte that cannot start
// one), never past the end: so a message quoting one character never splits it.
std::size_t character_length(std::string_view text, std::size_t at);

}  // namespace spdl::utf8
