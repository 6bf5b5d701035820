// The renderings of a comparison of two rulesets over a portfolio.

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "spdl/runtime/analysis/compare.hpp"
#include "spdl/runtime/render/csv_cell.hpp"
#include "spdl/runtime/render/html.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

std::string joined(const std::vector<std::string>& items, const char* sep = "; ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
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
std::string moved_text(std::size_t schemes, const char* how, const std::string& dwellings,
                       const std::string& share, const std::string& of) {
  std::string text = fmt::format("{} {}", schemes, how);
  if (schemes > 0 && !dwellings.empty()) {
    text += fmt::format(", holding {}", dwellings);
    if (!share.empty()) text += fmt::format(" ({} of the {} here)", share, of);
  }
  return text;
}

std::string policy_line(const PolicyCount& p) {
  return fmt::format("{} applies to {} → {} schemes: {}; {}", human_name(p.name), p.before, p.after,
                     moved_text(p.newly_caught, "newly caught", p.dwellings_newly_caught,
                                p.share_newly_caught, p.dwellings_in_group),
                     moved_text(p.released, "released", p.dwellings_released, p.share_released,
                                p.dwellings_in_group));
}

// The reasons every change of a scheme shares, said once.
std::vector<std::string> shared_reasons(const SchemeComparison& s) {
  if (s.changes.empty()) return {};
  for (const auto& f : s.changes) {
    if (f.reasons != s.changes.front().reasons) return {};
  }
  return s.changes.front().reasons;
}

std::string parameter_changes(const RulesetDiff& d, std::size_t& others) {
  std::string out;
  others = 0;
  for (const auto& ch : d.changes) {
    if (ch.what == "parameter" && ch.kind == ChangeKind::changed) {
      out += fmt::format("  {}: {} → {}\n", ch.name, ch.old_value, ch.new_value);
    } else {
      ++others;
    }
  }
  return out;
}

}  // namespace

std::string render_comparison_text(const Comparison& c) {
  std::string out = "Comparing " + headline(c) + "\n";
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
      std::string line = fmt::format("  {:<{}}  {} → {}  ({})", human_name(f.name), width, f.before,
                                     f.after, f.change);
      if (f.unknown_before + f.unknown_after > 0) {
        line +=
            fmt::format("  [not known for {} and {} schemes]", f.unknown_before, f.unknown_after);
      }
      out += line + "\n";
    }
    for (const auto& p : g.policies) out += "  " + policy_line(p) + "\n";
  }
  out += fmt::format("\nSchemes whose outcome differs ({})\n", c.differing.size());
  for (const auto& s : c.differing) {
    out += fmt::format("  {}{}\n", s.name, s.group.empty() ? "" : "  [" + s.group + "]");
    const auto shared = shared_reasons(s);
    for (const auto& f : s.changes) {
      out += fmt::format("    {}: {} → {}\n", human_name(f.name), f.before, f.after);
      if (shared.empty() && !f.reasons.empty()) out += "      because " + joined(f.reasons) + "\n";
    }
    if (!shared.empty()) out += "    because " + joined(shared) + "\n";
  }
  return out;
}

std::string render_comparison_markdown(const Comparison& c) {
  auto ruleset = [](const std::string& title, const std::string& id, const std::string& status) {
    return fmt::format("{} (`{}`{})", title.empty() ? id : title, id,
                       status.empty() ? "" : ", " + status);
  };
  std::string out = fmt::format(
      "# What the revision changes, scheme by scheme\n\n- Before: {}\n- After: {}\n\nBoth "
      "evaluated on the {} scheme{} of `{}`.\n",
      ruleset(c.diff.old_title, c.diff.old_id, c.diff.old_status),
      ruleset(c.diff.new_title, c.diff.new_id, c.diff.new_status), c.schemes,
      c.schemes == 1 ? "" : "s", c.portfolio);
  out += "\n## What changes\n\n| Name | Before | After |\n|---|---|---|\n";
  for (const auto& ch : c.diff.changes) {
    if (ch.what == "parameter" && ch.kind == ChangeKind::changed) {
      out += fmt::format("| `{}` | {} | {} |\n", ch.name, ch.old_value, ch.new_value);
    }
  }
  for (const auto& g : c.totals) {
    out += fmt::format(
        "\n## {}\n\n{} whose outcome differs.\n\n| Figure | Before | After | Change "
        "|\n|---|---|---|---|\n",
        group_title(g), g.differing);
    for (const auto& f : g.figures)
      out +=
          fmt::format("| {} | {} | {} | {} |\n", human_name(f.name), f.before, f.after, f.change);
    for (const auto& p : g.policies) out += "\n- " + policy_line(p) + "\n";
  }
  out += fmt::format(
      "\n## Schemes whose outcome differs ({})\n\n| Scheme | Group | Figure | Before | After | "
      "Because |\n|---|---|---|---|---|---|\n",
      c.differing.size());
  for (const auto& s : c.differing) {
    for (const auto& f : s.changes) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", s.name, s.group, human_name(f.name),
                         f.before, f.after, joined(f.reasons));
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
      figures.push_back(
          {{"name", f.name},
           {"unit", f.unit},
           {"before", f.before_value},
           {"after", f.after_value},
           {"change", f.change_value},
           {"display", {{"before", f.before}, {"after", f.after}, {"change", f.change}}},
           {"unknown_before", f.unknown_before},
           {"unknown_after", f.unknown_after}});
    }
    json policies = json::array();
    for (const auto& p : g.policies) {
      json jp = {{"name", p.name},
                 {"before", p.before},
                 {"after", p.after},
                 {"newly_caught", p.newly_caught},
                 {"released", p.released}};
      if (!p.dwellings_in_group.empty()) {
        jp["dwellings_newly_caught"] = p.dwellings_newly_caught_value;
        jp["dwellings_released"] = p.dwellings_released_value;
        jp["dwellings_in_group"] = p.dwellings_in_group_value;
        jp["display"] = {{"dwellings_newly_caught", p.dwellings_newly_caught},
                         {"dwellings_released", p.dwellings_released},
                         {"dwellings_in_group", p.dwellings_in_group},
                         {"share_newly_caught", p.share_newly_caught},
                         {"share_released", p.share_released}};
      }
      policies.push_back(std::move(jp));
    }
    totals.push_back({{"group", g.group},
                      {"schemes", g.schemes},
                      {"differing", g.differing},
                      {"figures", figures},
                      {"policies", policies}});
  }
  json differing = json::array();
  for (const auto& s : c.differing) {
    json changes = json::array();
    for (const auto& f : s.changes) {
      changes.push_back(
          {{"name", f.name},
           {"before", f.before},
           {"after", f.after},
           {"before_value", f.before_value.empty() ? json(nullptr) : json(f.before_value)},
           {"after_value", f.after_value.empty() ? json(nullptr) : json(f.after_value)},
           {"because", f.reasons}});
    }
    differing.push_back({{"scheme", s.name}, {"group", s.group}, {"changes", changes}});
  }
  json doc = {{"format", "spdl-comparison/1"},
              {"before", c.diff.old_id},
              {"after", c.diff.new_id},
              {"portfolio", c.portfolio},
              {"schemes", c.schemes},
              {"group_by", c.group_by},
              {"totals", totals},
              {"differing", differing},
              {"diff", json::parse(render_diff_json(c.diff))}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_comparison_csv(const Comparison& c) {
  std::string out = "scheme,group,figure,before,after,because\n";
  for (const auto& s : c.differing) {
    for (const auto& f : s.changes) {
      out += fmt::format("{},{},{},{},{},{}\n", csv_field(s.name), csv_field(s.group),
                         csv_field(f.name), csv_field(f.before), csv_field(f.after),
                         csv_field(joined(f.reasons)));
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
  b += "<p class=\"lead\">" +
       ruleset_line("Before:", c.diff.old_title, c.diff.old_id, c.diff.old_status) + "<br>" +
       ruleset_line("After:", c.diff.new_title, c.diff.new_id, c.diff.new_status) + "<br>" +
       fmt::format("Both evaluated on the {} schemes of <code>{}</code>.", c.schemes,
                   html_escape(c.portfolio)) +
       "</p>\n";
  const auto& all = c.totals.front();
  b += "<div>";
  b += fmt::format("<span class=\"card\"><b>{}</b>schemes compared</span>", all.schemes);
  b += fmt::format("<span class=\"card\"><b>{}</b>with a different outcome</span>", all.differing);
  for (const auto& f : all.figures) {
    b += fmt::format("<span class=\"card\"><b>{}</b>{}</span>", html_escape(f.change),
                     html_escape(human_name(f.name)));
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
      const char* cls = f.change.starts_with("+") ? "up" : f.change.starts_with("-") ? "down" : "";
      b += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num "
          "{}\">{}</td></tr>\n",
          html_escape(human_name(f.name)), html_escape(f.before), html_escape(f.after), cls,
          html_escape(f.change));
    }
    for (const auto& p : g.policies) {
      b += fmt::format(
          "<tr><td>schemes where {} applies</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{} newly caught, {} released</td></tr>\n",
          html_escape(human_name(p.name)), p.before, p.after, p.newly_caught, p.released);
      if (p.dwellings_in_group.empty()) continue;
      auto moved_row = [&](const char* what, std::size_t schemes, const std::string& dwellings,
                           const std::string& share) {
        if (schemes == 0) return;
        b += fmt::format(
            "<tr><td>dwellings on the schemes {}</td><td></td><td></td>"
            "<td class=\"num\">{}{}</td></tr>\n",
            what, html_escape(dwellings),
            share.empty()
                ? ""
                : html_escape(fmt::format(" ({} of the {} here)", share, p.dwellings_in_group)));
      };
      moved_row("newly caught", p.newly_caught, p.dwellings_newly_caught, p.share_newly_caught);
      moved_row("released", p.released, p.dwellings_released, p.share_released);
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
    const auto shared = shared_reasons(s);
    std::string what, because;
    for (const auto& f : s.changes) {
      what +=
          fmt::format("{}{}: {} → <b>{}</b>", what.empty() ? "" : "<br>",
                      html_escape(human_name(f.name)), html_escape(f.before), html_escape(f.after));
      if (shared.empty() && !f.reasons.empty()) {
        because += fmt::format("{}{}: {}", because.empty() ? "" : "<br>",
                               html_escape(human_name(f.name)), lines(f.reasons));
      }
    }
    if (!shared.empty()) because = lines(shared);
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
