#pragma once
// A ruleset described as data for a page to build its form from: the inputs with their types,
// units, defaults, members and fields; the policies; the parameters with their values and
// citations; the conditions.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spdl/lang/syntax/ast.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl::serve {

nlohmann::ordered_json describe_program(const Program& program);
// {"material": "2006-05-04", "published": "2004-06", "consultation": "2006-05-19 to ..."}.
nlohmann::ordered_json dates_json(const std::vector<ast::DatedEvent>& events);
// "vale" of "vale.revised_draft_2006".
std::string authority_id(const std::string& id);

}  // namespace spdl::serve
