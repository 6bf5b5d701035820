#include "spdl/lang/syntax/printer.hpp"

namespace spdl {

namespace {

const char* op_text(ast::Op op) {
  switch (op) {
    case ast::Op::add:
      return "+";
    case ast::Op::sub:
      return "-";
    case ast::Op::mul:
      return "*";
    case ast::Op::div:
      return "/";
    case ast::Op::eq:
      return "=";
    case ast::Op::ne:
      return "!=";
    case ast::Op::lt:
      return "<";
    case ast::Op::le:
      return "<=";
    case ast::Op::gt:
      return ">";
    case ast::Op::ge:
      return ">=";
    case ast::Op::and_:
      return "and";
    case ast::Op::or_:
      return "or";
    case ast::Op::in:
      return "in";
    case ast::Op::not_in:
      return "not in";
    default:
      return "?";
  }
}

// Collapse runs of blanks: "15   dwellings" -> "15 dwellings".
std::string squeeze(std::string_view text) {
  std::string out;
  bool blank = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

class Printer {
 public:
  Printer(const ast::Ast& ast, const SourceSet& sources) : ast_(ast), sources_(sources) {}

  void print(ast::ExprId id, std::string& out) const {
    const ast::Expr& e = ast_[id];
    switch (e.kind) {
      case ast::ExprKind::number:
      case ast::ExprKind::date:
      case ast::ExprKind::text:
        out += e.kind == ast::ExprKind::number ? squeeze(sources_.slice(e.span()))
                                               : std::string(sources_.slice(e.span()));
        return;
      case ast::ExprKind::boolean:
        out += e.a ? "true" : "false";
        return;
      case ast::ExprKind::name:
        out += ast_.names[e.a];
        return;
      case ast::ExprKind::paren:
        out += '(';
        print(e.a, out);
        out += ')';
        return;
      case ast::ExprKind::unary:
        out += e.op == ast::Op::neg ? "-" : "not ";
        operand(e.a, precedence(e), out, false);
        return;
      case ast::ExprKind::binary:
      case ast::ExprKind::membership:
        operand(e.a, precedence(e), out, false);
        out += ' ';
        out += op_text(e.op);
        out += ' ';
        operand(e.b, precedence(e), out, true);
        return;
      case ast::ExprKind::conditional:
        out += "if ";
        print(e.a, out);
        out += " then ";
        print(e.b, out);
        out += " else ";
        print(e.c, out);
        return;
      case ast::ExprKind::call:
        out += ast_.names[e.a];
        out += '(';
        for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) {
          if (i > 0) out += ", ";
          print(ast_.arg(e, i), out);
        }
        if (e.b != ast::no_expr) {
          out += " where ";
          print(e.b, out);
        }
        out += ')';
        return;
      case ast::ExprKind::list:
        out += '[';
        for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) {
          if (i > 0) out += ", ";
          print(ast_.arg(e, i), out);
        }
        out += ']';
        return;
      case ast::ExprKind::field:
        operand(e.a, precedence(e), out, false);
        out += '.';
        out += ast_.names[e.b];
        return;
      case ast::ExprKind::project:
        operand(e.a, precedence(e), out, false);
        out += ".(";
        print(e.b, out);
        out += ')';
        return;
      case ast::ExprKind::index:
        operand(e.a, precedence(e), out, false);
        out += '[';
        print(e.b, out);
        out += ']';
        return;
      case ast::ExprKind::apportion:
        out += "apportion ";
        print(e.a, out);
        out += " by ";
        print(e.b, out);
        return;
    }
  }

 private:
  // The tree already says how operators group (the parser built it), and a (...) the writer
  // chose is a node of its own; the printer never needs to add parentheses, except where a
  // tree built by other means would otherwise read differently.
  void operand(ast::ExprId id, int parent, std::string& out, bool right) const {
    const int p = precedence(ast_[id]);
    const bool wrap = p < parent || (right && p == parent && p < 9);
    if (wrap) out += '(';
    print(id, out);
    if (wrap) out += ')';
  }

  const ast::Ast& ast_;
  const SourceSet& sources_;
};

}  // namespace

int precedence(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::conditional:
    case ast::ExprKind::apportion:
      return 0;
    case ast::ExprKind::binary:
      switch (e.op) {
        case ast::Op::or_:
          return 1;
        case ast::Op::and_:
          return 2;
        case ast::Op::add:
        case ast::Op::sub:
          return 5;
        case ast::Op::mul:
        case ast::Op::div:
          return 6;
        default:
          return 4;  // comparisons
      }
    case ast::ExprKind::membership:
      return 4;
    case ast::ExprKind::unary:
      return e.op == ast::Op::not_ ? 3 : 7;
    default:
      return 9;  // literals, names, calls, postfix
  }
}

std::string print_expression(const ast::Ast& ast, const SourceSet& sources, ast::ExprId e) {
  std::string out;
  Printer(ast, sources).print(e, out);
  return out;
}

}  // namespace spdl
