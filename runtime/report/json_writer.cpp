#include "spdl/runtime/report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "spdl/lang/base/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace spdl {

void JsonWriter::grow(std::size_t bytes) {
  out_.resize(std::max<std::size_t>(2 * out_.size(), used_ + bytes) + 4096);
}

void JsonWriter::deep_line_break(std::size_t level, bool comma) {
  put(comma ? ",\n" : "\n", comma ? 2 : 1);
  std::memset(room(2 * level), ' ', 2 * level);
}

void JsonWriter::begin_object() {
  before_value();
  put('{');
  levels_.push_back({true, 0});
}

void JsonWriter::begin_array() {
  before_value();
  put('[');
  levels_.push_back({false, 0});
}

void JsonWriter::end_object() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.count > 0) line_break(levels_.size(), false);
  put('}');
}

void JsonWriter::end_array() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.count > 0) line_break(levels_.size(), false);
  put(']');
}

void JsonWriter::key_text(std::string_view name) {
  before_value();
  escaped(name);
  put(": ", 2);
  after_key_ = true;  // the value follows on the same line
}

void JsonWriter::string(std::string_view text) {
  before_value();
  escaped(text);
}

namespace {

// What a text needs before it can go out as it is: whether it has a byte to escape (a quote, a
// backslash, a control character), and whether it goes past ASCII (then it is checked to be
// valid UTF-8).
struct TextScan {
  bool escapes = false;
  bool beyond_ascii = false;
};

TextScan scan(std::string_view text) {
  const char* const p = text.data();
  const std::size_t n = text.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time where every x86-64 has the instructions, the last sixteen overlapping
  // what was scanned: a report's strings are some 16 KB, and this scan was most of the time spent
  // writing them.
  if (n >= 16) {
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1f);
    __m128i escapes = _mm_setzero_si128(), high = _mm_setzero_si128();
    const auto add = [&](const char* at) {
      const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      high = _mm_or_si128(high, w);  // a byte past ASCII has its top bit set
      // A control character is a byte at most 0x1f, unsigned: max(w, 0x1f) is 0x1f.
      escapes = _mm_or_si128(
          escapes,
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, backslash)),
                       _mm_cmpeq_epi8(_mm_max_epu8(w, control), control)));
    };
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) add(p + i);
    if (i < n) add(p + n - 16);
    return {_mm_movemask_epi8(escapes) != 0, _mm_movemask_epi8(high) != 0};
  }
#endif
  // Eight bytes at a time, with the usual bit tricks for "a byte below n" and "a byte equal to c".
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const auto below = [](std::uint64_t v, std::uint64_t limit) {
    return (v - limit * ones) & ~v & highs;
  };
  const auto zero_byte = [&](std::uint64_t v) { return below(v, 1); };
  std::uint64_t escapes = 0, high = 0;
  const auto add = [&](std::uint64_t w) {
    high |= w & highs;
    escapes |= below(w, 0x20) | zero_byte(w ^ ('"' * ones)) | zero_byte(w ^ ('\\' * ones));
  };
  const auto load = [](const char* at, auto word) {
    std::memcpy(&word, at, sizeof word);
    return static_cast<std::uint64_t>(word);
  };
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) add(load(p + i, std::uint64_t{}));
    if (i < n) add(load(p + n - 8, std::uint64_t{}));  // the last eight, overlapping
  } else if (n >= 4) {
    add(load(p, std::uint32_t{}) | load(p + n - 4, std::uint32_t{}) << 32);  // two that overlap
  } else if (n > 0) {
    std::uint64_t w = 'a' * ones;  // filled out with a plain letter
    std::memcpy(&w, p, n);
    add(w);
  }
  return {escapes != 0, high != 0};
}

}  // namespace

void JsonWriter::escaped(std::string_view text) {
  if (const TextScan t = scan(text); t.escapes || (t.beyond_ascii && utf8::first_invalid(text)))
    return escaped_slowly(text);
  char* at = room(text.size() + 2);
  at[0] = '"';
  // An empty view may hold no pointer at all, which memcpy may not be given even for 0 bytes.
  if (!text.empty()) std::memcpy(at + 1, text.data(), text.size());
  at[text.size() + 1] = '"';
}

void JsonWriter::escaped_slowly(std::string_view text) {
  // A report is mostly plain text: runs without a quote, a backslash or a control character go
  // out whole. Invalid UTF-8 is rare (a ruleset's text is checked when read); nlohmann replaces
  // it, and the text is checked only when it has a byte past ASCII.
  const std::size_t start = used_;
  bool ascii = true;
  put('"');
  std::size_t run = 0;  // the first character not yet written
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ascii &= c < 0x80;
      continue;
    }
    put(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        put("\\\"", 2);
        break;
      case '\\':
        put("\\\\", 2);
        break;
      case '\b':
        put("\\b", 2);
        break;
      case '\f':
        put("\\f", 2);
        break;
      case '\n':
        put("\\n", 2);
        break;
      case '\r':
        put("\\r", 2);
        break;
      case '\t':
        put("\\t", 2);
        break;
      default: {
        static const char* const hex = "0123456789abcdef";
        const char code[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xF], hex[c & 0xF]};
        put(code, sizeof code);
      }
    }
  }
  put(text.data() + run, text.size() - run);
  put('"');
  if (!ascii && utf8::first_invalid(text)) {
    used_ = start;
    put(nlohmann::json(std::string(text))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

void JsonWriter::boolean(bool value) {
  before_value();
  put(value ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::null() {
  before_value();
  put("null", 4);
}

void JsonWriter::number(double value) {
  before_value();
  if (!std::isfinite(value)) return put("null", 4);  // as nlohmann writes them
  // nlohmann's shortest round trip, as its dump() writes a number ("24.0", "0.4", "1e+20").
  char digits[32];
  put(digits, static_cast<std::size_t>(
                  nlohmann::detail::to_chars(digits, digits + sizeof digits, value) - digits));
}

void JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& s : items) string(s);
  end_array();
}

std::string JsonWriter::finish() {
  put('\n');
  out_.resize(used_);
  used_ = 0;
  return std::move(out_);
}

}  // namespace spdl
