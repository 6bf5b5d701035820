#pragma once
// The benchmark ruleset written by hand in C++, with the same exact arithmetic contract as spdl:
// whole dwellings, site areas in hundredths of a hectare, and rounding done in integers, so every
// figure is exact. It is the yardstick spdl's interpreter is measured against.

#include <cstdint>

#include "scheme_generator.hpp"

namespace spdl::bench {

struct Requirement {
  bool qualifies = false;
  std::int64_t affordable_required = 0;
  std::int64_t social_rent_required = 0;
  std::int64_t intermediate_required = 0;
  std::int64_t max_flats = 0;
};

inline Requirement hand_written(const SyntheticScheme& s) {
  Requirement r;
  r.qualifies = s.settlement_population > 3000 ? (s.dwellings >= 15 || s.site_area_centi_ha >= 50)
                                               : s.dwellings >= 5;
  // round_half_up(d x 40%) = floor((4d + 5) / 10) for d >= 0; floor(d x 40%) = floor(4d / 10).
  r.affordable_required = r.qualifies ? (4 * s.dwellings + 5) / 10 : 0;
  if (r.qualifies && s.viability_accepted) r.affordable_required = s.agreed_affordable;
  r.social_rent_required = r.qualifies && !s.viability_accepted ? (3 * s.dwellings + 5) / 10 : 0;
  r.intermediate_required = r.affordable_required - r.social_rent_required;
  r.max_flats = 4 * s.dwellings / 10;
  return r;
}

}  // namespace spdl::bench
