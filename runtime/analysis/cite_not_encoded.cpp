// An authority's cite.yaml (the paragraphs deliberately not encoded, each with its reason), and
// the source document's paragraphs set against the citations.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/analysis/cite_source.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"

namespace spdl {

namespace {

class NotEncodedReader {
 public:
  explicit NotEncodedReader(std::string path) : path_(std::move(path)) {}

  NotEncodedFile read() {
    auto text = read_text_file(path_, limits::max_scheme_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      fail(0, fmt::format("cannot read it: it {}", failure->message));
      return std::move(out_);
    }
    text_ = std::move(std::get<std::string>(text));
    // Read as schemes are: bounded while it is read, one document.
    auto tree = yaml::read_yaml(text_, scheme_tree_limits());
    if (const auto* problem = std::get_if<yaml::TreeProblem>(&tree)) {
      fail(line_at(problem->offset), problem->message);
      return std::move(out_);
    }
    const auto& read = std::get<std::unique_ptr<yaml::Tree>>(tree);
    read_root(read->root());
    return std::move(out_);
  }

 private:
  std::uint32_t line_at(std::uint32_t offset) const {
    const auto end = text_.begin() + std::min<std::size_t>(offset, text_.size());
    return static_cast<std::uint32_t>(std::count(text_.begin(), end, '\n') + 1);
  }
  std::uint32_t line_of(const yaml::Node& n) const { return n ? line_at(n.offset()) : 0; }

  // A key given twice would otherwise be read once and the other dropped without a word.
  bool keys_once(const yaml::Node& map) {
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < map.size(); ++i) {
      const std::string key(map.key(i).scalar());
      if (!seen.insert(key).second) {
        fail(line_of(map.key(i)), fmt::format("`{}` is given twice", key));
        return false;
      }
    }
    return true;
  }

  void fail(std::uint32_t line, std::string message) {
    out_.errors.push_back(line == 0 ? fmt::format("{}: {}", path_, message)
                                    : fmt::format("{}:{}: {}", path_, line, message));
  }

  void read_root(const yaml::Node& root) {
    static const char* const shape =
        "a cite.yaml holds `not_encoded:`, a list of entries each with `paragraphs:` and "
        "`reason:`";
    if (!root.is_map()) return fail(line_of(root), shape);
    if (!keys_once(root)) return;
    for (std::size_t i = 0; i < root.size(); ++i) {
      const std::string key(root.key(i).scalar());
      if (key != "not_encoded")
        fail(line_of(root.key(i)), fmt::format("`{}` is not a key of cite.yaml; {}", key, shape));
    }
    const yaml::Node list = root.get("not_encoded");
    if (!list) return fail(line_of(root), shape);
    if (!list.is_sequence()) return fail(line_of(list), shape);
    for (std::size_t i = 0; i < list.size(); ++i) read_entry(list.item(i));
  }

  void read_entry(const yaml::Node& item) {
    const std::uint32_t line = line_of(item);
    if (!item.is_map()) return fail(line, "an entry gives `paragraphs:` and `reason:`");
    if (!keys_once(item)) return;
    for (std::size_t i = 0; i < item.size(); ++i) {
      const std::string key(item.key(i).scalar());
      if (key != "paragraphs" && key != "reason") {
        fail(line_of(item.key(i)),
             fmt::format("`{}` is not a key of an entry; an entry gives `paragraphs:` and "
                         "`reason:`",
                         key));
      }
    }
    const yaml::Node paragraphs = item.get("paragraphs");
    const yaml::Node reason = item.get("reason");
    if (!paragraphs.is_scalar() || paragraphs.scalar().empty())
      return fail(line, "an entry needs `paragraphs:`, such as `2.1-2.37` or `1.4; 1.6`");
    if (!reason.is_scalar() || reason.scalar().empty())
      return fail(line, fmt::format("the entry for {} needs `reason:`: why it is not encoded",
                                    paragraphs.scalar()));
    NotEncodedEntry entry{std::string(paragraphs.scalar()), std::string(reason.scalar()), {}, line};
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
  std::string text_;
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
