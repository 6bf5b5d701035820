#include "ruleset_generator.hpp"

#include <fmt/format.h>

namespace spdl::bench {

std::string generated_ruleset(std::size_t rules) {
  std::string text =
      fmt::format("ruleset generated.r{}\n  title \"{} generated rules\"\n\n", rules, rules);
  text += "input dwellings : dwellings\ninput site_area : ha\ninput population : persons\n\n";
  text += "rule r0 : dwellings = 0 dwellings\n";
  for (std::size_t i = 1; i < rules; ++i) {
    text += fmt::format("parameter threshold_{} = {} dwellings [{}.1]\n", i, i % 50 + 1, i);
    text += fmt::format("parameter share_{} = {}% [{}.2]\n", i, i % 40 + 1, i);
    text += fmt::format(
        "rule r{} : dwellings [{}.3] = if dwellings >= threshold_{} and (site_area >= 0.{} ha or "
        "population > {} "
        "persons) then round_half_up(dwellings * share_{}) else r{}\n",
        i, i, i, i % 9 + 1, 1000 + i, i, i - 1);
  }
  return text;
}

}  // namespace spdl::bench
