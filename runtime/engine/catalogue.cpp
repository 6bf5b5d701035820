#include "spdl/runtime/engine/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/parser.hpp"

namespace spdl {

std::vector<CatalogueEntry> list_rulesets(const std::filesystem::path& root) {
  std::vector<CatalogueEntry> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_regular_file(root, ec)) {
    files.push_back(root);
  } else {
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".spd") files.push_back(it->path());
    }
  }
  for (const auto& file : files) {
    CatalogueEntry e;
    e.path = file.string();
    auto text = read_text_file(file, limits::max_source_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      e.problem = "cannot be read: it " + failure->message;
      out.push_back(std::move(e));
      continue;
    }
    SourceSet sources;
    ast::Ast ast;
    const FileId id = sources.add(file.string(), std::move(std::get<std::string>(text)));
    const ParseResult parsed = parse_module(ast, sources, id);
    const auto& h = parsed.module.header;
    e.id = h.id;
    e.title = h.title;
    e.authority = h.authority;
    e.status = h.status ? ast::status_name(*h.status) : "";
    e.amends = h.amends;
    e.is_module = h.is_module;
    for (const auto& d : h.dates) e.dates.push_back(ast::event_text(d));
    e.events = h.dates;
    if (!parsed.ok()) e.problem = "has syntax errors (run spdl check)";
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const CatalogueEntry& a, const CatalogueEntry& b) {
    return std::tie(a.authority, a.id, a.path) < std::tie(b.authority, b.id, b.path);
  });
  return out;
}

}  // namespace spdl
