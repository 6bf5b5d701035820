// The protocol's lifecycle and its error codes, through the transport, and the server's own
// loop on in-memory streams.

#include <catch2/catch.hpp>

#include <sstream>

#include "lsp_client.hpp"
#include "spdl/runtime/lsp/server.hpp"
#include "spdl/runtime/lsp/transport.hpp"

using namespace spdl::lsp;
using namespace spdl::lsp::testing;

namespace {

int error_code_of(const json& response) {
  REQUIRE(response.contains("error"));
  return response["error"]["code"].get<int>();
}

const std::string vale = (source_dir / "rulesets/vale/revised_draft_2006.spd").string();

}  // namespace

TEST_CASE("lifecycle: requests before initialize get -32002, and initialize answers once",
          "[lsp][lifecycle]") {
  TestClient client({.initialize = false});
  CHECK(error_code_of(client.request("textDocument/hover",
                                     text_position("file:///x.spd", {0, 0}))) == -32002);
  CHECK(error_code_of(client.request("shutdown", nullptr)) == -32002);
  // A notification before initialize is dropped: no document is opened, nothing is published.
  client.open(file_uri(vale), read_file(vale));
  CHECK(client.publications(file_uri(vale)) == 0);

  const json init = client.result("initialize", {{"capabilities", json::object()}});
  const json& caps = init["capabilities"];
  CHECK(caps["positionEncoding"] == "utf-16");
  CHECK(caps["textDocumentSync"]["change"] == 1);
  for (const char* provider :
       {"hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
        "workspaceSymbolProvider", "documentFormattingProvider"})
    CHECK(caps[provider] == true);
  CHECK(caps["renameProvider"]["prepareProvider"] == true);
  CHECK(caps["codeActionProvider"]["codeActionKinds"] == json::array({"quickfix"}));
  CHECK(caps["completionProvider"]["triggerCharacters"] == json::array({"."}));
  CHECK(init["serverInfo"]["name"] == "spdl");
  CHECK(error_code_of(client.request("initialize", {{"capabilities", json::object()}})) == -32600);
}

TEST_CASE("lifecycle: shutdown, then only exit, whose code says whether shutdown came",
          "[lsp][lifecycle]") {
  TestClient client;
  CHECK(client.request("shutdown", nullptr)["result"].is_null());
  CHECK(error_code_of(client.request("textDocument/hover",
                                     text_position("file:///x.spd", {0, 0}))) == -32600);
  CHECK_FALSE(client.server.exited());
  client.notify("exit", nullptr);
  CHECK(client.server.exited());
  CHECK(client.server.exit_code() == 0);

  TestClient abrupt;
  abrupt.notify("exit", nullptr);
  CHECK(abrupt.server.exited());
  CHECK(abrupt.server.exit_code() == 1);
}

TEST_CASE("errors: text that is not JSON, or not UTF-8, is -32700 with a null id",
          "[lsp][errors]") {
  TestClient client;
  for (const std::string& body :
       {std::string("{\"jsonrpc\": \"2.0\", \"id\": 1, "),
        std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xFF\"}"), std::string(300, '[')}) {
    const std::size_t before = client.messages.size();
    client.raw(frame(body));
    REQUIRE(client.messages.size() == before + 1);
    const json& response = client.messages.back();
    CHECK(response["id"].is_null());
    CHECK(error_code_of(response) == -32700);
  }
  const std::size_t before = client.messages.size();
  client.raw("Content-Length: twelve\r\n\r\n");
  REQUIRE(client.messages.size() == before + 1);
  CHECK(error_code_of(client.messages.back()) == -32700);
}

TEST_CASE("errors: JSON that is not a request is -32600", "[lsp][errors]") {
  TestClient client;
  const std::vector<std::pair<std::string, json>> cases = {
      {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}]", nullptr},  // a batch
      {"42", nullptr},
      {"{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"shutdown\"}", 7},
      {"{\"id\":8,\"method\":\"shutdown\"}", 8},
      {"{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":12}", 9},
      {"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"shutdown\"}", nullptr},
      {"{\"jsonrpc\":\"2.0\",\"id\":10}", 10},
  };
  for (const auto& [body, id] : cases) {
    INFO(body);
    const std::size_t before = client.messages.size();
    client.raw(frame(body));
    REQUIRE(client.messages.size() == before + 1);
    CHECK(error_code_of(client.messages.back()) == -32600);
    CHECK(client.messages.back()["id"] == id);
  }
  // None of them shut the server down.
  CHECK(client.request("workspace/symbol", {{"query", "zzzz_no_such_name"}})["result"] ==
        json::array());
}

TEST_CASE("errors: an unknown method is -32601, params it cannot read are -32602",
          "[lsp][errors]") {
  TestClient client;
  CHECK(error_code_of(client.request("textDocument/semanticTokens/full", json::object())) ==
        -32601);
  CHECK(error_code_of(client.request("$/unknown", json::object())) == -32601);
  // An unknown notification is ignored: no answer at all.
  const std::size_t before = client.messages.size();
  client.notify("$/setTrace", {{"value", "off"}});
  client.notify("workspace/didChangeConfiguration", {{"settings", nullptr}});
  CHECK(client.messages.size() == before);

  client.open(file_uri(vale), read_file(vale));
  CHECK(error_code_of(client.request("textDocument/hover",
                                     {{"textDocument", {{"uri", file_uri(vale)}}}})) == -32602);
  CHECK(error_code_of(client.request("textDocument/hover",
                                     {{"textDocument", {{"uri", file_uri(vale)}}},
                                      {"position", {{"line", -1}, {"character", 0}}}})) == -32602);
  CHECK(error_code_of(client.request("textDocument/hover",
                                     {{"textDocument", {{"uri", 5}}},
                                      {"position", {{"line", 0}, {"character", 0}}}})) == -32602);
  CHECK(error_code_of(client.request("workspace/symbol", json::object())) == -32602);
  CHECK(error_code_of(client.request("textDocument/rename",
                                     {{"textDocument", {{"uri", file_uri(vale)}}},
                                      {"position", {{"line", 0}, {"character", 0}}}})) == -32602);
  CHECK(error_code_of(client.request("spdl/evaluate", {{"textDocument", {{"uri", file_uri(vale)}}},
                                                       {"scheme", 3}})) == -32602);
  // "params": 3 is neither an object nor an array.
  client.raw(
      frame("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"textDocument/hover\",\"params\":3}"));
  CHECK(error_code_of(client.messages.back()) == -32602);
}

TEST_CASE("errors: a position past the end of the document is not an error", "[lsp][errors]") {
  TestClient client;
  const std::string text = read_file(vale);
  client.open(file_uri(vale), text);
  for (const Position p :
       {Position{100000, 0}, Position{0, 100000}, Position{2147483647, 2147483647}}) {
    const json response = client.request("textDocument/hover", text_position(file_uri(vale), p));
    CHECK(response.contains("result"));
    const json definition =
        client.request("textDocument/definition", text_position(file_uri(vale), p));
    CHECK(definition.contains("result"));
  }
}

TEST_CASE("the server's loop: a whole session on in-memory streams", "[lsp][lifecycle]") {
  const std::string text = read_file(vale);
  auto message = [](const json& m) { return frame(dump(m)); };
  std::string session =
      message({{"jsonrpc", "2.0"},
               {"id", 1},
               {"method", "initialize"},
               {"params", {{"capabilities", json::object()}}}}) +
      message({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}) +
      message({{"jsonrpc", "2.0"},
               {"method", "textDocument/didOpen"},
               {"params",
                {{"textDocument",
                  {{"uri", file_uri(vale)},
                   {"languageId", "spdl"},
                   {"version", 1},
                   {"text", text}}}}}}) +
      "Content-Length: nine\r\n\r\n" +
      message(
          {{"jsonrpc", "2.0"},
           {"id", 2},
           {"method", "textDocument/hover"},
           {"params", text_position(file_uri(vale), position_of(text, "urban_threshold", 1))}}) +
      message({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}}) +
      message({{"jsonrpc", "2.0"}, {"method", "exit"}});
  std::istringstream in(session);
  std::ostringstream out;
  const int code = run_server(in, out, ServerOptions{source_dir, std::chrono::milliseconds(0)});
  CHECK(code == 0);

  std::istringstream sent(out.str());
  MessageReader reader(sent);
  std::vector<json> messages;
  for (Frame f = reader.next(); f.kind == Frame::Kind::message; f = reader.next())
    messages.push_back(json::parse(f.text));
  REQUIRE(messages.size() == 5);
  CHECK(messages[0]["id"] == 1);
  CHECK(messages[1]["method"] == "textDocument/publishDiagnostics");
  CHECK(messages[1]["params"]["diagnostics"] == json::array());
  CHECK(messages[2]["error"]["code"] == -32700);
  CHECK(messages[3]["id"] == 2);
  CHECK(messages[3]["result"]["contents"]["value"].get<std::string>().find("[H16 (i); SPG 4.1]") !=
        std::string::npos);
  CHECK(messages[4]["id"] == 3);
}
