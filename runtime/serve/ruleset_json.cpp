#include "spdl/runtime/serve/ruleset_json.hpp"

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/units.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl::serve {

namespace {

using nlohmann::ordered_json;

ordered_json citation_json(const std::optional<ast::Citation>& citation) {
  return citation ? ordered_json(citation->text) : ordered_json(nullptr);
}

ordered_json citation_json(const ast::Citation* citation) {
  return citation ? ordered_json(citation->text) : ordered_json(nullptr);
}

// A value the program holds (a parameter, a default): as people read it and exactly.
ordered_json value_json(const Program& program, SlotId slot, const Type& type) {
  if (slot == no_slot || slot >= program.initial_slots.size()) return nullptr;
  const Value& v = program.initial_slots[slot];
  if (!v.known()) return nullptr;
  const CheckedRuleset& ruleset = *program.checked;
  const std::string* text = nullptr;
  if (v.kind == ValueKind::text && v.aux < program.texts.size()) text = &program.texts[v.aux];
  const FigureValue figure = known_figure(v, type, ruleset, text);
  return {{"display", display_figure(figure)}, {"exact", exact_figure(figure)}};
}

// The kind of value an input takes, for a form: "number", "money", "percent", "yes/no", "enum",
// "set", "date", "text", "schedule" (a list of rows), "list", "record".
void type_into(ordered_json& out, const Type& type, const CheckedRuleset& ruleset) {
  switch (type.kind) {
    case TypeKind::boolean:
      out["type"] = "yes/no";
      break;
    case TypeKind::number:
      if (type.unit.percent) {
        out["type"] = "percent";
      } else if (type.unit.exponent[static_cast<std::size_t>(Dimension::money)] == 1) {
        out["type"] = "money";
      } else {
        out["type"] = "number";
      }
      out["unit"] = unit_name(type.unit);
      break;
    case TypeKind::date:
      out["type"] = "date";
      break;
    case TypeKind::text:
      out["type"] = "text";
      break;
    case TypeKind::enumeration:
    case TypeKind::set: {
      out["type"] = type.kind == TypeKind::set ? "set" : "enum";
      auto members = ordered_json::array();
      if (type.ref < ruleset.enums.size()) {
        for (std::uint32_t m = 0; m < ruleset.enums[type.ref].members.size(); ++m) {
          members.push_back({{"name", ruleset.enum_member_name(type.ref, m)},
                             {"label", ruleset.enum_member_label(type.ref, m)}});
        }
      }
      out["members"] = members;
      break;
    }
    case TypeKind::record:
    case TypeKind::list: {
      const bool rows = type.kind == TypeKind::list && type.element == TypeKind::record;
      out["type"] = rows ? "schedule" : type.kind == TypeKind::list ? "list" : "record";
      if (type.kind == TypeKind::list && !rows) {
        ordered_json element;
        type_into(element, type.element_type(), ruleset);
        out["element"] = element;
        break;
      }
      auto fields = ordered_json::array();
      if (type.ref < ruleset.records.size()) {
        for (const auto& f : ruleset.records[type.ref].fields) {
          ordered_json field{{"name", f.name}, {"label", human_name(f.name)}};
          type_into(field, f.type, ruleset);
          field["required"] = !f.optional && f.default_value == ast::no_expr;
          fields.push_back(std::move(field));
        }
      }
      out["fields"] = fields;
      break;
    }
    case TypeKind::error:
      out["type"] = "unknown";
      break;
  }
}

}  // namespace

std::string authority_id(const std::string& id) {
  return id.substr(0, id.find('.'));
}

ordered_json dates_json(const std::vector<ast::DatedEvent>& events) {
  ordered_json out = ordered_json::object();
  for (const auto& e : events) {
    std::string when = format_date(e.date);
    if (e.month_only) when = when.substr(0, 7);
    if (e.until) when += " to " + format_date(*e.until);
    out[e.kind] = when;
  }
  return out;
}

ordered_json describe_program(const Program& program) {
  const CheckedRuleset& ruleset = *program.checked;
  const ast::Header& header = ruleset.header();
  ordered_json body{
      {"id", header.id},
      {"authority_id", authority_id(header.id)},
      {"authority", header.authority},
      {"title", header.title},
      {"status", header.status ? ast::status_name(*header.status) : "draft"},
      {"dates", dates_json(header.dates)},
      {"amends", header.amends.empty() ? ordered_json(nullptr) : ordered_json(header.amends)}};

  auto inputs = ordered_json::array();
  for (std::size_t i = 0; i < ruleset.inputs.size(); ++i) {
    const CheckedInput& input = ruleset.inputs[i];
    const ast::InputDecl& decl = *input.decl;
    ordered_json item{{"name", input.name}, {"label", human_name(input.name)}};
    type_into(item, input.type, ruleset);
    const bool has_default = decl.default_value != ast::no_expr;
    item["required"] = !decl.optional && !has_default;
    item["used"] = input.used;
    item["default"] = has_default && i < program.input_defaults.size()
                          ? value_json(program, program.input_defaults[i], input.type)
                          : ordered_json(nullptr);
    item["citation"] = citation_json(decl.citation);
    item["doc"] = decl.doc.str();
    inputs.push_back(std::move(item));
  }
  body["inputs"] = inputs;

  auto policies = ordered_json::array();
  for (const auto& p : ruleset.policies) {
    policies.push_back({{"name", p.name},
                        {"title", p.decl->title},
                        {"citation", citation_json(p.decl->citation)},
                        {"doc", p.decl->doc.str()}});
  }
  body["policies"] = policies;

  auto parameters = ordered_json::array();
  for (std::size_t i = 0; i < ruleset.parameters.size(); ++i) {
    const CheckedParameter& p = ruleset.parameters[i];
    if (p.origin.imported) continue;  // the stdlib's definitions are not the authority's
    const ordered_json value = i < program.parameter_slots.size()
                                   ? value_json(program, program.parameter_slots[i], p.type)
                                   : ordered_json(nullptr);
    ordered_json item{{"name", p.name}, {"label", human_name(p.name)}};
    item["value"] = value.is_null() ? ordered_json(nullptr) : value["display"];
    item["exact"] = value.is_null() ? ordered_json(nullptr) : value["exact"];
    item["unit"] = p.type.kind == TypeKind::number ? ordered_json(unit_name(p.type.unit))
                                                   : ordered_json(nullptr);
    item["citation"] = citation_json(p.citation);
    item["doc"] = std::string(p.doc);
    parameters.push_back(std::move(item));
  }
  body["parameters"] = parameters;

  auto conditions = ordered_json::array();
  for (const auto& c : ruleset.conditions) {
    conditions.push_back({{"name", c.name},
                          {"citation", citation_json(c.decl->citation)},
                          {"text", std::string(ruleset.text(c.decl->text_span))},
                          {"doc", c.decl->doc.str()}});
  }
  body["conditions"] = conditions;
  return body;
}

}  // namespace spdl::serve
