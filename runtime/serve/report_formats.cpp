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
// initial slots, so each thread keeps one for each program it has evaluated lately, with what
// its reports read off the program alone.
struct ProgramAtHand {
  std::weak_ptr<const Program> program;
  std::unique_ptr<Evaluator> evaluator;
  RuleUsers users;        // made by the first report that needs it
  ExpressionWords words;  // printed as reports first ask
};

ProgramAtHand& at_hand(const std::shared_ptr<const Program>& program) {
  thread_local std::map<const Program*, ProgramAtHand> programs;
  auto it = programs.find(program.get());
  if (it != programs.end() && it->second.program.lock() == program) return it->second;
  if (programs.size() >= 16) programs.clear();  // rulesets reloaded: drop the old ones
  auto& slot = programs[program.get()];
  slot = {program, std::make_unique<Evaluator>(program), {}, {}};
  return slot;
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
  ProgramAtHand& hand = at_hand(program);
  const Evaluation& evaluation = hand.evaluator->evaluate(scheme);
  Report report = build_report(
      evaluation, {.explain = request.explain, .users = &hand.users, .words = &hand.words});
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
