#pragma once
// Generated rulesets for measuring how cost grows with size (scaling_bench.cpp, lsp_bench.cpp).

#include <cstddef>
#include <string>

namespace spdl::bench {

// A ruleset of `rules` rules in the style of the real ones: each rule a threshold test on the
// scheme's dwellings and site area, a share with rounding, and the rule before it as the
// alternative, with a parameter for each threshold and share. Two parameters and a rule make
// three lines: 3,334 rules give about 10,000 lines.
std::string generated_ruleset(std::size_t rules);

}  // namespace spdl::bench
