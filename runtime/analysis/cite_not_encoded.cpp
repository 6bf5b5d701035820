// An authority's cite.yaml (the paragraphs deliberately not encoded, each with its reason), and
// the source document's paragraphs set against the citations.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/analysis/cite_source.hpp"

namespace spdl {

namespace {

std::uint32_t line_of(const YAML::Node& n) {
  return n.Mark().is_null() ? 0 : static_cast<std::uint32_t>(n.Mark().line + 1);
}

class NotEncodedReader {
 public:
  explicit NotEncodedReader(std::string path) : path_(std::move(path)) {}

  NotEncodedFile read() {
    auto text = read_text_file(path_, limits::max_scheme_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      fail(0, fmt::format("cannot read it: it {}", failure->message));
      return std::move(out_);
    }
    YAML::Node root;
    try {
      root = YAML::Load(std::get<std::string>(text));
    } catch (const YAML::Exception& e) {
      fail(e.mark.is_null() ? 0 : static_cast<std::uint32_t>(e.mark.line + 1),
           fmt::format("this is not valid YAML: {}", e.msg));
      return std::move(out_);
    }
    try {
      read_root(root);
    } catch (const YAML::Exception& e) {
      fail(e.mark.is_null() ? 0 : static_cast<std::uint32_t>(e.mark.line + 1),
           fmt::format("this cannot be read: {}", e.msg));
    }
    return std::move(out_);
  }

 private:
  void fail(std::uint32_t line, std::string message) {
    out_.errors.push_back(line == 0 ? fmt::format("{}: {}", path_, message)
                                    : fmt::format("{}:{}: {}", path_, line, message));
  }

  void read_root(const YAML::Node& root) {
    static const char* const shape =
        "a cite.yaml holds `not_encoded:`, a list of entries each with `paragraphs:` and "
        "`reason:`";
    if (!root.IsMap()) return fail(line_of(root), shape);
    for (const auto& entry : root) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key != "not_encoded")
        fail(line_of(entry.first), fmt::format("`{}` is not a key of cite.yaml; {}", key, shape));
    }
    const YAML::Node list = root["not_encoded"];
    if (!list) return fail(line_of(root), shape);
    if (!list.IsSequence()) return fail(line_of(list), shape);
    for (const auto& item : list) read_entry(item);
  }

  void read_entry(const YAML::Node& item) {
    const std::uint32_t line = line_of(item);
    if (!item.IsMap()) return fail(line, "an entry gives `paragraphs:` and `reason:`");
    for (const auto& field : item) {
      const std::string key = field.first.IsScalar() ? field.first.Scalar() : "";
      if (key != "paragraphs" && key != "reason") {
        fail(line_of(field.first),
             fmt::format("`{}` is not a key of an entry; an entry gives `paragraphs:` and "
                         "`reason:`",
                         key));
      }
    }
    const YAML::Node paragraphs = item["paragraphs"];
    const YAML::Node reason = item["reason"];
    if (!paragraphs || !paragraphs.IsScalar() || paragraphs.Scalar().empty())
      return fail(line, "an entry needs `paragraphs:`, such as `2.1-2.37` or `1.4; 1.6`");
    if (!reason || !reason.IsScalar() || reason.Scalar().empty())
      return fail(line, fmt::format("the entry for {} needs `reason:`: why it is not encoded",
                                    paragraphs.Scalar()));
    NotEncodedEntry entry{paragraphs.Scalar(), reason.Scalar(), {}, line};
    const ReadCitation read = read_citation(entry.paragraphs);
    if (!read.kept_whole.empty()) {
      return fail(line, fmt::format("`{}` cannot be read as paragraphs (a range runs within one "
                                    "section and forwards, such as 2.1-2.37)",
                                    read.kept_whole.front()));
    }
    for (const auto& ref : read.refs) {
      if (!ref.part.empty())
        return fail(line, fmt::format("`{}` is part of a paragraph; name whole paragraphs",
                                      ref_label(ref)));
    }
    entry.refs = read.refs;
    out_.entries.push_back(std::move(entry));
  }

  std::string path_;
  NotEncodedFile out_;
};

}  // namespace

NotEncodedFile read_not_encoded(const std::string& path) {
  return NotEncodedReader(path).read();
}

std::vector<std::string> cover_source(CitationIndex& index, const std::string& shown_source,
                                      const std::vector<SourceParagraph>& paragraphs,
                                      const std::vector<NotEncodedEntry>& not_encoded,
                                      const std::string& not_encoded_path) {
  std::vector<std::string> errors;
  SourceCoverage cover;
  cover.file = shown_source;
  cover.paragraphs = paragraphs.size();

  std::map<std::string, const SourceParagraph*> in_source;
  for (const auto& p : paragraphs) in_source.emplace(p.id, &p);
  // Each cited paragraph, with the first declaration that cites it (for messages).
  std::map<std::string, const CitedDeclaration*> cited;
  for (const auto& c : index.paragraphs) {
    const CitedDeclaration* by =
        c.declarations.empty() ? nullptr : &index.declarations[c.declarations.front()];
    cited.emplace(c.ref.paragraph, by);
  }

  std::map<std::string, std::uint32_t> listed;  // paragraph -> line of its entry
  for (const auto& entry : not_encoded) {
    NotEncoded out{entry.paragraphs, entry.reason, {}, 0};
    for (const auto& ref : entry.refs) {
      const std::string where = fmt::format("{}:{}", not_encoded_path, entry.line);
      const auto source = in_source.find(ref.paragraph);
      if (source == in_source.end()) {
        errors.push_back(fmt::format("{}: {} is listed as not encoded, but {} has no paragraph {}",
                                     where, ref.paragraph, shown_source, ref.paragraph));
        continue;
      }
      if (const auto c = cited.find(ref.paragraph); c != cited.end()) {
        errors.push_back(fmt::format(
            "{}: {} is listed as not encoded, but {} cites it; a paragraph is either cited or "
            "listed, not both",
            where, ref.paragraph,
            c->second ? fmt::format("{} {} ({}:{})", c->second->kind, c->second->name,
                                    c->second->file, c->second->line)
                      : std::string("a declaration")));
        continue;
      }
      if (const auto [at, fresh] = listed.emplace(ref.paragraph, entry.line); !fresh) {
        errors.push_back(fmt::format("{}: {} is listed twice (also on line {})", where,
                                     ref.paragraph, at->second));
        continue;
      }
      out.ids.push_back(ref.paragraph);
      if (!source->second->figures.empty()) ++out.with_figures;
    }
    cover.not_encoded.push_back(std::move(out));
  }

  for (const auto& p : paragraphs) {
    if (!cited.count(p.id) && !listed.count(p.id)) cover.uncited.push_back(p);
  }
  for (const auto& [id, by] : cited) {
    if (!in_source.count(id)) cover.cited_elsewhere.push_back(id);
  }
  std::sort(cover.cited_elsewhere.begin(), cover.cited_elsewhere.end(),
            [](const std::string& a, const std::string& b) { return paragraph_precedes(a, b); });
  index.source = std::move(cover);
  return errors;
}

}  // namespace spdl
