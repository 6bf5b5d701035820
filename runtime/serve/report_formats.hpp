#pragma once
// One scheme through a program to the report, in the format asked for (?format=): the same
// functions `spdl eval` calls, so the bodies are the command's output byte for byte.

#include <optional>
#include <string>

#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"
#include "spdl/runtime/serve/http_message.hpp"

namespace spdl::serve {

struct ReportRequest {
  bool explain = false;
  std::string format = "json";  // json, markdown, text or html
  std::string chosen_on;        // with ?on=: the date, and why this version
  std::string chosen_because;
};

// Nothing when `format` is one of the four; else the 400 that says which are.
std::optional<Response> refuse_format(const std::string& format);

// Evaluates on this thread's evaluator for the program (kept between requests) and renders.
Response report_answer(const std::shared_ptr<const Program>& program, const Scheme& scheme,
                       const ReportRequest& request);

}  // namespace spdl::serve
