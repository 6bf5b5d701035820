#pragma once
// ../shared/bench/gen_schemes.py in C++: the same synthetic schemes, byte for byte, for the
// benchmarks and the test of their sums (64-bit integer arithmetic only, as the original).

#include <cstdint>
#include <string>

namespace spdl::bench {

struct SyntheticScheme {
  std::int64_t dwellings = 0;
  std::int64_t site_area_centi_ha = 0;  // hundredths of a hectare
  std::int64_t settlement_population = 0;
  bool viability_accepted = false;
  std::int64_t agreed_affordable = 0;
};

class SchemeGenerator {
 public:
  explicit SchemeGenerator(std::uint64_t seed = 2006) : state_(seed) {}
  SyntheticScheme next();

 private:
  std::uint64_t random();
  std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  std::uint64_t state_;
};

// One JSON Lines record, exactly as gen_schemes.py prints it (with its newline).
void append_json_line(std::string& out, const SyntheticScheme& s);

}  // namespace spdl::bench
