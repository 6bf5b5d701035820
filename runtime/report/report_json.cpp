// The report as JSON (format "spdl-report/1", documented in spec/report-format.md). Exact
// numbers are strings; a float appears only as the extra field "approx".

#include <nlohmann/json.hpp>

#include "spdl/runtime/report/report.hpp"

namespace spdl {

namespace {

using json = nlohmann::ordered_json;

json value_json(const ValueReport& v) {
  json j = {{"state", v.state}, {"display", v.display}};
  if (!v.kind.empty()) j["kind"] = v.kind;
  if (v.state == "known" && v.is_set) {
    j["value"] = v.members;  // the members' names, in the enumeration's order
  } else if (v.state == "known") {
    j["value"] = v.exact;
    if (v.approximate) j["approx"] = *v.approximate;
    if (!v.unit.empty()) j["unit"] = v.unit;
  }
  if (!v.needs.empty()) j["needs"] = v.needs;
  if (!v.error.empty()) j["error"] = v.error;
  return j;
}

json derivation_json(const Derivation& d) {
  json j = {{"label", d.label}, {"kind", d.kind}};
  if (!d.citation.empty()) j["citation"] = d.citation;
  if (!d.formula.empty()) j["formula"] = d.formula;
  if (!d.note.empty()) j["note"] = d.note;
  if (!d.working.empty()) j["working"] = d.working;
  if (!d.uses.empty()) {
    j["uses"] = json::array();
    for (const auto& u : d.uses) j["uses"].push_back(derivation_json(u));
  }
  return j;
}

json condition_json(const ConditionReport& c, bool with_policy) {
  json j = {{"name", c.name}};
  if (with_policy) j["policy"] = c.policy;
  j["citation"] = c.citation;
  j["applies"] = applicability_name(c.applies);
  if (c.applies != Applicability::no) j["text"] = c.text;
  if (!c.doc.empty()) j["doc"] = c.doc;
  if (!c.needs.empty()) j["needs"] = c.needs;
  if (!c.error.empty()) j["error"] = c.error;
  return j;
}

}  // namespace

std::string render_report_json(const Report& r) {
  json doc;
  doc["format"] = "spdl-report/1";
  doc["ruleset"] = {{"id", r.ruleset_id}, {"title", r.title}, {"authority", r.authority},
                    {"status", r.status}, {"dates", r.dates}, {"source", r.source},
                    {"amends", r.amends}};
  doc["in_force"] =
      r.chosen_on.empty() ? json(nullptr) : json{{"on", r.chosen_on}, {"reason", r.chosen_because}};
  doc["decision"] = decision_lines(r);
  json inputs = json::array();
  for (const auto& i : r.inputs) {
    inputs.push_back(
        {{"name", i.name}, {"display", i.display}, {"given", i.given}, {"defaulted", i.defaulted}});
  }
  doc["scheme"] = {{"name", r.scheme_name},
                   {"reference", r.scheme_reference},
                   {"path", r.scheme_path},
                   {"inputs", inputs}};
  json policies = json::array();
  for (const auto& p : r.policies) {
    json jp = {{"name", p.name},
               {"title", p.title},
               {"citation", p.citation},
               {"applies", applicability_name(p.applies)}};
    if (!p.why.empty()) jp["why"] = p.why;
    jp["needs"] = p.needs;
    json figures = json::array();
    for (const auto& f : p.figures) {
      json jf = {{"name", f.name}, {"citation", f.citation}, {"value", value_json(f.value)}};
      if (!f.doc.empty()) jf["doc"] = f.doc;
      jf["exception"] = f.exception.empty()
                            ? json(nullptr)
                            : json{{"label", f.exception}, {"citation", f.exception_citation}};
      if (f.derivation) jf["derivation"] = derivation_json(*f.derivation);
      if (!f.bears) jf["bears"] = false;
      figures.push_back(std::move(jf));
    }
    jp["figures"] = std::move(figures);
    json checks = json::array();
    for (const auto& c : p.checks) {
      json jc = {{"name", c.name}, {"citation", c.citation}, {"finding", finding_name(c.finding)}};
      if (!c.doc.empty()) jc["doc"] = c.doc;
      if (!c.message.empty()) jc["message"] = c.message;
      if (!c.needs.empty()) jc["needs"] = c.needs;
      if (!c.error.empty()) jc["error"] = c.error;
      if (c.compared) {
        jc["compared"] = {
            {{"name", c.compared->first.name}, {"display", c.compared->first.display}},
            {{"name", c.compared->second.name}, {"display", c.compared->second.display}}};
      }
      checks.push_back(std::move(jc));
    }
    jp["checks"] = std::move(checks);
    json conditions = json::array();
    for (const auto& c : p.conditions) conditions.push_back(condition_json(c, false));
    jp["conditions"] = std::move(conditions);
    jp["outcome"] = policy_outcome(p);
    policies.push_back(std::move(jp));
  }
  doc["policies"] = std::move(policies);
  json to_secure = json::array();
  for (const auto& c : r.to_secure) to_secure.push_back(condition_json(c, true));
  doc["conditions"] = std::move(to_secure);
  doc["needs"] = r.needs;
  json missing = json::array();
  for (const auto& m : r.missing) {
    missing.push_back({{"input", m.input},
                       {"policies", m.policies},
                       {"figures", m.figures},
                       {"checks", m.checks},
                       {"conditions", m.conditions},
                       {"settles", missing_settles(m)}});
  }
  doc["missing"] = std::move(missing);
  json errors = json::array();
  json places = json::array();
  for (const auto& e : r.errors) {
    errors.push_back(e.message);
    places.push_back(error_place(r, e));
  }
  doc["errors"] = std::move(errors);
  doc["error_places"] = std::move(places);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace spdl
