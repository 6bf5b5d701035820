#include "spdl/lang/base/source.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "spdl/lang/base/utf8.hpp"

namespace spdl {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  // LF and CRLF end a line, and so does a CR alone (old Mac files): otherwise every position in
  // such a file would be on line 1.
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  if (std::memchr(begin, '\r', text_.size()) == nullptr) {
    // The usual file (and every request body a service reads): only LF, found a word at a time.
    for (const char* at = begin; (at = static_cast<const char*>(std::memchr(at, '\n', end - at)));)
      line_starts_.push_back(static_cast<std::uint32_t>(++at - begin));
  } else {
    for (std::uint32_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')))
        line_starts_.push_back(i + 1);
    }
  }
  line_starts_.shrink_to_fit();  // kept for as long as the source is loaded
}

std::string_view SourceFile::slice(Span span) const {
  const auto begin = std::min<std::size_t>(span.begin, text_.size());
  const auto end = std::clamp<std::size_t>(span.end, begin, text_.size());
  return std::string_view(text_).substr(begin, end - begin);
}

LineColumn SourceFile::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
  const auto start = line_starts_[line_index];
  const auto prefix = std::string_view(text_).substr(start, offset - start);
  return {line_index + 1, static_cast<std::uint32_t>(utf8::count_code_points(prefix)) + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const auto start = line_starts_[line - 1];
  auto end =
      line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(start, end - start);
}

FileId SourceSet::add(std::string path, std::string text) {
  if (files_.size() >= no_file) throw std::length_error("too many source files");
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace spdl
