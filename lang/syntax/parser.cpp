// The one translation unit that includes PEGTL.

#include "spdl/lang/syntax/parser.hpp"

#include <fmt/format.h>

#include <cstring>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/lang/syntax/parse/actions.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"
#include "spdl/lang/syntax/parse/header_state.hpp"
#include "spdl/lang/syntax/parse/source_state.hpp"
#include "spdl/lang/syntax/parse/text.hpp"
#include "spdl/lang/syntax/parse_errors.hpp"

namespace spdl {

namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;
using parsing::DeclarationState;
using parsing::HeaderState;
using parsing::SourceState;

// Refuse text no ruleset could contain before PEGTL sees it: the reasons are clearer here.
bool validate_text(const SourceFile& source, FileId file, Diagnostics& out) {
  const std::string& text = source.text();
  if (text.size() > limits::max_source_bytes) {
    out.add({.severity = Severity::error,
             .code = "file-too-large",
             .message = fmt::format("this file is {} bytes; a ruleset may be at most {} bytes",
                                    text.size(), limits::max_source_bytes),
             .path = source.path()});
    return false;
  }
  if (const auto bad = utf8::first_invalid(text)) {
    out.error("invalid-utf8",
              {file, static_cast<std::uint32_t>(*bad), static_cast<std::uint32_t>(*bad + 1)},
              "this file is not valid UTF-8")
        .hint = "save the file as UTF-8 text";
    return false;
  }
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    out.error("nul-byte",
              {file, static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul + 1)},
              "this file contains a NUL byte; a ruleset is plain text");
    return false;
  }
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    // A CR alone ends a line too (old Mac files), as SourceFile counts lines.
    if (i == text.size() || text[i] == '\n' ||
        (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      if (i - line_start > limits::max_line_bytes) {
        out.error("line-too-long",
                  {file, static_cast<std::uint32_t>(line_start),
                   static_cast<std::uint32_t>(line_start + 1)},
                  fmt::format("this line is {} bytes long; a line may be at most {} bytes",
                              i - line_start, limits::max_line_bytes));
        return false;
      }
      line_start = i + 1;
    }
  }
  return true;
}

// A syntax error on a character outside ASCII (a name is ASCII letters, digits and `_`) names
// it: a zero-width space or a Cyrillic `е` looks like nothing wrong at all.
void name_characters(Diagnostics& diagnostics, const SourceFile& source, FileId file) {
  Diagnostics named;
  for (Diagnostic d : diagnostics.all()) {
    if (d.code == "syntax" && d.span.file == file) {
      const std::string what = utf8::describe_character(source.text(), d.span.begin);
      if (!what.empty()) {
        const std::string note =
            what.find("invisible") != std::string::npos
                ? fmt::format("the character here is {}: delete it", what)
                : fmt::format(
                      "the character here is {}; names are written in ASCII letters, "
                      "digits and `_`",
                      what);
        d.hint = d.hint.empty() ? note : d.hint + "; " + note;
      }
    }
    named.add(std::move(d));
  }
  diagnostics = std::move(named);
}

Diagnostic syntax_error(FileId file, std::uint32_t offset, std::string_view message) {
  Diagnostic d;
  d.code = "syntax";
  d.message = std::string(message);
  d.span = {file, offset, offset + 1};
  return d;
}

// Words that can start a header field, for "did you mean" on a misspelt one.
const std::vector<std::string>& header_words() {
  static const std::vector<std::string> w = {"title",      "authority", "status",       "source",
                                             "amends",     "published", "adopted",      "approved",
                                             "superseded", "withdrawn", "consultation", "material"};
  return w;
}

const std::vector<std::string>& declaration_words() {
  static const std::vector<std::string> w = {
      "use",    "input",  "parameter", "rule",     "check",  "exception", "table", "enum",
      "record", "shares", "policy",    "override", "remove", "condition", "extend"};
  return w;
}

class ModuleParser {
 public:
  ModuleParser(ast::Ast& ast, const SourceFile& source, FileId file)
      : source_(source), text_(source.text()), file_state_{ast, file, source.text().data(), {}} {}

  ParseResult run() {
    result_.module.file = file_state_.file;
    if (!validate_text(source_, file_state_.file, result_.diagnostics)) return std::move(result_);

    // A byte order mark (Windows editors write one) is not part of the ruleset.
    std::size_t pos = skip_space(text_.starts_with("\xEF\xBB\xBF") ? 3 : 0);
    pos = parse_header(pos);
    while (true) {
      pos = skip_space(pos);
      if (pos >= text_.size()) break;
      if (result_.diagnostics.error_count() >= limits::max_diagnostics_per_file) {
        result_.diagnostics.add({.severity = Severity::note,
                                 .code = "too-many-errors",
                                 .message = "too many errors in this file; stopping here",
                                 .span = {file_state_.file, static_cast<std::uint32_t>(pos),
                                          static_cast<std::uint32_t>(pos + 1)}});
        break;
      }
      pos = parse_declaration(pos);
    }
    for (auto& [offset, comment] : file_state_.comments) result_.module.comments.push_back(comment);
    attach_docs();
    name_characters(result_.diagnostics, source_, file_state_.file);
    return std::move(result_);
  }

 private:
  pegtl::memory_input<> input_at(std::size_t pos) const {
    return pegtl::memory_input<>(text_.data() + pos, text_.data() + text_.size(), source_.path(),
                                 pos, 1, 1);
  }

  std::size_t skip_space(std::size_t pos) {
    auto in = input_at(pos);
    pegtl::parse<g::ws, parsing::action, g::control>(in, file_state_);
    return file_state_.offset(in.current());
  }

  std::size_t parse_header(std::size_t pos) {
    try {
      auto in = input_at(pos);
      HeaderState header{file_state_, {}};
      pegtl::parse<g::expect_header, parsing::action, g::control>(in, header);
      result_.module.header = std::move(header.header);
      return file_state_.offset(in.current());
    } catch (const pegtl::parse_error& e) {
      report(e.positions().front().byte, e.message());
    } catch (const parsing::SyntaxError& e) {
      report(e.offset, e.message);
    }
    return recover(pos, pos);
  }

  std::size_t parse_declaration(std::size_t pos) {
    DeclarationState declaration(file_state_);
    auto in = input_at(pos);
    try {
      if (!pegtl::parse<g::declaration, parsing::action, g::control>(in, declaration)) {
        unexpected_here(pos);
        return recover(pos, pos);
      }
    } catch (const pegtl::parse_error& e) {
      report(e.positions().front().byte, e.message());
      return recover(pos, e.positions().front().byte);
    } catch (const parsing::SyntaxError& e) {
      report(e.offset, e.message);
      return recover(pos, e.offset);
    }
    const auto end = static_cast<std::uint32_t>(file_state_.offset(in.current()));
    const Span span{file_state_.file, static_cast<std::uint32_t>(pos), end};
    if (declaration.use) {
      if (declaration.is_override) {
        result_.diagnostics.add(
            syntax_error(file_state_.file, static_cast<std::uint32_t>(pos),
                         "`override` changes a declaration; it cannot apply to `use`"));
      }
      declaration.use->statement = span;
      result_.module.uses.push_back(std::move(*declaration.use));
    } else if (declaration.declared) {
      auto& common = ast::common(*declaration.declared);
      common.span = span;
      common.is_override = declaration.is_override;
      result_.module.decls.push_back(std::move(*declaration.declared));
    }
    return end;
  }

  // PEGTL reports where the missing thing was looked for, after any whitespace. When that is on a
  // later line, point just after the last token instead: "expected `else`" belongs to the `if`.
  void report(std::size_t offset, std::string_view message) {
    std::size_t back = std::min(offset, text_.size());
    bool crossed_line = false;
    while (back > 0 && std::strchr(" \t\r\n", text_[back - 1]) != nullptr) {
      crossed_line |= text_[back - 1] == '\n' || text_[back - 1] == '\r';
      --back;
    }
    if (crossed_line) offset = back;
    result_.diagnostics.add(
        syntax_error(file_state_.file, static_cast<std::uint32_t>(offset), message));
  }

  // Nothing here starts a declaration: say what was found and what was expected.
  void unexpected_here(std::size_t pos) {
    std::size_t end = pos;
    while (end < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_'))
      ++end;
    const std::string word = text_.substr(pos, end - pos);
    Diagnostic d = syntax_error(file_state_.file, static_cast<std::uint32_t>(pos), "");
    if (word.empty()) {
      const std::size_t length = std::max<std::size_t>(utf8::character_length(text_, pos), 1);
      d.span.end = static_cast<std::uint32_t>(std::min(pos + length, text_.size()));
      d.message = fmt::format("unexpected `{}`: expected a declaration", text_.substr(pos, length));
    } else {
      d.span.end = static_cast<std::uint32_t>(end);
      d.message = fmt::format(
          "unexpected `{}`: expected a declaration (rule, parameter, input, check, ...)", word);
      std::string suggestion = closest_match(word, declaration_words());
      if (result_.module.decls.empty() && suggestion.empty())
        suggestion = closest_match(word, header_words());
      if (!suggestion.empty()) d.hint = fmt::format("did you mean `{}`?", suggestion);
    }
    result_.diagnostics.add(std::move(d));
  }

  // Where to resume after an error in the declaration that starts at `start`: the first line
  // that begins with a declaration keyword, after `start` and no earlier than the error's line.
  std::size_t recover(std::size_t start, std::size_t error) {
    std::size_t line = std::min(error, text_.size());
    while (line > 0 && text_[line - 1] != '\n') --line;
    if (line <= start)
      line =
          text_.find('\n', start) == std::string::npos ? text_.size() : text_.find('\n', start) + 1;
    while (line < text_.size()) {
      std::size_t p = line;
      while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
      auto in = input_at(p);
      if (pegtl::parse<pegtl::at<g::declaration_keyword>>(in)) return p;
      const auto next = text_.find('\n', line);
      if (next == std::string::npos) break;
      line = next + 1;
    }
    return text_.size();
  }

  // A run of `##` lines directly above a declaration (only blanks between) is its documentation.
  void attach_docs() {
    auto& comments = result_.module.comments;
    for (auto& decl : result_.module.decls) {
      auto& common = ast::common(decl);
      std::vector<std::string> lines;
      std::uint32_t boundary = common.span.begin;
      for (auto it = comments.rbegin(); it != comments.rend(); ++it) {
        if (it->span.end > boundary) continue;
        const auto between = std::string_view(text_).substr(it->span.end, boundary - it->span.end);
        if (!it->doc || between.find_first_not_of(" \t\r\n") != std::string_view::npos ||
            std::count(between.begin(), between.end(), '\n') > 1) {
          break;
        }
        auto line = std::string_view(text_).substr(it->span.begin + 2, it->span.size() - 2);
        lines.emplace_back(parsing::trim(line));
        boundary = it->span.begin;
      }
      for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (!common.doc.empty()) common.doc += ' ';
        common.doc += *it;
      }
    }
  }

  const SourceFile& source_;
  const std::string& text_;
  SourceState file_state_;
  ParseResult result_;
};

}  // namespace

ParseResult parse_module(ast::Ast& ast, const SourceSet& sources, FileId file) {
  return ModuleParser(ast, sources.file(file), file).run();
}

ExpressionResult parse_expression(ast::Ast& ast, const SourceSet& sources, FileId file) {
  ExpressionResult result;
  const SourceFile& source = sources.file(file);
  if (!validate_text(source, file, result.diagnostics)) return result;
  SourceState shared{ast, file, source.text().data(), {}};
  DeclarationState state(shared);
  pegtl::memory_input<> in(source.text().data(), source.text().data() + source.text().size(),
                           source.path(), 0, 1, 1);
  try {
    if (pegtl::parse<g::expression_only, parsing::action, g::control>(in, state)) {
      result.expr = state.pop().id;
    } else {
      result.diagnostics.add(syntax_error(file, 0, "expected a formula"));
    }
  } catch (const pegtl::parse_error& e) {
    result.diagnostics.add(
        syntax_error(file, static_cast<std::uint32_t>(e.positions().front().byte), e.message()));
  } catch (const parsing::SyntaxError& e) {
    result.diagnostics.add(syntax_error(file, e.offset, e.message));
  }
  return result;
}

}  // namespace spdl
