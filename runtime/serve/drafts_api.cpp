// GET /v1/drafts, GET and PUT /v1/drafts/{name}: the workbench's drafts, kept only under
// --drafts. A name is a plain file name ([A-Za-z0-9_-]{1,64}.spd), looked at before any path is
// made of it; a draft is written through a temporary file and a rename, so a reader never sees
// half of one. The rulesets served are never written.

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <regex>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

namespace {

namespace fs = std::filesystem;

bool draft_name(const std::string& name) {
  static const std::regex pattern(R"([A-Za-z0-9_-]{1,64}\.spd)");
  return std::regex_match(name, pattern);
}

constexpr const char* no_drafts =
    "this server keeps no drafts: start it with --drafts DIR to save them";

std::optional<Response> refuse_without_drafts(const Call& call) {
  if (call.options.drafts) return std::nullopt;
  return error_answer(403, no_drafts);
}

Response bad_name(const std::string& name) {
  return error_answer(400, fmt::format("\"{}\" is not a draft's name: letters, digits, '_' and "
                                       "'-' (at most 64), then .spd",
                                       name));
}

std::string modified_text(const fs::file_time_type& time) {
  const auto system = std::chrono::file_clock::to_sys(time);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(system));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

Response list_drafts(const Call& call) {
  auto drafts = nlohmann::ordered_json::array();
  // Without --drafts there are none, and saving is off: said as an answer, not refused, so that a
  // page can ask whether it may save without its browser logging an error each time.
  if (!call.options.drafts) {
    return json_answer({{"saving", false}, {"message", no_drafts}, {"drafts", drafts}});
  }
  std::error_code ec;
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& entry : fs::directory_iterator(*call.options.drafts, ec)) {
    const std::string name = entry.path().filename().string();
    if (!draft_name(name) || !entry.is_regular_file(ec)) continue;
    found.emplace_back(name, modified_text(entry.last_write_time(ec)));
  }
  std::sort(found.begin(), found.end());
  for (const auto& [name, modified] : found)
    drafts.push_back({{"name", name}, {"modified", modified}});
  return json_answer({{"saving", true}, {"drafts", drafts}});
}

Response read_draft(const Call& call, const std::string& name) {
  if (auto refused = refuse_without_drafts(call)) return *refused;
  if (!draft_name(name)) return bad_name(name);
  const fs::path path = *call.options.drafts / name;
  std::error_code ec;
  if (fs::is_symlink(path, ec) || !fs::is_regular_file(path, ec))
    return error_answer(404, fmt::format("there is no draft {}", name));
  auto text = read_text_file(path, limits::max_source_bytes);
  if (std::holds_alternative<ReadFailure>(text))
    return error_answer(404, fmt::format("the draft {} cannot be read now", name));
  return text_answer(std::move(std::get<std::string>(text)), "text/plain; charset=utf-8");
}

Response save_draft(const Call& call, const std::string& name) {
  if (auto refused = refuse_without_drafts(call)) return *refused;
  if (auto refused = require_media(call.request, "text/plain", "the draft's text")) return *refused;
  if (!draft_name(name)) return bad_name(name);
  const std::string& text = call.request.body;
  if (text.size() > limits::max_source_bytes) {
    return error_answer(413, fmt::format("a draft is at most {} bytes", limits::max_source_bytes));
  }
  if (utf8::first_invalid(text)) return error_answer(400, "the draft is not valid UTF-8 text");
  const fs::path path = *call.options.drafts / name;
  std::error_code ec;
  // A link would lead the write elsewhere (write_file_atomically follows it): only plain files.
  if (fs::is_symlink(path, ec))
    return error_answer(403, fmt::format("{} is a link, which drafts may not be", name));
  const bool existed = fs::exists(path, ec);
  if (const std::string error = write_file_atomically(path, text); !error.empty())
    return error_answer(500, fmt::format("the draft could not be saved: {}", error));
  return json_answer({{"name", name}, {"saved", true}, {"bytes", text.size()}},
                     existed ? 200 : 201);
}

}  // namespace spdl::serve
