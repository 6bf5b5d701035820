#pragma once
// Lowering: a checked ruleset to its runtime form. Runs the setup block once, so a parameter that
// cannot be computed (a division by zero, say) is reported here, before any scheme.

#include <memory>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl {

// Null when the parameters or tables cannot be computed; the reasons are in `diagnostics`.
std::shared_ptr<const Program> lower_from_checked(std::shared_ptr<const CheckedRuleset> checked,
                                                  Diagnostics& diagnostics);

}  // namespace spdl
