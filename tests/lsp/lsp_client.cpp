#include "lsp_client.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "spdl/runtime/lsp/transport.hpp"
#include "spdl/runtime/lsp/uri.hpp"

namespace spdl::lsp::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string file_uri(const std::filesystem::path& path) {
  return uri_from_path(path);
}

TestClient::TestClient(ClientOptions options)
    : server(ServerOptions{source_dir, options.debounce},
             [this](const json& message) { MessageWriter(out_).write(dump(message)); }) {
  if (!options.initialize) return;
  json capabilities = {
      {"textDocument",
       {{"publishDiagnostics", {{"relatedInformation", options.related_information}}},
        {"documentSymbol",
         {{"hierarchicalDocumentSymbolSupport", options.hierarchical_symbols}}}}}};
  request(
      "initialize",
      {{"processId", nullptr}, {"rootUri", file_uri(source_dir)}, {"capabilities", capabilities}});
  notify("initialized", json::object());
}

void TestClient::pump(const std::string& bytes) {
  std::istringstream in(bytes);
  MessageReader reader(in);
  for (Frame frame = reader.next(); frame.kind != Frame::Kind::end; frame = reader.next()) {
    if (frame.kind == Frame::Kind::refused) {
      server.refused(frame.text);
    } else {
      server.receive(frame.text, now_);
    }
  }
  // As the server's loop does once no message is waiting.
  server.publish_due(now_);
  std::istringstream sent(out_.str());
  out_.str("");
  MessageReader back(sent);
  for (Frame frame = back.next(); frame.kind != Frame::Kind::end; frame = back.next()) {
    if (frame.kind != Frame::Kind::message) throw std::runtime_error("the server sent a bad frame");
    messages.push_back(json::parse(frame.text));
  }
}

void TestClient::raw(const std::string& bytes) {
  pump(bytes);
}

void TestClient::advance(std::chrono::milliseconds by) {
  now_ += by;
  pump("");
}

json TestClient::request(const std::string& method, const json& params) {
  const int id = next_id_++;
  const std::size_t before = messages.size();
  pump(frame(dump({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}})));
  for (std::size_t i = before; i < messages.size(); ++i) {
    if (messages[i].contains("id") && messages[i]["id"] == id) return messages[i];
  }
  throw std::runtime_error("no response to " + method);
}

json TestClient::result(const std::string& method, const json& params) {
  const json response = request(method, params);
  if (!response.contains("result"))
    throw std::runtime_error(method + " failed: " + response.dump());
  return response["result"];
}

void TestClient::notify(const std::string& method, const json& params) {
  pump(frame(dump({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}})));
}

void TestClient::open(const std::string& uri, const std::string& text, int version) {
  notify("textDocument/didOpen",
         {{"textDocument",
           {{"uri", uri}, {"languageId", "spdl"}, {"version", version}, {"text", text}}}});
}

void TestClient::change(const std::string& uri, const std::string& text, int version) {
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                    {"contentChanges", json::array({{{"text", text}}})}});
}

json TestClient::diagnostics(const std::string& uri) const {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->value("method", "") == "textDocument/publishDiagnostics" &&
        (*it)["params"]["uri"] == uri)
      return (*it)["params"];
  }
  return nullptr;
}

std::size_t TestClient::publications(const std::string& uri) const {
  std::size_t n = 0;
  for (const auto& m : messages) {
    if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
      ++n;
  }
  return n;
}

Position position_of(const std::string& text, const std::string& needle, int nth) {
  std::size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  if (at == std::string::npos) throw std::runtime_error("not in the text: " + needle);
  Position p;
  for (std::size_t i = 0; i < at; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.character = 0;
    } else if ((c & 0xC0) != 0x80) {
      // A character's first byte: one UTF-16 unit, two for a four-byte character.
      p.character += c >= 0xF0 ? 2 : 1;
    }
  }
  return p;
}

json text_position(const std::string& uri, Position at) {
  return {{"textDocument", {{"uri", uri}}}, {"position", to_json(at)}};
}

int line_starting(const std::string& text, const std::string& prefix) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    if (text.compare(start, prefix.size(), prefix) == 0) return line;
    const auto next = text.find('\n', start);
    if (next == std::string::npos) break;
    start = next + 1;
    ++line;
  }
  return 0;
}

}  // namespace spdl::lsp::testing
