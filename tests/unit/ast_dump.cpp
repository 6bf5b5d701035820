#include "ast_dump.hpp"

#include <fmt/format.h>

namespace spdl::testing {

namespace {

struct Dumper {
  const ast::Ast& ast;
  std::string out;

  void expr(ast::ExprId id) {
    if (id == ast::no_expr) {
      out += "_";
      return;
    }
    const ast::Expr& e = ast[id];
    out += fmt::format("({} {}", static_cast<int>(e.kind), static_cast<int>(e.op));
    switch (e.kind) {
      case ast::ExprKind::number: {
        const auto& n = ast.numbers[e.a];
        out += fmt::format(" {} {}{}", n.value.to_fraction(), n.money ? "£" : "",
                           unit_source_name(n.unit));
        break;
      }
      case ast::ExprKind::boolean:
      case ast::ExprKind::date:
        out += fmt::format(" {}", e.a);
        break;
      case ast::ExprKind::text:
        out += " \"" + ast.strings[e.a] + "\"";
        break;
      case ast::ExprKind::name:
        out += " " + ast.names[e.a];
        break;
      case ast::ExprKind::field:
        out += " ";
        expr(e.a);
        out += " ." + ast.names[e.b];
        break;
      case ast::ExprKind::call:
        out += " " + ast.names[e.a];
        for (std::uint32_t i = 0; i < ast.arg_count(e); ++i) {
          out += " ";
          expr(ast.arg(e, i));
        }
        out += " where ";
        expr(e.b);
        break;
      case ast::ExprKind::list:
        for (std::uint32_t i = 0; i < ast.arg_count(e); ++i) {
          out += " ";
          expr(ast.arg(e, i));
        }
        break;
      default:
        for (const auto child : {e.a, e.b, e.c}) {
          if (child == ast::no_expr) continue;
          out += " ";
          expr(child);
        }
    }
    out += ")";
  }

  void citation(const std::optional<ast::Citation>& c) { out += c ? " [" + c->text + "]" : " []"; }
  std::string name(ast::NameId n) const { return n == ast::no_name ? "" : ast.names[n]; }
  void type(const ast::TypeSpec& t) {
    out += fmt::format(" <{}{}{}{}>",
                       t.list_of  ? "list of "
                       : t.set_of ? "set of "
                                  : "",
                       name(t.head), t.per == ast::no_name ? "" : " per ", name(t.per));
  }

  void clause(const ast::ExceptionClause& c) {
    out += fmt::format(" exception {} for {} over {}", c.label, c.target, c.over);
    citation(c.citation);
    out += " when ";
    expr(c.condition);
    out += " then ";
    expr(c.value);
  }

  void decl(const ast::Decl& d) {
    const auto& c = ast::common(d);
    out += fmt::format("{}{} {} doc=\"{}\"", c.is_override ? "override " : "",
                       ast::kind_name(ast::kind_of(d)), c.name, c.doc.str());
    citation(c.citation);
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, ast::InputDecl>) {
            type(x.type);
            if (x.at_least != ast::no_expr) {
              out += " at least ";
              expr(x.at_least);
            }
            if (x.at_most != ast::no_expr) {
              out += " at most ";
              expr(x.at_most);
            }
            out += x.optional ? " optional " : " required ";
            expr(x.default_value);
          } else if constexpr (std::is_same_v<T, ast::ParameterDecl>) {
            if (x.type) type(*x.type);
            expr(x.value);
          } else if constexpr (std::is_same_v<T, ast::RuleDecl>) {
            if (x.type) type(*x.type);
            expr(x.value);
            for (const auto& ex : x.exceptions) clause(ex);
          } else if constexpr (std::is_same_v<T, ast::ExceptionDecl>) {
            clause(*x.clause);
          } else if constexpr (std::is_same_v<T, ast::CheckDecl>) {
            expr(x.applies);
            expr(x.requirement);
            for (const auto& p : x.message) {
              out += " \"" + p.text + "\"";
              expr(p.expr);
            }
          } else if constexpr (std::is_same_v<T, ast::ConditionDecl>) {
            expr(x.applies);
            for (const auto& p : x.text) {
              out += " \"" + p.text + "\"";
              expr(p.expr);
            }
          } else if constexpr (std::is_same_v<T, ast::TableDecl>) {
            for (const auto& col : x.columns) out += " |" + col.first;
            for (const auto& row : x.rows) {
              out += "\n  row";
              for (const auto cell : row.cells) expr(cell);
            }
          } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
            if (x.extension) out += " extends";
            for (const auto& m : x.members) out += fmt::format(" {}:\"{}\"", m.name, m.label);
          } else if constexpr (std::is_same_v<T, ast::RecordDecl>) {
            for (const auto& f : x.fields) {
              out += "\n  field " + f.name;
              type(f.type);
              out += f.optional ? " optional " : " required ";
              expr(f.default_value);
              citation(f.citation);
            }
          } else if constexpr (std::is_same_v<T, ast::SharesDecl>) {
            expr(x.total);
            for (const auto& p : x.parts) {
              out += "\n  part " + p.name;
              expr(p.value);
              if (p.at_least != ast::no_expr) {
                out += " at least ";
                expr(p.at_least);
              }
              if (p.at_most != ast::no_expr) {
                out += " at most ";
                expr(p.at_most);
              }
              if (p.remainder) out += " remainder";
              citation(p.citation);
            }
          } else if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
            out += " \"" + x.title + "\"";
            expr(x.applies);
          } else if constexpr (std::is_same_v<T, ast::RemoveDecl>) {
            out += fmt::format(" {} for {}", ast::kind_name(x.target_kind), x.rule);
          }
        },
        d);
    out += "\n";
  }
};

}  // namespace

std::string dump_module(const ast::Ast& ast, const ast::Module& module) {
  Dumper d{ast, {}};
  const auto& h = module.header;
  d.out += fmt::format("{} {} title=\"{}\" authority=\"{}\" status={} source=\"{}\" amends={}{}\n",
                       h.is_module ? "module" : "ruleset", h.id, h.title, h.authority,
                       h.status ? ast::status_name(*h.status) : "-", h.source,
                       h.amends_quoted ? "path " : "", h.amends);
  for (const auto& date : h.dates) {
    d.out += fmt::format("  {} {} {}\n", date.kind, date.date,
                         date.until ? std::to_string(*date.until) : "-");
  }
  for (const auto& u : module.uses)
    d.out += fmt::format("use {}{}\n", u.quoted ? "path " : "", u.module);
  for (const auto& decl : module.decls) d.decl(decl);
  return d.out;
}

}  // namespace spdl::testing
