// Fuzz target 4: the language server's message reader and dispatcher. The bytes after the first
// are what a client writes: framed messages, or anything at all (bad Content-Length, truncated
// bodies, text that is not JSON or not UTF-8, requests before initialize, positions past the
// end). The first byte's low bit says whether the session starts initialized with the Vale's
// revised draft open.
// Invariants: every message the server sends is JSON-RPC 2.0 that parses back; every error it
// answers has one of the protocol's codes (-32700, -32600, -32601, -32602, -32002, or -32803 for
// a valid request that failed), never -32603 (a handler that threw); the draft, while open, keeps
// its last good analysis, and while its text is unchanged a hover on a parameter still gives the
// parameter's citation. A crash, a hang (libFuzzer's -timeout) or a leak fails too.

#include <cstdint>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/lsp/dispatcher.hpp"
#include "spdl/runtime/lsp/transport.hpp"
#include "spdl/runtime/lsp/uri.hpp"

using namespace spdl::lsp;

namespace {

struct Fixture {
  std::string path = std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd";
  std::string uri = uri_from_path(path);
  std::string text;
  Position parameter;  // `urban_threshold` where policy_applies uses it
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    std::ifstream in(out.path, std::ios::binary);
    out.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const auto first = out.text.find("urban_threshold");
    const auto use = out.text.find("urban_threshold", first + 1);
    SPDL_FUZZ_REQUIRE(use != std::string::npos, "the fixed ruleset has no urban_threshold");
    out.parameter = LineIndex(out.text).position_of(static_cast<std::uint32_t>(use + 2));
    return out;
  }();
  return f;
}

void check_message(const json& m) {
  const std::string text = dump(m);
  const json back = json::parse(text, nullptr, false);
  SPDL_FUZZ_REQUIRE(!back.is_discarded(), "the server sent text that is not JSON: " + text);
  SPDL_FUZZ_REQUIRE(back.is_object() && back.value("jsonrpc", "") == "2.0",
                    "the server sent a message without jsonrpc 2.0: " + text);
  if (back.contains("method")) return;  // a notification
  SPDL_FUZZ_REQUIRE(back.contains("id"), "a response without an id: " + text);
  SPDL_FUZZ_REQUIRE(back.contains("result") != back.contains("error"),
                    "a response needs a result or an error, not both: " + text);
  if (!back.contains("error")) return;
  static const std::set<int> codes = {-32700, -32600, -32601, -32602, -32002, -32803};
  const json& code = back["error"]["code"];
  SPDL_FUZZ_REQUIRE(code.is_number_integer() && codes.count(code.get<int>()) == 1,
                    "an error code outside the protocol's: " + text);
  SPDL_FUZZ_REQUIRE(back["error"]["message"].is_string(), "an error without a message: " + text);
}

std::string message(const json& m) {
  return dump(m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  std::vector<json> sent;
  Server server(ServerOptions{SPDL_SOURCE_DIR, std::chrono::milliseconds(0)},
                [&](const json& m) { sent.push_back(m); });
  const auto now = Clock::now();
  const bool prelude = size > 0 && (data[0] & 1) != 0;
  if (prelude) {
    server.receive(message({{"jsonrpc", "2.0"},
                            {"id", 0},
                            {"method", "initialize"},
                            {"params", {{"capabilities", json::object()}}}}),
                   now);
    server.receive(
        message({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}), now);
    server.receive(
        message({{"jsonrpc", "2.0"},
                 {"method", "textDocument/didOpen"},
                 {"params",
                  {{"textDocument",
                    {{"uri", f.uri}, {"languageId", "spdl"}, {"version", 1}, {"text", f.text}}}}}}),
        now);
    SPDL_FUZZ_REQUIRE(server.workspace().last_good(f.uri) != nullptr,
                      "the Vale's revised draft does not check");
  }

  const std::string bytes(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0),
                          size > 0 ? size - 1 : 0);
  std::istringstream in(bytes);
  MessageReader reader(in, 1 << 20);
  for (Frame frame = reader.next(); frame.kind != Frame::Kind::end && !server.exited();
       frame = reader.next()) {
    if (frame.kind == Frame::Kind::refused) {
      server.refused(frame.text);
    } else {
      server.receive(frame.text, now);
    }
    server.publish_due(now);
  }
  for (const auto& m : sent) check_message(m);

  if (prelude && !server.exited()) {
    const Document* draft = server.workspace().documents().find(f.uri);
    if (draft != nullptr) {
      SPDL_FUZZ_REQUIRE(server.workspace().last_good(f.uri) != nullptr,
                        "the open draft lost its last good analysis");
    }
    if (draft != nullptr && draft->text() == f.text) {
      sent.clear();
      server.receive(
          message({{"jsonrpc", "2.0"},
                   {"id", "final"},
                   {"method", "textDocument/hover"},
                   {"params",
                    {{"textDocument", {{"uri", f.uri}}}, {"position", to_json(f.parameter)}}}}),
          now);
      // Unless the session shut the server down, the hover still answers with the citation.
      const json& reply = sent.back();
      if (!reply.contains("error")) {
        SPDL_FUZZ_REQUIRE(dump(reply).find("H16 (i); SPG 4.1") != std::string::npos,
                          "the hover lost the parameter's citation: " + dump(reply));
      } else {
        SPDL_FUZZ_REQUIRE(reply["error"]["code"] == -32600,
                          "the final hover failed: " + dump(reply));
      }
    }
  }
  return 0;
}
