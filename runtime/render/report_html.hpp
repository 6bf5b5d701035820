#pragma once
// The report of one scheme as an HTML page that prints on A4: the decision first, then each
// policy with its figures, checks and outcome, then what information is missing.

#include <string>

#include "spdl/runtime/report/report.hpp"

namespace spdl {

std::string render_report_html(const Report& report);

}  // namespace spdl
