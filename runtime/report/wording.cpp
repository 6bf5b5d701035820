#include "spdl/runtime/report/wording.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "spdl/lang/base/date.hpp"

namespace spdl {

namespace {

// "17000" -> "£17,000".
std::string pounds(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return "£" + out;
}

}  // namespace

std::string human_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '.') {
      out += ": ";  // a part: "homes by size: one bed"
    } else {
      out += c == '_' ? ' ' : c;
    }
  }
  // Income bands are money: "intermediate for incomes £17,000 to £24,999", not "17000 to 24999".
  // A number is read as pounds in a name about incomes, or as either end of a range of five-digit
  // figures ("homes 17000 to 24999"); a year ("register 2006") stays as it is. Most names have
  // no number of four digits, and are done here.
  std::size_t run = 0, longest = 0;
  for (const char c : out) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (longest < 4) return out;
  std::vector<std::string> words;
  for (std::size_t at = 0; at <= out.size();) {
    const auto space = std::min(out.find(' ', at), out.size());
    words.push_back(out.substr(at, space - at));
    at = space + 1;
  }
  const auto digits = [](const std::string& w) {
    return !w.empty() &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool incomes = out.find("income") != std::string::npos;
  bool changed = false;
  const std::vector<std::string> written = words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!digits(written[i]) || written[i].size() < 4) continue;
    const bool in_range =
        (i + 2 < written.size() && written[i + 1] == "to" && digits(written[i + 2]) &&
         written[i].size() >= 5) ||
        (i >= 2 && written[i - 1] == "to" && digits(written[i - 2]) && written[i - 2].size() >= 5);
    if (incomes || in_range) {
      words[i] = pounds(words[i]);
      changed = true;
    }
  }
  if (!changed) return out;
  std::string joined;
  for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
  return joined;
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

std::string spliced(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const auto part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (const auto part : parts) out += part;
  return out;
}

std::string date_words(std::string_view iso) {
  const auto day = parse_date(iso);
  return day ? date_in_words(*day) : std::string(iso);
}

}  // namespace spdl
