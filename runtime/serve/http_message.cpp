#include "spdl/runtime/serve/http_message.hpp"

#include <cctype>

namespace spdl::serve {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; `plus_is_space` for the query (HTML forms send spaces as '+').
std::optional<std::string> decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Target> parse_target(const std::string& target) {
  if (target.empty() || target[0] != '/') return std::nullopt;
  Target out;
  const auto question = target.find('?');
  const std::string_view path = std::string_view(target).substr(0, question);
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view raw = path.substr(start, end - start);
    if (end == path.size() && raw.empty()) {
      out.trailing_slash = path.size() > 1;
      break;
    }
    auto segment = decode(raw, false);
    if (!segment) return std::nullopt;
    out.segments.push_back(std::move(*segment));
    start = end + 1;
  }
  if (question == std::string::npos) return out;
  const std::string_view query = std::string_view(target).substr(question + 1);
  std::size_t at = 0;
  while (at <= query.size()) {
    const auto amp = query.find('&', at);
    const auto end = amp == std::string_view::npos ? query.size() : amp;
    const std::string_view pair = query.substr(at, end - at);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      auto key = decode(pair.substr(0, eq), true);
      auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                : decode(pair.substr(eq + 1), true);
      if (!key || !value) return std::nullopt;
      out.query.emplace(std::move(*key), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    at = amp + 1;
  }
  return out;
}

std::string media_type(const std::string& content_type) {
  std::string out;
  for (const char c : content_type) {
    if (c == ';') break;
    if (c == ' ' || c == '\t') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace spdl::serve
