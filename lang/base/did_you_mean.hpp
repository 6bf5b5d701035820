#pragma once
// "Did you mean" suggestions by edit distance, as Catala's suggestions.ml does.

#include <string>
#include <string_view>
#include <vector>

namespace spdl {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a likely typo; else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace spdl
