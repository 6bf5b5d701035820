// The report as JSON (format "spdl-report/1", documented in spec/report-format.md). Exact
// numbers are strings; a float appears only as the extra field "approx". Written straight to text
// (json_writer.hpp) in the layout nlohmann's dump(2) gives: a service writes one for every request.

#include "spdl/runtime/report/json_writer.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

namespace {

void value_json(JsonWriter& w, const ValueReport& v) {
  w.begin_object();
  w.key("state");
  w.string(v.state);
  w.key("display");
  w.string(v.display);
  if (!v.kind.empty()) {
    w.key("kind");
    w.string(v.kind);
  }
  if (v.state == "known" && v.is_set) {
    w.key("value");
    w.strings(v.members);  // the members' names, in the enumeration's order
  } else if (v.state == "known") {
    w.key("value");
    w.string(v.exact);
    if (v.approximate) {
      w.key("approx");
      w.number(*v.approximate);
    }
    if (!v.unit.empty()) {
      w.key("unit");
      w.string(v.unit);
    }
  }
  if (!v.needs.empty()) {
    w.key("needs");
    w.strings(v.needs);
  }
  if (!v.error.empty()) {
    w.key("error");
    w.string(v.error);
  }
  w.end_object();
}

void derivation_json(JsonWriter& w, const Derivation& d) {
  w.begin_object();
  w.key("label");
  w.string(d.label);
  w.key("kind");
  w.string(d.kind);
  const auto optional = [&](const KeyName& name, const std::string& text) {
    if (text.empty()) return;
    w.key(name);
    w.string(text);
  };
  optional("citation", d.citation);
  optional("formula", d.formula);
  optional("note", d.note);
  if (!d.working.empty()) {
    w.key("working");
    w.strings(d.working);
  }
  if (!d.uses.empty()) {
    w.key("uses");
    w.begin_array();
    for (const auto& u : d.uses) derivation_json(w, u);
    w.end_array();
  }
  w.end_object();
}

void condition_json(JsonWriter& w, const ConditionReport& c, bool with_policy) {
  w.begin_object();
  w.key("name");
  w.string(c.name);
  if (with_policy) {
    w.key("policy");
    w.string(c.policy);
  }
  w.key("citation");
  w.string(c.citation);
  w.key("applies");
  w.string(applicability_name(c.applies));
  if (c.applies != Applicability::no) {
    w.key("text");
    w.string(c.text);
  }
  if (!c.doc.empty()) {
    w.key("doc");
    w.string(c.doc);
  }
  if (!c.needs.empty()) {
    w.key("needs");
    w.strings(c.needs);
  }
  if (!c.error.empty()) {
    w.key("error");
    w.string(c.error);
  }
  w.end_object();
}

void named_string(JsonWriter& w, const KeyName& name, std::string_view text) {
  w.key(name);
  w.string(text);
}

void figure_json(JsonWriter& w, const FigureReport& f) {
  w.begin_object();
  named_string(w, "name", f.name);
  named_string(w, "citation", f.citation);
  w.key("value");
  value_json(w, f.value);
  if (!f.doc.empty()) named_string(w, "doc", f.doc);
  w.key("exception");
  if (f.exception.empty()) {
    w.null();
  } else {
    w.begin_object();
    named_string(w, "label", f.exception);
    named_string(w, "citation", f.exception_citation);
    w.end_object();
  }
  if (f.derivation) {
    w.key("derivation");
    derivation_json(w, *f.derivation);
  }
  if (!f.bears) {
    w.key("bears");
    w.boolean(false);
  }
  w.end_object();
}

void check_json(JsonWriter& w, const CheckReport& c) {
  w.begin_object();
  named_string(w, "name", c.name);
  named_string(w, "citation", c.citation);
  named_string(w, "finding", finding_name(c.finding));
  if (!c.doc.empty()) named_string(w, "doc", c.doc);
  if (!c.message.empty()) named_string(w, "message", c.message);
  if (!c.needs.empty()) {
    w.key("needs");
    w.strings(c.needs);
  }
  if (!c.error.empty()) named_string(w, "error", c.error);
  if (c.compared) {
    w.key("compared");
    w.begin_array();
    for (const auto* side : {&c.compared->first, &c.compared->second}) {
      w.begin_object();
      named_string(w, "name", side->name);
      named_string(w, "display", side->display);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

void policy_json(JsonWriter& w, const PolicyReport& p) {
  w.begin_object();
  named_string(w, "name", p.name);
  named_string(w, "title", p.title);
  named_string(w, "citation", p.citation);
  named_string(w, "applies", applicability_name(p.applies));
  if (!p.why.empty()) named_string(w, "why", p.why);
  w.key("needs");
  w.strings(p.needs);
  w.key("figures");
  w.begin_array();
  for (const auto& f : p.figures) figure_json(w, f);
  w.end_array();
  w.key("checks");
  w.begin_array();
  for (const auto& c : p.checks) check_json(w, c);
  w.end_array();
  w.key("conditions");
  w.begin_array();
  for (const auto& c : p.conditions) condition_json(w, c, false);
  w.end_array();
  named_string(w, "outcome", policy_outcome(p));
  w.end_object();
}

}  // namespace

std::string render_report_json(const Report& r) {
  // Reports on one ruleset are much of a size: room for the last one's size, and some.
  thread_local std::size_t last_size = 16 * 1024;
  JsonWriter w(last_size + last_size / 4);
  w.begin_object();
  named_string(w, "format", "spdl-report/1");
  w.key("ruleset");
  w.begin_object();
  named_string(w, "id", r.ruleset_id);
  named_string(w, "title", r.title);
  named_string(w, "authority", r.authority);
  named_string(w, "status", r.status);
  w.key("dates");
  w.strings(r.dates);
  named_string(w, "source", r.source);
  named_string(w, "amends", r.amends);
  w.end_object();
  w.key("in_force");
  if (r.chosen_on.empty()) {
    w.null();
  } else {
    w.begin_object();
    named_string(w, "on", r.chosen_on);
    named_string(w, "reason", r.chosen_because);
    w.end_object();
  }
  w.key("decision");
  w.strings(decision_lines(r));
  w.key("scheme");
  w.begin_object();
  named_string(w, "name", r.scheme_name);
  named_string(w, "reference", r.scheme_reference);
  named_string(w, "path", r.scheme_path);
  w.key("inputs");
  w.begin_array();
  for (const auto& i : r.inputs) {
    w.begin_object();
    named_string(w, "name", i.name);
    named_string(w, "display", i.display);
    w.key("given");
    w.boolean(i.given);
    w.key("defaulted");
    w.boolean(i.defaulted);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("policies");
  w.begin_array();
  for (const auto& p : r.policies) policy_json(w, p);
  w.end_array();
  w.key("conditions");
  w.begin_array();
  for (const auto& c : r.to_secure) condition_json(w, c, true);
  w.end_array();
  w.key("needs");
  w.strings(r.needs);
  w.key("missing");
  w.begin_array();
  for (const auto& m : r.missing) {
    w.begin_object();
    named_string(w, "input", m.input);
    w.key("policies");
    w.strings(m.policies);
    w.key("figures");
    w.strings(m.figures);
    w.key("checks");
    w.strings(m.checks);
    w.key("conditions");
    w.strings(m.conditions);
    named_string(w, "settles", missing_settles(m));
    w.end_object();
  }
  w.end_array();
  w.key("errors");
  w.begin_array();
  for (const auto& e : r.errors) w.string(e.message);
  w.end_array();
  w.key("error_places");
  w.begin_array();
  for (const auto& e : r.errors) w.string(error_place(r, e));
  w.end_array();
  w.end_object();
  std::string text = w.finish();
  last_size = text.size();
  return text;
}

}  // namespace spdl
