#include "spdl/runtime/render/report_html.hpp"

#include <fmt/format.h>

#include "spdl/runtime/render/html.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

std::string sentence_case(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// A figure as the page shows it: never a number that is not known.
std::string figure_cell(const FigureReport& f) {
  if (f.value.state != "unknown") return html_escape(f.value.display);
  if (!f.bears)
    return "not known <span class=\"muted\">(not needed: what uses it is settled)</span>";
  return "not known" +
         (f.value.needs.empty()
              ? std::string()
              : " <span class=\"muted\">(needs " + html_escape(joined(f.value.needs)) + ")</span>");
}

}  // namespace

std::string render_report_html(const Report& r) {
  std::string b;
  b += fmt::format("<h1>Affordable housing assessment{}</h1>\n",
                   html_escape(r.scheme_name.empty() ? "" : ": " + r.scheme_name));
  std::string when = r.status;
  for (const auto& d : r.dates) when += (when.empty() ? "" : ", ") + d;
  if (r.dates.empty()) when += (when.empty() ? "" : ", ") + std::string("no date given");
  b += fmt::format(
      "<p class=\"lead\"><b>{}</b><br>{} <span class=\"muted\">(<code>{}</code>; "
      "{})</span>{}</p>\n",
      html_escape(r.authority.empty() ? "(no authority given)" : r.authority),
      html_escape(r.title.empty() ? r.ruleset_id : r.title), html_escape(r.ruleset_id),
      html_escape(when),
      r.scheme_reference.empty() ? "" : "<br>Application " + html_escape(r.scheme_reference));
  if (!r.chosen_on.empty()) {
    b += fmt::format("<p><b>In force on {}:</b> {}</p>\n", html_escape(date_words(r.chosen_on)),
                     html_escape(r.chosen_because));
  }
  if (const auto decision = decision_lines(r); !decision.empty()) {
    b += "<div class=\"decision\"><h2>Decision</h2>\n";
    for (const auto& line : decision) b += "<p>" + html_escape(line) + "</p>\n";
    b += "</div>\n";
  }

  b += "<h2>The scheme</h2>\n<table><tr><th>Input</th><th>Value</th></tr>\n";
  std::string assumed;
  for (const auto& i : r.inputs) {
    if (i.given) {
      b += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n",
                       html_escape(sentence_case(human_name(i.name))), html_escape(i.display));
    }
    if (i.defaulted)
      assumed += (assumed.empty() ? "" : ", ") + human_name(i.name) + ": " + i.assumed;
  }
  b += "</table>\n";
  if (!assumed.empty())
    b += "<p class=\"muted\">Assumed (the ruleset's defaults): " + html_escape(assumed) + ".</p>\n";

  for (const auto& p : r.policies) {
    b += "<section class=\"policy\">\n";
    if (p.name.empty()) {
      b += r.policies.size() == 1 ? "<h2>Requirements</h2>\n" : "<h2>Other requirements</h2>\n";
    } else {
      b += fmt::format("<h2>{}{}</h2>\n", html_escape(policy_heading(p.name, p.title)),
                       p.citation.empty()
                           ? ""
                           : " <span class=\"muted\">[" + html_escape(p.citation) + "]</span>");
      if (p.applies != Applicability::always) {
        b += fmt::format("<p><b>Applies:</b> {}{}</p>\n", applicability_name(p.applies),
                         html_escape(p.why.empty() ? "" : ", because " + p.why));
      }
    }
    if (p.applies == Applicability::no) {
      b += "</section>\n";
      continue;
    }
    if (!p.figures.empty()) {
      b += "<table><tr><th>Requirement</th><th>Value</th><th>Policy</th></tr>\n";
      for (const auto& f : p.figures) {
        std::string name = html_escape(sentence_case(human_name(f.name)));
        if (!f.doc.empty()) name += "<br><span class=\"muted\">" + html_escape(f.doc) + "</span>";
        if (!f.exception.empty())
          name += "<br><span class=\"muted\">exception " + html_escape(f.exception) + "</span>";
        b += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n", name,
                         figure_cell(f), html_escape(f.citation));
      }
      b += "</table>\n";
    }
    if (!p.checks.empty()) {
      b += "<table><tr><th>Check</th><th>Finding</th><th>Policy</th></tr>\n";
      for (const auto& c : p.checks) {
        std::string detail = c.message;
        if (!c.needs.empty()) detail = "needs " + joined(c.needs);
        if (!c.error.empty()) detail = c.error;
        b += fmt::format(
            "<tr><td>{}{}</td><td class=\"finding {}\">{}</td><td>{}</td></tr>\n",
            html_escape(sentence_case(human_name(c.name))),
            detail.empty() ? "" : "<br><span class=\"muted\">" + html_escape(detail) + "</span>",
            c.finding == Finding::not_met ? "down"
            : c.finding == Finding::met   ? "up"
                                          : "",
            finding_name(c.finding), html_escape(c.citation));
      }
      b += "</table>\n";
    }
    if (!p.name.empty())
      b += "<p class=\"outcome\"><b>Outcome:</b> " + html_escape(policy_outcome(p)) + "</p>\n";
    b += "</section>\n";
  }

  b += "<h2>Missing information</h2>\n";
  if (r.missing.empty()) {
    b += "<p>None.</p>\n";
  } else {
    b += "<table><tr><th>Input</th><th>Would settle</th></tr>\n";
    for (const auto& m : r.missing) {
      b += fmt::format("<tr><td><code>{}</code></td><td>{}</td></tr>\n", html_escape(m.input),
                       html_escape(missing_settles(m)));
    }
    b += "</table>\n";
  }
  if (!r.errors.empty()) {
    b += "<h2>Errors</h2>\n<ul>\n";
    for (const auto& e : r.errors) {
      const std::string place = error_place(r, e);
      b += "<li>" + html_escape((place.empty() ? "" : place + ": ") + e.message) + "</li>\n";
    }
    b += "</ul>\n";
  }
  return html_page(fmt::format("{}: {}", r.scheme_name.empty() ? r.scheme_path : r.scheme_name,
                               r.title.empty() ? r.ruleset_id : r.title),
                   b);
}

}  // namespace spdl
