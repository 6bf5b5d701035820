#pragma once
// Source files and spans. Positions are byte offsets into a file's text; line and column
// are computed only when printing. Lines and columns are 1-based; a column counts UTF-8
// code points, so a caret lines up under "£" as a terminal shows it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

using FileId = std::uint16_t;
inline constexpr FileId no_file = 0xFFFF;

struct Span {
  FileId file = no_file;
  std::uint32_t begin = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte

  bool valid() const { return file != no_file; }
  std::uint32_t size() const { return end - begin; }
};

struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::string_view slice(Span span) const;

  LineColumn position(std::uint32_t offset) const;
  // The text of a 1-based line, without its line ending.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// All files read in one run (a ruleset, its modules, schemes), addressed by FileId.
class SourceSet {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }
  std::string_view slice(Span span) const { return file(span.file).slice(span); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace spdl
