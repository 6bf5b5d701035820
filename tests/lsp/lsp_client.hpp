#pragma once
// A client for the protocol tests: every message goes to the server through the transport (framed
// into an in-memory stream and read back by MessageReader), and everything the server sends comes
// back the same way. Time is the test's: debounced diagnostics are published only when the test
// moves the clock on.

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "spdl/runtime/lsp/dispatcher.hpp"

namespace spdl::lsp::testing {

inline const std::filesystem::path source_dir = SPDL_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path);
std::string file_uri(const std::filesystem::path& path);

struct ClientOptions {
  std::chrono::milliseconds debounce{0};
  bool related_information = true;
  bool hierarchical_symbols = true;
  bool initialize = true;
};

class TestClient {
 public:
  explicit TestClient(ClientOptions options = {});

  // A request; its response (the whole message). Notifications that came first are kept.
  json request(const std::string& method, const json& params);
  json result(const std::string& method, const json& params);  // the response's result
  void notify(const std::string& method, const json& params);
  // Bytes as the transport reads them: framed messages, or anything at all.
  void raw(const std::string& bytes);
  // Moves the test's clock on, publishing what falls due.
  void advance(std::chrono::milliseconds by);

  void open(const std::string& uri, const std::string& text, int version = 1);
  void change(const std::string& uri, const std::string& text, int version);
  // The params of the latest publishDiagnostics for `uri` (null if none) and how many came.
  json diagnostics(const std::string& uri) const;
  std::size_t publications(const std::string& uri) const;

  std::vector<json> messages;  // everything the server sent, in order
  Server server;

 private:
  void pump(const std::string& bytes);
  std::ostringstream out_;
  Clock::time_point now_ = Clock::now();
  int next_id_ = 1;
};

// Where `needle` (its `nth` occurrence) starts in `text`, as a protocol position (UTF-16 counted
// independently of the server's own conversion).
Position position_of(const std::string& text, const std::string& needle, int nth = 0);
json text_position(const std::string& uri, Position at);
// The 1-based line of `text` that starts with `prefix` (0 when none), for definitions.
int line_starting(const std::string& text, const std::string& prefix);

}  // namespace spdl::lsp::testing
