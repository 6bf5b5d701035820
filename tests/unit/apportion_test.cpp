// Apportionment (`apportion TOTAL by SHARES`): the parts always add up to the total, by the
// largest remainder, exactly. Every shipped `shares` mix is divided for every total from 0 to 500
// and compared with a largest-remainder computation of this test's own, in whole numbers.

#include <fmt/format.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <numeric>
#include <optional>

#include "project_fixture.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"

using namespace spdl;
using spdl::testing::TempProject;

namespace {

// Largest remainder in integers: `weights` in any common unit (basis points here). Each part gets
// floor(total * w / sum); the units left go to the largest remainders, ties to the first written.
std::vector<std::int64_t> hamilton(std::int64_t total, const std::vector<std::int64_t>& weights) {
  const std::int64_t sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  std::vector<std::int64_t> out(weights.size());
  std::vector<std::int64_t> rest(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    out[i] = total * weights[i] / sum;
    rest[i] = total * weights[i] % sum;
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rest[a] > rest[b]; });
  for (std::size_t k = 0; k < static_cast<std::size_t>(total - given); ++k) ++out[order[k]];
  return out;
}

struct Evaluated {
  std::shared_ptr<const Program> program;
  std::unique_ptr<Evaluator> evaluator;
  Scheme scheme;
};

// A ruleset given as text, lowered, with one evaluator and an empty scheme of its inputs.
Evaluated open_text(const std::string& text, const ModuleRoots& roots) {
  auto checked = check(load_ruleset_text("apportion.spd", text, roots));
  INFO(render_text(checked.diagnostics, checked.load->sources));
  REQUIRE(checked.ruleset);
  Diagnostics d;
  Evaluated e;
  e.program = lower_from_checked(checked.ruleset, d);
  REQUIRE(e.program);
  e.evaluator = std::make_unique<Evaluator>(e.program);
  e.scheme.inputs.assign(e.program->checked->inputs.size(), Value::missing(0));
  e.scheme.lists.resize(e.program->checked->inputs.size());
  return e;
}

std::uint32_t input_index(const CheckedRuleset& c, const std::string& name) {
  const auto s = c.find(name);
  REQUIRE((s && s->kind == SymbolKind::input));
  return s->index;
}

// The parts, or nothing when the total cannot be divided (an error value).
std::optional<std::vector<std::int64_t>> divided(Evaluated& e, const std::string& rule,
                                                 std::int64_t total) {
  const auto& c = *e.program->checked;
  e.scheme.inputs[input_index(c, "total")] = Value::of(Rational(total));
  const Evaluation& ev = e.evaluator->evaluate(e.scheme);
  std::vector<std::int64_t> out;
  for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
    if (!c.rules[r].name.starts_with(rule + ".")) continue;
    const Value& v = ev.slot(e.program->rule_slots[r]);
    if (v.state == ValueState::error) return std::nullopt;
    REQUIRE(v.known());
    out.push_back(*v.number.to_int64());
  }
  return out;
}

std::vector<std::int64_t> parts_of(Evaluated& e, const std::string& rule, std::int64_t total) {
  auto parts = divided(e, rule, total);
  REQUIRE(parts);
  return *parts;
}

// A shares of least shares and a remainder (the London Plan's H6 A): each least share is the
// total times it, rounded up; the remainder takes the rest; a total too small for the least
// shares rounded up is an error, not a division that does not add up.
void check_least_shares(Evaluated& e, const std::vector<Rational>& least, std::size_t remainder) {
  for (std::int64_t total = 0; total <= 500; ++total) {
    INFO("total " << total);
    std::vector<std::int64_t> want(least.size() + 1);
    std::int64_t used = 0;
    for (std::size_t i = 0, k = 0; i < want.size(); ++i) {
      if (i == remainder) continue;
      const std::int64_t whole = *(Rational(total) * least[k++]).round(Rounding::up).to_int64();
      want[i] = whole;
      used += whole;
    }
    const auto got = divided(e, "divided", total);
    if (used > total) {
      CHECK_FALSE(got);
      continue;
    }
    want[remainder] = total - used;
    REQUIRE(got);
    CHECK(std::accumulate(got->begin(), got->end(), std::int64_t{0}) == total);
    CHECK(*got == want);
  }
}

const ModuleRoots repository{
    {std::string(SPDL_SOURCE_DIR) + "/stdlib", std::string(SPDL_SOURCE_DIR) + "/rulesets"}};

}  // namespace

TEST_CASE("every shipped shares mix is apportioned for every total from 0 to 500", "[apportion]") {
  // Every `shares` a shipped ruleset or module declares, divided through a ruleset that amends
  // (or uses) it. Grove's schedule does not add up (30% + 20% of 40%), so it cannot be
  // apportioned: the checker says so.
  std::size_t mixes = 0;
  for (const char* folder : {"rulesets", "stdlib"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::string(SPDL_SOURCE_DIR) + "/" + folder)) {
      if (entry.path().extension() != ".spd") continue;
      const auto own = load_and_check(entry.path());
      REQUIRE(own.ruleset);
      const auto& c = *own.ruleset;
      const std::string id = c.header().id;
      for (const auto& group : c.shares) {
        if (group.origin.module != c.load->main) continue;
        INFO(id << ": " << group.name);
        // A ruleset that amends the one declaring the shares (or uses the module that does).
        const std::string with_use = fmt::format(
            "ruleset apportion.{}\n{} {}\ninput total : dwellings\n"
            "rule divided = apportion total by {}\n",
            group.name, c.header().is_module ? "use" : "  amends", id, group.name);
        if (group.name == "grove_annexe_split") {
          const auto refused = check(load_ruleset_text("grove.spd", with_use, repository));
          bool sum_refused = false;
          for (const auto& d : refused.diagnostics.all())
            sum_refused |= d.severity == Severity::error && d.code == "apportion-sum";
          CHECK(sum_refused);
          continue;
        }
        ++mixes;
        auto e = open_text(with_use, repository);
        if (std::any_of(group.parts.begin(), group.parts.end(),
                        [](const auto& p) { return p.kind == ShareKind::minimum; })) {
          std::vector<Rational> least;
          std::size_t remainder = group.parts.size();
          for (std::size_t i = 0; i < group.parts.size(); ++i) {
            const auto& part = group.parts[i];
            REQUIRE((part.kind == ShareKind::minimum || part.kind == ShareKind::remainder));
            if (part.kind == ShareKind::remainder) {
              remainder = i;
              continue;
            }
            least.push_back(
                e.program
                    ->initial_slots[e.program
                                        ->parameter_slots[static_cast<std::size_t>(part.value)]]
                    .number);
          }
          REQUIRE(remainder < group.parts.size());
          check_least_shares(e, least, remainder);
          continue;
        }
        // The shares' figures, as whole basis points of their whole (a total after `of`, or
        // 100%): Harrow's Figure 3 is 700, 4800, 2300, 1700, 500. A remainder is its figure too:
        // the Vale's 5.2 split is 30% and the rest of 40%, 10%.
        std::vector<std::int64_t> weights;
        std::vector<Rational> shares;
        for (const auto& part : group.parts) {
          REQUIRE((part.kind == ShareKind::exact || part.kind == ShareKind::remainder));
          const auto& v =
              e.program
                  ->initial_slots[e.program->parameter_slots[static_cast<std::size_t>(part.value)]];
          const Rational basis_points = v.number * Rational(10000);
          REQUIRE(basis_points.is_integer());
          weights.push_back(*basis_points.to_int64());
          shares.push_back(v.number);
        }
        const Rational sum = std::accumulate(shares.begin(), shares.end(), Rational());
        for (std::int64_t total = 0; total <= 500; ++total) {
          const auto got = parts_of(e, "divided", total);
          INFO("total " << total);
          REQUIRE(got.size() == weights.size());
          CHECK(std::accumulate(got.begin(), got.end(), std::int64_t{0}) == total);
          for (std::size_t i = 0; i < got.size(); ++i) {
            // Within one of the exact quota, total * share / the shares' sum.
            const Rational quota = *Rational::divide(Rational(total) * shares[i], sum);
            const Rational gap = Rational(got[i]) - quota;
            CHECK(gap > Rational(-1));
            CHECK(gap < Rational(1));
          }
          CHECK(got == hamilton(total, weights));
        }
      }
    }
  }
  // Harrow: tenure_ratio, Figure 3, Figure 4, Figure 5; the Vale: 5.2's tenure split, 5.4's two
  // columns; the London Plan: H6 A's least shares.
  CHECK(mixes >= 8);
}

TEST_CASE("apportionment: the document's examples", "[apportion]") {
  TempProject p;
  const std::string figure_3 =
      "shares figure_3_mix [Figure 3]\n  one_bed = 7%\n  two_bed = 48%\n  three_bed = 23%\n"
      "  four_bed = 17%\n  five_bed = 5%\n";
  auto e = open_text("ruleset t\ninput total : dwellings\n" + figure_3 +
                         "rule divided = apportion total by figure_3_mix\n",
                     p.roots());
  // Harrow Appendix 3: 10 homes by Figure 3. Quotas 0.7, 4.8, 2.3, 1.7, 0.5: the floors add up
  // to 0 + 4 + 2 + 1 + 0 = 7, and the 3 left go to 0.8 (two bed), then 0.7 (one bed, written
  // before four bed's 0.7) and 0.7 (four bed); each rounded half up, they give 1+5+2+2+1 = 11.
  CHECK(parts_of(e, "divided", 10) == std::vector<std::int64_t>{1, 5, 2, 2, 0});
  // 7 social homes (Figure 3 itself): quotas 0.49, 3.36, 1.61, 1.19, 0.35; floors 0+3+1+1+0 = 5,
  // and the 2 left go to 0.61 (three bed) and 0.49 (one bed): 1, 3, 2, 1, 0.
  CHECK(parts_of(e, "divided", 7) == std::vector<std::int64_t>{1, 3, 2, 1, 0});
  CHECK(parts_of(e, "divided", 0) == std::vector<std::int64_t>{0, 0, 0, 0, 0});
}

TEST_CASE("apportionment: minimums round up and the remainder takes the rest", "[apportion]") {
  TempProject p;
  auto e = open_text(
      "ruleset t\ninput total : dwellings\n"
      "shares h6 [H6 A]\n  low_cost_rent = at least 30%\n  intermediate = at least 30%\n"
      "  borough_decides = remainder\n"
      "rule divided = apportion total by h6\n",
      p.roots());
  // "At least 30% of 17 dwellings" is 5.1, so 6, twice; 17 - 12 = 5 remain.
  CHECK(parts_of(e, "divided", 17) == std::vector<std::int64_t>{6, 6, 5});
  // 10: 3 and 3 exactly, 4 remain (the remaining 40%).
  CHECK(parts_of(e, "divided", 10) == std::vector<std::int64_t>{3, 3, 4});
  // One dwelling cannot be at least 30% low-cost rent and at least 30% intermediate.
  const auto& c = *e.program->checked;
  e.scheme.inputs[input_index(c, "total")] = Value::of(Rational(1));
  const Evaluation& ev = e.evaluator->evaluate(e.scheme);
  const Value& v = ev.slot(e.program->rule_slots[0]);
  REQUIRE(v.state == ValueState::error);
  CHECK(ev.error(v).message ==
        "the least shares of `h6`, each rounded up, need more than the 1 dwelling there are");
}

TEST_CASE("apportionment: ties go to the part written first, and exact parts with a remainder",
          "[apportion]") {
  TempProject p;
  auto e = open_text(
      "ruleset t\ninput total : dwellings\n"
      "shares halves\n  first = 50%\n  second = 50%\n"
      "rule divided = apportion total by halves\n",
      p.roots());
  CHECK(parts_of(e, "divided", 1) == std::vector<std::int64_t>{1, 0});
  CHECK(parts_of(e, "divided", 3) == std::vector<std::int64_t>{2, 1});

  auto r = open_text(
      "ruleset t\ninput total : dwellings\n"
      "shares split of 40%\n  social_rent = 30%\n  other = remainder\n"
      "rule divided = apportion total by split\n",
      p.roots());
  // Of a 40% whole: 30% is three quarters. 7 homes: quotas 5.25 and 1.75 -> 5, 2.
  CHECK(parts_of(r, "divided", 7) == std::vector<std::int64_t>{5, 2});
}
