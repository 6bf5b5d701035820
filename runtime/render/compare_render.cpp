// The renderings of a comparison of two rulesets over a portfolio.

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/render/compare_render.hpp"
#include "spdl/runtime/render/csv_cell.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/html.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

std::string reason_text(const Change& c) {
  auto side = [](const DeclarationSide& s) {
    return s.citation.empty() ? side_text(s) : side_text(s) + " [" + s.citation + "]";
  };
  const char* what = declaration_kind_name(c.declaration);
  switch (c.kind) {
    case ChangeKind::added:
      return fmt::format("{} {} is new", what, c.name);
    case ChangeKind::removed:
      return fmt::format("{} {} is removed", what, c.name);
    case ChangeKind::changed:
      if (c.declaration == DeclarationKind::parameter)
        return fmt::format("{}: {} → {}", c.name, side(c.before), side(c.after));
      return fmt::format("{} {} changed", what, c.name);
  }
  return c.name;
}

namespace {

std::string joined(const std::vector<std::string>& items, const char* sep = "; ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// The words and exact figures the renderings show for one changed outcome.
struct OutcomeText {
  std::string name;  // "affordable_required", "H16 applies"
  std::string before, after;
  std::string before_value, after_value;  // a figure exactly, for programs; "" for the others
  std::vector<std::string> reasons;
  std::string because;  // how the reasons were found, as the line reads them before the reasons
};

// "because" for one change that decided it; "because either change alone" for several that each
// would; "because, together," for a set; "depends on" for reasons found by dependency alone.
std::string because_words(const OutcomeChange& o) {
  if (!o.tested) return "depends on";
  if (o.together) return "because, together,";
  return o.reasons.size() > 1 ? "because either change alone:" : "because";
}

OutcomeText outcome_text(const Comparison& c, const OutcomeChange& o) {
  OutcomeText t;
  switch (o.kind) {
    case OutcomeKind::policy:
      t.name = o.name + " applies";
      t.before = applicability_name(o.applies_before);
      t.after = applicability_name(o.applies_after);
      break;
    case OutcomeKind::figure:
      t.name = o.name;
      t.before = display_figure(o.figure_before);
      t.after = display_figure(o.figure_after);
      t.before_value = exact_figure(o.figure_before);
      t.after_value = exact_figure(o.figure_after);
      break;
    case OutcomeKind::check:
      t.name = o.name;
      t.before = finding_name(o.finding_before);
      t.after = finding_name(o.finding_after);
      break;
  }
  for (const auto r : o.reasons) t.reasons.push_back(reason_text(c.diff.changes[r]));
  t.because = because_words(o);
  return t;
}

// A figure's totals as shown: "18 dwellings", and exactly, for programs: "18".
struct TotalText {
  std::string unit;
  std::string before, after, change;
  std::string before_value, after_value, change_value;
};

// A sum over the schemes: "not known" on a side where the figure is not known for some scheme
// (a sum of the rest is not the total), and no change unless both sides are known.
TotalText total_text(const FigureTotal& f, std::size_t) {
  const Rational change = f.after - f.before;
  const std::string shown = display_number(change, f.unit_after);
  const bool none_before = f.unknown_before > 0, none_after = f.unknown_after > 0;
  const bool partial = none_before || none_after;
  return {unit_name(f.unit_after),
          none_before ? "not known" : display_number(f.before, f.unit_before),
          none_after ? "not known" : display_number(f.after, f.unit_after),
          partial             ? "not known"
          : change.sign() > 0 ? "+" + shown
                              : shown,
          none_before ? "" : exact_number(f.before, f.unit_before),
          none_after ? "" : exact_number(f.after, f.unit_after),
          partial ? "" : exact_number(change, f.unit_after)};
}

// "not known for 20 of 20 schemes"; "not known for 1 of 2 schemes after (5 dwellings over the
// other 1)"; "" when it is known for all.
std::string not_known_note(const FigureTotal& f, std::size_t schemes) {
  if (f.unknown_before + f.unknown_after == 0) return "";
  const auto side = [&](std::size_t unknown, const Rational& sum, const Unit& unit) {
    std::string out = fmt::format("{} of {} schemes", unknown, schemes);
    if (unknown < schemes)
      out += fmt::format(" (the other {} sum to {})", schemes - unknown, display_number(sum, unit));
    return out;
  };
  if (f.unknown_before == f.unknown_after && f.before == f.after)
    return "not known for " + side(f.unknown_before, f.before, f.unit_before);
  std::vector<std::string> parts;
  if (f.unknown_before > 0)
    parts.push_back(side(f.unknown_before, f.before, f.unit_before) + " before");
  if (f.unknown_after > 0) parts.push_back(side(f.unknown_after, f.after, f.unit_after) + " after");
  return "not known for " + joined(parts, " and ");
}

// "route = fast track: 12 → 3 schemes"; "viability accepted: 4 → 6 schemes" for a yes/no.
std::string outcome_count_line(const OutcomeCount& o) {
  const std::string what =
      o.value == "yes" ? human_name(o.name) : human_name(o.name) + " is " + o.value;
  return fmt::format("{}: {} → {} scheme{}", what, o.before, o.after, o.after == 1 ? "" : "s");
}

// "Grouped by part of supply, as braintree.rejected_option_2009 (the revision) computes it".
std::string grouped_by(const Comparison& c) {
  if (c.group_by.empty()) return "";
  if (c.group_by_kind == "input")
    return fmt::format("Grouped by {}, as each scheme gives it.", human_name(c.group_by));
  return fmt::format("Grouped by {}, as {} (the revision) computes it for each scheme.",
                     human_name(c.group_by), c.diff.new_id);
}

// "Braintree District Council; draft" with the dates, for a ruleset's line.
std::string whose(const std::string& authority, const std::string& status,
                  const std::vector<std::string>& dates) {
  std::string out = authority;
  std::string when = status;
  for (const auto& d : dates) when += (when.empty() ? "" : ", ") + d;
  if (when.empty())
    when = "no date given";
  else if (dates.empty())
    when += ", no date given";
  return out + (out.empty() ? "" : "; ") + when;
}

// The dwellings a policy's new reach moves, as shown (empty without a `dwellings` input), with
// their shares of the group's dwellings ("≈ 10.64%"), and exactly.
struct MovedText {
  std::string newly_caught, released, in_group;
  std::string share_newly_caught, share_released;
  std::string newly_caught_value, released_value, in_group_value;
};

MovedText moved_text(const PolicyCount& p) {
  MovedText t;
  if (!p.dwellings) return t;
  const DwellingsMoved& d = *p.dwellings;
  t.newly_caught = display_number(d.newly_caught, d.unit);
  t.released = display_number(d.released, d.unit);
  t.in_group = display_number(d.in_group, d.unit);
  t.newly_caught_value = exact_number(d.newly_caught, d.unit);
  t.released_value = exact_number(d.released, d.unit);
  t.in_group_value = exact_number(d.in_group, d.unit);
  if (const auto caught = Rational::divide(d.newly_caught, d.in_group)) {
    t.share_newly_caught = display_number(*caught, Unit::percentage());
    t.share_released =
        display_number(*Rational::divide(d.released, d.in_group), Unit::percentage());
  }
  return t;
}

std::string headline(const Comparison& c) {
  return fmt::format("{} → {}, over {} scheme{} from {}", c.diff.old_id, c.diff.new_id, c.schemes,
                     c.schemes == 1 ? "" : "s", c.portfolio);
}

// "All schemes (199)"; "Part of supply: urban wards (79 schemes)" for `part_of_supply = urban
// wards`.
std::string group_title(const GroupTotals& g) {
  if (g.group.empty()) return fmt::format("All schemes ({})", g.schemes);
  std::string name = g.group;
  if (const auto eq = name.find(" = "); eq != std::string::npos) {
    name = human_name(name.substr(0, eq)) + ": " + name.substr(eq + 3);
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  }
  return fmt::format("{} ({} scheme{})", name, g.schemes, g.schemes == 1 ? "" : "s");
}

// "17 newly caught, holding 214 dwellings (≈ 10.64% of the 2,011 here)"
std::string moved_words(std::size_t schemes, const char* how, const std::string& dwellings,
                        const std::string& share, const std::string& of) {
  std::string text = fmt::format("{} {}", schemes, how);
  if (schemes > 0 && !dwellings.empty()) {
    text += fmt::format(", holding {}", dwellings);
    if (!share.empty()) text += fmt::format(" ({} of the {} here)", share, of);
  }
  return text;
}

// "; whether it applies is not known for 1 scheme after".
std::string policy_unknown_words(const PolicyCount& p) {
  if (p.unknown_before + p.unknown_after == 0) return "";
  std::vector<std::string> parts;
  if (p.unknown_before > 0)
    parts.push_back(
        fmt::format("{} scheme{} before", p.unknown_before, p.unknown_before == 1 ? "" : "s"));
  if (p.unknown_after > 0)
    parts.push_back(
        fmt::format("{} scheme{} after", p.unknown_after, p.unknown_after == 1 ? "" : "s"));
  return "; whether it applies is not known for " + joined(parts, " and ");
}

std::string policy_line(const PolicyCount& p) {
  const MovedText m = moved_text(p);
  return fmt::format(
      "{} applies to {} → {} schemes: {}; {}{}", human_name(p.name), p.before, p.after,
      moved_words(p.newly_caught, "newly caught", m.newly_caught, m.share_newly_caught, m.in_group),
      moved_words(p.released, "released", m.released, m.share_released, m.in_group),
      policy_unknown_words(p));
}

// The reasons every change of a scheme shares, said once.
std::vector<std::string> shared_reasons(const Comparison& c, const SchemeComparison& s) {
  if (s.changes.empty()) return {};
  for (const auto& f : s.changes) {
    if (f.reasons != s.changes.front().reasons || f.tested != s.changes.front().tested ||
        f.together != s.changes.front().together)
      return {};
  }
  std::vector<std::string> out;
  for (const auto r : s.changes.front().reasons) out.push_back(reason_text(c.diff.changes[r]));
  return out;
}

bool parameter_changed(const Change& ch) {
  return ch.declaration == DeclarationKind::parameter && ch.kind == ChangeKind::changed;
}

std::string parameter_changes(const RulesetDiff& d, std::size_t& others) {
  std::string out;
  others = 0;
  std::vector<std::string> cited;
  for (const auto& ch : d.changes) {
    if (citation_only(ch)) {
      cited.push_back(ch.name);
    } else if (parameter_changed(ch)) {
      out += fmt::format("  {}: {} → {}\n", ch.name, side_text(ch.before), side_text(ch.after));
    } else {
      ++others;
    }
  }
  if (!cited.empty()) out += "  cited anew, same value: " + joined(cited, ", ") + "\n";
  return out;
}

}  // namespace

std::string render_comparison_text(const Comparison& c) {
  std::string out = "Comparing " + headline(c) + "\n";
  out += fmt::format("  Before: {} ({})\n  After:  {} ({})\n",
                     c.diff.old_title.empty() ? c.diff.old_id : c.diff.old_title,
                     whose(c.diff.old_authority, c.diff.old_status, c.diff.old_dates),
                     c.diff.new_title.empty() ? c.diff.new_id : c.diff.new_title,
                     whose(c.diff.new_authority, c.diff.new_status, c.diff.new_dates));
  if (!c.group_by.empty()) out += "  " + grouped_by(c) + "\n";
  for (const auto* because : {&c.before_because, &c.after_because}) {
    if (!because->empty()) out += "  In force on " + c.chosen_on + ": " + *because + "\n";
  }
  std::size_t others = 0;
  const std::string params = parameter_changes(c.diff, others);
  out += "\nWhat changes\n" + params;
  if (others > 0)
    out += fmt::format("  and {} other change{} (spdl diff lists them)\n", others,
                       others == 1 ? "" : "s");
  for (const auto& g : c.totals) {
    out += "\n" + group_title(g) + fmt::format(", {} whose outcome differs\n", g.differing);
    std::size_t width = 0;
    for (const auto& f : g.figures) width = std::max(width, f.name.size());
    for (const auto& f : g.figures) {
      const TotalText t = total_text(f, g.schemes);
      std::string line = fmt::format("  {:<{}}  {} → {}  ({})", human_name(f.name), width, t.before,
                                     t.after, t.change);
      if (const auto note = not_known_note(f, g.schemes); !note.empty()) line += "  [" + note + "]";
      out += line + "\n";
    }
    for (const auto& p : g.policies) out += "  " + policy_line(p) + "\n";
    for (const auto& o : g.outcomes) out += "  " + outcome_count_line(o) + "\n";
  }
  out += fmt::format("\nSchemes whose outcome differs ({})\n", c.differing.size());
  for (const auto& s : c.differing) {
    out += fmt::format("  {}{}\n", s.name, s.group.empty() ? "" : "  [" + s.group + "]");
    const auto shared = shared_reasons(c, s);
    for (const auto& o : s.changes) {
      const OutcomeText f = outcome_text(c, o);
      out += fmt::format("    {}: {} → {}\n", human_name(f.name), f.before, f.after);
      if (shared.empty() && !f.reasons.empty())
        out += "      " + f.because + " " + joined(f.reasons) + "\n";
    }
    if (!shared.empty())
      out += "    " + because_words(s.changes.front()) + " " + joined(shared) + "\n";
  }
  return out;
}

std::string render_comparison_markdown(const Comparison& c) {
  auto ruleset = [](const std::string& title, const std::string& id, const std::string& status) {
    return fmt::format("{} (`{}`{})", title.empty() ? id : title, id,
                       status.empty() ? "" : ", " + status);
  };
  std::string out = fmt::format(
      "# What the revision changes, scheme by scheme\n\n- Before: {}; {}\n- After: {}; {}\n\nBoth "
      "evaluated on the {} scheme{} of `{}`.{}\n",
      ruleset(c.diff.old_title, c.diff.old_id, c.diff.old_status),
      whose(c.diff.old_authority, "", c.diff.old_dates),
      ruleset(c.diff.new_title, c.diff.new_id, c.diff.new_status),
      whose(c.diff.new_authority, "", c.diff.new_dates), c.schemes, c.schemes == 1 ? "" : "s",
      c.portfolio, c.group_by.empty() ? "" : " " + grouped_by(c));
  for (const auto* because : {&c.before_because, &c.after_because}) {
    if (!because->empty()) out += "\n**In force on " + c.chosen_on + ":** " + *because + "\n";
  }
  out += "\n## What changes\n\n| Name | Before | After |\n|---|---|---|\n";
  for (const auto& ch : c.diff.changes) {
    if (parameter_changed(ch) && !citation_only(ch)) {
      out += fmt::format("| {} | {} | {} |\n", human_name(ch.name), side_text(ch.before),
                         side_text(ch.after));
    }
  }
  for (const auto& g : c.totals) {
    out += fmt::format(
        "\n## {}\n\n{} whose outcome differs.\n\n| Figure | Before | After | Change "
        "|\n|---|---|---|---|\n",
        group_title(g), g.differing);
    std::string notes;
    for (const auto& f : g.figures) {
      const TotalText t = total_text(f, g.schemes);
      out +=
          fmt::format("| {} | {} | {} | {} |\n", human_name(f.name), t.before, t.after, t.change);
      if (const auto note = not_known_note(f, g.schemes); !note.empty())
        notes += fmt::format("- {}: {}.\n", human_name(f.name), note);
    }
    if (!notes.empty()) out += "\n" + notes;
    for (const auto& p : g.policies) out += "\n- " + policy_line(p) + "\n";
    for (const auto& o : g.outcomes) out += "- " + outcome_count_line(o) + "\n";
  }
  out += fmt::format(
      "\n## Schemes whose outcome differs ({})\n\n| Scheme | Group | Figure | Before | After | "
      "Because |\n|---|---|---|---|---|---|\n",
      c.differing.size());
  for (const auto& s : c.differing) {
    for (const auto& o : s.changes) {
      const OutcomeText f = outcome_text(c, o);
      std::string group = s.group;
      if (const auto eq = group.find(" = "); eq != std::string::npos) group = group.substr(eq + 3);
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", s.name, group, human_name(f.name),
                         f.before, f.after,
                         f.reasons.empty() ? "" : f.because + " " + joined(f.reasons));
    }
  }
  return out;
}

std::string render_comparison_json(const Comparison& c) {
  using json = nlohmann::ordered_json;
  json totals = json::array();
  for (const auto& g : c.totals) {
    json figures = json::array();
    for (const auto& f : g.figures) {
      const TotalText t = total_text(f, g.schemes);
      const auto exact = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
      figures.push_back(
          {{"name", f.name},
           {"unit", t.unit},
           {"before", exact(t.before_value)},
           {"after", exact(t.after_value)},
           {"change", exact(t.change_value)},
           {"display", {{"before", t.before}, {"after", t.after}, {"change", t.change}}},
           {"unknown_before", f.unknown_before},
           {"unknown_after", f.unknown_after}});
    }
    json policies = json::array();
    for (const auto& p : g.policies) {
      json jp = {{"name", p.name},
                 {"before", p.before},
                 {"after", p.after},
                 {"newly_caught", p.newly_caught},
                 {"released", p.released},
                 {"unknown_before", p.unknown_before},
                 {"unknown_after", p.unknown_after}};
      if (p.dwellings) {
        const MovedText m = moved_text(p);
        jp["dwellings_newly_caught"] = m.newly_caught_value;
        jp["dwellings_released"] = m.released_value;
        jp["dwellings_in_group"] = m.in_group_value;
        jp["display"] = {{"dwellings_newly_caught", m.newly_caught},
                         {"dwellings_released", m.released},
                         {"dwellings_in_group", m.in_group},
                         {"share_newly_caught", m.share_newly_caught},
                         {"share_released", m.share_released}};
      }
      policies.push_back(std::move(jp));
    }
    json outcomes = json::array();
    for (const auto& o : g.outcomes) {
      outcomes.push_back(
          {{"name", o.name}, {"value", o.value}, {"before", o.before}, {"after", o.after}});
    }
    totals.push_back({{"group", g.group},
                      {"schemes", g.schemes},
                      {"differing", g.differing},
                      {"figures", figures},
                      {"policies", policies},
                      {"outcomes", outcomes}});
  }
  json differing = json::array();
  for (const auto& s : c.differing) {
    json changes = json::array();
    for (const auto& o : s.changes) {
      const OutcomeText f = outcome_text(c, o);
      changes.push_back(
          {{"name", f.name},
           {"before", f.before},
           {"after", f.after},
           {"before_value", f.before_value.empty() ? json(nullptr) : json(f.before_value)},
           {"after_value", f.after_value.empty() ? json(nullptr) : json(f.after_value)},
           {"because", f.reasons},
           {"because_tested", o.tested},
           {"because_together", o.together}});
    }
    differing.push_back({{"scheme", s.name}, {"group", s.group}, {"changes", changes}});
  }
  json doc = {{"format", "spdl-comparison/1"},
              {"before", c.diff.old_id},
              {"after", c.diff.new_id},
              {"portfolio", c.portfolio},
              {"schemes", c.schemes},
              {"group_by", c.group_by},
              {"group_by_kind", c.group_by_kind},
              {"in_force", c.chosen_on.empty() ? json(nullptr)
                                               : json{{"on", c.chosen_on},
                                                      {"before", c.before_because},
                                                      {"after", c.after_because}}},
              {"rulesets",
               {{"before",
                 {{"authority", c.diff.old_authority},
                  {"status", c.diff.old_status},
                  {"dates", c.diff.old_dates}}},
                {"after",
                 {{"authority", c.diff.new_authority},
                  {"status", c.diff.new_status},
                  {"dates", c.diff.new_dates}}}}},
              {"totals", totals},
              {"differing", differing},
              {"diff", json::parse(render_diff_json(c.diff))}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_comparison_csv(const Comparison& c) {
  std::string out = "scheme,group,figure,before,after,because\n";
  for (const auto& s : c.differing) {
    for (const auto& o : s.changes) {
      const OutcomeText f = outcome_text(c, o);
      out += fmt::format("{},{},{},{},{},{}\n", csv_field(s.name), csv_field(s.group),
                         csv_field(f.name), csv_field(f.before), csv_field(f.after),
                         csv_field(f.reasons.empty() ? "" : f.because + " " + joined(f.reasons)));
    }
  }
  return out;
}

std::string render_comparison_html(const Comparison& c) {
  std::string b = fmt::format("<h1>What the revision changes, scheme by scheme</h1>\n");
  auto ruleset_line = [](const char* label, const std::string& title, const std::string& id,
                         const std::string& status) {
    return fmt::format("<b>{}</b> {} <span class=\"muted\">(<code>{}</code>{})</span>", label,
                       html_escape(title.empty() ? id : title), html_escape(id),
                       status.empty() ? "" : ", " + html_escape(status));
  };
  const auto authority_line = [](const std::string& authority,
                                 const std::vector<std::string>& dates) {
    std::string when;
    for (const auto& d : dates) when += (when.empty() ? "" : ", ") + d;
    return fmt::format(" <span class=\"muted\">{}{}{}</span>", html_escape(authority),
                       authority.empty() ? "" : "; ",
                       html_escape(when.empty() ? "no date given" : when));
  };
  b += "<p class=\"lead\">" +
       ruleset_line("Before:", c.diff.old_title, c.diff.old_id, c.diff.old_status) +
       authority_line(c.diff.old_authority, c.diff.old_dates) + "<br>" +
       ruleset_line("After:", c.diff.new_title, c.diff.new_id, c.diff.new_status) +
       authority_line(c.diff.new_authority, c.diff.new_dates) + "<br>" +
       fmt::format("Both evaluated on the {} schemes of <code>{}</code>.", c.schemes,
                   html_escape(c.portfolio)) +
       (c.group_by.empty() ? "" : " " + html_escape(grouped_by(c))) + "</p>\n";
  for (const auto* because : {&c.before_because, &c.after_because}) {
    if (!because->empty())
      b += "<p><b>In force on " + html_escape(c.chosen_on) + ":</b> " + html_escape(*because) +
           "</p>\n";
  }
  const auto& all = c.totals.front();
  b += "<div>";
  b += fmt::format("<span class=\"card\"><b>{}</b>schemes compared</span>", all.schemes);
  b += fmt::format("<span class=\"card\"><b>{}</b>with a different outcome</span>", all.differing);
  // A card shows a number only when it is known for every scheme; else it says so.
  for (const auto& f : all.figures) {
    const TotalText t = total_text(f, all.schemes);
    if (t.change == "not known") {
      b +=
          fmt::format("<span class=\"card unknown\"><b>not known</b>change in {} ({})</span>",
                      html_escape(human_name(f.name)), html_escape(not_known_note(f, all.schemes)));
    } else {
      b += fmt::format("<span class=\"card\"><b>{}</b>{}</span>", html_escape(t.change),
                       html_escape(human_name(f.name)));
    }
  }
  for (const auto& o : all.outcomes) {
    b += fmt::format(
        "<span class=\"card\"><b>{} → {}</b>{}</span>", o.before, o.after,
        html_escape(o.value == "yes" ? human_name(o.name) : human_name(o.name) + ": " + o.value));
  }
  for (const auto& p : all.policies) {
    b += fmt::format("<span class=\"card\"><b>{}</b>newly caught by {}</span>", p.newly_caught,
                     html_escape(human_name(p.name)));
    b += fmt::format("<span class=\"card\"><b>{}</b>released from {}</span>", p.released,
                     html_escape(human_name(p.name)));
  }
  b += "</div>\n";

  b += "<h2>What the revision changes</h2>\n" + render_diff_html_section(c.diff);

  b += "<h2>Totals</h2>\n<p class=\"muted\">Each figure summed over the schemes, exactly; a scheme "
       "whose figure is not known "
       "(it lacks an input) is counted apart.</p>\n";
  for (const auto& g : c.totals) {
    b += fmt::format(
        "<h3>{}</h3>\n<table "
        "class=\"totals\"><tr><th>Figure</th><th>Before</th><th>After</th><th>Change</th></"
        "tr>\n",
        html_escape(group_title(g)));
    for (const auto& f : g.figures) {
      const TotalText t = total_text(f, g.schemes);
      const char* cls = t.change.starts_with("+") ? "up" : t.change.starts_with("-") ? "down" : "";
      const std::string note = not_known_note(f, g.schemes);
      b += fmt::format(
          "<tr><td>{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num "
          "{}\">{}</td></tr>\n",
          html_escape(human_name(f.name)),
          note.empty() ? "" : "<br><span class=\"muted\">" + html_escape(note) + "</span>",
          html_escape(t.before), html_escape(t.after), cls, html_escape(t.change));
    }
    for (const auto& o : g.outcomes) {
      b += fmt::format(
          "<tr><td>schemes where {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{:+}</td></tr>\n",
          html_escape(o.value == "yes" ? human_name(o.name) + " is yes"
                                       : human_name(o.name) + " is " + o.value),
          o.before, o.after, static_cast<long long>(o.after) - static_cast<long long>(o.before));
    }
    for (const auto& p : g.policies) {
      b += fmt::format(
          "<tr><td>schemes where {} applies</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{} newly caught, {} released</td></tr>\n",
          html_escape(human_name(p.name)), p.before, p.after, p.newly_caught, p.released);
      if (!p.dwellings) continue;
      const MovedText m = moved_text(p);
      auto moved_row = [&](const char* what, std::size_t schemes, const std::string& dwellings,
                           const std::string& share) {
        if (schemes == 0) return;
        b += fmt::format(
            "<tr><td>dwellings on the schemes {}</td><td></td><td></td>"
            "<td class=\"num\">{}{}</td></tr>\n",
            what, html_escape(dwellings),
            share.empty() ? ""
                          : html_escape(fmt::format(" ({} of the {} here)", share, m.in_group)));
      };
      moved_row("newly caught", p.newly_caught, m.newly_caught, m.share_newly_caught);
      moved_row("released", p.released, m.released, m.share_released);
    }
    b += "</table>\n";
  }

  b += fmt::format("<h2>Schemes whose outcome differs ({})</h2>\n", c.differing.size());
  std::string group_head = human_name(c.group_by);
  if (!group_head.empty()) {
    group_head[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(group_head[0])));
  }
  b += fmt::format("<table><tr><th>Scheme</th>{}<th>What changes</th><th>Because</th></tr>\n",
                   group_head.empty() ? "" : "<th>" + html_escape(group_head) + "</th>");
  auto lines = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "<br>") + html_escape(item);
    return out;
  };
  for (const auto& s : c.differing) {
    const auto shared = shared_reasons(c, s);
    std::string what, because;
    for (const auto& o : s.changes) {
      const OutcomeText f = outcome_text(c, o);
      what +=
          fmt::format("{}{}: {} → <b>{}</b>", what.empty() ? "" : "<br>",
                      html_escape(human_name(f.name)), html_escape(f.before), html_escape(f.after));
      if (shared.empty() && !f.reasons.empty()) {
        because +=
            fmt::format("{}{}: {} {}", because.empty() ? "" : "<br>",
                        html_escape(human_name(f.name)), html_escape(f.because), lines(f.reasons));
      }
    }
    if (!shared.empty())
      because = html_escape(because_words(s.changes.front())) + "<br>" + lines(shared);
    std::string group = s.group;
    if (const auto eq = group.find(" = "); eq != std::string::npos) group = group.substr(eq + 3);
    b += fmt::format(
        "<tr><td>{}</td>{}<td>{}</td><td class=\"muted\">{}</td></tr>\n", html_escape(s.name),
        group_head.empty() ? "" : "<td>" + html_escape(group) + "</td>", what, because);
  }
  b += "</table>\n";
  return html_page(fmt::format("{} compared with {}", c.diff.new_id, c.diff.old_id), b);
}

}  // namespace spdl
