#pragma once
// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).

#include <cstdio>

namespace spdl::cli {

bool colour_enabled(std::FILE* stream);

}  // namespace spdl::cli
