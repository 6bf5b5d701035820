// The outline of a document (each policy holding the declarations written under it, a rule its
// exceptions, a table its columns, an enumeration its members) and the project's declarations
// for workspace symbol search.

#include <algorithm>
#include <cctype>
#include <set>

#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

// LSP SymbolKind numbers.
int symbol_kind(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::input:
      return 13;  // Variable
    case DeclarationKind::parameter:
      return 14;  // Constant
    case DeclarationKind::rule:
      return 12;  // Function
    case DeclarationKind::exception:
      return 6;  // Method
    case DeclarationKind::check:
    case DeclarationKind::condition:
      return 24;  // Event
    case DeclarationKind::table:
    case DeclarationKind::record:
      return 23;  // Struct
    case DeclarationKind::enumeration:
      return 10;  // Enum
    case DeclarationKind::member:
      return 22;  // EnumMember
    case DeclarationKind::field:
    case DeclarationKind::column:
      return 8;  // Field
    case DeclarationKind::shares:
      return 19;  // Object
    case DeclarationKind::part:
      return 14;  // Constant
    case DeclarationKind::policy:
      return 3;  // Namespace
  }
  return 13;
}

std::string citation_detail(const std::optional<ast::Citation>& citation) {
  return citation ? "[" + citation->text + "]" : "";
}

class Outline {
 public:
  explicit Outline(const Analysis& analysis) : a_(analysis) {}

  json build() {
    const auto module = a_.module_of(a_.file());
    json top = json::array();
    if (!module) return top;
    json* policy = nullptr;
    for (const auto& decl : a_.load().modules[*module].syntax.decls) {
      json node = node_of(decl);
      if (node.is_null()) continue;
      if (ast::kind_of(decl) == ast::DeclKind::policy) {
        top.push_back(std::move(node));
        policy = &top.back();
        continue;
      }
      if (policy == nullptr) {
        top.push_back(std::move(node));
        continue;
      }
      // The policy's range grows to hold what is written under it.
      (*policy)["range"]["end"] = node["range"]["end"];
      (*policy)["children"].push_back(std::move(node));
    }
    return top;
  }

  // SymbolInformation[] for a client without hierarchical symbols.
  static void flatten(const json& nodes, const std::string& uri, const std::string& container,
                      json& out) {
    for (const auto& n : nodes) {
      json item = {{"name", n["name"]},
                   {"kind", n["kind"]},
                   {"location", location(uri, *read_range(n["range"]))}};
      if (!container.empty()) item["containerName"] = container;
      out.push_back(item);
      if (n.contains("children")) flatten(n["children"], uri, n["name"], out);
    }
  }

 private:
  json symbol(const std::string& name, const std::string& detail, DeclarationKind kind, Span span,
              Span name_span) {
    Range range = range_in(a_, span);
    Range selection = name_span.valid() ? range_in(a_, name_span) : range;
    if (selection.start < range.start || range.end < selection.end) range = selection;
    json out = {{"name", name.empty() ? "?" : name},
                {"kind", symbol_kind(kind)},
                {"range", to_json(range)},
                {"selectionRange", to_json(selection)},
                {"children", json::array()}};
    if (!detail.empty()) out["detail"] = detail;
    return out;
  }

  json node_of(const ast::Decl& decl) {
    const auto& c = ast::common(decl);
    const std::string cite = citation_detail(c.citation);
    switch (ast::kind_of(decl)) {
      case ast::DeclKind::input:
        return symbol(c.name, cite, DeclarationKind::input, c.span, c.name_span);
      case ast::DeclKind::parameter:
        return symbol(c.name, cite, DeclarationKind::parameter, c.span, c.name_span);
      case ast::DeclKind::rule: {
        json node = symbol(c.name, cite, DeclarationKind::rule, c.span, c.name_span);
        for (const auto& clause : std::get<ast::RuleDecl>(decl).exceptions) {
          node["children"].push_back(symbol(clause.label, citation_detail(clause.citation),
                                            DeclarationKind::exception, clause.span,
                                            clause.label_span));
        }
        return node;
      }
      case ast::DeclKind::exception: {
        const auto& clause = *std::get<ast::ExceptionDecl>(decl).clause;
        return symbol(clause.label, "for " + clause.target + " " + citation_detail(clause.citation),
                      DeclarationKind::exception, c.span, c.name_span);
      }
      case ast::DeclKind::check:
        return symbol(c.name, cite, DeclarationKind::check, c.span, c.name_span);
      case ast::DeclKind::condition:
        return symbol(c.name, cite, DeclarationKind::condition, c.span, c.name_span);
      case ast::DeclKind::policy: {
        const auto& p = std::get<ast::PolicyDecl>(decl);
        std::string detail = p.title;
        if (!cite.empty()) detail += (detail.empty() ? "" : " ") + cite;
        return symbol(c.name, detail, DeclarationKind::policy, c.span, c.name_span);
      }
      case ast::DeclKind::table: {
        json node = symbol(c.name, cite, DeclarationKind::table, c.span, c.name_span);
        for (const auto& [column, span] : std::get<ast::TableDecl>(decl).columns)
          node["children"].push_back(symbol(column, "", DeclarationKind::column, span, span));
        return node;
      }
      case ast::DeclKind::enumeration: {
        json node = symbol(c.name, cite, DeclarationKind::enumeration, c.span, c.name_span);
        for (const auto& m : std::get<ast::EnumDecl>(decl).members)
          node["children"].push_back(
              symbol(m.name, m.label, DeclarationKind::member, m.span, m.span));
        return node;
      }
      case ast::DeclKind::record: {
        json node = symbol(c.name, cite, DeclarationKind::record, c.span, c.name_span);
        for (const auto& f : std::get<ast::RecordDecl>(decl).fields) {
          node["children"].push_back(symbol(f.name, citation_detail(f.citation),
                                            DeclarationKind::field, f.span, f.name_span));
        }
        return node;
      }
      case ast::DeclKind::shares: {
        json node = symbol(c.name, cite, DeclarationKind::shares, c.span, c.name_span);
        for (const auto& part : std::get<ast::SharesDecl>(decl).parts) {
          node["children"].push_back(symbol(part.name, citation_detail(part.citation),
                                            DeclarationKind::part, part.span, part.name_span));
        }
        return node;
      }
      case ast::DeclKind::remove:
        return nullptr;
    }
    return nullptr;
  }

  const Analysis& a_;
};

// Each character of the query in order, ignoring case: "afreq" finds affordable_required.
bool matches(const std::string& name, const std::string& query) {
  std::size_t q = 0;
  for (std::size_t i = 0; i < name.size() && q < query.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) ==
        std::tolower(static_cast<unsigned char>(query[q])))
      ++q;
  }
  return q == query.size();
}

}  // namespace

Reply document_symbols(Session& session, const json& params) {
  auto found = document_of(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  json tree = Outline(*cursor.analysis).build();
  if (session.client.hierarchical_symbols) return tree;
  json flat = json::array();
  Outline::flatten(tree, cursor.analysis->uri(), "", flat);
  return flat;
}

Reply workspace_symbols(Session& session, const json& params) {
  const json* query_value = member(params, "query");
  if (query_value == nullptr || !query_value->is_string())
    return invalid_params("query is missing or not a string");
  const std::string query = query_value->get<std::string>();
  constexpr std::size_t most = 1000;
  json out = json::array();
  std::set<std::pair<std::string, std::uint32_t>> seen;
  for (const auto& analysis :
       session.workspace.project(session.workspace.roots_for(std::nullopt))) {
    const auto own = analysis->module_of(analysis->file());
    if (!own) continue;
    const SymbolIndex& index = analysis->index();
    for (const auto& d : index.declarations()) {
      if (d.module != *own || d.kind == DeclarationKind::column) continue;
      const SymbolKey& key = index.key(d.key);
      if (!matches(key.name, query)) continue;
      const std::string uri = session.workspace.uri_of(*analysis, d.name_span.file);
      if (!seen.insert({uri, d.name_span.begin}).second) continue;
      json item = {{"name", key.name},
                   {"kind", symbol_kind(d.kind)},
                   {"location", location_of(session, *analysis, d.name_span)}};
      item["containerName"] = key.owner.empty()
                                  ? module_label(*analysis, d.module)
                                  : module_label(*analysis, d.module) + " " + key.owner;
      out.push_back(std::move(item));
      if (out.size() >= most) return out;
    }
  }
  return out;
}

}  // namespace spdl::lsp
