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

// A key the report's format names: a literal, checked as it is compiled to need no escaping, and
// kept as it is written (`"name": `), so that writing it is one copy of a fixed size. A report
// writes some 700 keys; escaping each cost as much as the rest of the writing.
class KeyName {
 public:
  template <std::size_t N>
  consteval KeyName(const char (&name)[N]) : size_(N - 1 + 4) {  // NOLINT: implicit on purpose
    static_assert(N - 1 + 4 <= sizeof written_, "a key of the report's format is short");
    written_[0] = '"';
    for (std::size_t i = 0; i + 1 < N; ++i) {
      const char c = name[i];
      // Not a constant expression, so a key that would need escaping does not compile.
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
          static_cast<unsigned char>(c) >= 0x80)
        throw "a key of the report's format is plain ASCII with nothing to escape";
      written_[i + 1] = c;
    }
    written_[N] = '"';
    written_[N + 1] = ':';
    written_[N + 2] = ' ';
  }
  // `"name": `, and room after it up to a fixed size.
  const char* written() const { return written_; }
  std::size_t size() const { return size_; }
  static constexpr std::size_t room = 32;

 private:
  char written_[room] = {};
  std::size_t size_;
};

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
  void key(const KeyName& name) {
    before_value();
    if (used_ + KeyName::room > out_.size()) [[unlikely]]
      grow(KeyName::room);
    std::memcpy(out_.data() + used_, name.written(), KeyName::room);
    used_ += name.size();
    after_key_ = true;  // the value follows on the same line
  }
  void key_text(std::string_view name);  // any text as a key, escaped

  void string(std::string_view text);
  void boolean(bool value);
  void null();
  void number(double value);
  void strings(const std::vector<std::string>& items);

  // The text written, with the final newline the commands print.
  std::string finish();

 private:
  // The comma, line break and indent a new member or item needs. Inline: every key and value of
  // a report (some 2,000) comes through here.
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (levels_.empty()) return;
    Level& level = levels_.back();
    line_break(levels_.size(), level.count++ != 0);
  }
  void escaped(std::string_view text);  // a string literal, escaped as nlohmann escapes
  void escaped_slowly(std::string_view text);
  void line_break(std::size_t level, bool comma) {
    // ",\n" and the indent as one copy, from a run of spaces. The copy is always 64 bytes (a few
    // vector moves; a copy of varying length became `rep movs`, slow to start) and the text
    // advances by the part wanted: what lies past it is written over next.
    const std::size_t from = comma ? 0 : 1, wanted = 2 * level + 2 - from;
    if (wanted > 64) [[unlikely]]
      return deep_line_break(level, comma);
    if (used_ + 64 > out_.size()) [[unlikely]]
      grow(64);
    std::memcpy(out_.data() + used_, breaks + from, 64);
    used_ += wanted;
  }
  void deep_line_break(std::size_t level, bool comma);  // past 31 levels
  static constexpr char breaks[] =
      ",\n                                                                ";
  static_assert(sizeof breaks - 1 >= 1 + 64);

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
