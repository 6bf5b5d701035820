// The checker's diagnostics as the editor shows them: on the document's own lines, with "first
// defined here" and the like as related locations, and the did-you-mean as data a quick fix
// reads. A problem in a file the document uses or amends is shown on the `use` or `amends` that
// leads there, so it is never lost.

#include <fmt/format.h>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

int severity_number(Severity severity) {
  switch (severity) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::note:
      return 3;
  }
  return 1;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Does module `from` reach module `to` through `use` and `amends`?
bool reaches(const Load& load, std::uint32_t from, std::uint32_t to) {
  std::vector<bool> seen(load.modules.size(), false);
  std::vector<std::uint32_t> todo{from};
  while (!todo.empty()) {
    const auto m = todo.back();
    todo.pop_back();
    if (m == to) return true;
    if (m >= seen.size() || seen[m]) continue;
    seen[m] = true;
    const auto& module = load.modules[m];
    todo.insert(todo.end(), module.uses.begin(), module.uses.end());
    if (module.base) todo.push_back(*module.base);
  }
  return false;
}

// Where in the document to show a problem that lies in another file: the `use` or `amends` of
// the document that leads to it, else the document's first line.
Span anchor_in_document(const Analysis& analysis, FileId elsewhere) {
  const auto target = analysis.module_of(elsewhere);
  const auto own = analysis.module_of(analysis.file());
  if (target && own) {
    const Load& load = analysis.load();
    const auto& module = load.modules[*own];
    if (module.base && reaches(load, *module.base, *target))
      return module.syntax.header.amends_span;
    for (const auto& reference : module.syntax.uses) {
      for (const auto used : module.uses) {
        if (load.modules[used].name == reference.module && reaches(load, used, *target))
          return reference.span;
      }
    }
  }
  return {analysis.file(), 0, 0};
}

}  // namespace

std::optional<Suggestion> did_you_mean(const Diagnostic& diagnostic, const SourceSet& sources) {
  static constexpr std::string_view lead = "did you mean `";
  const auto at = diagnostic.hint.find(lead);
  if (at == std::string::npos || !diagnostic.span.valid() || diagnostic.span.file >= sources.size())
    return std::nullopt;
  const auto begin = at + lead.size();
  const auto end = diagnostic.hint.find('`', begin);
  if (end == std::string::npos || end == begin) return std::nullopt;
  Suggestion s{diagnostic.span, diagnostic.hint.substr(begin, end - begin)};
  // The span may cover more than the misspelt word (`tenure_split.socail_rent`, `list of
  // dwelling_rw`): replace only the word nearest the suggestion, dotted if the suggestion is.
  const bool dotted = s.replacement.find('.') != std::string::npos;
  const std::string_view text = sources.slice(diagnostic.span);
  std::size_t best_begin = 0, best_end = text.size(), best = std::string::npos;
  for (std::size_t i = 0; i < text.size();) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (word_char(text[j]) || (dotted && text[j] == '.'))) ++j;
    const std::size_t distance = edit_distance(text.substr(i, j - i), s.replacement);
    if (distance <= best) {
      best = distance;
      best_begin = i;
      best_end = j;
    }
    i = j;
  }
  s.span.begin = diagnostic.span.begin + static_cast<std::uint32_t>(best_begin);
  s.span.end = diagnostic.span.begin + static_cast<std::uint32_t>(best_end);
  return s;
}

json diagnostic_json(Session& session, const Analysis& analysis, const Diagnostic& d) {
  std::string message = d.message;
  if (!d.label.empty() && d.label != d.message) message += "\n" + d.label;
  if (!d.citation.empty()) message += fmt::format(" [{}]", d.citation);
  if (!d.hint.empty()) message += "\n" + d.hint;

  json related = json::array();
  Span place = d.span;
  const bool elsewhere = d.span.valid() && d.span.file != analysis.file();
  if (elsewhere) {
    const SourceFile& file = analysis.load().sources.file(d.span.file);
    const LineColumn at = file.position(d.span.begin);
    const auto module = analysis.module_of(d.span.file);
    message = fmt::format("in {} line {}: {}",
                          module ? module_label(analysis, *module) : file.path(), at.line, message);
    related.push_back(
        {{"location", location_of(session, analysis, d.span)}, {"message", d.message}});
    place = anchor_in_document(analysis, d.span.file);
  } else if (!d.span.valid()) {
    place = {analysis.file(), 0, 0};
    if (!d.path.empty()) message = fmt::format("{}: {}", d.path, message);
  }
  for (const auto& label : d.related) {
    if (!label.span.valid()) continue;
    related.push_back({{"location", location_of(session, analysis, label.span)},
                       {"message", label.message.empty() ? "here" : label.message}});
  }

  json out = {{"range", to_json(range_in(analysis, place))},
              {"severity", severity_number(d.severity)},
              {"source", "spdl"},
              {"message", message}};
  if (!d.code.empty()) out["code"] = d.code;
  if (!related.empty()) {
    if (session.client.related_information) {
      out["relatedInformation"] = related;
    } else {
      // A client that cannot show related locations still gets their lines in the message.
      for (const auto& r : related) {
        const auto& range = r["location"]["range"];
        out["message"] = out["message"].get<std::string>() +
                         fmt::format("\n{} (line {})", r["message"].get<std::string>(),
                                     range["start"]["line"].get<std::uint32_t>() + 1);
      }
    }
  }
  if (!elsewhere) {
    if (const auto s = did_you_mean(d, analysis.load().sources))
      out["data"] = {{"replacement", s->replacement}};
  }
  return out;
}

json diagnostics_params(Session& session, const Analysis& analysis) {
  json list = json::array();
  for (const auto& d : analysis.checked().diagnostics.all())
    list.push_back(diagnostic_json(session, analysis, d));
  return {{"uri", analysis.uri()}, {"version", analysis.version()}, {"diagnostics", list}};
}

}  // namespace spdl::lsp
