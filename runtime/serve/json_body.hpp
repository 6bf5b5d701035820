#pragma once
// Request bodies read as JSON strictly: valid UTF-8, one value, nothing after it, no key twice
// in one object (the scheme reader refuses a duplicate too: the second would silently win),
// nested no deeper than limits::max_yaml_depth. A problem is a diagnostic located in the body.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "spdl/lang/base/diagnostic.hpp"

namespace spdl::serve {

struct JsonBody {
  std::optional<nlohmann::json> value;  // empty when the body is refused
  SourceSet sources;                    // the body, named "request body", for the diagnostic
  Diagnostics diagnostics;
};

JsonBody read_json_body(const std::string& body);
// The same checks without building the value (`value` is then null when the body is accepted):
// for a body another reader reads next, the scheme reader.
JsonBody check_json_body(const std::string& body);

// Where the value of a top-level member lies in a body read_json_body accepted: [begin, end) in
// bytes. Nothing when the body is not an object or has no such member.
struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::optional<ByteRange> member_range(std::string_view body, std::string_view key);

// The body with every byte outside `range` made a space (line ends kept), so that a reader given
// it alone reports lines and columns of the whole body.
std::string only_range(std::string_view body, ByteRange range);

}  // namespace spdl::serve
