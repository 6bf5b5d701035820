#include "spdl/lang/base/utf8.hpp"

#include <fmt/format.h>

namespace spdl::utf8 {

std::optional<std::size_t> first_invalid(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned int min_value = 0;
    unsigned int value = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2, min_value = 0x80, value = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, min_value = 0x800, value = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, min_value = 0x10000, value = c & 0x07;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      value = (value << 6) | (bytes[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::size_t character_length(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  std::size_t n = 1;
  while (n < length && at + n < text.size() &&
         (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) {
    ++n;
  }
  return n;
}

char32_t code_point_at(std::string_view text, std::size_t at) {
  const std::size_t length = character_length(text, at);
  const auto lead = static_cast<unsigned char>(text[at]);
  if (length == 1) return lead < 0x80 ? lead : 0xFFFD;
  const std::size_t expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (length != expected) return 0xFFFD;
  char32_t value = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < length; ++k)
    value = (value << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
  return value;
}

namespace {

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool reorders_text(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

struct Named {
  char32_t code;
  const char* name;
  const char* looks_like;  // empty: invisible
};

// Characters met in text pasted from word processors and web pages, and the Latin look-alikes
// most often confused with ASCII letters in names.
constexpr Named suspicious[] = {
    {0x00A0, "NO-BREAK SPACE", " "},
    {0x00AD, "SOFT HYPHEN", ""},
    {0x061C, "ARABIC LETTER MARK", ""},
    {0x200B, "ZERO WIDTH SPACE", ""},
    {0x200C, "ZERO WIDTH NON-JOINER", ""},
    {0x200D, "ZERO WIDTH JOINER", ""},
    {0x200E, "LEFT-TO-RIGHT MARK", ""},
    {0x200F, "RIGHT-TO-LEFT MARK", ""},
    {0x2010, "HYPHEN", "-"},
    {0x2011, "NON-BREAKING HYPHEN", "-"},
    {0x2012, "FIGURE DASH", "-"},
    {0x2013, "EN DASH", "-"},
    {0x2014, "EM DASH", "-"},
    {0x2018, "LEFT SINGLE QUOTATION MARK", "'"},
    {0x2019, "RIGHT SINGLE QUOTATION MARK", "'"},
    {0x201C, "LEFT DOUBLE QUOTATION MARK", "\""},
    {0x201D, "RIGHT DOUBLE QUOTATION MARK", "\""},
    {0x2028, "LINE SEPARATOR", ""},
    {0x2029, "PARAGRAPH SEPARATOR", ""},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING", ""},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING", ""},
    {0x202C, "POP DIRECTIONAL FORMATTING", ""},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE", ""},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE", ""},
    {0x202F, "NARROW NO-BREAK SPACE", " "},
    {0x2060, "WORD JOINER", ""},
    {0x2066, "LEFT-TO-RIGHT ISOLATE", ""},
    {0x2067, "RIGHT-TO-LEFT ISOLATE", ""},
    {0x2068, "FIRST STRONG ISOLATE", ""},
    {0x2069, "POP DIRECTIONAL ISOLATE", ""},
    {0x2212, "MINUS SIGN", "-"},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE (a byte order mark)", ""},
    {0x0391, "GREEK CAPITAL LETTER ALPHA", "A"},
    {0x03BF, "GREEK SMALL LETTER OMICRON", "o"},
    {0x0410, "CYRILLIC CAPITAL LETTER A", "A"},
    {0x0430, "CYRILLIC SMALL LETTER A", "a"},
    {0x0435, "CYRILLIC SMALL LETTER IE", "e"},
    {0x043E, "CYRILLIC SMALL LETTER O", "o"},
    {0x0440, "CYRILLIC SMALL LETTER ER", "p"},
    {0x0441, "CYRILLIC SMALL LETTER ES", "c"},
    {0x0443, "CYRILLIC SMALL LETTER U", "y"},
    {0x0445, "CYRILLIC SMALL LETTER HA", "x"},
    {0x0456, "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "i"},
    {0xFF0C, "FULLWIDTH COMMA", ","},
};

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // the common case, a byte at a time
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    const std::size_t length = character_length(text, i);
    const char32_t c = code_point_at(text, i);
    if (c == '\t' || c == '\n') {
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      append_utf8(out, 0x2400 + c);  // ␀ .. ␟: ␛ for ESC, ␇ for BEL
    } else if (c == 0x7F) {
      append_utf8(out, 0x2421);  // ␡
    } else if ((c >= 0x80 && c <= 0x9F) || reorders_text(c) ||
               (c == 0xFFFD && text.substr(i, length) != "\xEF\xBF\xBD")) {
      append_utf8(out, 0xFFFD);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string describe_character(std::string_view text, std::size_t at) {
  if (at >= text.size() || static_cast<unsigned char>(text[at]) < 0x80) return {};
  const char32_t c = code_point_at(text, at);
  for (const auto& n : suspicious) {
    if (n.code != c) continue;
    if (n.looks_like[0] == '\0') {
      return fmt::format("U+{:04X} {}, which is invisible", static_cast<std::uint32_t>(c), n.name);
    }
    return fmt::format("U+{:04X} {}, which looks like `{}`", static_cast<std::uint32_t>(c), n.name,
                       n.looks_like);
  }
  return fmt::format("U+{:04X}", static_cast<std::uint32_t>(c));
}

}  // namespace spdl::utf8
