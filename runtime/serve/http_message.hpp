#pragma once
// An HTTP request and its answer as plain values: the transport (transport.cpp) fills a Request
// from the wire and writes a Response back; the service (service.hpp) maps one to the other
// without sockets, so the tests and the fuzzer drive it directly.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spdl::serve {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/v1/rulesets/vale.revised_draft_2006/evaluate?explain=true"
  std::string content_type;           // the Content-Type header, as sent ("" when absent)
  std::optional<std::string> origin;  // the Origin header, when sent
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type and Length
};

// The parts of a request target: the path split into its segments, each percent-decoded apart
// (so an encoded '/' stays inside its segment), and the query's parameters. Nothing when the
// target is not a path ("*", an absolute URL) or a percent sign is not followed by two hex digits.
struct Target {
  std::vector<std::string> segments;  // "/v1/rulesets/x" -> {"v1", "rulesets", "x"}
  bool trailing_slash = false;
  std::map<std::string, std::string> query;  // a parameter given twice keeps its first value
};
std::optional<Target> parse_target(const std::string& target);

// The media type of a Content-Type header, lower case, without parameters: "application/json".
std::string media_type(const std::string& content_type);

}  // namespace spdl::serve
