#pragma once
// `spdl serve`'s API without its transport: one function from a Request to its Response, over a
// RulesetStore. The transport (transport.hpp) calls it from each of its threads at once; the
// tests and the fuzz target call it directly.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "spdl/runtime/batch/batch.hpp"

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
  bool bench_floor = false;  // GET /bench/floor: a fixed 4 KiB body (or ?bytes=N), the HTTP floor
};

// A batch request (POST /v1/rulesets/{id}/batch) whose body the transport streams: the run,
// prepared from the request's head before any of the body is read, and the headers its answer
// adds besides Content-Type (CORS).
struct StreamedBatch {
  BatchRun run;
  std::vector<std::pair<std::string, std::string>> headers;
};

class Service {
 public:
  explicit Service(ServiceOptions options);

  // The origins a state-changing request may come from besides --cors: the server's own
  // ("http://127.0.0.1:8080"), known once it listens.
  void set_own_origins(std::vector<std::string> origins);

  Response handle(const Request& request);

  // Nothing when `head` is not a batch request (handle() answers it); else the batch's run, or the
  // answer refusing it, as handle() would give it (400, 403, 404, 415, 422). The body is not read.
  std::optional<std::variant<StreamedBatch, Response>> start_batch(const Request& head);

  RulesetStore& store() { return store_; }
  const ServiceOptions& options() const { return options_; }

 private:
  Response route(const Request& request);
  // The refusals every API request meets first: a target that is no path (400), a change from a
  // page of another site (403).
  std::optional<Response> refusal(const Request& request,
                                  const std::optional<Target>& target) const;
  void add_cors(const Request& request, Response::Headers& headers) const;
  bool origin_allowed(const std::string& origin) const;

  ServiceOptions options_;
  RulesetStore store_;
  std::vector<std::string> own_origins_;
};

}  // namespace spdl::serve
