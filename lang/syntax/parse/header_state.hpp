#pragma once
// The state of the header's parse: the header as far as it has been read.

#include "spdl/lang/syntax/ast.hpp"
#include "spdl/lang/syntax/parse/source_state.hpp"

namespace spdl::parsing {

struct HeaderState {
  SourceState& source;
  ast::Header header;
};

}  // namespace spdl::parsing
