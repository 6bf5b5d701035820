// The citation index read off checked rulesets (cite_build.hpp).

#include "spdl/runtime/analysis/cite_build.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace spdl {

namespace {

using Place = std::pair<std::string, std::uint32_t>;  // canonical file, byte offset

class IndexBuilder {
 public:
  explicit IndexBuilder(const CitationSources& sources) : sources_(sources) {}

  CitationIndex build() {
    for (const auto* ruleset : sources_.rulesets) {
      index_.rulesets.push_back(sources_.show(ruleset->load->main_module().path.string()));
      collect(*ruleset);
    }
    order_declarations();
    index_.test_files = sources_.test_files;
    for (const auto& c : sources_.cases) index_.cases.push_back(c.test);
    link_cases();
    for (auto& [ref, paragraph] : paragraphs_) index_.paragraphs.push_back(std::move(paragraph));
    std::sort(index_.paragraphs.begin(), index_.paragraphs.end(),
              [](const CitedParagraph& a, const CitedParagraph& b) {
                return ref_precedes(a.ref, b.ref);
              });
    return std::move(index_);
  }

 private:
  struct Found {
    CitedDeclaration declaration;
    Place place;
    std::size_t file_rank = 0;
  };

  // The ruleset and those it amends, in turn: their declarations are the ruleset's own.
  static std::vector<std::uint32_t> amends_chain(const CheckedRuleset& c) {
    std::vector<std::uint32_t> chain;
    std::optional<std::uint32_t> m = c.load->main;
    while (m && chain.size() <= c.load->modules.size() &&
           std::find(chain.begin(), chain.end(), *m) == chain.end()) {
      chain.push_back(*m);
      m = c.load->modules[*m].base;
    }
    std::reverse(chain.begin(), chain.end());  // the ruleset amended first
    return chain;
  }

  void collect(const CheckedRuleset& c) {
    const auto chain = amends_chain(c);
    for (const auto m : chain) rank(c.load->modules[m].path.string());
    auto in_chain = [&](std::uint32_t m) {
      return std::find(chain.begin(), chain.end(), m) != chain.end();
    };
    auto add = [&](std::uint32_t module, const char* kind, const std::string& name,
                   const Span& span, const auto& citation) {  // an optional or a pointer
      if (!citation || !in_chain(module)) return;
      const std::string file = c.load->modules[module].path.string();
      const Place place{file, span.begin};
      if (!found_.emplace(place, found_list_.size()).second) return;
      Found f{{kind, name, sources_.show(file),
               c.sources().file(span.file).position(span.begin).line, citation->text},
              place,
              rank(file)};
      found_list_.push_back(std::move(f));
    };
    auto module_of = [&](const Span& span) -> std::uint32_t {
      for (std::uint32_t m = 0; m < c.load->modules.size(); ++m) {
        if (c.load->modules[m].syntax.file == span.file) return m;
      }
      return static_cast<std::uint32_t>(c.load->modules.size());
    };

    for (const auto& p : c.policies)
      add(p.origin.module, "policy", p.name, p.decl->span, p.decl->citation);
    for (const auto& i : c.inputs)
      add(i.origin.module, "input", i.name, i.decl->span, i.decl->citation);
    for (const auto& s : c.shares)
      add(s.origin.module, "shares", s.name, s.decl->span, s.decl->citation);
    for (const auto& p : c.parameters) {
      if (p.shares < 0) {
        add(p.origin.module, "parameter", p.name, p.span, p.citation);
        continue;
      }
      // A part without a citation of its own carries its group's, which the group shows.
      const auto& group = *c.shares[static_cast<std::size_t>(p.shares)].decl;
      const bool inherited = p.citation && group.citation &&
                             p.citation->span.file == group.citation->span.file &&
                             p.citation->span.begin == group.citation->span.begin;
      if (!inherited) add(p.origin.module, "share", p.name, p.span, p.citation);
    }
    for (const auto& r : c.rules) {
      // An apportioned rule's parts share its declaration: it is listed once, by its own name.
      const std::string& name =
          r.apportionment < 0 ? r.name
                              : c.apportionments[static_cast<std::size_t>(r.apportionment)].name;
      add(r.origin.module, "rule", name, r.decl->span, r.decl->citation);
      for (const auto& e : r.exceptions) {
        add(e.origin.module, "exception", r.name + "." + e.clause->label, e.clause->span,
            e.clause->citation);
      }
    }
    for (const auto& k : c.checks)
      add(k.origin.module, "check", k.name, k.decl->span, k.decl->citation);
    for (const auto& k : c.conditions)
      add(k.origin.module, "condition", k.name, k.decl->span, k.decl->citation);
    for (const auto& t : c.tables)
      add(t.origin.module, "table", t.name, t.decl->span, t.decl->citation);
    for (const auto& e : c.enums) {
      add(module_of(e.decl->span), "enumeration", e.name, e.decl->span, e.decl->citation);
      for (const auto* x : e.extensions)
        add(module_of(x->span), "enumeration", e.name, x->span, x->citation);
    }
    // Records keep no declaration once checked: the last of each name in the chain is in force.
    std::map<std::string, std::pair<std::uint32_t, const ast::RecordDecl*>> records;
    for (const auto m : chain) {
      for (const auto& d : c.load->modules[m].syntax.decls) {
        if (const auto* r = std::get_if<ast::RecordDecl>(&d)) records[r->name] = {m, r};
      }
    }
    for (const auto& [name, at] : records) {
      const auto& [m, r] = at;
      add(m, "record", name, r->span, r->citation);
      for (const auto& f : r->fields) add(m, "field", name + "." + f.name, f.span, f.citation);
    }
  }

  std::size_t rank(const std::string& file) {
    const auto [at, fresh] = file_rank_.emplace(file, file_rank_.size());
    return at->second;
  }

  void order_declarations() {
    std::vector<std::size_t> order(found_list_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto& fa = found_list_[a];
      const auto& fb = found_list_[b];
      if (fa.file_rank != fb.file_rank) return fa.file_rank < fb.file_rank;
      return fa.place.second < fb.place.second;
    });
    for (const auto i : order) {
      const std::size_t at = index_.declarations.size();
      index_.declarations.push_back(found_list_[i].declaration);
      declaration_at_[found_list_[i].place] = at;
      cite(at);
    }
  }

  void cite(std::size_t declaration) {
    const ReadCitation read = read_citation(index_.declarations[declaration].citation);
    for (const auto& whole : read.kept_whole) {
      if (std::find(index_.kept_whole.begin(), index_.kept_whole.end(), whole) ==
          index_.kept_whole.end())
        index_.kept_whole.push_back(whole);
    }
    std::set<std::string> seen;
    for (const auto& ref : read.refs) {
      const std::string key = ref.prefix + '\x1f' + ref.paragraph + '\x1f' + ref.part;
      if (!seen.insert(key).second) continue;
      auto& paragraph = paragraphs_[key];
      paragraph.ref = ref;
      paragraph.declarations.push_back(declaration);
      declaration_refs_[declaration].push_back(key);
    }
  }

  void link_cases() {
    for (std::size_t c = 0; c < sources_.cases.size(); ++c) {
      std::set<std::string> keys;
      for (const auto& place : sources_.cases[c].exercised) {
        const auto d = declaration_at_.find(place);
        if (d == declaration_at_.end()) continue;
        for (const auto& key : declaration_refs_[d->second]) keys.insert(key);
      }
      for (const auto& key : keys) paragraphs_[key].cases.push_back(c);
    }
  }

  const CitationSources& sources_;
  CitationIndex index_;
  std::map<Place, std::size_t> found_;
  std::vector<Found> found_list_;
  std::map<std::string, std::size_t> file_rank_;
  std::map<Place, std::size_t> declaration_at_;
  std::map<std::string, CitedParagraph> paragraphs_;
  std::map<std::size_t, std::vector<std::string>> declaration_refs_;
};

}  // namespace

CitationIndex build_citation_index(const CitationSources& sources) {
  return IndexBuilder(sources).build();
}

}  // namespace spdl
