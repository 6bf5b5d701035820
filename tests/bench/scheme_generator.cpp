#include "scheme_generator.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace spdl::bench {

std::uint64_t SchemeGenerator::random() {  // SplitMix64
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::int64_t SchemeGenerator::uniform(std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(hi - lo + 1));
}

SyntheticScheme SchemeGenerator::next() {
  SyntheticScheme s;
  // Mostly small sites, a long tail of large ones (1..600).
  std::int64_t r = uniform(0, 99);
  s.dwellings = r < 35   ? uniform(1, 9)
                : r < 65 ? uniform(10, 49)
                : r < 85 ? uniform(50, 149)
                         : uniform(150, 600);
  // Site area in hundredths of a hectare: dwellings at 8..120 dph, or (10%) unrelated.
  std::int64_t centi = 0;
  if (uniform(0, 9) == 0) {
    centi = uniform(1, 2000);
  } else {
    const std::int64_t density = uniform(8, 120);
    centi = (s.dwellings * 100 + density / 2) / density;
  }
  s.site_area_centi_ha = std::clamp<std::int64_t>(centi, 1, 2000);
  r = uniform(0, 99);
  s.settlement_population = r < 40   ? uniform(200, 3000)
                            : r < 55 ? uniform(3001, 10000)
                            : r < 85 ? uniform(10001, 60000)
                                     : uniform(60001, 150000);
  s.viability_accepted = uniform(0, 99) < 5;
  s.agreed_affordable = s.viability_accepted ? uniform(0, (4 * s.dwellings + 5) / 10) : 0;
  return s;
}

void append_json_line(std::string& out, const SyntheticScheme& s) {
  fmt::format_to(std::back_inserter(out),
                 "{{\"dwellings\":{},\"site_area_ha\":{}.{:02},\"settlement_population\":{},"
                 "\"viability_accepted\":{},\"agreed_affordable\":{}}}\n",
                 s.dwellings, s.site_area_centi_ha / 100, s.site_area_centi_ha % 100,
                 s.settlement_population, s.viability_accepted ? "true" : "false",
                 s.agreed_affordable);
}

}  // namespace spdl::bench
