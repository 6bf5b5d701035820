// The renderings of a citation index.

#include "spdl/runtime/render/cite_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

namespace spdl {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The paragraph numbered after `id` in its section ("5.9" -> "5.10", "HOU5" -> "HOU6"), or "".
std::string next_in_section(const std::string& id) {
  std::size_t digits = id.size();
  while (digits > 0 && is_digit(id[digits - 1])) --digits;
  if (digits == id.size() || id.size() - digits > 6) return "";
  const std::string stem = id.substr(0, digits);
  if (!stem.empty() && stem.back() != '.' && !std::all_of(stem.begin(), stem.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) != 0;
      }))
    return "";
  return stem + std::to_string(std::stoul(id.substr(digits)) + 1);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "a, b and c".
std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// A paragraph's declarations grouped by file, in the index's order: {file, ["rule x", ...]}.
std::vector<std::pair<std::string, std::vector<std::string>>> by_file(const CitationIndex& index,
                                                                      const CitedParagraph& p,
                                                                      bool code) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto d : p.declarations) {
    const auto& decl = index.declarations[d];
    if (out.empty() || out.back().first != decl.file) out.push_back({decl.file, {}});
    out.back().second.push_back(code ? fmt::format("{} `{}`", decl.kind, decl.name)
                                     : fmt::format("{} {}", decl.kind, decl.name));
  }
  return out;
}

// How many of a paragraph's cases each test file holds, in the order of the test files.
std::vector<std::pair<std::string, std::size_t>> cases_by_file(const CitationIndex& index,
                                                               const CitedParagraph& p) {
  std::map<std::string, std::size_t> counts;
  for (const auto c : p.cases) ++counts[index.cases[c].file];
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const auto& file : index.test_files) {
    if (counts.count(file)) out.emplace_back(file, counts[file]);
  }
  return out;
}

std::string summary(const CitationIndex& index) {
  std::size_t files_with_cases = 0;
  {
    std::map<std::string, bool> any;
    for (const auto& c : index.cases) any[c.file] = true;
    files_with_cases = any.size();
  }
  return fmt::format("{} cited by {} of {}; tests: {} in {}.",
                     plural(index.paragraphs.size(), "paragraph reference", "paragraph references"),
                     plural(index.declarations.size(), "declaration", "declarations"),
                     and_list(index.rulesets), plural(index.cases.size(), "case", "cases"),
                     plural(files_with_cases, "file", "files"));
}

std::vector<std::string> ids_of(const std::vector<SourceParagraph>& ps, bool with_figures) {
  std::vector<std::string> out;
  for (const auto& p : ps) {
    if (p.figures.empty() != with_figures) out.push_back(p.id);
  }
  return out;
}

std::string figures_text(const SourceParagraph& p) {
  std::string out;
  for (const auto& f : p.figures) out += (out.empty() ? "" : ", ") + f;
  return out;
}

std::string source_summary(const SourceCoverage& s) {
  std::size_t not_encoded = 0;
  for (const auto& n : s.not_encoded) not_encoded += n.ids.size();
  const std::size_t cited = s.paragraphs - s.uncited.size() - not_encoded;
  return fmt::format(
      "{} has {}: {} cited, {} not encoded by decision, {} not cited ({} stating a figure).",
      s.file, plural(s.paragraphs, "numbered paragraph", "numbered paragraphs"), cited, not_encoded,
      s.uncited.size(), s.uncited_with_figures());
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string compact_paragraphs(const std::vector<std::string>& ids) {
  std::string out;
  std::size_t i = 0;
  while (i < ids.size()) {
    std::size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == next_in_section(ids[j])) ++j;
    if (!out.empty()) out += ", ";
    if (j >= i + 2) {
      out += ids[i] + "-" + ids[j];
    } else {
      out += ids[i];
      if (j == i + 1) out += ", " + ids[j];
    }
    i = j + 1;
  }
  return out;
}

// ---- text

std::string render_cite_text(const CitationIndex& index, CiteRenderOptions options) {
  std::string out = summary(index) + "\n";
  for (const auto& p : index.paragraphs) {
    out += "\n" + ref_label(p.ref) + "\n";
    bool first = true;
    for (const auto& [file, decls] : by_file(index, p, false)) {
      std::string list;
      for (const auto& d : decls) list += (list.empty() ? "" : ", ") + d;
      out += fmt::format("  {:<11} {}: {}\n", first ? "encoded by" : "", file, list);
      first = false;
    }
    if (p.cases.empty()) {
      out += fmt::format("  {:<11} no case\n", "tested by");
    } else if (options.cases) {
      first = true;
      for (const auto c : p.cases) {
        const auto& tc = index.cases[c];
        out += fmt::format("  {:<11} {}:{}: {}\n", first ? "tested by" : "", tc.file, tc.line,
                           tc.name);
        first = false;
      }
    } else {
      std::string list;
      for (const auto& [file, n] : cases_by_file(index, p))
        list +=
            (list.empty() ? "" : "; ") + fmt::format("{}: {}", file, plural(n, "case", "cases"));
      out += fmt::format("  {:<11} {}\n", "tested by", list);
    }
  }
  if (!index.kept_whole.empty()) {
    out += "\nCitations not read as paragraphs (kept as written): " + and_list(index.kept_whole) +
           "\n";
  }
  if (!index.source) return out;
  const auto& s = *index.source;
  out += "\n" + source_summary(s) + "\n";
  if (s.uncited_with_figures() > 0) {
    out += "\nNot cited, stating a figure:\n";
    for (const auto& p : s.uncited) {
      if (!p.figures.empty())
        out += fmt::format("  {} (line {}): {}\n", p.id, p.line, figures_text(p));
    }
  }
  if (const auto plain = ids_of(s.uncited, false); !plain.empty())
    out += "\nNot cited, no figure: " + compact_paragraphs(plain) + "\n";
  if (!s.not_encoded.empty()) {
    out += "\nNot encoded, by decision:\n";
    for (const auto& n : s.not_encoded) out += fmt::format("  {}: {}\n", n.paragraphs, n.reason);
  }
  if (!s.cited_elsewhere.empty())
    out += "\nCited, but not a numbered paragraph of the document: " + and_list(s.cited_elsewhere) +
           "\n";
  return out;
}

// ---- markdown

std::string render_cite_markdown(const CitationIndex& index, CiteRenderOptions options) {
  std::string out = summary(index) + "\n\n";
  out += "| paragraph | encoded by | tested by |\n|---|---|---|\n";
  for (const auto& p : index.paragraphs) {
    std::string encoded;
    for (const auto& [file, decls] : by_file(index, p, true)) {
      std::string list;
      for (const auto& d : decls) list += (list.empty() ? "" : ", ") + d;
      encoded += (encoded.empty() ? "" : "<br>") + fmt::format("`{}`: {}", file, list);
    }
    std::string tested;
    if (p.cases.empty()) {
      tested = "no case";
    } else if (options.cases) {
      for (const auto c : p.cases) {
        const auto& tc = index.cases[c];
        tested += (tested.empty() ? "" : "<br>") +
                  fmt::format("`{}:{}` {}", tc.file, tc.line, md_cell(tc.name));
      }
    } else {
      for (const auto& [file, n] : cases_by_file(index, p))
        tested += (tested.empty() ? "" : ", ") + fmt::format("{} in `{}`", n, file);
    }
    out += fmt::format("| {} | {} | {} |\n", md_cell(ref_label(p.ref)), encoded, tested);
  }
  if (!index.kept_whole.empty()) {
    out += "\nCitations not read as paragraphs (kept as written): " +
           md_cell(and_list(index.kept_whole)) + "\n";
  }
  if (!index.source) return out;
  const auto& s = *index.source;
  out += "\n### What of the document is not cited\n\n" + source_summary(s) + "\n";
  if (s.uncited_with_figures() > 0) {
    out += "\nNot cited, stating a figure:\n\n| paragraph | line | figures |\n|---|---|---|\n";
    for (const auto& p : s.uncited) {
      if (!p.figures.empty())
        out += fmt::format("| {} | {} | {} |\n", md_cell(p.id), p.line, md_cell(figures_text(p)));
    }
  }
  if (const auto plain = ids_of(s.uncited, false); !plain.empty())
    out += "\nNot cited, no figure: " + md_cell(compact_paragraphs(plain)) + ".\n";
  if (!s.not_encoded.empty()) {
    out += "\nNot encoded, by decision:\n\n| paragraphs | why |\n|---|---|\n";
    for (const auto& n : s.not_encoded)
      out += fmt::format("| {} | {} |\n", md_cell(n.paragraphs), md_cell(n.reason));
  }
  if (!s.cited_elsewhere.empty())
    out += "\nCited, but not a numbered paragraph of the document: " +
           md_cell(and_list(s.cited_elsewhere)) + ".\n";
  return out;
}

// ---- JSON

std::string render_cite_json(const CitationIndex& index) {
  using json = nlohmann::ordered_json;
  json declarations = json::array();
  for (const auto& d : index.declarations) {
    declarations.push_back({{"kind", d.kind},
                            {"name", d.name},
                            {"file", d.file},
                            {"line", d.line},
                            {"citation", d.citation}});
  }
  json cases = json::array();
  for (const auto& c : index.cases)
    cases.push_back({{"file", c.file}, {"line", c.line}, {"name", c.name}});
  json paragraphs = json::array();
  for (const auto& p : index.paragraphs) {
    paragraphs.push_back({{"label", ref_label(p.ref)},
                          {"prefix", p.ref.prefix},
                          {"paragraph", p.ref.paragraph},
                          {"part", p.ref.part},
                          {"declarations", p.declarations},
                          {"cases", p.cases}});
  }
  json doc = {{"format", "spdl-cite/1"},
              {"rulesets", index.rulesets},
              {"test_files", index.test_files},
              {"declarations", declarations},
              {"cases", cases},
              {"paragraphs", paragraphs},
              {"kept_whole", index.kept_whole},
              {"source", nullptr}};
  if (index.source) {
    const auto& s = *index.source;
    json uncited = json::array();
    for (const auto& p : s.uncited) {
      uncited.push_back(
          {{"paragraph", p.id}, {"line", p.line}, {"figures", p.figures}, {"text", p.text}});
    }
    json not_encoded = json::array();
    for (const auto& n : s.not_encoded) {
      not_encoded.push_back({{"paragraphs", n.paragraphs},
                             {"reason", n.reason},
                             {"covers", n.ids},
                             {"with_figures", n.with_figures}});
    }
    doc["source"] = {{"file", s.file},
                     {"paragraphs", s.paragraphs},
                     {"uncited", uncited},
                     {"uncited_with_figures", s.uncited_with_figures()},
                     {"not_encoded", not_encoded},
                     {"cited_elsewhere", s.cited_elsewhere}};
  }
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace spdl
