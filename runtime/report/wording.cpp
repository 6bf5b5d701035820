#include "spdl/runtime/report/wording.hpp"

#include <algorithm>
#include <cctype>

namespace spdl {

std::string human_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '.') {
      out += ": ";  // a part: "homes by size: one bed"
    } else {
      out += c == '_' ? ' ' : c;
    }
  }
  return out;
}

std::string human_expression(std::string_view expression) {
  std::string out(expression);
  bool quoted = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (quoted && out[i] == '\\') {
      ++i;  // an escaped character, `\"` among them, stays inside the text
    } else if (out[i] == '"') {
      quoted = !quoted;
    } else if (out[i] == '_' && !quoted) {
      out[i] = ' ';
    }
  }
  return out;
}

std::string policy_label(std::string_view name) {
  std::string out(name);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '_') continue;
    const bool between_digits =
        i > 0 && i + 1 < out.size() && digit(out[i - 1]) && digit(out[i + 1]);
    out[i] = between_digits ? '.' : ' ';
  }
  return out;
}

std::string policy_heading(std::string_view name, std::string_view title) {
  const std::string label = policy_label(name);
  if (title.empty()) return label;
  const auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  const bool titled =
      title.size() >= label.size() &&
      std::equal(label.begin(), label.end(), title.begin(),
                 [&](char a, char b) { return lower(a) == lower(b); }) &&
      (title.size() == label.size() ||
       !std::isalnum(static_cast<unsigned char>(title[label.size()])));  // not "Stage 10"
  return titled ? std::string(title) : label + " — " + std::string(title);
}

}  // namespace spdl
