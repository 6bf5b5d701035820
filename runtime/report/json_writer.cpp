#include "spdl/runtime/report/json_writer.hpp"

#include <nlohmann/json.hpp>

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

void JsonWriter::escaped(std::string_view text) {
  // Invalid UTF-8 is rare (a ruleset's text is checked when read): nlohmann replaces it.
  if (utf8::first_invalid(text)) {
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out_ += '"';
  for (const char c : text) {
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
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* const hex = "0123456789abcdef";
          out_ += "\\u00";
          out_ += hex[(c >> 4) & 0xF];
          out_ += hex[c & 0xF];
        } else {
          out_ += c;
        }
    }
  }
  out_ += '"';
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
