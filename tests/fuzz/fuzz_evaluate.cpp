// Fuzz target 3: the Vale's revised draft evaluated on structurally valid random schemes (every
// value of the right kind, within what a scheme file could give), built from the fuzzer's bytes.
// Invariants: no conflict between exceptions (the ruleset has none that overlap); the affordable
// dwellings required are never negative, nor above the whole site's dwellings unless the
// viability exception set them; evaluation is deterministic, also when an evaluator is reused;
// the JSON report parses back and holds the exact figure.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/ir/value_display.hpp"

using namespace spdl;

namespace {

// The fuzzer's bytes as a stream of small choices; zeros once they run out.
class Choices {
 public:
  Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint32_t below(std::uint32_t n) {  // 0 .. n-1
    if (n <= 1) return 0;
    std::uint32_t v = 0;
    for (std::uint32_t span = 1; span < n && span != 0; span <<= 8) v = (v << 8) | next();
    return v % n;
  }
  bool chance(std::uint32_t in) { return below(in) == 0; }

 private:
  std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

// A number a scheme file could give for `type`: counts whole, areas to 0.01 ha, money to the
// penny, percentages to the point; kept within the input's bounds.
Rational number_for(const Type& type, Choices& c, const CheckedInput* input) {
  const Unit& u = type.unit;
  Rational v;
  if (u.is(Dimension::area)) {
    v = to_base(Rational::fraction(c.below(100'000), 100), u);  // up to 1,000 ha
  } else if (u.is(Dimension::money)) {
    v = to_base(Rational::fraction(c.below(1u << 30), 100), u);  // up to about £10 million
  } else if (u.percent) {
    v = Rational::fraction(c.below(101), 100);
  } else if (u.is(Dimension::person)) {
    v = Rational(c.below(500'000));
  } else if (u.dimensionless()) {
    v = Rational::fraction(c.below(100'000), 1 + c.below(100));
  } else {
    v = Rational(c.below(c.chance(8) ? 100'000 : 300));  // dwellings, rooms, bedrooms
  }
  if (input && input->at_least && v < *input->at_least) v = *input->at_least;
  if (input && input->at_most && v > *input->at_most) v = *input->at_most;
  return v;
}

Value value_for(const Type& type, const CheckedRuleset& r, Choices& c, const CheckedInput* input) {
  switch (type.kind) {
    case TypeKind::number:
      return Value::of(number_for(type, c, input));
    case TypeKind::boolean:
      return Value::boolean(c.chance(2));
    case TypeKind::enumeration: {
      const auto members = static_cast<std::uint32_t>(r.enums[type.ref].decl->members.size());
      return Value::member(c.below(members));
    }
    case TypeKind::date:
      return Value::date(static_cast<std::int32_t>(c.below(40'000)));  // 1970-2079
    default:
      return Value{};  // text: left out
  }
}

std::optional<Rational> known_rule(const Evaluation& ev, const CheckedRuleset& r,
                                   const char* name) {
  const auto s = r.find(name);
  if (!s || s->kind != SymbolKind::rule) return std::nullopt;
  const Value& v = ev.slot(ev.program().rule_slots[s->index]);
  return v.known() ? std::optional<Rational>(v.number) : std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const OpenedRuleset ruleset =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  SPDL_FUZZ_REQUIRE(ruleset.program, "the fixed ruleset does not load");
  const CheckedRuleset& r = *ruleset.program->checked;

  Choices c(data, size);
  Scheme scheme;
  scheme.inputs.resize(r.inputs.size());
  scheme.lists.resize(r.inputs.size());
  for (std::size_t i = 0; i < r.inputs.size(); ++i) {
    const auto& input = r.inputs[i];
    const bool must =
        !input.decl->optional && input.decl->default_value == ast::no_expr && input.used;
    if (!must && c.chance(4)) continue;  // left out: unknown, or the default
    if (input.type.kind != TypeKind::list) {
      scheme.inputs[i] = value_for(input.type, r, c, &input);
      continue;
    }
    scheme.inputs[i] = Value::boolean(true);
    const auto& record = r.records[input.type.ref];
    const std::uint32_t rows = c.below(24);
    for (std::uint32_t row = 0; row < rows; ++row) {
      std::vector<Value> fields;
      for (const auto& field : record.fields) {
        const bool leave_out =
            (field.optional || field.default_value != ast::no_expr) && c.chance(3);
        fields.push_back(leave_out ? Value{} : value_for(field.type, r, c, nullptr));
      }
      scheme.lists[i].push_back(std::move(fields));
    }
  }

  Evaluator evaluator(ruleset.program);
  const Evaluation& evaluation = evaluator.evaluate(scheme);
  const Report report = build_report(evaluation, {});
  for (const auto& e : report.errors) {
    SPDL_FUZZ_REQUIRE(e.message.find("conflicting exceptions") == std::string::npos, e.message);
  }

  const auto required = known_rule(evaluation, r, "affordable_required");
  const auto whole = known_rule(evaluation, r, "whole_site_dwellings");
  const auto rule = r.find("affordable_required");
  const bool viability = rule && evaluation.fired(rule->index) >= 0;
  if (required) {
    SPDL_FUZZ_REQUIRE(required->sign() >= 0, "affordable_required is negative");
    if (whole && !viability) {
      SPDL_FUZZ_REQUIRE(*required <= *whole,
                        "affordable_required is above the whole site's dwellings");
    }
  }

  const std::string json = render_report_json(report);
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  SPDL_FUZZ_REQUIRE(!parsed.is_discarded(), "the JSON report does not parse");
  if (required) {
    bool found = false;
    for (const auto& policy : parsed["policies"]) {
      for (const auto& figure : policy["figures"]) {
        if (figure["name"] != "affordable_required") continue;
        found = true;
        SPDL_FUZZ_REQUIRE(
            figure["value"]["value"] == exact_number(*required, Unit::of(Dimension::dwelling)),
            "the JSON report's affordable_required is not the exact figure");
      }
    }
    SPDL_FUZZ_REQUIRE(found, "affordable_required is missing from the JSON report");
  }

  // The same scheme again, on the reused evaluator and on a new one, gives the same report.
  SPDL_FUZZ_REQUIRE(render_report_json(build_report(evaluator.evaluate(scheme), {})) == json,
                    "a reused evaluator differs");
  const Evaluation fresh = Evaluator(ruleset.program).evaluate(scheme);
  SPDL_FUZZ_REQUIRE(render_report_json(build_report(fresh, {})) == json, "a new evaluator differs");
  return 0;
}
