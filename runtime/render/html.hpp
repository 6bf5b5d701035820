#pragma once
// Self-contained HTML pages for reports a policy writer opens in a browser: no scripts, no
// external files, one stylesheet.

#include <string>
#include <string_view>

namespace spdl {

std::string html_escape(std::string_view text);
std::string html_page(std::string_view title, std::string_view body);

}  // namespace spdl
