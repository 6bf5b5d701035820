#pragma once
// `spdl serve`'s API without its transport: one function from a Request to its Response, over a
// RulesetStore. The transport (transport.hpp) calls it from each of its threads at once; the
// tests and the fuzz target call it directly.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spdl/runtime/serve/http_message.hpp"
#include "spdl/runtime/serve/ruleset_store.hpp"

namespace spdl::serve {

struct ServiceOptions {
  std::filesystem::path root;  // the rulesets served (default: the installation's rulesets/)
  std::filesystem::path home;  // spdl's installation: stdlib/, web/, openapi.json
  std::optional<std::filesystem::path> drafts;  // where PUT /v1/drafts/NAME writes; none: 403
  std::string cors;           // an origin whose pages may call the API (CORS headers); empty: none
  std::filesystem::path web;  // default: home/web
  std::filesystem::path codemirror = "/usr/share/javascript/codemirror";
  bool bench_floor = false;  // GET /bench/floor: a fixed 4 KiB body, the HTTP floor
};

class Service {
 public:
  explicit Service(ServiceOptions options);

  // The origins a state-changing request may come from besides --cors: the server's own
  // ("http://127.0.0.1:8080"), known once it listens.
  void set_own_origins(std::vector<std::string> origins);

  Response handle(const Request& request);

  RulesetStore& store() { return store_; }
  const ServiceOptions& options() const { return options_; }

 private:
  Response route(const Request& request);
  bool origin_allowed(const std::string& origin) const;

  ServiceOptions options_;
  RulesetStore store_;
  std::vector<std::string> own_origins_;
};

}  // namespace spdl::serve
