#pragma once
// What every parse of one file shares: the arena the syntax tree goes into, the file, where its
// text starts (offsets are measured from there) and the comments met so far. The module parser
// owns it for the whole file; the header's and each declaration's parse borrow it.

#include <cstdint>
#include <map>
#include <string>

#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl::parsing {

// An error found by an action where no PEGTL input stands at the offending byte.
struct SyntaxError {
  std::uint32_t offset;
  std::string message;
};

struct SourceState {
  ast::Ast& ast;
  FileId file;
  const char* base;
  std::map<std::uint32_t, ast::Comment> comments;  // keyed by offset: re-matching adds nothing

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base); }

  template <typename Input>
  Span span(const Input& in) const {
    return {file, offset(in.begin()), offset(in.end())};
  }
};

}  // namespace spdl::parsing
