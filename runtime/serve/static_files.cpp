// The pages: GET / (the officer's page), /workbench, /static/... (their scripts, styles and
// images) from the web folder, and /codemirror/... from Debian's libjs-codemirror. A request's
// path is never joined to a folder as given: each segment must be a plain file or folder name
// (letters, digits, '.', '_', '-', not starting with '.'), so `..`, hidden files and encoded
// slashes are refused before any file is looked at.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_static_bytes = 16 * 1024 * 1024;

bool plain_segment(const std::string& s) {
  if (s.empty() || s.size() > 128 || s[0] == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

std::string content_type_of(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response not_found(const std::string& target) {
  return error_answer(404, fmt::format("there is no page {}", target));
}

Response file_under(const fs::path& folder, std::vector<std::string>::const_iterator first,
                    std::vector<std::string>::const_iterator last, const std::string& target) {
  if (first == last) return not_found(target);
  fs::path path = folder;
  for (auto it = first; it != last; ++it) {
    if (!plain_segment(*it)) return not_found(target);
    path /= *it;
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return not_found(target);
  auto text = read_text_file(path, max_static_bytes);
  if (std::holds_alternative<ReadFailure>(text)) return not_found(target);
  Response r{200, content_type_of(path), std::move(std::get<std::string>(text)), {}};
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

Response static_file(const Call& call) {
  const auto& segments = call.target.segments;
  const std::string& target = call.request.target;
  const fs::path& web = call.options.web;
  if (segments.empty()) {
    static const std::vector<std::string> page{"index.html"};
    return file_under(web, page.cbegin(), page.cend(), target);
  }
  if (segments.size() == 1 && segments[0] == "workbench") {
    static const std::vector<std::string> page{"workbench.html"};
    return file_under(web, page.cbegin(), page.cend(), target);
  }
  if (segments[0] == "static")
    return file_under(web, segments.cbegin() + 1, segments.cend(), target);
  if (segments[0] == "codemirror")
    return file_under(call.options.codemirror, segments.cbegin() + 1, segments.cend(), target);
  return not_found(target);
}

}  // namespace spdl::serve
