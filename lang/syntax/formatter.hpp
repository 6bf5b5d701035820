#pragma once
// `spdl fmt`: one canonical layout for a parsed file. Comments and citations are kept; formatting
// formatted text changes nothing.

#include <string>

#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

// `module` must have parsed without errors.
std::string format_module(const ast::Ast& ast, const SourceSet& sources, const ast::Module& module);

}  // namespace spdl
