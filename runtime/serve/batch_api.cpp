// POST /v1/rulesets/{id}/batch: JSON Lines in (application/x-ndjson, one scheme a line), JSON
// Lines out, one result a line in input order, as `spdl batch` writes them: a line that cannot be
// read gets its own error line and the batch goes on. ?outputs=a,b chooses the rules written.

#include <fmt/format.h>

#include <sstream>

#include "spdl/runtime/batch/batch.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

Response batch_served(const Call& call, const std::string& id) {
  if (auto refused = require_media(call.request, "application/x-ndjson", "JSON Lines"))
    return *refused;
  auto ruleset = evaluable_ruleset(call, id);
  if (auto* refused = std::get_if<Response>(&ruleset)) return std::move(*refused);
  const auto& program = std::get<std::shared_ptr<const OpenedRuleset>>(ruleset)->program;
  BatchOptions options;
  options.threads = 1;  // the server's threads answer other requests meanwhile
  options.allow_unknown_keys = call.flag("allow_unknown_keys");
  const std::string outputs = call.query("outputs");
  for (std::size_t at = 0; at < outputs.size();) {
    const auto comma = std::min(outputs.find(',', at), outputs.size());
    if (comma > at) options.outputs.push_back(outputs.substr(at, comma - at));
    at = comma + 1;
  }
  Diagnostics problems;
  auto run = BatchRun::prepare(program, options, problems);
  if (!run) {
    return error_answer(
        422, problems.all().empty() ? "the batch cannot run" : problems.all().front().message);
  }
  std::istringstream in(call.request.body);
  std::string out;
  const BatchStats stats = run->run(in, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  });
  if (stats.stopped) {
    return error_answer(422,
                        fmt::format("line {}: {}", stats.stopped->line, stats.stopped->message));
  }
  return text_answer(std::move(out), "application/x-ndjson");
}

}  // namespace spdl::serve
