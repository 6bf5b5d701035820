#include "spdl/runtime/eval/apportion.hpp"

#include <algorithm>
#include <numeric>

namespace spdl {

namespace {

Apportioned failed(ApportionProblem problem, std::uint32_t part = 0) {
  Apportioned out;
  out.problem = problem;
  out.part = part;
  return out;
}

}  // namespace

Apportioned apportion(const Rational& total, const Rational& whole,
                      const std::vector<ApportionPart>& parts) {
  if (!total.is_integer()) return failed(ApportionProblem::not_whole);
  if (total.sign() < 0) return failed(ApportionProblem::negative);
  const std::size_t n = parts.size();
  Apportioned out;
  out.quotas.assign(n, Rational());
  out.results.assign(n, Rational());

  bool bounded = false;
  bool remainder = false;
  Rational exact_sum;
  for (const auto& p : parts) {
    bounded |= p.kind == ShareKind::minimum || p.kind == ShareKind::range;
    remainder |= p.kind == ShareKind::remainder;
    if (p.kind == ShareKind::exact) exact_sum = exact_sum + p.share;
  }
  // What the shares are of: the whole, or the exact parts' own sum when nothing else takes a part.
  const Rational& of = bounded || remainder ? whole : exact_sum;
  if (of.sign() <= 0) {
    if (total.sign() == 0 && !bounded && !remainder) return out;  // nothing divided among nothing
    return failed(ApportionProblem::no_whole);
  }

  // Minimums first: each rounded up, and within its most.
  Rational left = total;  // for the exact parts and the remainder
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto& p = parts[i];
    if (p.kind != ShareKind::minimum && p.kind != ShareKind::range) continue;
    out.quotas[i] = *Rational::divide(total * p.share, of);
    out.results[i] = out.quotas[i].round(Rounding::up);
    if (p.kind == ShareKind::range &&
        out.results[i] > Rational::divide(total * p.most, of)->round(Rounding::down)) {
      return failed(ApportionProblem::range_empty, i);
    }
    left = left - out.results[i];
  }

  // Then the exact parts and the remainder, by largest remainder over what the minimums left.
  std::vector<std::uint32_t> hamilton;
  Rational quota_sum;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (parts[i].kind == ShareKind::exact) {
      out.quotas[i] = *Rational::divide(total * parts[i].share, of);
      quota_sum = quota_sum + out.quotas[i];
      hamilton.push_back(i);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (parts[i].kind != ShareKind::remainder) continue;
    out.quotas[i] = left - quota_sum;
    if (out.quotas[i].sign() < 0) return failed(ApportionProblem::minimums_exceed, i);
    hamilton.push_back(i);
  }
  if (left.sign() < 0) return failed(ApportionProblem::minimums_exceed);
  if (hamilton.empty()) return out;
  std::sort(hamilton.begin(), hamilton.end());
  Rational given;
  std::vector<Rational> fraction(n);
  for (const auto i : hamilton) {
    out.results[i] = out.quotas[i].round(Rounding::down);
    fraction[i] = out.quotas[i] - out.results[i];
    given = given + out.results[i];
  }
  // The units left over (fewer than the parts) go to the largest fractions; ties in written order.
  std::stable_sort(hamilton.begin(), hamilton.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return fraction[a] > fraction[b]; });
  Rational over = left - given;
  for (const auto i : hamilton) {
    if (over.sign() <= 0) break;
    out.results[i] = out.results[i] + Rational(1);
    over = over - Rational(1);
  }
  return out;
}

}  // namespace spdl
