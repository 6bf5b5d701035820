// The report as Markdown, ready to paste into a committee report.

#include <fmt/format.h>

#include "spdl/runtime/report/report.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

std::string human(std::string_view name) {
  std::string out = human_name(name);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// Table cells cannot hold a bare `|`.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

std::string render_report_markdown(const Report& r) {
  std::string out;
  out += fmt::format("# Affordable housing assessment{}\n\n",
                     r.scheme_name.empty() ? "" : ": " + r.scheme_name);
  std::string guidance(r.title.empty() ? r.ruleset_id : r.title);
  if (!r.authority.empty()) (guidance += ", ") += r.authority;
  out += fmt::format("**Guidance:** {} (`{}`", guidance, r.ruleset_id);
  if (!r.status.empty()) out += ", " + r.status;
  for (const auto& d : r.dates) out += ", " + d;
  out += ")\n\n";
  if (!r.chosen_on.empty())
    out += fmt::format("**In force on {}:** {}\n\n", date_words(r.chosen_on), r.chosen_because);
  if (!r.scheme_reference.empty())
    out += fmt::format("**Application:** {}\n\n", r.scheme_reference);
  if (const auto decision = decision_lines(r); !decision.empty()) {
    out += "## Decision\n\n";
    // A paragraph each: lines one under another would run together as one.
    for (const auto& line : decision) out += line + "\n\n";
  }

  out += "## The scheme\n\n| Input | Value |\n|---|---|\n";
  std::string assumed;
  for (const auto& i : r.inputs) {
    if (i.given) out += fmt::format("| {} | {} |\n", human(i.name), cell(i.display));
    if (i.defaulted) assumed += (assumed.empty() ? "" : ", ") + human(i.name) + ": " + i.assumed;
  }
  if (!assumed.empty()) out += "\nAssumed (the ruleset's defaults): " + assumed + ".\n";

  for (const auto& p : r.policies) {
    if (p.name.empty()) {
      out += r.policies.size() == 1 ? "\n## Requirements\n\n" : "\n## Other requirements\n\n";
    } else {
      out += fmt::format("\n## {}{}\n\n", policy_heading(p.name, p.title),
                         p.citation.empty() ? "" : " [" + std::string(p.citation) + "]");
      if (p.applies != Applicability::always) {
        out += fmt::format("**Applies:** {}", applicability_name(p.applies));
        if (!p.why.empty()) out += ", because " + p.why;
        if (!p.needs.empty() && p.why.find("not given") == std::string::npos &&
            p.why.find("unknown: needs ") == std::string::npos)
          out += " (needs " + joined(p.needs) + ")";
        out += "\n\n";
      }
    }
    if (p.applies == Applicability::no) continue;  // its figures do not bear on this scheme
    if (!p.figures.empty()) {
      out += "| Requirement | Value | Policy | Note |\n|---|---|---|---|\n";
      for (const auto& f : p.figures) {
        std::string note(f.doc);  // the rule's `##` text
        if (!f.exception.empty()) {
          note +=
              (note.empty() ? "" : " ") + std::string("Exception: ") + std::string(f.exception) +
              (f.exception_citation.empty() ? "" : " [" + std::string(f.exception_citation) + "]");
        }
        std::string value = f.value.display;
        if (f.value.state == "unknown") {
          value = f.bears ? "not known" + (f.value.needs.empty()
                                               ? std::string()
                                               : " (needs " + joined(f.value.needs) + ")")
                          : "not known; not needed (what uses it is settled)";
        }
        out += fmt::format("| {} | {} | {} | {} |\n", human(f.name), cell(value), cell(f.citation),
                           cell(note));
      }
      out += "\n";
    }
    if (!p.checks.empty()) {
      out += "| Check | Finding | Policy | Detail |\n|---|---|---|---|\n";
      for (const auto& c : p.checks) {
        std::string detail = c.message;
        if (!c.needs.empty()) detail = "needs " + joined(c.needs);
        if (!c.error.empty()) detail = c.error;
        if (!c.doc.empty()) detail = std::string(c.doc) + (detail.empty() ? "" : " " + detail);
        out += fmt::format("| {} | {} | {} | {} |\n", human(c.name), finding_name(c.finding),
                           cell(c.citation), cell(detail));
      }
      out += "\n";
    }
    std::string secure;
    for (const auto& c : p.conditions) {
      if (c.applies == Applicability::no) continue;
      std::string note(c.doc);
      if (c.applies == Applicability::unknown)
        note += (note.empty() ? "" : " ") + ("If it applies: needs " + joined(c.needs) + ".");
      if (!c.error.empty()) note += (note.empty() ? "" : " ") + c.error;
      secure += fmt::format("| {} | {} | {} |\n", cell(c.text), cell(c.citation), cell(note));
    }
    if (!secure.empty()) {
      out +=
          "| To secure (by legal agreement or planning condition) | Policy | Note |\n"
          "|---|---|---|\n" +
          secure + "\n";
    }
    for (const auto& f : p.figures) {
      if (f.derivation)
        out += fmt::format("**How {} was derived**\n\n{}\n", human(f.name),
                           render_derivation_markdown(*f.derivation));
    }
    if (!p.name.empty()) out += fmt::format("**Outcome:** {}\n\n", policy_outcome(p));
  }
  if (!r.to_secure.empty()) {
    out += "\n## To secure (by legal agreement or planning condition)\n\n";
    for (const auto& c : r.to_secure) {
      out += "- " + c.text + (c.citation.empty() ? "" : " [" + std::string(c.citation) + "]");
      if (c.applies == Applicability::unknown)
        out += " (if it applies: needs " + joined(c.needs) + ")";
      out += "\n";
    }
  }
  out += "\n## Missing information\n\n";
  if (r.missing.empty()) {
    out += "None.\n";
  } else {
    out += "| Input | Would settle |\n|---|---|\n";
    for (const auto& m : r.missing)
      out += fmt::format("| `{}` | {} |\n", m.input, cell(missing_settles(m)));
  }
  if (!r.errors.empty()) {
    out += "\n## Errors\n\n";
    for (const auto& e : r.errors) {
      const std::string place = error_place(r, e);
      out += "- " + (place.empty() ? "" : "`" + place + "`: ") + e.message + "\n";
    }
  }
  return out;
}

}  // namespace spdl
