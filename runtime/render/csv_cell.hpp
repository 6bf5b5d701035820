#pragma once
// Cells of the CSV that renderers write (RFC 4180).

#include <string>
#include <string_view>

namespace spdl {

// A cell for writing: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);

}  // namespace spdl
