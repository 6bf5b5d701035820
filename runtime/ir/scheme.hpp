#pragma once
// A scheme: the facts of one planning application, laid out for one ruleset's inputs.

#include <string>
#include <vector>

#include "spdl/runtime/ir/value.hpp"

namespace spdl {

struct Scheme {
  std::string name;       // "Land north of Grove", from the scheme file
  std::string reference;  // an application reference, if given
  std::string path;       // where it was read from

  // By CheckedRuleset::inputs. A value that is not known means the scheme leaves the input out;
  // for a list input, a known value means the list is given and its rows are in `lists`.
  std::vector<Value> inputs;
  // By input index (empty for inputs that are not lists): rows, each with one value per field of
  // the row's record, not known where the scheme leaves the field out.
  std::vector<std::vector<std::vector<Value>>> lists;
  // Text values given by the scheme (a text Value's index with scheme_text_flag set).
  std::vector<std::string> texts;
};

}  // namespace spdl
