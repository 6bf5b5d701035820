// The one rounding rule (runtime/ir/rounding.hpp) against exact rational rounding, in every mode:
// the fixed-point kernel the columns use, one value at a time and a column at a time, must give
// what the scalar evaluator gives.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/eval/columnar/columnar.hpp"
#include "spdl/runtime/ir/rounding.hpp"

using namespace spdl;

namespace {

constexpr Rounding modes[] = {Rounding::half_up, Rounding::half_even, Rounding::up, Rounding::down};

std::int64_t power_of_ten(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// mantissa / 10^scale exactly; a negative scale multiplies.
Rational fixed_value(std::int64_t mantissa, int scale) {
  return scale >= 0 ? Rational::fraction(mantissa, power_of_ten(scale))
                    : Rational(mantissa) * Rational(power_of_ten(-scale));
}

}  // namespace

TEST_CASE("the rounding kernel is the rule of exact rounding, in every mode", "[rounding]") {
  // Every n / d on a grid that holds ties (d even), thirds and negatives, against Rational::round.
  std::size_t compared = 0;
  for (const Rounding mode : modes) {
    for (std::int64_t d : {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 100, 1000}) {
      for (std::int64_t n = -250; n <= 250; ++n) {
        INFO("mode " << static_cast<int>(mode) << ": " << n << " / " << d);
        CHECK(Rational(round_division(n, d, mode)) == Rational::fraction(n, d).round(mode));
        ++compared;
      }
    }
  }
  CHECK(compared == 4 * 13 * 501);

  // Halves, each way: 2.5 -> 3 or 2, -2.5 -> -3 or -2, as spec/language.md gives them.
  CHECK(round_division<std::int64_t>(25, 10, Rounding::half_up) == 3);
  CHECK(round_division<std::int64_t>(-25, 10, Rounding::half_up) == -3);
  CHECK(round_division<std::int64_t>(25, 10, Rounding::half_even) == 2);
  CHECK(round_division<std::int64_t>(35, 10, Rounding::half_even) == 4);
  CHECK(round_division<std::int64_t>(-25, 10, Rounding::half_even) == -2);
  CHECK(round_division<std::int64_t>(-21, 10, Rounding::up) == -2);
  CHECK(round_division<std::int64_t>(-21, 10, Rounding::down) == -3);

  // Near the ends of 64 bits the rule never computes 2r, so a divisor of 2^62 + 1 is safe.
  const std::int64_t big = (std::int64_t{1} << 62) + 1;
  for (const Rounding mode : modes) {
    for (const std::int64_t n : {INT64_MAX, INT64_MAX - 1, -INT64_MAX, big / 2, -(big / 2)}) {
      INFO("mode " << static_cast<int>(mode) << ": " << n << " / " << big);
      CHECK(Rational(round_division(n, big, mode)) == Rational::fraction(n, big).round(mode));
    }
  }
}

TEST_CASE("fixed-point rounding in a unit's scale is exact rounding in that unit", "[rounding]") {
  // Values mantissa / 10^scale base units, rounded to `places` places of a unit of 10^unit_scale
  // base units (4: hectares of square metres), both ways.
  std::size_t compared = 0;
  for (const Rounding mode : modes) {
    for (const int unit_scale : {0, 4, 2, -2}) {
      for (const int places : {0, 1, 2, 3}) {
        for (const int scale : {0, 1, 2, 3, 5}) {
          for (std::int64_t m = -30'005; m <= 30'005; m += 37) {
            INFO("mode " << static_cast<int>(mode) << ", " << m << " / 10^" << scale << " to "
                         << places << " places of 10^" << unit_scale);
            const auto fixed = round_fixed({m, scale}, mode, places, unit_scale);
            REQUIRE(fixed);
            CHECK(fixed_value(fixed->mantissa, fixed->scale) ==
                  round_in_unit(fixed_value(m, scale), mode, places, unit_scale));
            ++compared;
          }
        }
      }
    }
  }
  CHECK(compared == 4 * 4 * 4 * 5 * 1622);  // (30,005 + 30,005) / 37 + 1 mantissas
  // 0.37 ha is 3,700 m2 (scale 0); to one place of a hectare, half up: 0.4 ha, 4,000 m2.
  const auto ha = round_fixed({3700, 0}, Rounding::half_up, 1, 4);
  REQUIRE(ha);
  CHECK(fixed_value(ha->mantissa, ha->scale) == Rational(4000));
  // A shift past 10^18 cannot be done in 64 bits: the columns hand such a row on.
  CHECK_FALSE(round_fixed({1, 18}, Rounding::down, 0, 4));
}

TEST_CASE("the columns round as the scalar evaluator does", "[rounding][columnar]") {
  spdl::testing::TempProject project;
  project.write("rulesets/r.spd", R"(ruleset r
input area : ha
input count : number
rule area_half_up : ha = round_half_up(area * 1.005, 2)
rule area_half_even : ha = round_half_even(area, 1)
rule area_up : ha = round_up(area * 3, 0)
rule area_down : ha = round_down(area, 3)
rule count_half_up = round_half_up(count * 0.125)
rule count_half_even = round_half_even(count * 0.125, 1)
rule count_up = round_up(count * 0.125)
rule count_down = round_down(count * 0.125, 2)
)");
  const auto opened =
      open_ruleset(check(load_ruleset(project.root() / "rulesets/r.spd", project.roots())));
  INFO(render_text(opened.diagnostics, opened.load->sources));
  REQUIRE(opened.program);
  const auto& c = *opened.program->checked;
  std::vector<SlotId> outputs;
  for (std::uint32_t r = 0; r < c.rules.size(); ++r)
    outputs.push_back(opened.program->rule_slots[r]);
  std::string why;
  const auto columns = ColumnarProgram::compile(opened.program, why, outputs);
  INFO(why);
  REQUIRE(columns);
  const std::uint32_t area = c.find("area")->index;
  const std::uint32_t count = c.find("count")->index;

  // Areas of -5,000.00 to 5,000.00 m2 in steps of 0.25 m2 (mantissas at scale 2, many of them
  // ties at some number of places), and counts of -20 to 20 in eighths.
  ColumnarBlock block(columns);
  Evaluator evaluator(opened.program);
  Scheme scheme;
  scheme.inputs.resize(c.inputs.size());
  scheme.lists.resize(c.inputs.size());
  std::size_t rows_compared = 0;
  std::int64_t next_area = -500'000;
  std::int64_t next_count = -160;
  while (next_area <= 500'000) {
    block.clear();
    std::vector<std::pair<std::int64_t, std::int64_t>> rows;
    for (std::size_t r = 0; r < block.capacity() && next_area <= 500'000; ++r) {
      rows.emplace_back(next_area, next_count);
      block.set(area, r, next_area, 2);
      block.set(count, r, next_count * 125, 3);
      next_area += 25;
      next_count = next_count >= 160 ? -160 : next_count + 1;
    }
    block.evaluate(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (!block.exact(r)) continue;
      scheme.inputs[area] = Value::of(Rational::fraction(rows[r].first, 100));
      scheme.inputs[count] = Value::of(Rational::fraction(rows[r].second * 125, 1000));
      const Evaluation& e = evaluator.evaluate(scheme);
      for (const SlotId s : outputs) {
        INFO("area " << rows[r].first << "/100 m2, count " << rows[r].second << "/8, slot " << s);
        const Value columnar = block.value(s, r);
        REQUIRE(e.slot(s).known());
        CHECK(columnar.number == e.slot(s).number);
      }
      ++rows_compared;
    }
  }
  CHECK(rows_compared == 40'001);  // every row: the columns hold them all exactly
}
