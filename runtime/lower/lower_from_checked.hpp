#pragma once
// Lowering: a checked ruleset to its runtime form. Runs the setup block once, so a parameter that
// cannot be computed (a division by zero, say) is reported here, before any scheme.

#include <map>
#include <memory>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl {

// Values that replace parameters' own (a test case's "what if the share were 35%"), by index in
// CheckedRuleset::parameters. Each must be a known value of its parameter's type; list
// parameters keep their own. What is computed from an overridden parameter (another parameter, a
// table cell, an input's default, a rule) is computed from the new value.
using ParameterOverrides = std::map<std::uint32_t, Value>;

// Null when the parameters or tables cannot be computed; the reasons are in `diagnostics`.
std::shared_ptr<const Program> lower_from_checked(std::shared_ptr<const CheckedRuleset> checked,
                                                  Diagnostics& diagnostics,
                                                  const ParameterOverrides& overrides = {});

}  // namespace spdl
