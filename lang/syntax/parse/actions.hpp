#pragma once
// Every action of the parser, for parser.cpp: the one translation unit that instantiates them.

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/check_action.hpp"
#include "spdl/lang/syntax/parse/comment_action.hpp"
#include "spdl/lang/syntax/parse/declaration_action.hpp"
#include "spdl/lang/syntax/parse/exception_action.hpp"
#include "spdl/lang/syntax/parse/header_action.hpp"
#include "spdl/lang/syntax/parse/input_action.hpp"
#include "spdl/lang/syntax/parse/literal_action.hpp"
#include "spdl/lang/syntax/parse/operand_action.hpp"
#include "spdl/lang/syntax/parse/operator_action.hpp"
#include "spdl/lang/syntax/parse/policy_action.hpp"
#include "spdl/lang/syntax/parse/record_action.hpp"
#include "spdl/lang/syntax/parse/rule_action.hpp"
#include "spdl/lang/syntax/parse/shares_action.hpp"
#include "spdl/lang/syntax/parse/table_action.hpp"
