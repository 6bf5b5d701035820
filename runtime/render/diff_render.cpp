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
  out +=
      fmt::format("  {}{}\n", d.old_title, d.old_status.empty() ? "" : " (" + d.old_status + ")");
  out +=
      fmt::format("  {}{}{}\n", d.new_title, d.new_status.empty() ? "" : " (" + d.new_status + ")",
                  d.new_amends.empty() ? "" : ", amends " + d.new_amends);
  std::optional<DeclarationKind> group;
  for (const auto& c : d.changes) {
    if (c.declaration != group) {
      group = c.declaration;
      out += fmt::format("\n{}\n", group_title(c.declaration));
    }
    const char mark = c.kind == ChangeKind::added ? '+' : c.kind == ChangeKind::removed ? '-' : '~';
    out += fmt::format("  {} {}  {}\n", mark, c.name, summary(c));
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
  std::string out = fmt::format("# What `{}` changes from `{}`\n\n", d.new_id, d.old_id);
  out += fmt::format("- Before: {}{}\n", d.old_title,
                     d.old_status.empty() ? "" : " (" + d.old_status + ")");
  out += fmt::format("- After: {}{}\n\n", d.new_title,
                     d.new_status.empty() ? "" : " (" + d.new_status + ")");
  std::optional<DeclarationKind> group;
  for (const auto& c : d.changes) {
    if (c.declaration != group) {
      group = c.declaration;
      out += fmt::format("\n## {}\n\n| | Name | Before | After |\n|---|---|---|---|\n",
                         group_title(c.declaration));
    }
    auto cell = [](std::string s) {
      std::string o;
      for (const char ch : s)
        o += ch == '|' ? std::string("\\|") : ch == '\n' ? std::string("<br>") : std::string(1, ch);
      return o;
    };
    std::string before = with_citation(side_text(c.before), c.before.citation);
    std::string after = with_citation(side_text(c.after), c.after.citation);
    if (c.kind == ChangeKind::changed && !c.differences.empty() &&
        c.declaration != DeclarationKind::parameter) {
      before.clear();
      after.clear();
      for (const auto& e : c.differences) {
        before += (before.empty() ? "" : "<br>") + ("`" + e.before + "`");
        after += (after.empty() ? "" : "<br>") + ("`" + e.after + "`");
      }
    }
    for (const auto& n : c.notes) after += " (" + note_text(n) + ")";
    out += fmt::format("| {} | `{}` | {} | {} |\n", change_kind_name(c.kind), c.name, cell(before),
                       cell(after));
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
    if (c.kind != ChangeKind::added)
      j["before"] = {{"value", side_text(c.before)}, {"citation", c.before.citation}};
    if (c.kind != ChangeKind::removed)
      j["after"] = {{"value", side_text(c.after)}, {"citation", c.after.citation}};
    if (!c.differences.empty()) {
      j["differences"] = json::array();
      for (const auto& e : c.differences)
        j["differences"].push_back({{"before", e.before}, {"after", e.after}});
    }
    if (!c.notes.empty()) {
      j["notes"] = json::array();
      for (const auto& n : c.notes) j["notes"].push_back(note_text(n));
    }
    changes.push_back(std::move(j));
  }
  json doc = {{"format", "spdl-diff/1"},
              {"before", {{"id", d.old_id}, {"title", d.old_title}, {"status", d.old_status}}},
              {"after",
               {{"id", d.new_id},
                {"title", d.new_title},
                {"status", d.new_status},
                {"amends", d.new_amends}}},
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

std::string html_change_row(const Change& c) {
  std::string before = c.kind == ChangeKind::added ? "" : html_escape(side_text(c.before));
  std::string after = c.kind == ChangeKind::removed ? "" : html_escape(side_text(c.after));
  if (c.kind == ChangeKind::changed && !c.differences.empty() &&
      c.declaration != DeclarationKind::parameter) {
    std::vector<std::string> old_parts, new_parts;
    for (const auto& e : c.differences) {
      old_parts.push_back(e.before);
      new_parts.push_back(e.after);
    }
    before = marked_formula(c.before.written, old_parts, "del");
    after = marked_formula(c.after.written, new_parts, "ins");
    if (before.empty() || after.empty()) {
      before.clear();
      after.clear();
      for (const auto& e : c.differences) {
        before += "<del>" + html_escape(e.before) + "</del><br>";
        after += "<ins>" + html_escape(e.after) + "</ins><br>";
      }
    }
    before = "<code>" + before + "</code>";
    after = "<code>" + after + "</code>";
  } else if (c.declaration == DeclarationKind::rule ||
             c.declaration == DeclarationKind::exception ||
             c.declaration == DeclarationKind::check) {
    before = before.empty() ? before : "<code>" + before + "</code>";
    after = after.empty() ? after : "<code>" + after + "</code>";
  }
  if (c.kind != ChangeKind::added) before += html_cite(c.before.citation);
  if (c.kind != ChangeKind::removed) after += html_cite(c.after.citation);
  for (const auto& n : c.notes)
    after += " <span class=\"muted\">(" + html_escape(note_text(n)) + ")</span>";
  return fmt::format(
      "<tr><td class=\"kind\">{} {}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
      change_kind_name(c.kind), html_escape(declaration_kind_name(c.declaration)),
      html_escape(c.name), before, after);
}

}  // namespace

std::string render_diff_html_section(const RulesetDiff& d) {
  std::string b = fmt::format("<p class=\"muted\">{}</p>\n", html_escape(counts(d)));
  if (d.changes.empty()) return b;
  const char* head =
      "<table class=\"diff\"><tr><th></th><th>Name</th><th>Before</th><th>After</th></tr>\n";
  // What changes or goes comes first and open; what is only added (often many new figures) is
  // folded away under a count.
  std::string altered, added;
  std::map<std::string, std::size_t> added_counts;
  std::vector<std::string> added_order;
  for (const auto& c : d.changes) {
    if (c.kind == ChangeKind::added) {
      added += html_change_row(c);
      const std::string what = declaration_kind_name(c.declaration);
      if (added_counts[what]++ == 0) added_order.push_back(what);
    } else {
      altered += html_change_row(c);
    }
  }
  if (!altered.empty()) b += head + altered + "</table>\n";
  if (!added.empty()) {
    std::string summary;
    for (const auto& what : added_order) {
      const std::size_t n = added_counts[what];
      const std::string plural = what == "policy" ? "policies" : what + "s";
      summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, n == 1 ? what : plural);
    }
    b += fmt::format("<details><summary>Added: {}</summary>\n{}{}</table>\n</details>\n",
                     html_escape(summary), head, added);
  }
  return b;
}

std::string render_diff_html(const RulesetDiff& d) {
  std::string b = fmt::format("<h1>What {} changes</h1>\n",
                              html_escape(d.new_title.empty() ? d.new_id : d.new_title));
  b += fmt::format("<p class=\"lead\">Compared with {} (<code>{}</code>{}).</p>\n",
                   html_escape(d.old_title.empty() ? d.old_id : d.old_title), html_escape(d.old_id),
                   d.old_status.empty() ? "" : ", " + html_escape(d.old_status));
  return html_page(fmt::format("{} compared with {}", d.new_id, d.old_id),
                   b + render_diff_html_section(d));
}

}  // namespace spdl
