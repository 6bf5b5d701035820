#include "spdl/runtime/serve/report_formats.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/render/formats.hpp"
#include "spdl/runtime/report/report.hpp"
#include "spdl/runtime/serve/answers.hpp"

namespace spdl::serve {

namespace {

// An evaluator is a thread's scratch space for one program; making one copies the program's
// initial slots, so each thread keeps one for each program it has evaluated lately.
Evaluator& evaluator_for(const std::shared_ptr<const Program>& program) {
  thread_local std::map<const Program*,
                        std::pair<std::weak_ptr<const Program>, std::unique_ptr<Evaluator>>>
      evaluators;
  auto it = evaluators.find(program.get());
  if (it != evaluators.end() && it->second.first.lock() == program) return *it->second.second;
  if (evaluators.size() >= 16) evaluators.clear();  // rulesets reloaded: drop the old ones
  auto& slot = evaluators[program.get()];
  slot = {program, std::make_unique<Evaluator>(program)};
  return *slot.second;
}

}  // namespace

std::optional<Response> refuse_format(const std::string& format) {
  if (format == "json" || format == "markdown" || format == "text" || format == "html")
    return std::nullopt;
  return error_answer(400, fmt::format("format={} is not a report format: json, markdown, text or "
                                       "html",
                                       format));
}

Response report_answer(const std::shared_ptr<const Program>& program, const Scheme& scheme,
                       const ReportRequest& request) {
  const Evaluation& evaluation = evaluator_for(program).evaluate(scheme);
  Report report = build_report(evaluation, {.explain = request.explain});
  report.chosen_on = request.chosen_on;
  report.chosen_because = request.chosen_because;
  auto text = render_report_as(report, request.format);
  if (request.format == "markdown")
    return text_answer(std::move(*text), "text/markdown; charset=utf-8");
  if (request.format == "text") return text_answer(std::move(*text), "text/plain; charset=utf-8");
  if (request.format == "html") return text_answer(std::move(*text), "text/html; charset=utf-8");
  return text_answer(std::move(*text), "application/json");
}

}  // namespace spdl::serve
