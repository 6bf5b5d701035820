// The decision in words: the lines that open every report, and each policy's outcome.

#include <fmt/format.h>

#include "spdl/runtime/report/report.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

// "a", "a and b", "a, b and c".
std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string sentence(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// " (H16)" after a figure of the policy H16; nothing outside a policy.
std::string policy_suffix(const PolicyReport& p) {
  return p.name.empty() ? std::string() : " (" + policy_label(p.name) + ")";
}

// Each check's words once its finding is known: "enough affordable (H16)".
std::string check_named(const PolicyReport& p, const CheckReport& c) {
  return human_name(c.name) + policy_suffix(p);
}

// A side's name split at its last word: "affordable proposed" is "affordable" and "proposed"; a
// name of one word has no stem.
std::string stem_of(const std::string& name) {
  const auto space = name.rfind(' ');
  return space == std::string::npos ? std::string() : name.substr(0, space);
}
std::string last_word_of(const std::string& name) {
  const auto space = name.rfind(' ');
  return space == std::string::npos ? name : name.substr(space + 1);
}

// "24 dwellings proposed against 24 dwellings required": a comparison's two sides, the second
// named by what it is when the names share their first word ("affordable proposed", "affordable
// required").
std::string compared_words(const CheckReport& c) {
  const auto& [a, b] = *c.compared;
  if (const std::string stem = stem_of(a.name); !stem.empty() && stem == stem_of(b.name)) {
    return spliced({sentence(stem), ": ", a.display, " ", last_word_of(a.name), " against ",
                    b.display, " ", last_word_of(b.name)});
  }
  return spliced({sentence(a.name), " ", a.display, " against ", b.name, " ", b.display});
}

// A comparison whose one side is known and the other waits for an input.
bool half_known(const CheckReport& c) {
  return c.compared && c.finding == Finding::unknown &&
         c.compared->first.known != c.compared->second.known;
}

// Such a comparison in words: the known side, and the other named as waiting ("Affordable: 24
// dwellings required (H16); affordable proposed not yet known.", "Max flats: 4 dwellings; flats
// in schedule not yet known.").
std::string half_compared_words(const CheckReport& c, const std::string& label) {
  const auto& [a, b] = *c.compared;
  const CheckReport::Side& known = a.known ? a : b;
  const CheckReport::Side& waiting = a.known ? b : a;
  const std::string stem = stem_of(known.name);
  const std::string said =
      !stem.empty() && stem == stem_of(waiting.name)
          ? spliced({sentence(stem), ": ", known.display, " ", last_word_of(known.name)})
          : spliced({sentence(known.name), ": ", known.display});
  return spliced({said, label, "; ", waiting.name, " not yet known."});
}

// The figure a committee asks for first: the first applying policy's requirement set against what
// the scheme proposes, or, while what it proposes is not known, the requirement alone.
std::string headline_requirement(const Report& r) {
  for (const auto& p : r.policies) {
    if (p.applies != Applicability::yes && p.applies != Applicability::always) continue;
    for (const auto& c : p.checks) {
      if (c.compared && (c.finding == Finding::met || c.finding == Finding::not_met))
        return compared_words(c) + policy_suffix(p) + ".";
      if (half_known(c)) return half_compared_words(c, policy_suffix(p));
    }
  }
  // A ruleset whose requirement no check compares with the scheme (Braintree's rates): the
  // requirement itself, by the name every shipped ruleset gives it (as `spdl sweep` charts it).
  for (const auto& p : r.policies) {
    if (p.applies != Applicability::yes && p.applies != Applicability::always) continue;
    for (const auto& f : p.figures) {
      if (f.name == "affordable_required" && f.value.state == "known")
        return spliced({"Affordable required: ", f.value.display, policy_suffix(p), "."});
    }
  }
  return {};
}

}  // namespace

std::string policy_outcome(const PolicyReport& p) {
  std::vector<std::string> parts;
  switch (p.applies) {
    case Applicability::no:
      return "Does not apply.";
    case Applicability::unknown:
      parts.push_back(
          "Whether it applies is not known" +
          (p.needs.empty() ? std::string() : " until " + listed(p.needs) + " is given") + ".");
      break;
    case Applicability::error:
      return "Whether it applies cannot be said: its condition is in error.";
    case Applicability::yes:
      parts.push_back("Applies.");
      break;
    case Applicability::always:
      break;
  }
  for (const auto& f : p.figures) {
    if (f.value.kind == "enumeration" && f.value.state == "known")
      parts.push_back(fmt::format("{}: {}.", sentence(human_name(f.name)), f.value.display));
  }
  std::vector<std::string> not_met, unknown;
  std::size_t met = 0, applicable = 0;
  for (const auto& c : p.checks) {
    if (c.finding == Finding::not_applicable) continue;
    ++applicable;
    if (c.finding == Finding::met) ++met;
    if (c.finding == Finding::not_met) not_met.push_back(human_name(c.name));
    if (c.finding == Finding::unknown || c.finding == Finding::error)
      unknown.push_back(human_name(c.name));
    if (c.compared && c.finding != Finding::unknown) parts.push_back(compared_words(c) + ".");
    if (half_known(c)) parts.push_back(half_compared_words(c, ""));
  }
  if (applicable > 0) {
    if (not_met.empty() && unknown.empty()) {
      parts.push_back(applicable == 1
                          ? "Complies: its check is met."
                          : fmt::format("Complies: all {} checks are met.", applicable));
    } else {
      if (!not_met.empty()) parts.push_back("Does not comply: " + listed(not_met) + " not met.");
      if (!unknown.empty()) parts.push_back("Not yet known: " + listed(unknown) + ".");
    }
  } else if (!p.checks.empty()) {
    parts.push_back("None of its checks applies.");
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : " ") + part;
  return out;
}

std::vector<std::string> decision_lines(const Report& r) {
  std::vector<std::string> applying, not_applying, undecided;
  std::vector<std::string> not_met, unknown;
  std::size_t met = 0, checks = 0;
  for (const auto& p : r.policies) {
    checks += p.checks.size();
    const std::string label = p.name.empty() ? "" : policy_label(p.name);
    if (!label.empty()) {
      if (p.applies == Applicability::yes || p.applies == Applicability::always)
        applying.push_back(label);
      if (p.applies == Applicability::no) not_applying.push_back(label);
      if (p.applies == Applicability::unknown || p.applies == Applicability::error)
        undecided.push_back(label);
    }
    if (p.applies == Applicability::no) continue;
    for (const auto& c : p.checks) {
      if (c.finding == Finding::met) ++met;
      if (c.finding == Finding::not_met) not_met.push_back(check_named(p, c));
      if (c.finding == Finding::unknown || c.finding == Finding::error)
        unknown.push_back(check_named(p, c));
    }
  }
  std::vector<std::string> lines;
  std::string policies;
  if (!applying.empty())
    policies = listed(applying) + (applying.size() == 1 ? " applies" : " apply");
  if (!not_applying.empty()) {
    policies += (policies.empty() ? "" : "; ") + listed(not_applying) +
                (not_applying.size() == 1 ? " does not" : " do not") +
                (policies.empty() ? " apply" : "");
  }
  if (!undecided.empty()) {
    policies += (policies.empty() ? "" : "; ") + std::string("whether ") + listed(undecided) +
                (undecided.size() == 1 ? " applies" : " apply") + " is not known";
  }
  if (!policies.empty()) lines.push_back(sentence(policies) + ".");
  // The headline figure ("Affordable: 24 dwellings proposed against 24 dwellings required
  // (H16).").
  if (const std::string headline = headline_requirement(r); !headline.empty())
    lines.push_back(headline);
  if (checks == 0) {
    // a ruleset of figures alone (a needs model): nothing to comply with
  } else if (met + not_met.size() + unknown.size() == 0) {
    lines.push_back("No check applies to this scheme.");
  } else if (not_met.empty() && unknown.empty()) {
    lines.push_back(met == 1 ? "The one check that applies is met."
                             : fmt::format("All {} checks that apply are met.", met));
  } else {
    std::string findings;
    if (!not_met.empty()) findings = fmt::format("Not met: {}", listed(not_met));
    if (!unknown.empty())
      findings += (findings.empty() ? "Not yet known: " : "; not yet known: ") + listed(unknown);
    findings +=
        met == 0 ? "." : fmt::format(" ({} met).", plural(met, "other check", "other checks"));
    lines.push_back(findings);
  }
  // A ruleset of figures alone, with no policy or check: its figures are the decision.
  if (lines.empty()) {
    std::vector<std::string> figures;
    for (const auto& p : r.policies) {
      for (const auto& f : p.figures) {
        if (f.value.state == "known" && f.value.kind != "yes/no")
          figures.push_back(human_name(f.name) + " " + f.value.display);
      }
    }
    if (!figures.empty() && figures.size() <= 4) lines.push_back(sentence(listed(figures)) + ".");
  }
  if (!r.needs.empty()) {
    std::vector<std::string> needed;
    for (const auto& n : r.needs) needed.push_back(human_name(n));
    lines.push_back("Still needed: " + listed(needed) + ".");
  }
  return lines;
}

}  // namespace spdl
