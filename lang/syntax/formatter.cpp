#include "spdl/lang/syntax/formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "spdl/lang/syntax/printer.hpp"

namespace spdl {

namespace {

constexpr std::size_t line_limit = 100;

// One output line, with the range of source it stands for: a comment is placed before the first
// line that begins after it, or at the end of the line whose source ends on its own line.
struct Line {
  std::string text;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::size_t indent = 0;
  std::vector<std::string> before;  // own-line comments placed above this line
  std::string trailing;             // a comment kept at the end of this line
};

// Lines whose columns are aligned with their neighbours: parameters and inputs.
struct Cells {
  std::string head;      // "parameter urban_threshold", "input site_area"
  std::string body;      // "= 15 dwellings", ": ha optional"
  std::string citation;  // "[H16 (i)]" or ""
};

struct Item {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::vector<Line> lines;
  std::optional<Cells> cells;  // single-line parameter or input, aligned in runs
  bool is_use = false;
  bool is_header = false;
  std::vector<std::string> leading;  // own-line comments above the item
  std::vector<bool> blank_before_leading;
  bool blank_before = false;
};

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

class Formatter {
 public:
  Formatter(const ast::Ast& ast, const SourceSet& sources, const ast::Module& module)
      : ast_(ast), sources_(sources), module_(module), text_(sources.file(module.file).text()) {}

  std::string run() {
    build_items();
    place_comments();
    decide_blank_lines();
    align_runs();
    return render();
  }

 private:
  std::string expr(ast::ExprId id) const { return print_expression(ast_, sources_, id); }
  static std::string cite(const std::optional<ast::Citation>& c) {
    return c ? fmt::format(" [{}]", c->text) : "";
  }
  std::string type(const ast::TypeSpec& t) const { return squeeze(sources_.slice(t.span)); }
  std::string source(Span s) const { return std::string(sources_.slice(s)); }
  static std::string override_prefix(const ast::DeclCommon& c) {
    return c.is_override ? "override " : "";
  }

  Line line(std::string text, Span from, std::size_t indent = 0) const {
    return {std::string(indent, ' ') + text, from.begin, from.end, indent, {}, {}};
  }
  Line line(std::string text, ast::ExprId e, std::size_t indent) const {
    return line(std::move(text), ast_[e].span(), indent);
  }

  // ---- items

  void build_items() {
    const auto& h = module_.header;
    Item header;
    header.is_header = true;
    header.begin = h.span.begin;
    header.end = h.span.end;
    std::vector<std::pair<std::string, std::pair<std::string, Span>>> fields;
    if (h.title_span.valid()) fields.push_back({"title", {quoted(h.title_span), h.title_span}});
    if (h.authority_span.valid())
      fields.push_back({"authority", {quoted(h.authority_span), h.authority_span}});
    if (h.status) fields.push_back({"status", {ast::status_name(*h.status), h.status_span}});
    for (const auto& d : h.dates) {
      const std::string value = squeeze(sources_.slice(d.span)).substr(d.kind.size() + 1);
      fields.push_back({d.kind, {value, d.span}});
    }
    if (h.source_span.valid()) fields.push_back({"source", {quoted(h.source_span), h.source_span}});
    if (!h.amends.empty())
      fields.push_back(
          {"amends", {h.amends_quoted ? source(h.amends_span) : h.amends, h.amends_span}});
    std::size_t width = 0;
    for (const auto& f : fields) width = std::max(width, f.first.size());
    header.lines.push_back(
        line(fmt::format("{} {}", h.is_module ? "module" : "ruleset", h.id), h.id_span));
    header.lines.front().begin = h.span.begin;
    for (const auto& [key, value] : fields) {
      header.lines.push_back(
          line(fmt::format("{:<{}} {}", key, width, value.first), value.second, 2));
    }
    items_.push_back(std::move(header));

    for (const auto& u : module_.uses) {
      Item item;
      item.is_use = true;
      item.begin = u.statement.begin;
      item.end = u.statement.end;
      item.lines.push_back(line("use " + source(u.span), u.statement));
      items_.push_back(std::move(item));
    }
    for (const auto& d : module_.decls) items_.push_back(render_decl(d));
    std::stable_sort(items_.begin() + 1, items_.end(), [](const Item& a, const Item& b) {
      // Uses first, then declarations, each in source order.
      if (a.is_use != b.is_use) return a.is_use;
      return a.begin < b.begin;
    });
  }

  // A quoted header field as written (escapes unchanged), from its span `title "..."`.
  std::string quoted(Span field) const {
    const std::string all(sources_.slice(field));
    const auto quote = all.find('"');
    return quote == std::string::npos ? all : all.substr(quote);
  }

  Item render_decl(const ast::Decl& decl) const {
    Item item;
    const auto& c = ast::common(decl);
    item.begin = c.span.begin;
    item.end = c.span.end;
    const std::string pre = override_prefix(c);
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, ast::InputDecl>) {
            std::string body = ": " + type(d.type);
            if (d.at_least != ast::no_expr) body += " at least " + expr(d.at_least);
            if (d.at_most != ast::no_expr) body += " at most " + expr(d.at_most);
            if (d.optional) body += " optional";
            if (d.default_value != ast::no_expr) body += " default " + expr(d.default_value);
            item.cells = Cells{pre + "input " + d.name, body,
                               d.citation ? "[" + d.citation->text + "]" : ""};
            item.lines.push_back(line("", c.span));
          } else if constexpr (std::is_same_v<T, ast::ParameterDecl>) {
            std::string head = pre + "parameter " + d.name;
            if (d.type) head += " : " + type(*d.type);
            item.cells =
                Cells{head, "= " + expr(d.value), d.citation ? "[" + d.citation->text + "]" : ""};
            item.lines.push_back(line("", c.span));
          } else if constexpr (std::is_same_v<T, ast::RuleDecl>) {
            std::string head = pre + "rule " + d.name;
            if (d.type) head += " : " + type(*d.type);
            head += cite(d.citation) + " =";
            value_lines(item.lines, head, c.span, d.value);
            for (const auto& ex : d.exceptions)
              exception_lines(item.lines, ex, "exception " + ex.label, 2);
          } else if constexpr (std::is_same_v<T, ast::ExceptionDecl>) {
            exception_lines(item.lines, *d.clause,
                            pre + "exception " + d.clause->label + " for " + d.clause->target, 0);
            item.lines.front().begin = c.span.begin;
          } else if constexpr (std::is_same_v<T, ast::CheckDecl>) {
            item.lines.push_back(line(pre + "check " + d.name + cite(d.citation), c.name_span));
            item.lines.front().begin = c.span.begin;
            if (d.applies != ast::no_expr)
              item.lines.push_back(line("when " + expr(d.applies), d.applies, 2));
            item.lines.push_back(line("require " + expr(d.requirement), d.requirement, 2));
            if (d.message_span.valid())
              item.lines.push_back(line("else " + source(d.message_span), d.message_span, 2));
          } else if constexpr (std::is_same_v<T, ast::ConditionDecl>) {
            condition_lines(item.lines, d, pre);
          } else if constexpr (std::is_same_v<T, ast::TableDecl>) {
            table_lines(item.lines, d, pre);
          } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
            enum_lines(item.lines, d, pre);
          } else if constexpr (std::is_same_v<T, ast::RecordDecl>) {
            item.lines.push_back(line(pre + "record " + d.name + cite(d.citation), c.name_span));
            item.lines.front().begin = c.span.begin;
            std::size_t width = 0;
            for (const auto& f : d.fields) width = std::max(width, f.name.size());
            for (const auto& f : d.fields) {
              std::string text = fmt::format("{:<{}} : {}", f.name, width, type(f.type));
              if (f.optional) text += " optional";
              if (f.default_value != ast::no_expr) text += " default " + expr(f.default_value);
              text += cite(f.citation);
              item.lines.push_back(line(text, f.span, 2));
            }
          } else if constexpr (std::is_same_v<T, ast::SharesDecl>) {
            std::string head = pre + "shares " + d.name;
            if (d.total != ast::no_expr) head += " of " + expr(d.total);
            item.lines.push_back(line(head + cite(d.citation), c.name_span));
            item.lines.front().begin = c.span.begin;
            std::size_t width = 0;
            for (const auto& p : d.parts) width = std::max(width, p.name.size());
            for (const auto& p : d.parts) {
              item.lines.push_back(line(
                  fmt::format("{:<{}} = {}{}", p.name, width, share_value(p), cite(p.citation)),
                  p.span, 2));
            }
          } else if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
            const std::string head =
                fmt::format("{}policy {} \"{}\"{}", pre, d.name, escape(d.title), cite(d.citation));
            if (d.applies == ast::no_expr) {
              item.lines.push_back(line(head, c.span));
            } else {
              const std::string applies = "applies when " + expr(d.applies);
              if (head.size() + 1 + applies.size() <= line_limit) {
                item.lines.push_back(line(head + " " + applies, c.span));
              } else {
                item.lines.push_back(line(head, c.name_span));
                item.lines.front().begin = c.span.begin;
                item.lines.push_back(line(applies, d.applies, 2));
              }
            }
          } else if constexpr (std::is_same_v<T, ast::RemoveDecl>) {
            std::string text =
                fmt::format("{}remove {} {}", pre, ast::kind_name(d.target_kind), d.name);
            if (!d.rule.empty()) text += " for " + d.rule;
            item.lines.push_back(line(text, c.span));
          }
        },
        decl);
    return item;
  }

  // `30%`, `at least 30%`, `at least 10% at most 20%`, `remainder`.
  std::string share_value(const ast::SharePart& p) const {
    if (p.remainder) return "remainder";
    if (!p.bounded()) return expr(p.value);
    std::string out;
    if (p.at_least != ast::no_expr) out = "at least " + expr(p.at_least);
    if (p.at_most != ast::no_expr) out += (out.empty() ? "" : " ") + ("at most " + expr(p.at_most));
    return out;
  }

  // `condition name [cite] "text"` and its `when` on the line, or on the next when too long.
  void condition_lines(std::vector<Line>& lines, const ast::ConditionDecl& d,
                       const std::string& pre) const {
    const std::string head = pre + "condition " + d.name + cite(d.citation);
    const std::string text = source(d.text_span);
    const std::string applies = d.applies == ast::no_expr ? "" : "when " + expr(d.applies);
    const std::string one = head + " " + text + (applies.empty() ? "" : " " + applies);
    if (one.size() <= line_limit) {
      lines.push_back(line(one, d.span));
      return;
    }
    lines.push_back(line(head, d.name_span));
    lines.front().begin = d.span.begin;
    lines.push_back(line(text, d.text_span, 2));
    if (!applies.empty()) lines.push_back(line(applies, d.applies, 2));
  }

  static std::string escape(const std::string& s) {
    std::string out;
    for (const char ch : s) {
      if (ch == '"' || ch == '\\') out += '\\';
      if (ch == '\n') {
        out += "\\n";
        continue;
      }
      out += ch;
    }
    return out;
  }

  // `head = value`, with a top-level `if` laid out one branch per line.
  void value_lines(std::vector<Line>& lines, const std::string& head, Span head_span,
                   ast::ExprId value) const {
    const ast::Expr& v = ast_[value];
    if (v.kind == ast::ExprKind::conditional) {
      lines.push_back(line(head, head_span));
      lines.back().end = ast_[value].begin;
      ast::ExprId at = value;
      bool first = true;
      while (ast_[at].kind == ast::ExprKind::conditional) {
        const ast::Expr& cond = ast_[at];
        lines.push_back(line((first ? "if " : "else if ") + expr(cond.a), cond.a, 2));
        lines.push_back(line("then " + expr(cond.b), cond.b, 2));
        first = false;
        at = cond.c;
      }
      lines.push_back(line("else " + expr(at), at, 2));
      return;
    }
    const std::string one = head + " " + expr(value);
    if (one.size() <= line_limit) {
      lines.push_back(line(one, head_span));
      return;
    }
    lines.push_back(line(head, head_span));
    lines.back().end = v.begin;
    wrapped_lines(lines, value, 2);
  }

  // A long formula: break an `and`/`or` chain before each operator; anything else stays whole.
  void wrapped_lines(std::vector<Line>& lines, ast::ExprId value, std::size_t indent) const {
    const ast::Expr& v = ast_[value];
    if (v.kind == ast::ExprKind::binary && (v.op == ast::Op::and_ || v.op == ast::Op::or_)) {
      std::vector<ast::ExprId> terms;
      ast::ExprId at = value;
      while (ast_[at].kind == ast::ExprKind::binary && ast_[at].op == v.op) {
        terms.push_back(ast_[at].b);
        at = ast_[at].a;
      }
      terms.push_back(at);
      std::reverse(terms.begin(), terms.end());
      const char* op = v.op == ast::Op::and_ ? "and " : "or ";
      for (std::size_t i = 0; i < terms.size(); ++i) {
        lines.push_back(
            line((i == 0 ? std::string() : std::string(op)) + expr(terms[i]), terms[i], indent));
      }
      return;
    }
    lines.push_back(line(expr(value), value, indent));
  }

  void exception_lines(std::vector<Line>& lines, const ast::ExceptionClause& ex,
                       const std::string& head, std::size_t indent) const {
    std::string start = head;
    if (!ex.over.empty()) start += " over " + ex.over;
    start += cite(ex.citation);
    const std::string one =
        fmt::format("{} when {} then {}", start, expr(ex.condition), expr(ex.value));
    if (indent + one.size() <= line_limit) {
      lines.push_back(line(one, ex.span, indent));
      return;
    }
    lines.push_back(line(start, ex.span, indent));
    lines.back().end = ast_[ex.condition].begin;
    lines.push_back(line("when " + expr(ex.condition), ex.condition, indent + 2));
    lines.push_back(line("then " + expr(ex.value), ex.value, indent + 2));
  }

  void table_lines(std::vector<Line>& lines, const ast::TableDecl& d,
                   const std::string& pre) const {
    lines.push_back(line(pre + "table " + d.name + cite(d.citation), d.name_span));
    lines.front().begin = d.span.begin;
    std::vector<std::vector<std::string>> cells;
    std::vector<std::string> header;
    for (const auto& col : d.columns) header.push_back(col.first);
    cells.push_back(header);
    for (const auto& row : d.rows) {
      std::vector<std::string> r;
      for (const auto cell : row.cells) r.push_back(expr(cell));
      cells.push_back(r);
    }
    std::vector<std::size_t> width;
    for (const auto& r : cells) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (width.size() <= i) width.push_back(0);
        width[i] = std::max(width[i], display_width(r[i]));
      }
    }
    auto render_row = [&](const std::vector<std::string>& r) {
      std::string text = "|";
      for (std::size_t i = 0; i < r.size(); ++i) text += " " + pad(r[i], width[i]) + " |";
      return text;
    };
    const Span header_span{d.span.file,
                           d.columns.empty() ? d.name_span.end : d.columns.front().second.begin,
                           d.columns.empty() ? d.name_span.end : d.columns.back().second.end};
    lines.push_back(line(render_row(cells[0]), header_span, 2));
    std::string separator = "|";
    for (const auto w : width) separator += std::string(w + 2, '-') + "|";
    lines.push_back(line(separator, Span{d.span.file, header_span.end, header_span.end}, 2));
    for (std::size_t r = 0; r < d.rows.size(); ++r)
      lines.push_back(line(render_row(cells[r + 1]), d.rows[r].span, 2));
  }

  void enum_lines(std::vector<Line>& lines, const ast::EnumDecl& d, const std::string& pre) const {
    const std::string head =
        pre + (d.extension ? "extend enum " : "enum ") + d.name + cite(d.citation) + " =";
    bool labels = false;
    std::string names;
    for (const auto& m : d.members) {
      labels |= !m.label.empty();
      names += (names.empty() ? "" : ", ") + m.name;
    }
    if (!labels && head.size() + 1 + names.size() <= line_limit) {
      lines.push_back(line(head + " " + names, d.span));
      return;
    }
    lines.push_back(line(head, d.name_span));
    lines.front().begin = d.span.begin;
    for (std::size_t i = 0; i < d.members.size(); ++i) {
      const auto& m = d.members[i];
      std::string text = m.name;
      if (!m.label.empty()) text += " \"" + escape(m.label) + "\"";
      if (i + 1 < d.members.size()) text += ",";
      lines.push_back(line(text, m.span, 2));
    }
  }

  static std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }
  static std::string pad(const std::string& s, std::size_t width) {
    const std::size_t w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
  }

  // ---- comments

  bool code_before_on_line(std::uint32_t offset) const {
    std::uint32_t p = offset;
    while (p > 0 && text_[p - 1] != '\n') {
      --p;
      if (text_[p] != ' ' && text_[p] != '\t') return true;
    }
    return false;
  }

  std::uint32_t line_of(std::uint32_t offset) const {
    return sources_.file(module_.file).position(offset).line;
  }

  std::string comment_text(const ast::Comment& c) const {
    std::string t(sources_.slice(c.span));
    while (!t.empty() && (t.back() == '\r' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
    return t;
  }

  void place_comments() {
    for (const auto& c : module_.comments) {
      const std::string text = comment_text(c);
      const std::uint32_t at = c.span.begin;
      if (code_before_on_line(at)) {
        // Keep it at the end of the output line whose source ends last on this source line.
        Line* target = nullptr;
        const std::uint32_t source_line = line_of(at);
        for (auto& item : items_) {
          for (auto& l : item.lines) {
            if (l.end <= at && line_of(l.end > 0 ? l.end - 1 : 0) == source_line) target = &l;
          }
        }
        if (target != nullptr) {
          target->trailing += (target->trailing.empty() ? "" : " ") + text;
          continue;
        }
      }
      // Own line: inside the item that surrounds it, else above the item that follows it in the
      // source. Items are no longer in source order (uses come first), so "follows" is the
      // nearest start after the comment, not the next item in the list: a `##` block stays with
      // the declaration it documents when a later `use` moves above both.
      bool placed = false;
      Item* surrounding = nullptr;
      Item* following = nullptr;
      for (auto& item : items_) {
        if (item.begin <= at && at < item.end) {
          surrounding = &item;
          break;
        }
        if (item.begin > at && (following == nullptr || item.begin < following->begin))
          following = &item;
      }
      if (surrounding != nullptr) {
        for (auto& l : surrounding->lines) {
          if (l.begin > at) {
            l.before.push_back(text);
            placed = true;
            break;
          }
        }
        if (!placed) {
          surrounding->lines.back().before.push_back(text);  // after the last line: keep it inside
          placed = true;
        }
      } else if (following != nullptr) {
        following->leading.push_back(text);
        following->blank_before_leading.push_back(false);
        comment_offsets_[following].push_back(c.span);
        placed = true;
      }
      if (!placed) {
        closing_.push_back(text);
        closing_spans_.push_back(c.span);
      }
    }
  }

  // Whether the source has an empty line between two offsets.
  bool blank_between(std::uint32_t from, std::uint32_t to) const {
    if (to <= from) return false;
    int newlines = 0;
    for (std::uint32_t p = from; p < to; ++p) {
      const char ch = text_[p];
      if (ch == '\n') {
        if (++newlines >= 2) return true;
      } else if (ch != ' ' && ch != '\t' && ch != '\r') {
        newlines = 0;
      }
    }
    return false;
  }

  void decide_blank_lines() {
    std::uint32_t previous_end = 0;
    const Item* previous = nullptr;
    for (auto& item : items_) {
      const auto spans = comment_offsets_.find(&item);
      std::uint32_t cursor = previous_end;
      if (spans != comment_offsets_.end()) {
        for (std::size_t i = 0; i < spans->second.size(); ++i) {
          item.blank_before_leading[i] =
              previous != nullptr && blank_between(cursor, spans->second[i].begin);
          cursor = spans->second[i].end;
        }
      }
      item.blank_before = previous != nullptr && blank_between(cursor, item.begin);
      if (previous != nullptr) {
        // A multi-line declaration always stands apart; so do the header and the `use` block.
        const bool apart = item.lines.size() > 1 || previous->lines.size() > 1 ||
                           previous->is_header || (previous->is_use && !item.is_use);
        if (apart) {
          if (!item.leading.empty()) {
            item.blank_before_leading[0] = true;
          } else {
            item.blank_before = true;
          }
        }
      }
      previous_end = item.end;
      previous = &item;
    }
  }

  void align_runs() {
    for (std::size_t i = 0; i < items_.size();) {
      if (!items_[i].cells) {
        ++i;
        continue;
      }
      const bool parameter = items_[i].cells->head.find("parameter ") != std::string::npos;
      std::size_t j = i;
      std::size_t head = 0, body = 0;
      while (j < items_.size() && items_[j].cells &&
             (items_[j].cells->head.find("parameter ") != std::string::npos) == parameter &&
             (j == i || (!items_[j].blank_before &&
                         (items_[j].leading.empty() || !items_[j].blank_before_leading[0])))) {
        head = std::max(head, display_width(items_[j].cells->head));
        if (!items_[j].cells->citation.empty())
          body = std::max(body, display_width(items_[j].cells->body));
        ++j;
      }
      for (std::size_t k = i; k < j; ++k) {
        const Cells& c = *items_[k].cells;
        std::string text = pad(c.head, head) + " " + c.body;
        if (!c.citation.empty())
          text = pad(c.head, head) + " " + pad(c.body, body) + " " + c.citation;
        // An over-long aligned line is worth less than a short unaligned one.
        if (display_width(text) > line_limit)
          text = c.head + " " + c.body + (c.citation.empty() ? "" : " " + c.citation);
        items_[k].lines.front().text = text;
      }
      i = j;
    }
  }

  std::string render() const {
    std::string out;
    auto emit = [&](const std::string& text, std::size_t indent) {
      std::string l = std::string(indent, ' ') + text;
      while (!l.empty() && l.back() == ' ') l.pop_back();
      out += l;
      out += '\n';
    };
    for (const auto& item : items_) {
      for (std::size_t i = 0; i < item.leading.size(); ++i) {
        if (item.blank_before_leading[i]) out += '\n';
        emit(item.leading[i], 0);
      }
      if (item.blank_before) out += '\n';
      for (const auto& l : item.lines) {
        for (const auto& c : l.before) emit(c, l.indent);
        emit(l.trailing.empty() ? l.text : l.text + "  " + l.trailing, 0);
      }
    }
    if (!closing_.empty()) {
      const std::uint32_t last_end = items_.empty() ? 0 : items_.back().end;
      if (blank_between(last_end, closing_spans_.front().begin)) out += '\n';
      for (const auto& c : closing_) emit(c, 0);
    }
    return out;
  }

  const ast::Ast& ast_;
  const SourceSet& sources_;
  const ast::Module& module_;
  const std::string& text_;
  std::vector<Item> items_;
  std::map<const Item*, std::vector<Span>> comment_offsets_;
  std::vector<std::string> closing_;
  std::vector<Span> closing_spans_;
};

}  // namespace

std::string format_module(const ast::Ast& ast, const SourceSet& sources,
                          const ast::Module& module) {
  return Formatter(ast, sources, module).run();
}

}  // namespace spdl
