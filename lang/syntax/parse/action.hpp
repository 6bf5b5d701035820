#pragma once
// The actions that build the syntax tree: `action<Rule>` does nothing unless a *_action.hpp
// beside this file specialises it for Rule. Because nothing backtracks after a keyword (see
// grammar.hpp), every action that runs belongs to the final parse. actions.hpp gathers them all.

#include <tao/pegtl/nothing.hpp>

#include "spdl/lang/syntax/grammar.hpp"

namespace spdl::parsing {

namespace g = spdl::grammar;

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

}  // namespace spdl::parsing
