// The report for a terminal.

#include <fmt/format.h>

#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/report/report.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

struct Paint {
  bool on;
  std::string operator()(const std::string& text, const char* code) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
  }
};

const char* finding_colour(Finding f) {
  switch (f) {
    case Finding::met:
      return "32";
    case Finding::not_met:
      return "31";
    case Finding::not_applicable:
      return "2";
    case Finding::unknown:
      return "33";
    case Finding::error:
      return "1;31";
  }
  return "0";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// Titles, citations, names and values come from ruleset and scheme files: a control character in
// one (ESC, BEL) is shown, never sent to the terminal.
std::string safe(std::string_view text) {
  return utf8::printable(text);
}

// What is to be secured, one line each with its citation; one that may be (its `when` not yet
// known) says what would settle it. Conditions that do not apply are left out.
std::string conditions_text(const std::vector<ConditionReport>& conditions,
                            const std::string& heading, const std::string& indent,
                            const Paint& paint) {
  std::string out;
  for (const auto& c : conditions) {
    if (c.applies == Applicability::no) continue;
    if (out.empty()) out = heading;
    std::string line = indent + safe(c.text);
    if (!c.citation.empty()) line += "  [" + safe(c.citation) + "]";
    out += line + "\n";
    if (!c.doc.empty()) out += indent + "  " + paint(safe(c.doc), "2") + "\n";
    if (c.applies == Applicability::unknown)
      out += indent + "  if it applies: needs " + safe(joined(c.needs)) + "\n";
    if (!c.error.empty()) out += indent + "  " + safe(c.error) + "\n";
  }
  return out;
}

}  // namespace

std::string render_report_text(const Report& r, bool colour) {
  const Paint paint{colour};
  std::string out;
  out += paint(safe(r.title.empty() ? r.ruleset_id : r.title), "1") + "\n";
  std::string meta = r.authority.empty()
                         ? std::string(r.ruleset_id)
                         : std::string(r.authority) + " · " + std::string(r.ruleset_id);
  std::string status = r.status;
  for (const auto& d : r.dates) status += (status.empty() ? "" : ", ") + d;
  if (!status.empty()) meta += " (" + status + ")";
  if (meta != r.ruleset_id || !r.title.empty())
    out += safe(meta) + "\n";  // the id alone is the title line
  if (!r.amends.empty()) out += "Amends " + std::string(r.amends) + "\n";
  if (!r.chosen_on.empty())
    out +=
        "The version in force on " + date_words(r.chosen_on) + ": " + safe(r.chosen_because) + "\n";

  if (const auto decision = decision_lines(r); !decision.empty()) {
    out += "\n" + paint("Decision", "1") + "\n";
    for (const auto& line : decision) out += "  " + safe(line) + "\n";
  }

  out +=
      "\n" + paint("Scheme: " + safe(r.scheme_name.empty() ? r.scheme_path : r.scheme_name), "1");
  if (!r.scheme_reference.empty()) out += "  (" + safe(r.scheme_reference) + ")";
  out += "\n";
  // Inputs the scheme gives; then, on one line, the defaults the ruleset assumed for the rest.
  std::size_t width = 0;
  for (const auto& i : r.inputs) width = i.given ? std::max(width, i.name.size()) : width;
  std::string assumed;
  for (const auto& i : r.inputs) {
    if (i.given) out += fmt::format("  {:<{}}  {}\n", human_name(i.name), width, safe(i.display));
    if (i.defaulted)
      assumed += (assumed.empty() ? "" : ", ") + human_name(i.name) + " " + i.assumed;
  }
  if (!assumed.empty()) out += "  Assumed (the ruleset's defaults): " + safe(assumed) + "\n";

  for (const auto& p : r.policies) {
    out += "\n";
    if (p.name.empty()) {
      out += paint(r.policies.size() == 1 ? "Requirements" : "Other requirements", "1") + "\n";
    } else {
      std::string head = policy_heading(p.name, p.title);
      if (!p.citation.empty()) head += "  [" + std::string(p.citation) + "]";
      out += paint(safe(head), "1") + "\n";
      if (p.applies != Applicability::always) {
        std::string applies = fmt::format("  Applies: {}", applicability_name(p.applies));
        if (!p.why.empty()) applies += ", because " + p.why;
        if (!p.needs.empty() && p.why.find("not given") == std::string::npos &&
            p.why.find("unknown: needs ") == std::string::npos)
          applies += " (needs " + joined(p.needs) + ")";
        out += safe(applies) + "\n";
      }
    }
    if (p.applies == Applicability::no) continue;  // its figures do not bear on this scheme
    // An unknown figure reads "not known" in the table, and what it waits for on the line below,
    // so that one long list of inputs does not widen every row.
    const auto shown = [](const FigureReport& f) {
      return f.value.state == "unknown" ? std::string("not known") : f.value.display;
    };
    std::size_t name_width = 0, value_width = 0;
    for (const auto& f : p.figures) {
      name_width = std::max(name_width, human_name(f.name).size());
      value_width = std::max(value_width, shown(f).size());
    }
    if (!p.figures.empty()) out += "\n";
    for (const auto& f : p.figures) {
      std::string line =
          fmt::format("  {:<{}}  {:<{}}", human_name(f.name), name_width, shown(f), value_width);
      if (!f.citation.empty()) line += "  [" + std::string(f.citation) + "]";
      if (!f.exception.empty()) {
        line +=
            "  exception " + std::string(f.exception) +
            (f.exception_citation.empty() ? "" : " [" + std::string(f.exception_citation) + "]");
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += safe(line) + "\n";
      if (f.value.state == "unknown" && !f.bears) {
        out += "    not needed: what uses it is settled without it\n";
      } else if (!f.value.needs.empty()) {
        out += "    needs " + joined(f.value.needs) + "\n";
      }
      if (!f.doc.empty()) out += "    " + paint(safe(f.doc), "2") + "\n";  // the rule's `##` text
    }
    if (!p.checks.empty()) out += "\n  Checks\n";
    for (const auto& c : p.checks) {
      std::string line =
          "    " +
          paint(fmt::format("{:<15}", finding_name(c.finding)), finding_colour(c.finding)) +
          human_name(c.name);
      if (!c.citation.empty()) line += "  [" + safe(c.citation) + "]";
      out += line + "\n";
      if (!c.doc.empty()) out += fmt::format("    {:<15}{}\n", "", paint(safe(c.doc), "2"));
      if (!c.message.empty()) out += fmt::format("    {:<15}{}\n", "", safe(c.message));
      if (!c.needs.empty()) out += fmt::format("    {:<15}needs {}\n", "", joined(c.needs));
      if (!c.error.empty()) out += fmt::format("    {:<15}{}\n", "", safe(c.error));
    }
    out += conditions_text(
        p.conditions, "\n  To secure (by legal agreement or planning condition)\n", "    ", paint);
    if (!p.name.empty()) out += "\n  " + paint("Outcome: ", "1") + safe(policy_outcome(p)) + "\n";
  }
  out += conditions_text(
      r.to_secure, "\n" + paint("To secure (by legal agreement or planning condition)", "1") + "\n",
      "  ", paint);

  const bool explained = [&] {
    for (const auto& p : r.policies) {
      for (const auto& f : p.figures) {
        if (f.derivation) return true;
      }
    }
    return false;
  }();
  if (explained) {
    out += "\n" + paint("How each figure was derived", "1") + "\n";
    for (const auto& p : r.policies) {
      for (const auto& f : p.figures) {
        if (f.derivation) out += "\n" + safe(render_derivation(*f.derivation));
      }
    }
  }

  if (r.missing.empty()) {
    out += "\n" + paint("Missing information", "1") + ": none\n";
  } else {
    out += "\n" + paint("Missing information", "1") + " (what each input would settle)\n";
    std::size_t input_width = 0;
    for (const auto& m : r.missing) input_width = std::max(input_width, m.input.size());
    for (const auto& m : r.missing)
      out += fmt::format("  {:<{}}  {}\n", m.input, input_width, safe(missing_settles(m)));
  }
  if (!r.errors.empty()) {
    out += paint("Errors", "1;31") + ":\n";
    for (const auto& e : r.errors) {
      const std::string place = error_place(r, e);
      out += "  " + safe((place.empty() ? "" : place + ": ") + e.message) + "\n";
    }
  }
  return out;
}

std::string error_place(const Report& report, const Diagnostic& error) {
  if (!report.load || !error.span.valid()) return "";
  const auto& file = report.load->sources.file(error.span.file);
  const LineColumn at = file.position(error.span.begin);
  return fmt::format("{}:{}:{}", file.path(), at.line, at.column);
}

}  // namespace spdl
