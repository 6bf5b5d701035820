#include "spdl/runtime/lsp/text_position.hpp"

#include <algorithm>

namespace spdl::lsp {

namespace {

// Bytes in the UTF-8 sequence that starts with `lead`, or 1 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC2) return 1;  // ASCII, a continuation byte, or an overlong lead
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF5) return 4;
  return 1;
}

// The length of the well-formed character at `at`, or 0 when the bytes there do not form one
// (then the byte counts alone, as one unit).
std::size_t character_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t n = sequence_length(lead);
  if (n == 1) return lead < 0x80 ? 1 : 0;
  if (at + n > text.size()) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// UTF-16 units from the start of `line` to byte `stop`; an offset inside a character counts to
// its start.
std::uint32_t units_before(std::string_view line, std::size_t stop) {
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < stop) {
    const std::size_t n = character_at(line, i);
    const std::size_t step = n == 0 ? 1 : n;
    if (i + step > stop) break;
    units += n == 4 ? 2 : 1;
    i += step;
  }
  return units;
}

}  // namespace

std::uint32_t utf16_length(std::string_view utf8) {
  return units_before(utf8, utf8.size());
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

std::string_view LineIndex::line(std::uint32_t line) const {
  if (line >= starts_.size()) return {};
  const std::size_t begin = starts_[line];
  std::size_t end = line + 1 < starts_.size() ? starts_[line + 1] : text_.size();
  if (end > begin && text_[end - 1] == '\n') --end;
  if (end > begin && text_[end - 1] == '\r') --end;
  return text_.substr(begin, end - begin);
}

Position LineIndex::position_of(std::uint32_t byte_offset) const {
  const auto offset = std::min<std::size_t>(byte_offset, text_.size());
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(after - starts_.begin() - 1);
  const std::string_view content = this->line(line);
  const std::size_t within = std::min<std::size_t>(offset - starts_[line], content.size());
  return {line, units_before(content, within)};
}

Range LineIndex::range_of(std::uint32_t begin, std::uint32_t end) const {
  return {position_of(begin), position_of(std::max(begin, end))};
}

std::uint32_t LineIndex::offset_of(Position position) const {
  if (position.line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::string_view content = line(position.line);
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < content.size() && units < position.character) {
    std::size_t n = character_at(content, i);
    const std::uint32_t width = n == 4 ? 2 : 1;
    if (units + width > position.character) break;  // inside a surrogate pair
    units += width;
    i += n == 0 ? 1 : n;
  }
  return starts_[position.line] + static_cast<std::uint32_t>(i);
}

}  // namespace spdl::lsp
