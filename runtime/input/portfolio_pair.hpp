#pragma once
// One portfolio read for two rulesets, as `spdl compare` and the service's /v1/compare read it:
// each ruleset reads the inputs it has, and a key or column only one of them reads is no mistake
// (the revision added or dropped an input). What neither reads is an error on that scheme (a
// misspelling would pass for a default under both), or with `allow_unknown_keys` a warning, once
// a key.

#include <functional>

#include "spdl/runtime/input/portfolio.hpp"

namespace spdl {

struct PortfolioPair {
  Portfolio before;  // the schemes as the old ruleset reads them
  Portfolio after;   // and as the new one does: the same schemes, in the same order
  // What to show the user, in order; the schemes cannot be compared when it has errors.
  Diagnostics diagnostics;
};

// `read` reads the portfolio (a file, or text already read) for one ruleset with the options
// given; it is called once for each ruleset, the old one first.
using PortfolioReading =
    std::function<Portfolio(const CheckedRuleset& ruleset, const SchemeReadOptions& options)>;
PortfolioPair read_portfolio_pair(const CheckedRuleset& before, const CheckedRuleset& after,
                                  const PortfolioReading& read, bool allow_unknown_keys);

}  // namespace spdl
