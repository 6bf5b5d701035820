#pragma once
// The action base for a rule that reads one whole thing, after PEGTL's change_state but keeping
// the one state: while the rule is matched, a `Frame` built from the state is open; once the rule
// has matched, the action's success(in, state, frame) gets the input the rule matched and the
// frame with what was read. In a look-ahead, where no action runs, it opens nothing.

#include <tao/pegtl/apply_mode.hpp>
#include <tao/pegtl/match.hpp>
#include <tao/pegtl/nothing.hpp>
#include <tao/pegtl/rewind_mode.hpp>

#include "spdl/lang/syntax/parse/declaration_state.hpp"

namespace spdl::parsing {

template <typename Frame>
struct scoped : tao::pegtl::maybe_nothing {
  template <typename Rule, tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in, DeclarationState& s) {
    if constexpr (A == tao::pegtl::apply_mode::action) {
      const auto begin = in.iterator();
      Frame frame(s);
      if (!tao::pegtl::match<Rule, A, M, Action, Control>(in, s)) return false;
      Action<Rule>::success(typename ParseInput::action_t(begin, in), s, frame);
      return true;
    } else {
      return tao::pegtl::match<Rule, A, M, Action, Control>(in, s);
    }
  }
};

}  // namespace spdl::parsing
