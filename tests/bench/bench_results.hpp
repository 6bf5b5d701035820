#pragma once
// Figures collected from the benchmarks of one run, by name, and the summary printed from them.

#include <map>
#include <string>

namespace spdl::bench {

struct Figure {
  double seconds_per_iteration = 0;
  double items_per_second = 0;
};

std::map<std::string, Figure>& results();

// Each benchmark file contributes the lines of the summary it knows how to read.
void print_summary();

}  // namespace spdl::bench
