// Hover: what a name is, in the policy's terms. A parameter shows its value with its unit and
// citation (computed, when the ruleset checks, from the last version that did); a rule its type,
// unit, citation and `##` documentation; an input its type, default and documentation; a citation
// the declarations that share it; a `use` or `amends` the module it names.

#include <fmt/format.h>

#include <algorithm>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

std::string citation_of(const Declaration& d) {
  if (d.citation == nullptr || !d.citation->has_value()) return "";
  return "[" + (*d.citation)->text + "]";
}

std::string doc_of(const Declaration& d) {
  if (d.exception != nullptr) return d.exception->doc;
  if (d.field != nullptr || d.member != nullptr || d.part != nullptr) return "";
  if (d.kind == DeclarationKind::column) return "";
  return ast::common(*d.decl).doc;
}

std::string printed(const Analysis& a, ast::ExprId e) {
  if (e == ast::no_expr) return "";
  return print_expression(a.load().ast, a.load().sources, e);
}

std::string written(const Analysis& a, Span span) {
  if (!span.valid()) return "";
  return std::string(a.load().sources.slice(span));
}

// The analysis whose checked ruleset speaks for this document: the current one when it checks,
// else the last that did.
// (The workspace keeps the last good analysis alive.)
const Analysis* good_analysis(Session& session, const Analysis& analysis) {
  if (analysis.good()) return &analysis;
  return session.workspace.last_good(analysis.uri()).get();
}

// A parameter's value as computed by lowering, in its unit: "15 dwellings", "40%".
std::optional<std::string> computed_parameter(const Analysis& good, const std::string& name) {
  const auto program = good.program();
  if (!program) return std::nullopt;
  const CheckedRuleset& r = *program->checked;
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    const auto& p = r.parameters[i];
    if (p.name != name) continue;
    if (p.type.kind == TypeKind::list || i >= program->parameter_slots.size()) return std::nullopt;
    const SlotId slot = program->parameter_slots[i];
    if (slot >= program->initial_slots.size()) return std::nullopt;
    const Value& v = program->initial_slots[slot];
    if (!v.known()) return std::string("cannot be computed");
    const std::string* text = nullptr;
    if (v.kind == ValueKind::text && v.aux < program->texts.size()) text = &program->texts[v.aux];
    return display_known(v, p.type, r, text);
  }
  return std::nullopt;
}

// The checker's type of a rule, from the current analysis or the last good one.
std::optional<std::string> rule_type(Session& session, const Analysis& analysis,
                                     const std::string& name) {
  auto from = [&](const CheckedRuleset* r) -> std::optional<std::string> {
    if (r == nullptr) return std::nullopt;
    for (const auto& rule : r->rules) {
      if (rule.name == name && !rule.type.is_error()) return r->describe(rule.type);
    }
    return std::nullopt;
  };
  if (auto t = from(analysis.semantic())) return t;
  if (const auto good = session.workspace.last_good(analysis.uri())) return from(good->semantic());
  return std::nullopt;
}

class HoverWriter {
 public:
  HoverWriter(Session& session, const Analysis& analysis) : session_(session), a_(analysis) {}

  std::string declaration(const Declaration& d) {
    const SymbolIndex& index = a_.index();
    const std::string& name = index.key(d.key).name;
    const bool in_force = index.in_force(d.key) == &d;
    std::string head = fmt::format("**{}** `{}`", declaration_kind_name(d.kind), name);
    std::vector<std::string> body;
    const std::string citation = citation_of(d);
    switch (d.kind) {
      case DeclarationKind::parameter: {
        const auto& p = std::get<ast::ParameterDecl>(*d.decl);
        head += value_phrase(in_force ? name : "", printed(a_, p.value));
        break;
      }
      case DeclarationKind::part: {
        const std::string& group = index.key(d.key).owner;
        head = fmt::format("**share** `{}.{}`", group, name);
        head += value_phrase(in_force ? group + "." + name : "", printed(a_, d.part->value));
        break;
      }
      case DeclarationKind::rule: {
        const auto& r = std::get<ast::RuleDecl>(*d.decl);
        if (const auto type = in_force ? rule_type(session_, a_, name) : std::nullopt) {
          head += " : " + *type;
        } else if (r.type) {
          head += " : " + written(a_, r.type->span);
        }
        for (const auto& clause : r.exceptions) {
          std::string line = fmt::format("- exception `{}`", clause.label);
          if (clause.citation) line += " [" + clause.citation->text + "]";
          body.push_back(line);
        }
        break;
      }
      case DeclarationKind::input: {
        const auto& i = std::get<ast::InputDecl>(*d.decl);
        head += " : " + written(a_, i.type.span);
        if (i.optional) head += " (optional)";
        if (i.default_value != ast::no_expr)
          body.push_back(fmt::format("Default: `{}`", printed(a_, i.default_value)));
        if (i.at_least != ast::no_expr)
          body.push_back(fmt::format("At least `{}`", printed(a_, i.at_least)));
        if (i.at_most != ast::no_expr)
          body.push_back(fmt::format("At most `{}`", printed(a_, i.at_most)));
        break;
      }
      case DeclarationKind::exception: {
        const auto& c = *d.exception;
        head += fmt::format(" of rule `{}`", c.target.empty() ? index.key(d.key).owner : c.target);
        if (!c.over.empty()) head += fmt::format(", over `{}`", c.over);
        if (c.condition != ast::no_expr)
          body.push_back(fmt::format("When `{}`", printed(a_, c.condition)));
        if (c.value != ast::no_expr) body.push_back(fmt::format("Then `{}`", printed(a_, c.value)));
        break;
      }
      case DeclarationKind::check: {
        const auto& c = std::get<ast::CheckDecl>(*d.decl);
        if (c.applies != ast::no_expr)
          body.push_back(fmt::format("When `{}`", printed(a_, c.applies)));
        body.push_back(fmt::format("Requires `{}`", printed(a_, c.requirement)));
        break;
      }
      case DeclarationKind::condition: {
        const auto& c = std::get<ast::ConditionDecl>(*d.decl);
        if (c.text_span.valid())
          body.push_back("To secure by legal agreement or planning condition: " +
                         written(a_, c.text_span));
        if (c.applies != ast::no_expr)
          body.push_back(fmt::format("When `{}`", printed(a_, c.applies)));
        break;
      }
      case DeclarationKind::policy: {
        const auto& p = std::get<ast::PolicyDecl>(*d.decl);
        if (!p.title.empty()) head += " — " + p.title;
        if (p.applies != ast::no_expr)
          body.push_back(fmt::format("Applies when `{}`", printed(a_, p.applies)));
        break;
      }
      case DeclarationKind::table: {
        const auto& t = std::get<ast::TableDecl>(*d.decl);
        std::string columns;
        for (const auto& [column, span] : t.columns)
          columns += (columns.empty() ? "" : ", ") + column;
        body.push_back(fmt::format("{} rows; columns {}", t.rows.size(), columns));
        break;
      }
      case DeclarationKind::column:
        head = fmt::format("**column** `{}` of table `{}`", name, ast::common(*d.decl).name);
        break;
      case DeclarationKind::enumeration: {
        for (const auto& m : std::get<ast::EnumDecl>(*d.decl).members)
          body.push_back(fmt::format("- `{}`{}", m.name, m.label.empty() ? "" : " — " + m.label));
        break;
      }
      case DeclarationKind::member:
        head = fmt::format("**member** `{}` of enum `{}`", name, index.key(d.key).owner);
        if (!d.member->label.empty())
          body.push_back(fmt::format("Reports write it \"{}\"", d.member->label));
        break;
      case DeclarationKind::record: {
        for (const auto& f : std::get<ast::RecordDecl>(*d.decl).fields)
          body.push_back(fmt::format("- `{}` : {}{}", f.name, written(a_, f.type.span),
                                     f.optional ? " (optional)" : ""));
        break;
      }
      case DeclarationKind::field: {
        const auto& f = *d.field;
        head = fmt::format("**field** `{}` of record `{}` : {}", name, index.key(d.key).owner,
                           written(a_, f.type.span));
        if (f.optional) head += " (optional)";
        if (f.default_value != ast::no_expr)
          body.push_back(fmt::format("Default: `{}`", printed(a_, f.default_value)));
        break;
      }
      case DeclarationKind::shares: {
        const auto& s = std::get<ast::SharesDecl>(*d.decl);
        if (s.total != ast::no_expr) head += fmt::format(" of `{}`", printed(a_, s.total));
        for (const auto& part : s.parts)
          body.push_back(fmt::format("- `{}` = {}", part.name, printed(a_, part.value)));
        break;
      }
    }
    std::string out = head;
    if (!citation.empty()) out += "  \n" + citation;
    const std::string doc = doc_of(d);
    if (!doc.empty()) out += "\n\n" + doc;
    if (!body.empty()) {
      out += "\n\n";
      for (std::size_t i = 0; i < body.size(); ++i) out += (i ? "\n" : "") + body[i];
    }
    out += provenance(d, in_force);
    return out;
  }

  std::string citation(const CitationSite& site) {
    const SymbolIndex& index = a_.index();
    const auto parts = citation_parts(site.text);
    std::vector<std::string> lines;
    std::size_t total = 0;
    for (const auto& c : index.citations()) {
      const auto theirs = citation_parts(c.text);
      const bool shared = std::any_of(theirs.begin(), theirs.end(), [&](const std::string& p) {
        return std::find(parts.begin(), parts.end(), p) != parts.end();
      });
      if (!shared) continue;
      ++total;
      if (lines.size() == 40) continue;
      const Declaration& d = index.declarations()[c.declaration];
      std::string line = fmt::format("- {} `{}` [{}]", declaration_kind_name(d.kind),
                                     index.key(d.key).name, c.text);
      if (d.name_span.file != a_.file()) line += " in " + module_label(a_, d.module);
      lines.push_back(line);
    }
    std::string out = fmt::format("**[{}]** is cited by {} declaration{}", site.text, total,
                                  total == 1 ? "" : "s");
    if (parts.size() > 1) out += " that share a part of it";
    out += ":\n";
    for (const auto& line : lines) out += "\n" + line;
    if (total > lines.size()) out += fmt::format("\n- and {} more", total - lines.size());
    return out;
  }

  std::string module(const ModuleReference& reference) {
    const auto& m = a_.load().modules[reference.module];
    const auto& header = m.syntax.header;
    std::string out = fmt::format("**{}** `{}`", header.is_module ? "module" : "ruleset",
                                  module_label(a_, reference.module));
    if (!header.title.empty()) out += " — " + header.title;
    if (!header.authority.empty()) out += "  \n" + header.authority;
    if (header.status) out += fmt::format("  \nStatus: {}", ast::status_name(*header.status));
    for (const auto& event : header.dates) out += "  \n" + ast::event_text(event);
    out += fmt::format("\n\n`{}`", m.path.string());
    return out;
  }

 private:
  // " = 15 dwellings" from the lowered ruleset when `name` is in force there, with what is
  // written when that reads differently (a formula, say).
  std::string value_phrase(const std::string& name, const std::string& as_written) {
    std::optional<std::string> value;
    bool from_earlier = false;
    if (!name.empty()) {
      if (const Analysis* good = good_analysis(session_, a_)) {
        value = computed_parameter(*good, name);
        from_earlier = good != &a_ && good->revision() != a_.revision();
      }
    }
    if (!value) return as_written.empty() ? "" : " = " + as_written;
    std::string out = " = " + *value;
    if (!as_written.empty() && as_written != *value)
      out += fmt::format(" (written `{}`)", as_written);
    if (from_earlier) out += " *(as last checked)*";
    return out;
  }

  std::string provenance(const Declaration& d, bool in_force) {
    const SymbolIndex& index = a_.index();
    std::string out;
    if (d.module != a_.load().main)
      out += fmt::format("\n\nDeclared in `{}`", module_label(a_, d.module));
    if (const Declaration* replaced = index.replaced_by(d)) {
      out += fmt::format("\n\nOverrides `{}`", module_label(a_, replaced->module));
      if (replaced->kind == DeclarationKind::parameter) {
        const auto& p = std::get<ast::ParameterDecl>(*replaced->decl);
        out += fmt::format(": `{}`", printed(a_, p.value));
      }
      if (const auto c = citation_of(*replaced); !c.empty()) out += " " + c;
    }
    if (!in_force) {
      if (const Declaration* now = index.in_force(d.key); now != nullptr && now != &d)
        out += fmt::format("\n\nReplaced by the override in `{}`", module_label(a_, now->module));
    }
    return out;
  }

  static std::vector<std::string> citation_parts(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find(';', start);
      if (end == std::string::npos) end = text.size();
      std::string part = text.substr(start, end - start);
      const auto b = part.find_first_not_of(' ');
      const auto e = part.find_last_not_of(' ');
      if (b != std::string::npos) parts.push_back(part.substr(b, e - b + 1));
      start = end + 1;
    }
    return parts;
  }

  Session& session_;
  const Analysis& a_;
};

}  // namespace

std::string declaration_detail(Session& session, const Analysis& analysis, const Declaration& d) {
  const SymbolIndex& index = analysis.index();
  std::string out;
  switch (d.kind) {
    case DeclarationKind::parameter: {
      const auto& p = std::get<ast::ParameterDecl>(*d.decl);
      out = "= " + printed(analysis, p.value);
      break;
    }
    case DeclarationKind::part:
      out = "= " + printed(analysis, d.part->value);
      break;
    case DeclarationKind::rule: {
      const auto& r = std::get<ast::RuleDecl>(*d.decl);
      if (const auto type = rule_type(session, analysis, index.key(d.key).name)) {
        out = *type;
      } else if (r.type) {
        out = written(analysis, r.type->span);
      }
      break;
    }
    case DeclarationKind::input:
      out = written(analysis, std::get<ast::InputDecl>(*d.decl).type.span);
      break;
    case DeclarationKind::member:
      out = d.member->label;
      break;
    case DeclarationKind::field:
      out = written(analysis, d.field->type.span);
      break;
    default:
      out = declaration_kind_name(d.kind);
      break;
  }
  if (const auto c = citation_of(d); !c.empty()) out += (out.empty() ? "" : " ") + c;
  return out;
}

Reply hover(Session& session, const json& params) {
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (a.file() == no_file) return json(nullptr);
  const SymbolIndex& index = a.index();
  HoverWriter writer(session, a);
  std::string text;
  Span span;
  if (const Occurrence* o = index.occurrence_at(a.file(), cursor.offset)) {
    const Declaration* d = declaration_at(index, *o);
    if (d == nullptr) return json(nullptr);
    text = writer.declaration(*d);
    span = {o->file, o->begin, o->end};
  } else if (const CitationSite* c = index.citation_at(a.file(), cursor.offset)) {
    text = writer.citation(*c);
    span = c->span;
  } else if (const ModuleReference* m = index.module_at(a.file(), cursor.offset)) {
    text = writer.module(*m);
    span = m->span;
  } else {
    return json(nullptr);
  }
  return json{{"contents", {{"kind", "markdown"}, {"value", text}}},
              {"range", to_json(range_in(a, span))}};
}

}  // namespace spdl::lsp
