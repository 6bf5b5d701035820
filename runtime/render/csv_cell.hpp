#pragma once
// Cells of the CSV that renderers write (RFC 4180).

#include <string>
#include <string_view>

namespace spdl {

// A cell of text for writing: quoted when it holds a comma, a quote or a line break. Text that
// starts with =, +, -, @, a tab or a CR is a formula to a spreadsheet (a scheme named
// `=HYPERLINK(...)`): it is written after a single quote, as OWASP's guidance on CSV injection
// says, so the spreadsheet shows it as the text it is. Numbers are written by their own
// writers, never through this.
std::string csv_field(std::string_view text);

}  // namespace spdl
