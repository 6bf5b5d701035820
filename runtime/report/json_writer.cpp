#include "spdl/runtime/report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

#include "spdl/lang/base/utf8.hpp"

namespace spdl {

void JsonWriter::indent(std::size_t level) {
  out_.append(2 * level, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  out_ += level.count == 0 ? "\n" : ",\n";
  ++level.count;
  indent(levels_.size());
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back({true, 0});
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back({false, 0});
}

void JsonWriter::end_object() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.count > 0) {
    out_ += '\n';
    indent(levels_.size());
  }
  out_ += '}';
}

void JsonWriter::end_array() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.count > 0) {
    out_ += '\n';
    indent(levels_.size());
  }
  out_ += ']';
}

void JsonWriter::key(std::string_view name) {
  before_value();
  escaped(name);
  out_ += ": ";
  after_key_ = true;  // the value follows on the same line
}

void JsonWriter::string(std::string_view text) {
  before_value();
  escaped(text);
}

namespace {

// Whether a text is printable ASCII without a quote or a backslash, so it goes out as it is:
// eight bytes at a time, with the usual bit tricks for "a byte below 0x20", "a byte equal to
// '"' or '\\'" and "a byte at or above 0x80".
bool plain_ascii(std::string_view text) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if ((w & highs) != 0 || ((w - 0x20 * ones) & highs) != 0 || zero_byte(w ^ ('"' * ones)) != 0 ||
        zero_byte(w ^ ('\\' * ones)) != 0)
      return false;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void JsonWriter::escaped(std::string_view text) {
  if (plain_ascii(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
    return;
  }
  // A report is mostly plain text: runs without a quote, a backslash or a control character go
  // out whole. Invalid UTF-8 is rare (a ruleset's text is checked when read); nlohmann replaces
  // it, and the text is checked only when it has a byte past ASCII.
  const std::size_t start = out_.size();
  bool ascii = true;
  out_ += '"';
  std::size_t run = 0;  // the first character not yet written
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ascii &= c < 0x80;
      continue;
    }
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default: {
        static const char* const hex = "0123456789abcdef";
        out_ += "\\u00";
        out_ += hex[(c >> 4) & 0xF];
        out_ += hex[c & 0xF];
      }
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
  if (!ascii && utf8::first_invalid(text)) {
    out_.resize(start);
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::number(double value) {
  before_value();
  out_ += nlohmann::json(value).dump();  // nlohmann's shortest round trip, as before
}

void JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& s : items) string(s);
  end_array();
}

std::string JsonWriter::finish() {
  out_ += '\n';
  return std::move(out_);
}

}  // namespace spdl
