#pragma once
// JSON written straight to a string, laid out byte for byte as nlohmann's dump(2) lays it out
// (two-space indent, "key": value, [] and {} when empty, invalid UTF-8 replaced), for the report
// that `spdl eval --format json` and the service write for every scheme: building a DOM first
// cost as much as the evaluation. Internal to runtime/report.

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

class JsonWriter {
 public:
  // `expected`: about how many bytes will be written, so that the text is made in one piece
  // (growing it copies it, and fresh pages are slow to touch).
  explicit JsonWriter(std::size_t expected = 0) { out_.resize(expected); }

  // Containers, and the keys of an object's members (each followed by exactly one value).
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void string(std::string_view text);
  void boolean(bool value);
  void null();
  void number(double value);
  void strings(const std::vector<std::string>& items);

  // The text written, with the final newline the commands print.
  std::string finish();

 private:
  void before_value();  // the comma, line break and indent a new member or item needs
  void escaped(std::string_view text);  // a string literal, escaped as nlohmann escapes
  void escaped_slowly(std::string_view text);
  void line_break(std::size_t level, bool comma);

  // A report is some 2,400 short strings: each is copied into room made ahead, with no check
  // per character and no reallocation per append. `out_` is `used_` bytes of text, then room.
  char* room(std::size_t bytes) {
    if (used_ + bytes > out_.size()) [[unlikely]]
      grow(bytes);
    char* at = out_.data() + used_;
    used_ += bytes;
    return at;
  }
  void grow(std::size_t bytes);
  void put(const char* text, std::size_t bytes) {
    if (bytes != 0) std::memcpy(room(bytes), text, bytes);
  }
  void put(std::string_view text) { put(text.data(), text.size()); }
  void put(char c) { *room(1) = c; }

  std::string out_;
  std::size_t used_ = 0;
  struct Level {
    bool object = false;
    std::size_t count = 0;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace spdl
