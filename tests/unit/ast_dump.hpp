#pragma once
// A structural dump of a parsed module that ignores positions, for round-trip comparisons.

#include <string>

#include "spdl/lang/syntax/ast.hpp"

namespace spdl::testing {

std::string dump_module(const ast::Ast& ast, const ast::Module& module);

}  // namespace spdl::testing
