// Reading a citation's text into the paragraphs it names (spec/cite.md, "Citations").

#include "spdl/runtime/analysis/cite.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace spdl {

namespace {

// A range with more members than this is not a numbering a guidance document has: kept whole.
constexpr std::size_t max_range = 100;

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char on) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == on) {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "4.2", "5.10", "3": numbers joined by dots.
std::optional<std::vector<std::uint32_t>> decimal_number(std::string_view s) {
  std::vector<std::uint32_t> parts;
  for (const auto piece : split(s, '.')) {
    if (piece.empty() || piece.size() > 6 || !std::all_of(piece.begin(), piece.end(), is_digit))
      return std::nullopt;
    std::uint32_t n = 0;
    std::from_chars(piece.data(), piece.data() + piece.size(), n);
    parts.push_back(n);
  }
  return parts;
}

// "H16", "HOU3", "DP3": a policy's letters and number.
struct Series {
  std::string letters;
  std::uint32_t number = 0;
};
std::optional<Series> series_number(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_alpha(s[i])) ++i;
  if (i == 0 || i > 5 || i == s.size() || s.size() - i > 6) return std::nullopt;
  if (!std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), is_digit))
    return std::nullopt;
  for (std::size_t k = 0; k < i; ++k) {
    if (!std::isupper(static_cast<unsigned char>(s[k]))) return std::nullopt;
  }
  Series out{std::string(s.substr(0, i)), 0};
  std::from_chars(s.data() + i, s.data() + s.size(), out.number);
  return out;
}

// Words that name a part of a document with a label of its own: "Appendix 3", "Figure 5".
constexpr std::array<std::string_view, 8> part_words = {"Annex",  "Annexe",   "Appendix", "Chapter",
                                                        "Figure", "Schedule", "Section",  "Table"};
// Words that name a division of the paragraph cited before them: "Appendix A, Stage 1".
constexpr std::array<std::string_view, 3> division_words = {"Row", "Stage", "Step"};

std::optional<std::string> word_in(std::string_view w, auto& list) {
  for (const auto candidate : list) {
    if (lower(candidate) == lower(w)) return std::string(candidate);
  }
  return std::nullopt;
}

// "3", "A", "iv": the label after a part word.
bool is_label(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  if (std::all_of(s.begin(), s.end(), is_digit)) return true;
  if (s.size() <= 2 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) != 0;
      }))
    return true;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::string_view("ivxlcIVXLC").find(c) != std::string_view::npos;
  });
}

// "(i)", "a)", "(2)": a subdivision of a paragraph.
bool is_subdivision(std::string_view s) {
  if (s.size() < 2 || s.back() != ')') return false;
  std::string_view inner = s.substr(0, s.size() - 1);
  if (inner.front() == '(') inner.remove_prefix(1);
  return !inner.empty() && inner.size() <= 5 && std::all_of(inner.begin(), inner.end(), is_alnum);
}

std::string join(const std::vector<std::string_view>& ws, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < ws.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += ws[i];
  }
  return out;
}

bool numbered(std::string_view id) {
  return decimal_number(id).has_value() || series_number(id).has_value();
}

class CitationReader {
 public:
  ReadCitation read(std::string_view text) {
    for (const auto group : split(text, ';')) {
      group_part_.reset();
      for (const auto item : split(group, ',')) {
        if (!item.empty()) read_item(item);
      }
    }
    return std::move(out_);
  }

 private:
  void add(ParagraphRef ref, bool names_part = false) {
    previous_ = ref;
    if (names_part) group_part_ = ref;
    out_.refs.push_back(std::move(ref));
  }

  // A division of the part named earlier in the group; it replaces the whole part, cited just
  // before, since "Appendix A, Stage 1" cites Stage 1 alone.
  void add_division(std::string division) {
    if (!out_.refs.empty() && out_.refs.back() == *group_part_) out_.refs.pop_back();
    add({group_part_->prefix, group_part_->paragraph, std::move(division)});
  }

  void keep_whole(std::string_view item, std::string prefix = {}) {
    out_.kept_whole.emplace_back(item);
    add({std::move(prefix), std::string(item), ""});
  }

  void read_item(std::string_view item) {
    const auto ws = words(item);
    // "b)" after "1.1 a)": another subdivision of the same paragraph.
    if (std::all_of(ws.begin(), ws.end(), is_subdivision)) {
      if (!previous_) return keep_whole(item);
      return add({previous_->prefix, previous_->paragraph, join(ws, 0)});
    }
    // "Stage 1" after "Appendix A".
    if (ws.size() == 2 && word_in(ws[0], division_words) && is_label_or_number(ws[1])) {
      const std::string division = *word_in(ws[0], division_words) + " " + std::string(ws[1]);
      if (group_part_) return add_division(division);
      return add({"", division, ""});
    }
    // "Appendix 3 (a)", "Figure 5".
    if (ws.size() >= 2 && word_in(ws[0], part_words) && is_label(ws[1]) &&
        std::all_of(ws.begin() + 2, ws.end(), is_subdivision)) {
      return add({"", *word_in(ws[0], part_words) + " " + std::string(ws[1]), join(ws, 2)},
                 ws.size() == 2);
    }
    // "SPG 4.2", "UDP H5", "para 1.2 (a)", "4.2", "H16 (i)", "3.2-3.7".
    std::size_t at = 0;
    std::string prefix;
    if (ws.size() >= 2 && is_prefix(ws[0]) && looks_numbered(ws[1])) {
      prefix = std::string(ws[0]);
      at = 1;
    }
    if (at < ws.size() && looks_numbered(ws[at]) &&
        std::all_of(ws.begin() + static_cast<std::ptrdiff_t>(at) + 1, ws.end(), is_subdivision)) {
      const std::string_view id = ws[at];
      const bool decimal = is_digit(id.front());
      if (prefix.empty()) {
        prefix = decimal ? decimal_prefix_ : series_prefix_;
      } else {
        (decimal ? decimal_prefix_ : series_prefix_) = prefix;
      }
      const std::string part = join(ws, at + 1);
      const auto dash = id.find('-');
      if (dash == std::string_view::npos) return add({prefix, std::string(id), part});
      return add_range(item, prefix, id.substr(0, dash), id.substr(dash + 1), part);
    }
    // Anything else names a part of the document in words: "Decision", "Table of Size ..."; after
    // a comma, a division of the part named before it: "Appendix A, Net shortfall".
    if (group_part_) return add_division(std::string(item));
    add({"", std::string(item), ""});
  }

  static bool is_label_or_number(std::string_view s) {
    return is_label(s) || decimal_number(s).has_value();
  }

  static bool is_prefix(std::string_view w) {
    std::string_view letters = w;
    if (letters.size() > 1 && letters.back() == '.') letters.remove_suffix(1);
    return !letters.empty() && letters.size() <= 10 &&
           std::all_of(letters.begin(), letters.end(), is_alpha) && !word_in(w, part_words) &&
           !word_in(w, division_words);
  }

  // "4.2", "H16", "3.2-3.7", "HOU5-HOU7"; the en dash is read as a hyphen.
  static bool looks_numbered(std::string_view w) {
    const auto dash = w.find('-');
    if (dash == std::string_view::npos) return numbered(w);
    return numbered(w.substr(0, dash)) && numbered(w.substr(dash + 1));
  }

  void add_range(std::string_view item, const std::string& prefix, std::string_view first,
                 std::string_view last, const std::string& part) {
    const auto a = decimal_number(first);
    const auto b = decimal_number(last);
    if (a && b) {
      const bool same_section = a->size() == b->size() &&
                                std::equal(a->begin(), a->end() - 1, b->begin()) &&
                                a->back() <= b->back() && b->back() - a->back() < max_range;
      if (!same_section) return keep_whole(item, prefix);
      std::string stem;
      for (std::size_t i = 0; i + 1 < a->size(); ++i) stem += std::to_string((*a)[i]) + ".";
      for (auto n = a->back(); n <= b->back(); ++n) add({prefix, stem + std::to_string(n), part});
      return;
    }
    const auto sa = series_number(first);
    const auto sb = series_number(last);
    if (sa && sb && sa->letters == sb->letters && sa->number <= sb->number &&
        sb->number - sa->number < max_range) {
      for (auto n = sa->number; n <= sb->number; ++n)
        add({prefix, sa->letters + std::to_string(n), part});
      return;
    }
    keep_whole(item, prefix);
  }

  ReadCitation out_;
  std::optional<ParagraphRef> previous_;
  std::optional<ParagraphRef> group_part_;  // a whole part named in this group: "Appendix A"
  std::string decimal_prefix_;  // carried to later items of the same form: "SPG 7.2; 7.4"
  std::string series_prefix_;
};

// ---- order

// Compares digit runs as numbers and the rest as text: "H5" < "H16", "(ii)" < "(iv)".
int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && is_digit(a[ei])) ++ei;
      while (ej < b.size() && is_digit(b[ej])) ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size() ? -1 : 1;
      if (na != nb) return na < nb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    const char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    const char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j])));
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

int paragraph_class(std::string_view id) {
  if (series_number(id)) return 0;
  if (decimal_number(id)) return 1;
  return 2;
}

}  // namespace

std::string ref_label(const ParagraphRef& ref) {
  std::string out = ref.prefix.empty() ? ref.paragraph : ref.prefix + " " + ref.paragraph;
  if (!ref.part.empty()) out += (is_subdivision(words(ref.part).front()) ? " " : ", ") + ref.part;
  return out;
}

ReadCitation read_citation(std::string_view text) {
  std::string normal(text);
  // The en dash (U+2013) of a range, as a document would print it.
  for (std::size_t at = normal.find("\xE2\x80\x93"); at != std::string::npos;
       at = normal.find("\xE2\x80\x93", at)) {
    normal.replace(at, 3, "-");
  }
  return CitationReader().read(normal);
}

bool paragraph_precedes(std::string_view a, std::string_view b) {
  const int ca = paragraph_class(a), cb = paragraph_class(b);
  if (ca != cb) return ca < cb;
  return natural_compare(a, b) < 0;
}

bool ref_precedes(const ParagraphRef& a, const ParagraphRef& b) {
  if (a.paragraph != b.paragraph) return paragraph_precedes(a.paragraph, b.paragraph);
  if (a.part != b.part) {
    if (a.part.empty() || b.part.empty()) return a.part.empty();
    return natural_compare(a.part, b.part) < 0;
  }
  return a.prefix < b.prefix;
}

std::size_t SourceCoverage::uncited_with_figures() const {
  return static_cast<std::size_t>(std::count_if(
      uncited.begin(), uncited.end(), [](const SourceParagraph& p) { return !p.figures.empty(); }));
}

}  // namespace spdl
