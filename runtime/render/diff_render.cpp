// The renderings of a ruleset diff.

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/html.hpp"

namespace spdl {

namespace {

const char* group_title(DeclarationKind what) {
  switch (what) {
    case DeclarationKind::parameter:
      return "Parameters";
    case DeclarationKind::rule:
      return "Rules";
    case DeclarationKind::exception:
      return "Exceptions";
    case DeclarationKind::check:
      return "Checks";
    case DeclarationKind::condition:
      return "Conditions to secure";
    case DeclarationKind::input:
      return "Inputs";
    case DeclarationKind::table:
      return "Tables";
    case DeclarationKind::enumeration:
      return "Enumerations";
    case DeclarationKind::policy:
      return "Policies";
  }
  return "Other";
}

// Declarations whose change is shown as their value before and after, not as a formula's parts.
bool shown_by_value(DeclarationKind what) {
  return what == DeclarationKind::parameter || what == DeclarationKind::input ||
         what == DeclarationKind::enumeration || what == DeclarationKind::policy;
}

std::string with_citation(const std::string& value, const std::string& citation) {
  return citation.empty() ? value : value + "  [" + citation + "]";
}

// One changed figure or formula, in words: "10 dwellings [para 1.2]  →  15 dwellings [H16 (i)]".
std::string summary(const Change& c) {
  switch (c.kind) {
    case ChangeKind::added:
      return with_citation(side_text(c.after), c.after.citation);
    case ChangeKind::removed:
      return with_citation(side_text(c.before), c.before.citation);
    case ChangeKind::changed:
      if (shown_by_value(c.declaration)) {
        return with_citation(side_text(c.before), c.before.citation) + "  →  " +
               with_citation(side_text(c.after), c.after.citation);
      }
      return c.before.citation == c.after.citation
                 ? (c.after.citation.empty() ? "" : "[" + c.after.citation + "]")
                 : "[" + c.before.citation + "]  →  [" + c.after.citation + "]";
  }
  return "";
}

std::string counts(const RulesetDiff& d) {
  std::size_t added = 0, removed = 0, changed = 0;
  for (const auto& c : d.changes) {
    (c.kind == ChangeKind::added ? added : c.kind == ChangeKind::removed ? removed : changed) += 1;
  }
  if (d.changes.empty()) return "No differences.";
  return fmt::format("{} difference{}: {} changed, {} added, {} removed.", d.changes.size(),
                     d.changes.size() == 1 ? "" : "s", changed, added, removed);
}

std::string plural(std::size_t n, const std::string& what) {
  if (n == 1) return "1 " + what;
  return fmt::format("{} {}", n, what == "policy" ? "policies" : what + "s");
}

// "a, b and c".
std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "" : i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// A declaration's name as a committee reads it, with the identifier where it says more.
std::string label_of(const Change& c) {
  return c.label.empty() ? c.name : c.label;
}

// A figure that changed value: a parameter whose value (not only its citation) is another.
bool figure_changed(const Change& c) {
  return c.kind == ChangeKind::changed && c.declaration == DeclarationKind::parameter &&
         !citation_only(c) && c.before.words.empty() && c.after.words.empty();
}

// A formula that works otherwise: a changed rule, exception, check or condition.
bool working_changed(const Change& c) {
  return c.kind == ChangeKind::changed && !citation_only(c) &&
         (c.declaration == DeclarationKind::rule || c.declaration == DeclarationKind::exception ||
          c.declaration == DeclarationKind::check || c.declaration == DeclarationKind::condition);
}

// A list's change in words: "social rent and shared equity kept; affordable rent removed;
// discounted market sale added".
std::string list_words(const ListChange& l) {
  std::vector<std::string> parts;
  if (!l.kept.empty()) parts.push_back(listed(l.kept) + " kept");
  if (!l.removed.empty()) parts.push_back(listed(l.removed) + " removed");
  if (!l.added.empty()) parts.push_back(listed(l.added) + " added");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// The list change of a changed list parameter or enumeration, if its members changed.
const ListChange* list_of(const RulesetDiff& d, const Change& c) {
  if (c.kind != ChangeKind::changed) return nullptr;
  for (const auto& l : d.lists) {
    if (!l.shares && l.name == c.name && l.declaration == c.declaration) return &l;
  }
  return nullptr;
}

const char* list_kind(const ListChange& l) {
  if (l.shares) return "shares";
  return l.declaration == DeclarationKind::enumeration ? "members" : "list";
}

// As list_words, what changed in bold: "social rent kept; **affordable rent removed**".
std::string markdown_list_words(const ListChange& l) {
  std::vector<std::string> parts;
  if (!l.kept.empty()) parts.push_back(listed(l.kept) + " kept");
  if (!l.removed.empty()) parts.push_back("**" + listed(l.removed) + " removed**");
  if (!l.added.empty()) parts.push_back("**" + listed(l.added) + " added**");
  std::string joined;
  for (const auto& p : parts) joined += (joined.empty() ? "" : "; ") + p;
  return joined;
}

// The policies the changes bear on, in order of first mention, each with whether the revision
// adds it (a policy added) or changes it.
struct PolicyTouched {
  std::string heading;
  bool added = false;
  bool removed = false;
  std::size_t changes = 0;
};

std::vector<PolicyTouched> policies_touched(const RulesetDiff& d) {
  std::vector<PolicyTouched> out;
  const auto find = [&](const std::string& h) -> PolicyTouched& {
    for (auto& p : out) {
      if (p.heading == h) return p;
    }
    out.push_back({h, false, false, 0});
    return out.back();
  };
  for (const auto& c : d.changes) {
    if (citation_only(c)) continue;
    if (c.declaration == DeclarationKind::policy) {
      auto& p = find(label_of(c));
      p.added |= c.kind == ChangeKind::added;
      p.removed |= c.kind == ChangeKind::removed;
    }
    for (const auto& h : c.policies) find(h).changes += 1;
  }
  return out;
}

// The summary a committee reads first: how many figures and formulas changed (the figures named,
// with both values), what was added and removed, the lists that changed, the policies touched.
struct Summary {
  std::vector<std::string> figures;    // "urban threshold: 10 dwellings → 15 dwellings"
  std::vector<std::string> working;    // "affordable required"
  std::vector<std::string> citations;  // declarations re-cited with the same value
  std::string added, removed;          // "25 parameters, 27 rules"
  std::vector<PolicyTouched> policies;
};

Summary summarise(const RulesetDiff& d) {
  Summary s;
  std::map<std::string, std::size_t> added, removed;
  std::vector<std::string> added_order, removed_order;
  for (const auto& c : d.changes) {
    if (figure_changed(c)) {
      s.figures.push_back(
          fmt::format("{}: {} → {}", label_of(c), side_text(c.before), side_text(c.after)));
    } else if (working_changed(c)) {
      s.working.push_back(label_of(c));
    } else if (citation_only(c)) {
      s.citations.push_back(label_of(c));
    }
    const std::string what = declaration_kind_name(c.declaration);
    if (c.kind == ChangeKind::added && added[what]++ == 0) added_order.push_back(what);
    if (c.kind == ChangeKind::removed && removed[what]++ == 0) removed_order.push_back(what);
  }
  for (const auto& w : added_order)
    s.added += (s.added.empty() ? "" : ", ") + plural(added[w], w == "enum" ? "enumeration" : w);
  for (const auto& w : removed_order)
    s.removed +=
        (s.removed.empty() ? "" : ", ") + plural(removed[w], w == "enum" ? "enumeration" : w);
  s.policies = policies_touched(d);
  return s;
}

std::string policy_words(const PolicyTouched& p) {
  return p.heading + (p.added ? " (new)" : p.removed ? " (removed)" : "");
}

// Who and when: "Vale of White Horse District Council: Affordable Housing ... (draft; material
// 2006-05-04)".
std::string version_line(const std::string& authority, const std::string& title,
                         const std::string& id, const std::string& status,
                         const std::vector<std::string>& dates) {
  std::string when = status;
  for (const auto& date : dates) when += (when.empty() ? "" : "; ") + date;
  if (dates.empty()) when += (when.empty() ? "" : "; ") + std::string("no date given");
  return fmt::format("{}{} [{}]{}", authority.empty() ? "" : authority + ": ",
                     title.empty() ? id : title, id, when.empty() ? "" : " (" + when + ")");
}

}  // namespace

std::string side_text(const DeclarationSide& side) {
  return side.value ? display_figure(*side.value) : side.written;
}

std::string note_text(const ChangeNote& note) {
  switch (note.kind) {
    case ChangeNoteKind::measures:
      return fmt::format("measures {} instead of {}", note.after, note.before);
    case ChangeNoteKind::rewritten:
      return fmt::format("written {} instead of {}, with the same value", note.after, note.before);
    case ChangeNoteKind::gives:
      return fmt::format("gives {} instead of {}", note.after, note.before);
    case ChangeNoteKind::over:
      return fmt::format("now over `{}`", note.after);
    case ChangeNoteKind::reworded:
      return "its message is reworded: " + note.after;
  }
  return "";
}

std::string render_diff_text(const RulesetDiff& d) {
  std::string out = fmt::format("{}  →  {}\n", d.old_id, d.new_id);
  out += "  Before: " +
         version_line(d.old_authority, d.old_title, d.old_id, d.old_status, d.old_dates) + "\n";
  out += "  After:  " +
         version_line(d.new_authority, d.new_title, d.new_id, d.new_status, d.new_dates) +
         (d.new_amends.empty() ? "" : ", amends " + d.new_amends) + "\n";
  const Summary s = summarise(d);
  if (!d.changes.empty()) out += "\nSummary\n";
  if (!s.figures.empty()) {
    out += fmt::format("  {} changed:\n", plural(s.figures.size(), "figure"));
    for (const auto& f : s.figures) out += "    " + f + "\n";
  }
  if (!s.working.empty())
    out += fmt::format("  {} work otherwise: {}\n", plural(s.working.size(), "formula"),
                       listed(s.working));
  for (const auto& l : d.lists)
    out += fmt::format("  {} ({}): {}\n", l.label, list_kind(l), list_words(l));
  if (!s.added.empty()) out += "  Added: " + s.added + "\n";
  if (!s.removed.empty()) out += "  Removed: " + s.removed + "\n";
  if (!s.citations.empty())
    out += "  Cited otherwise, with the same value: " + listed(s.citations) + "\n";
  if (!s.policies.empty()) {
    out += "  Policies the changes bear on:\n";
    for (const auto& p : s.policies) out += "    " + policy_words(p) + "\n";
  }
  std::optional<DeclarationKind> group;
  for (const auto& c : d.changes) {
    if (c.declaration != group) {
      group = c.declaration;
      out += fmt::format("\n{}\n", group_title(c.declaration));
    }
    const char mark = c.kind == ChangeKind::added ? '+' : c.kind == ChangeKind::removed ? '-' : '~';
    out += fmt::format("  {} {}  {}\n", mark, c.name, summary(c));
    // The formula as a sentence, under it: what the before and after read as.
    if (!shown_by_value(c.declaration) || !c.before.words.empty() || !c.after.words.empty()) {
      if (c.kind != ChangeKind::added && !c.before.words.empty())
        out += fmt::format("      {}{}\n", c.kind == ChangeKind::changed ? "was: " : "",
                           c.before.words);
      if (const ListChange* l = list_of(d, c)) {
        out += "      now: " + list_words(*l) + "\n";
      } else if (c.kind != ChangeKind::removed && !c.after.words.empty() &&
                 (c.kind == ChangeKind::added || c.after.words != c.before.words)) {
        out += fmt::format("      {}{}\n", c.kind == ChangeKind::changed ? "now: " : "",
                           c.after.words);
      }
    }
    if (c.kind == ChangeKind::changed && !shown_by_value(c.declaration)) {
      for (const auto& e : c.differences)
        out += fmt::format("      {}  →  {}\n", e.before, e.after);
    }
    for (const auto& n : c.notes) out += fmt::format("      ({})\n", note_text(n));
  }
  out += "\n" + counts(d) + "\n";
  return out;
}

std::string render_diff_markdown(const RulesetDiff& d) {
  auto cell = [](const std::string& s) {
    std::string o;
    for (const char ch : s)
      o += ch == '|' ? std::string("\\|") : ch == '\n' ? std::string("<br>") : std::string(1, ch);
    return o;
  };
  std::string out = fmt::format("# Changes in {}\n\nCompared with {}{}.\n\n",
                                d.new_title.empty() ? d.new_id : d.new_title,
                                d.old_title.empty() ? d.old_id : d.old_title,
                                d.new_amends == d.old_id ? ", which it amends" : "");
  const auto when = [](const std::string& status, const std::vector<std::string>& dates) {
    std::string w = dates.empty() ? "no date given" : "";
    for (const auto& date : dates) w += (w.empty() ? "" : "; ") + date;
    return status.empty() ? w : status + "; " + w;
  };
  out += "| | Before | After |\n|---|---|---|\n";
  out += fmt::format("| Authority | {} | {} |\n", cell(d.old_authority), cell(d.new_authority));
  out += fmt::format("| Guidance | {} | {} |\n", cell(d.old_title), cell(d.new_title));
  out += fmt::format("| Version | `{}` | `{}`{} |\n", d.old_id, d.new_id,
                     d.new_amends.empty() ? "" : ", amends `" + d.new_amends + "`");
  out += fmt::format("| Status and dates | {} | {} |\n\n", cell(when(d.old_status, d.old_dates)),
                     cell(when(d.new_status, d.new_dates)));
  const Summary s = summarise(d);
  out += "## Summary\n\n";
  if (d.changes.empty()) out += "- No differences.\n";
  if (!s.figures.empty()) {
    out += fmt::format("- {} changed:\n", plural(s.figures.size(), "figure"));
    for (const auto& f : s.figures) out += "  - " + f + "\n";
  }
  if (!s.working.empty())
    out += fmt::format("- {} work otherwise: {}.\n", plural(s.working.size(), "formula"),
                       listed(s.working));
  for (const auto& l : d.lists)
    out += fmt::format("- {} ({}): {}.\n", l.label, list_kind(l), markdown_list_words(l));
  if (!s.added.empty()) out += "- Added: " + s.added + ".\n";
  if (!s.removed.empty()) out += "- Removed: " + s.removed + ".\n";
  if (!s.citations.empty())
    out += "- Cited otherwise, with the same value: " + listed(s.citations) + ".\n";
  if (!s.policies.empty()) {
    out += "- Policies the changes bear on:\n";
    for (const auto& p : s.policies) out += "  - " + policy_words(p) + "\n";
  }
  std::optional<DeclarationKind> group;
  for (const auto& c : d.changes) {
    if (c.declaration != group) {
      group = c.declaration;
      out += fmt::format("\n## {}\n\n| | What | Before | After |\n|---|---|---|---|\n",
                         group_title(c.declaration));
    }
    // Each side in words, with its citation; a formula's differing parts under it.
    const auto side = [&](const DeclarationSide& x) {
      return with_citation(x.words.empty() ? side_text(x) : x.words, x.citation);
    };
    std::string before = c.kind == ChangeKind::added ? "" : side(c.before);
    std::string after = c.kind == ChangeKind::removed ? "" : side(c.after);
    if (const ListChange* l = list_of(d, c))
      after = with_citation(markdown_list_words(*l), c.after.citation);
    if (c.kind == ChangeKind::changed && !c.differences.empty() &&
        c.declaration != DeclarationKind::parameter) {
      std::string was, now;
      for (const auto& e : c.differences) {
        was += (was.empty() ? "" : ", ") + ("`" + e.before + "`");
        now += (now.empty() ? "" : ", ") + ("`" + e.after + "`");
      }
      before += "<br>formula: " + was;
      after += "<br>formula: " + now;
    } else if (!shown_by_value(c.declaration)) {
      if (c.kind != ChangeKind::added) before += "<br>formula: `" + c.before.written + "`";
      if (c.kind != ChangeKind::removed) after += "<br>formula: `" + c.after.written + "`";
    }
    for (const auto& n : c.notes) after += " (" + note_text(n) + ")";
    out += fmt::format("| {} | {} | {} | {} |\n",
                       citation_only(c) ? "cited otherwise" : change_kind_name(c.kind),
                       cell(label_of(c)), cell(before), cell(after));
  }
  out += "\n" + counts(d) + "\n";
  return out;
}

std::string render_diff_json(const RulesetDiff& d) {
  using json = nlohmann::ordered_json;
  json changes = json::array();
  for (const auto& c : d.changes) {
    json j = {{"what", declaration_kind_name(c.declaration)},
              {"name", c.name},
              {"kind", change_kind_name(c.kind)}};
    j["label"] = label_of(c);
    const auto side = [](const DeclarationSide& x) {
      json out = {{"value", side_text(x)}, {"citation", x.citation}};
      if (!x.words.empty()) out["words"] = x.words;
      return out;
    };
    if (c.kind != ChangeKind::added) j["before"] = side(c.before);
    if (c.kind != ChangeKind::removed) j["after"] = side(c.after);
    if (!c.differences.empty()) {
      j["differences"] = json::array();
      for (const auto& e : c.differences)
        j["differences"].push_back({{"before", e.before}, {"after", e.after}});
    }
    if (!c.notes.empty()) {
      j["notes"] = json::array();
      for (const auto& n : c.notes) j["notes"].push_back(note_text(n));
    }
    j["policies"] = c.policies;
    changes.push_back(std::move(j));
  }
  json lists = json::array();
  for (const auto& l : d.lists) {
    lists.push_back({{"what", l.shares ? "shares" : declaration_kind_name(l.declaration)},
                     {"name", l.name},
                     {"label", l.label},
                     {"kept", l.kept},
                     {"removed", l.removed},
                     {"added", l.added}});
  }
  const Summary s = summarise(d);
  json policies = json::array();
  for (const auto& p : s.policies) {
    policies.push_back({{"heading", p.heading},
                        {"kind", p.added     ? "added"
                                 : p.removed ? "removed"
                                             : "changed"}});
  }
  std::vector<std::string> working = s.working;
  json doc = {{"format", "spdl-diff/1"},
              {"before",
               {{"id", d.old_id},
                {"title", d.old_title},
                {"status", d.old_status},
                {"authority", d.old_authority},
                {"dates", d.old_dates}}},
              {"after",
               {{"id", d.new_id},
                {"title", d.new_title},
                {"status", d.new_status},
                {"amends", d.new_amends},
                {"authority", d.new_authority},
                {"dates", d.new_dates}}},
              {"summary",
               {{"figures_changed", s.figures},
                {"formulas_changed", working},
                {"added", s.added},
                {"removed", s.removed},
                {"policies", policies}}},
              {"lists", lists},
              {"changes", changes}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// A formula with the parts that differ marked (`tag` is "del" or "ins"), found in order and only
// as whole names, so `dwellings` is not found inside `whole_site_dwellings`. Empty when a part
// cannot be found: the caller then lists the parts instead.
std::string marked_formula(const std::string& formula, const std::vector<std::string>& parts,
                           const char* tag) {
  std::string out;
  std::size_t at = 0;
  for (const auto& part : parts) {
    std::size_t found = formula.find(part, at);
    while (found != std::string::npos &&
           ((found > 0 && is_name_char(formula[found - 1]) && is_name_char(part.front())) ||
            (found + part.size() < formula.size() && is_name_char(formula[found + part.size()]) &&
             is_name_char(part.back())))) {
      found = formula.find(part, found + 1);
    }
    if (part.empty() || found == std::string::npos) return "";
    out += html_escape(formula.substr(at, found - at));
    out += fmt::format("<{0}>{1}</{0}>", tag, html_escape(part));
    at = found + part.size();
  }
  return out + html_escape(formula.substr(at));
}

std::string html_cite(const std::string& citation) {
  return citation.empty() ? std::string()
                          : " <span class=\"muted\">[" + html_escape(citation) + "]</span>";
}

// A list's members as chips: kept plain, removed struck through, added marked.
std::string html_members(const ListChange& l) {
  std::string out;
  for (const auto& m : l.kept) out += "<span class=\"member\">" + html_escape(m) + "</span> ";
  for (const auto& m : l.removed)
    out += "<del class=\"member\" title=\"removed\">" + html_escape(m) + "</del> ";
  for (const auto& m : l.added)
    out += "<ins class=\"member\" title=\"added\">" + html_escape(m) + "</ins> ";
  return out;
}

// One row: the declaration in words (its identifier small under it), each side as a sentence
// with its citation, and the formula as written in a smaller line, its changed parts marked.
std::string html_change_row(const RulesetDiff& d, const Change& c) {
  const auto words = [](const DeclarationSide& x) {
    return html_escape(x.words.empty() ? side_text(x) : x.words);
  };
  std::string before = c.kind == ChangeKind::added ? "" : words(c.before);
  std::string after = c.kind == ChangeKind::removed ? "" : words(c.after);
  if (const ListChange* l = list_of(d, c)) {
    after = html_members(*l);
  }
  if (c.kind != ChangeKind::added) before += html_cite(c.before.citation);
  if (c.kind != ChangeKind::removed) after += html_cite(c.after.citation);
  std::string formula_before, formula_after;
  if (c.kind == ChangeKind::changed && !c.differences.empty() &&
      c.declaration != DeclarationKind::parameter) {
    std::vector<std::string> old_parts, new_parts;
    for (const auto& e : c.differences) {
      old_parts.push_back(e.before);
      new_parts.push_back(e.after);
    }
    formula_before = marked_formula(c.before.written, old_parts, "del");
    formula_after = marked_formula(c.after.written, new_parts, "ins");
    if (formula_before.empty() || formula_after.empty()) {
      formula_before.clear();
      formula_after.clear();
      for (const auto& e : c.differences) {
        formula_before += "<del>" + html_escape(e.before) + "</del> ";
        formula_after += "<ins>" + html_escape(e.after) + "</ins> ";
      }
    }
  } else if (!shown_by_value(c.declaration)) {
    if (c.kind != ChangeKind::added) formula_before = html_escape(c.before.written);
    if (c.kind != ChangeKind::removed) formula_after = html_escape(c.after.written);
  }
  if (!formula_before.empty())
    before += "<div class=\"formula\"><code>" + formula_before + "</code></div>";
  if (!formula_after.empty())
    after += "<div class=\"formula\"><code>" + formula_after + "</code></div>";
  for (const auto& n : c.notes)
    after += " <span class=\"muted\">(" + html_escape(note_text(n)) + ")</span>";
  std::string what = "<b>" + html_escape(label_of(c)) + "</b>";
  if (c.declaration != DeclarationKind::policy)
    what += "<div class=\"formula\"><code>" + html_escape(c.name) + "</code></div>";
  const bool one_side = c.kind != ChangeKind::changed;
  return fmt::format(
      "<tr class=\"{0}\"><td class=\"kind\">{1}</td><td>{2}</td>{3}</tr>\n",
      change_kind_name(c.kind), citation_only(c) ? "cited otherwise" : change_kind_name(c.kind),
      what,
      one_side ? "<td colspan=\"2\">" + (c.kind == ChangeKind::added ? after : before) + "</td>"
               : "<td>" + before + "</td><td>" + after + "</td>");
}

std::string html_summary(const RulesetDiff& d, int level) {
  const Summary s = summarise(d);
  std::string b =
      fmt::format("<section class=\"diff-summary\">\n<h{0}>Summary</h{0}>\n<ul>\n", level);
  if (d.changes.empty()) b += "<li>No differences.</li>\n";
  if (!s.figures.empty()) {
    b += fmt::format("<li><b>{} changed</b><ul>\n", plural(s.figures.size(), "figure"));
    for (const auto& f : s.figures) b += "<li>" + html_escape(f) + "</li>\n";
    b += "</ul></li>\n";
  }
  if (!s.working.empty()) {
    b += fmt::format("<li><b>{} work otherwise:</b> {}</li>\n", plural(s.working.size(), "formula"),
                     html_escape(listed(s.working)));
  }
  for (const auto& l : d.lists) {
    b += fmt::format("<li><b>{}</b> <span class=\"muted\">({})</span>: {}</li>\n",
                     html_escape(l.label), list_kind(l), html_members(l));
  }
  if (!s.added.empty()) b += "<li><b>Added:</b> " + html_escape(s.added) + "</li>\n";
  if (!s.removed.empty()) b += "<li><b>Removed:</b> " + html_escape(s.removed) + "</li>\n";
  if (!s.citations.empty()) {
    b += "<li><b>Cited otherwise, with the same value:</b> " + html_escape(listed(s.citations)) +
         "</li>\n";
  }
  if (!s.policies.empty()) {
    b += "<li><b>Policies the changes bear on</b><ul>\n";
    for (const auto& p : s.policies) b += "<li>" + html_escape(policy_words(p)) + "</li>\n";
    b += "</ul></li>\n";
  }
  return b + "</ul>\n</section>\n";
}

// The rows of one kind of change, under a heading for each kind of declaration.
std::string html_rows_by_group(const RulesetDiff& d, bool added, int level) {
  std::string b;
  std::optional<DeclarationKind> group;
  for (const auto& c : d.changes) {
    if ((c.kind == ChangeKind::added) != added) continue;
    if (c.declaration != group) {
      if (group) b += "</table>\n";
      group = c.declaration;
      b += fmt::format("<h3>{}</h3>\n<table class=\"diff\"><tr><th></th><th>What</th>{}</tr>\n",
                       group_title(c.declaration),
                       added ? "<th colspan=\"2\">As added</th>" : "<th>Before</th><th>After</th>",
                       level);
    }
    b += html_change_row(d, c);
  }
  return group ? b + "</table>\n" : b;
}

}  // namespace

namespace {

// The summary and the changes, under headings of `level` (2 on a page of its own, 3 within a
// comparison's or a sweep's page).
std::string diff_sections(const RulesetDiff& d, int level) {
  std::string b = html_summary(d, level);
  if (d.changes.empty()) return b;
  const std::string altered = html_rows_by_group(d, false, level + 1);
  const std::string added = html_rows_by_group(d, true, level + 1);
  if (!altered.empty()) b += fmt::format("<h{0}>What changes</h{0}>\n", level) + altered;
  // What is only added (often many new figures) is folded away on screen under a count; the
  // print stylesheet opens it, so a printed page hides nothing.
  if (!added.empty()) {
    b += fmt::format("<details class=\"added\"><summary>Added: {}</summary>\n{}</details>\n",
                     html_escape(summarise(d).added), added);
  }
  return b;
}

}  // namespace

std::string render_diff_html_section(const RulesetDiff& d) {
  return diff_sections(d, 3);
}

std::string render_diff_html(const RulesetDiff& d) {
  std::string b = fmt::format("<h1>Changes in {}</h1>\n",
                              html_escape(d.new_title.empty() ? d.new_id : d.new_title));
  b += fmt::format("<p class=\"lead\">Compared with {}{}.</p>\n",
                   html_escape(d.old_title.empty() ? d.old_id : d.old_title),
                   d.new_amends == d.old_id ? ", which it amends" : "");
  // Both versions side by side: whose guidance, its title, its version, status and dates.
  const auto version = [](const char* heading, const std::string& authority,
                          const std::string& title, const std::string& id,
                          const std::string& status, const std::vector<std::string>& dates) {
    std::string when;
    for (const auto& date : dates) when += (when.empty() ? "" : "; ") + html_escape(date);
    return fmt::format(
        "<div "
        "class=\"version\"><h2>{}</h2><p><b>{}</b><br>{}<br><code>{}</code><br>{}{}</p></div>\n",
        heading, html_escape(authority.empty() ? "authority not given" : authority),
        html_escape(title), html_escape(id),
        status.empty() ? "" : "Status: " + html_escape(status) + "<br>",
        when.empty() ? "No date given" : when);
  };
  b += "<div class=\"versions\">\n" +
       version("Before", d.old_authority, d.old_title, d.old_id, d.old_status, d.old_dates) +
       version("After", d.new_authority, d.new_title, d.new_id, d.new_status, d.new_dates) +
       "</div>\n";
  return html_page(fmt::format("{} compared with {}", d.new_id, d.old_id), b + diff_sections(d, 2));
}

}  // namespace spdl
