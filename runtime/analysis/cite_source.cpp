// The numbered paragraphs of a guidance document and the figures they state (cite_source.hpp).

#include "spdl/runtime/analysis/cite_source.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>

namespace spdl {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_upper(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0;
}
bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// What follows an id: the end of the line, or one of `allowed`.
bool ends_id(std::string_view rest, std::string_view allowed) {
  return rest.empty() || allowed.find(rest.front()) != std::string_view::npos;
}

std::optional<std::string> paragraph_number(std::string_view line) {
  std::size_t i = 0;
  std::size_t dots = 0;
  std::size_t last_start = 0;
  while (true) {
    const std::size_t start = i;
    while (i < line.size() && is_digit(line[i])) ++i;
    if (i == start || i - start > 4) return std::nullopt;
    last_start = start;
    if (i + 1 < line.size() && line[i] == '.' && is_digit(line[i + 1])) {
      ++i;
      ++dots;
      continue;
    }
    break;
  }
  if (dots == 0 || !ends_id(line.substr(i), " \t")) return std::nullopt;
  const std::string_view last = line.substr(last_start, i - last_start);
  if (std::all_of(last.begin(), last.end(), [](char c) { return c == '0'; })) return std::nullopt;
  return std::string(line.substr(0, i));
}

std::optional<std::string> policy(std::string_view line) {
  if (!line.starts_with("POLICY ")) return std::nullopt;
  const std::string_view rest = line.substr(7);
  std::size_t i = 0;
  while (i < rest.size() && is_upper(rest[i])) ++i;
  const std::size_t letters = i;
  while (i < rest.size() && is_digit(rest[i])) ++i;
  if (letters == 0 || letters > 5 || i == letters || !ends_id(rest.substr(i), ": \t"))
    return std::nullopt;
  return std::string(rest.substr(0, i));
}

// "Figure 3: ...\t10": an entry of a table of contents, which names a part but does not hold it.
bool contents_entry(std::string_view line) {
  line = trim(line);
  std::size_t i = line.size();
  while (i > 0 && is_digit(line[i - 1])) --i;
  return i < line.size() && i > 0 && line[i - 1] == '\t';
}

std::optional<std::string> named_part(std::string_view line) {
  static constexpr std::array<std::string_view, 4> words = {"Appendix", "Annexe", "Annex",
                                                            "Figure"};
  for (const auto word : words) {
    if (line.size() <= word.size() || line[word.size()] != ' ') continue;
    const std::string_view head = line.substr(0, word.size());
    bool matches = head == word;
    if (!matches) {
      matches = true;
      for (std::size_t k = 0; k < word.size(); ++k) {
        if (head[k] != static_cast<char>(std::toupper(static_cast<unsigned char>(word[k]))))
          matches = false;
      }
    }
    if (!matches) continue;
    const std::string_view rest = line.substr(word.size() + 1);
    std::size_t i = 0;
    if (!rest.empty() && is_digit(rest[0])) {
      while (i < rest.size() && is_digit(rest[i])) ++i;
    } else {
      while (i < rest.size() && i < 2 && is_upper(rest[i])) ++i;
    }
    if (i == 0 || !ends_id(rest.substr(i), ": \t") || contents_entry(line)) return std::nullopt;
    return std::string(word) + " " + std::string(rest.substr(0, i));
  }
  return std::nullopt;
}

std::optional<std::string> heading(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() > 4 && t.starts_with("**") && t.ends_with("**")) {
    const std::string_view title = trim(t.substr(2, t.size() - 4));
    if (!title.empty() && title.find("**") == std::string_view::npos) return std::string(title);
  }
  if (line.starts_with("#")) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == '#') ++i;
    if (i <= 6 && i < line.size() && line[i] == ' ') {
      const std::string_view title = trim(line.substr(i));
      if (!title.empty()) return std::string(title);
    }
  }
  return std::nullopt;
}

std::optional<std::string> paragraph_start(std::string_view line) {
  if (line.starts_with("- ")) line.remove_prefix(2);
  if (auto id = paragraph_number(line)) return id;
  if (auto id = policy(line)) return id;
  if (auto id = named_part(line)) return id;
  return heading(line);
}

// ---- figures

constexpr std::array<std::string_view, 23> number_words = {
    "one",       "two",      "three",    "four",   "five",     "six",      "seven",   "eight",
    "nine",      "ten",      "eleven",   "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty",   "forty",    "fifty"};

// Longest first where one begins another ("dwellings" before "dwelling").
constexpr std::array<std::string_view, 30> unit_words = {"dwellings",
                                                         "dwelling",
                                                         "dws",
                                                         "units",
                                                         "unit",
                                                         "homes",
                                                         "home",
                                                         "houses",
                                                         "house",
                                                         "flats",
                                                         "flat",
                                                         "apartments",
                                                         "apartment",
                                                         "hectares",
                                                         "hectare",
                                                         "ha",
                                                         "bedrooms",
                                                         "bedroom",
                                                         "bed spaces",
                                                         "beds",
                                                         "bed",
                                                         "persons",
                                                         "person",
                                                         "people",
                                                         "habitable rooms",
                                                         "habitable room",
                                                         "m²",
                                                         "m ²",
                                                         "m2",
                                                         "years"};

bool word_boundary_before(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  const char c = text[at - 1];
  return !is_alpha(c) && !is_digit(c) && c != '.' && c != ',';
}

bool word_boundary_after(std::string_view text, std::size_t at) {
  return at >= text.size() || !(is_alpha(text[at]) || is_digit(text[at]));
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(text[at + k])) !=
        std::tolower(static_cast<unsigned char>(word[k])))
      return false;
  }
  return true;
}

// The end of a number written in digits at `at` ("3,000", "0.5"), or `at` when there is none.
std::size_t digits_end(std::string_view text, std::size_t at) {
  std::size_t i = at;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == at) return at;
  while (i + 3 < text.size() && text[i] == ',' && is_digit(text[i + 1]) && is_digit(text[i + 2]) &&
         is_digit(text[i + 3]) && (i + 4 >= text.size() || !is_digit(text[i + 4]))) {
    i += 4;
  }
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  return i;
}

// The end of a number at `at`, in digits or a word; `at` when there is none.
std::size_t number_end(std::string_view text, std::size_t at) {
  if (!word_boundary_before(text, at)) return at;
  if (is_digit(text[at])) {
    const std::size_t end = digits_end(text, at);
    return end < text.size() && is_digit(text[end]) ? at : end;
  }
  for (const auto word : number_words) {
    if (starts_with_ci(text, at, word) && word_boundary_after(text, at + word.size()))
      return at + word.size();
  }
  return at;
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// After a number: "%", "per cent", or a unit word (after "or more" and the like). The end of the
// figure, or nullopt.
std::optional<std::size_t> figure_after(std::string_view text, std::size_t i, bool in_digits,
                                        bool year) {
  std::size_t j = skip_spaces(text, i);
  if (in_digits && j < text.size() && text[j] == '%') return j + 1;
  for (const std::string_view per_cent : {"per cent", "percent"}) {
    if (starts_with_ci(text, j, per_cent) && word_boundary_after(text, j + per_cent.size()))
      return j + per_cent.size();
  }
  for (const std::string_view joiner : {"or more", "or less", "or fewer", "+", "-"}) {
    if (starts_with_ci(text, j, joiner)) {
      j = skip_spaces(text, j + joiner.size());
      break;
    }
  }
  // The unit word, or up to two words before it ("15 or more residential units", "165 net
  // additional units"); a year ("in 2006 new homes") takes its unit word at once or not at all.
  const int words_allowed = year ? 0 : 2;
  for (int skipped = 0;; ++skipped) {
    for (const auto unit : unit_words) {
      if (starts_with_ci(text, j, unit) && word_boundary_after(text, j + unit.size()))
        return j + unit.size();
    }
    if (skipped == words_allowed) return std::nullopt;
    std::size_t k = j;
    while (k < text.size() && is_alpha(text[k])) ++k;
    if (k == j || (k < text.size() && !is_space(text[k]))) return std::nullopt;
    j = skip_spaces(text, k);
  }
}

std::string one_line(std::string_view s) {
  std::string out;
  for (const char c : s) out += (c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

}  // namespace

std::vector<SourceParagraph> find_paragraphs(std::string_view text) {
  std::vector<SourceParagraph> out;
  std::map<std::string, std::size_t> seen;
  std::size_t current = static_cast<std::size_t>(-1);
  std::uint32_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number;
    start = end + 1;
    if (auto id = paragraph_start(line)) {
      const auto [at, fresh] = seen.emplace(*id, out.size());
      if (fresh) out.push_back({*id, line_number, {}, {}});
      current = at->second;
    }
    if (current == static_cast<std::size_t>(-1)) continue;
    auto& body = out[current].text;
    const std::string_view t = trim(line);
    if (t.empty()) continue;
    if (!body.empty()) body += '\n';
    body += t;
  }
  for (auto& p : out) p.figures = find_figures(p.text);
  return out;
}

std::vector<std::string> find_figures(std::string_view text) {
  std::vector<std::string> out;
  auto add = [&](std::size_t from, std::size_t to) {
    std::string figure = one_line(text.substr(from, to - from));
    if (std::find(out.begin(), out.end(), figure) == out.end()) out.push_back(std::move(figure));
  };
  static constexpr std::string_view pound = "\xC2\xA3";
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i).starts_with(pound)) {
      const std::size_t n = skip_spaces(text, i + pound.size());
      const std::size_t end = n < text.size() && is_digit(text[n]) ? digits_end(text, n) : n;
      if (end > n) {
        add(i, end);
        i = end;
        continue;
      }
      i += pound.size();
      continue;
    }
    if (!is_digit(text[i]) && !is_alpha(text[i])) {
      ++i;
      continue;
    }
    const std::size_t end = number_end(text, i);
    if (end == i) {
      // Not a number: skip the rest of the word.
      while (i < text.size() && (is_alpha(text[i]) || is_digit(text[i]))) ++i;
      continue;
    }
    const std::string_view number = text.substr(i, end - i);
    const bool year = number.size() == 4 && std::all_of(number.begin(), number.end(), is_digit) &&
                      (number.starts_with("19") || number.starts_with("20"));
    if (const auto figure_end = figure_after(text, end, is_digit(text[i]), year)) {
      add(i, *figure_end);
      i = *figure_end;
      continue;
    }
    i = end;
  }
  return out;
}

}  // namespace spdl
