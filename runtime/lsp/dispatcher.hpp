#pragma once
// The server's core: each message from the client in, answers and notifications out. It keeps
// the protocol's lifecycle (initialize, initialized, shutdown, exit; any other request before
// initialize gets -32002) and its errors (-32700 for text that is not JSON, -32600 for JSON that
// is not a request, -32601 for a method it does not know, -32602 for params it cannot read), and
// holds the open documents. It reads no stream and starts no thread: server.hpp runs it on
// standard input and output, the tests and the fuzzer call it directly.
//
// Diagnostics: a document is analysed and its diagnostics published when it opens, and again
// once no change has come for the debounce interval after a change (publish_due). A request
// about a document analyses it first if it changed, so answers always match the text.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "spdl/runtime/lsp/analysis.hpp"
#include "spdl/runtime/lsp/features.hpp"
#include "spdl/runtime/lsp/protocol.hpp"

namespace spdl::lsp {

using Clock = std::chrono::steady_clock;

struct ServerOptions {
  std::filesystem::path home;  // the spdl installation: its stdlib/ and rulesets/
  std::chrono::milliseconds debounce{150};
};

class Server {
 public:
  using Send = std::function<void(const json& message)>;

  Server(ServerOptions options, Send send);

  // One message's body, as the transport read it.
  void receive(std::string_view body, Clock::time_point now = Clock::now());
  // A header block the transport refused: answered as a parse error.
  void refused(const std::string& why);
  // Analyse and publish the documents whose debounce has run out by `now`.
  void publish_due(Clock::time_point now = Clock::now());
  // When the next debounced document falls due, if any.
  std::optional<Clock::time_point> next_due() const;

  bool exited() const { return exited_; }
  // 0 after shutdown then exit, 1 for an exit without shutdown (as the protocol says).
  int exit_code() const { return shutdown_ ? 0 : 1; }

  Workspace& workspace() { return workspace_; }

 private:
  using Handler = Reply (*)(Session&, const json&);

  void dispatch(const json& message, Clock::time_point now);
  void notification(const std::string& method, const json& params, Clock::time_point now);
  Reply request(const std::string& method, const json& params);
  Reply initialize(const json& params);
  void respond(const json& id, const Reply& reply);
  void publish(const std::string& uri);
  void changed(const std::string& uri, Clock::time_point due);
  void did_open(const json& params, Clock::time_point now);
  void did_change(const json& params, Clock::time_point now);
  void did_close(const json& params, Clock::time_point now);

  ServerOptions options_;
  Send send_;
  Workspace workspace_;
  ClientCapabilities client_;
  Session session_{workspace_, client_};
  std::map<std::string, Handler> handlers_;
  std::map<std::string, Clock::time_point> due_;  // documents waiting for their debounce
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
};

}  // namespace spdl::lsp
