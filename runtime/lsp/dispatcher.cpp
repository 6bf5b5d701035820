#include "spdl/runtime/lsp/dispatcher.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "spdl/runtime/lsp/uri.hpp"
#include "spdl/version.hpp"

namespace spdl::lsp {

namespace {

// No message of the protocol nests deeper than a dozen levels; a deeper one is refused before
// it is parsed, so no copy or walk of it can exhaust the stack.
constexpr std::size_t most_nesting = 256;

bool nests_deeper_than(std::string_view body, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

json notification_message(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json capabilities() {
  return {
      {"positionEncoding", "utf-16"},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"completionProvider", {{"triggerCharacters", {"."}}, {"resolveProvider", false}}},
      {"documentFormattingProvider", true},
      {"renameProvider", {{"prepareProvider", true}}},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
      {"experimental", {{"spdlEvaluate", true}}},
  };
}

// A path from initialize's rootUri, rootPath or first workspace folder.
std::optional<std::filesystem::path> root_of(const json& params) {
  if (const auto uri = string_member(params, "rootUri")) {
    if (auto path = path_from_uri(*uri)) return path;
  }
  if (const json* folders = member(params, "workspaceFolders"); folders && folders->is_array()) {
    for (const auto& folder : *folders) {
      if (const auto uri = string_member(folder, "uri")) {
        if (auto path = path_from_uri(*uri)) return path;
      }
    }
  }
  if (const auto path = string_member(params, "rootPath"); path && !path->empty()) {
    const std::filesystem::path p(*path);
    if (p.is_absolute()) return p;
  }
  return std::nullopt;
}

bool flag_at(const json& object, std::initializer_list<const char*> keys) {
  const json* at = &object;
  for (const char* key : keys) {
    at = member(*at, key);
    if (at == nullptr) return false;
  }
  return at->is_boolean() && at->get<bool>();
}

}  // namespace

Server::Server(ServerOptions options, Send send)
    : options_(std::move(options)), send_(std::move(send)), workspace_(options_.home) {
  handlers_ = {
      {"textDocument/hover", &hover},
      {"textDocument/definition", &definition},
      {"textDocument/references", &references},
      {"textDocument/documentSymbol", &document_symbols},
      {"workspace/symbol", &workspace_symbols},
      {"textDocument/completion", &completion},
      {"textDocument/formatting", &formatting},
      {"textDocument/prepareRename", &prepare_rename},
      {"textDocument/rename", &rename},
      {"textDocument/codeAction", &code_actions},
      {"spdl/evaluate", &evaluate},
  };
}

void Server::refused(const std::string& why) {
  respond(nullptr, ResponseError{error_code::parse_error, "the message's header: " + why});
}

void Server::receive(std::string_view body, Clock::time_point now) {
  if (exited_) return;
  if (nests_deeper_than(body, most_nesting)) {
    respond(nullptr,
            ResponseError{error_code::parse_error,
                          fmt::format("the message nests deeper than {} levels", most_nesting)});
    return;
  }
  const json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    respond(nullptr,
            ResponseError{error_code::parse_error, "the message is not JSON (or not valid UTF-8)"});
    return;
  }
  dispatch(message, now);
}

void Server::dispatch(const json& message, Clock::time_point now) {
  auto invalid = [&](const json& id, std::string why) {
    respond(id, ResponseError{error_code::invalid_request, std::move(why)});
  };
  if (message.is_array())
    return invalid(nullptr, "a batch (an array of messages) is not supported");
  if (!message.is_object()) return invalid(nullptr, "a message is a JSON object");
  const json* id = member(message, "id");
  const bool id_ok = id != nullptr && (id->is_string() || id->is_number_integer());
  const json reply_id = id_ok ? *id : json(nullptr);
  const json* method = member(message, "method");
  if (method == nullptr) {
    // A response to a request of ours (the server sends none): nothing to do.
    if (member(message, "result") != nullptr || member(message, "error") != nullptr) return;
    return invalid(reply_id, "a message needs a method");
  }
  if (!method->is_string()) return invalid(reply_id, "method must be a string");
  if (string_member(message, "jsonrpc") != std::optional<std::string>("2.0"))
    return invalid(reply_id, "jsonrpc must be \"2.0\"");
  if (id != nullptr && !id_ok) return invalid(nullptr, "id must be a string or an integer");
  const json* params = member(message, "params");
  if (params != nullptr && params->is_null()) params = nullptr;  // as good as absent
  const json no_params = json::object();
  if (params != nullptr && !params->is_object() && !params->is_array()) {
    if (id != nullptr) respond(reply_id, invalid_params("params must be an object or an array"));
    return;
  }
  const json& arguments = params != nullptr ? *params : no_params;
  if (id == nullptr) {
    notification(method->get<std::string>(), arguments, now);
    return;
  }
  respond(reply_id, request(method->get<std::string>(), arguments));
}

Reply Server::request(const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) return ResponseError{error_code::invalid_request, "initialize came twice"};
    return initialize(params);
  }
  if (!initialized_) {
    return ResponseError{error_code::server_not_initialized,
                         fmt::format("`{}` before initialize: send initialize first", method)};
  }
  if (shutdown_) {
    return ResponseError{error_code::invalid_request,
                         fmt::format("`{}` after shutdown: only exit may follow", method)};
  }
  if (method == "shutdown") {
    shutdown_ = true;
    return json(nullptr);
  }
  const auto it = handlers_.find(method);
  if (it == handlers_.end())
    return ResponseError{error_code::method_not_found, fmt::format("no method `{}`", method)};
  try {
    return it->second(session_, params);
  } catch (const std::exception& e) {
    // Every feature answers with values; reaching here is a bug in the server.
    return ResponseError{error_code::internal_error, fmt::format("internal error: {}", e.what())};
  }
}

Reply Server::initialize(const json& params) {
  initialized_ = true;
  workspace_.set_root(root_of(params));
  if (const json* caps = member(params, "capabilities")) {
    client_.hierarchical_symbols =
        flag_at(*caps, {"textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"});
    client_.related_information =
        flag_at(*caps, {"textDocument", "publishDiagnostics", "relatedInformation"});
  }
  return json{{"capabilities", capabilities()},
              {"serverInfo", {{"name", "spdl"}, {"version", SPDL_VERSION_STRING}}}};
}

void Server::notification(const std::string& method, const json& params, Clock::time_point now) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;  // dropped, as the protocol says
  try {
    if (method == "textDocument/didOpen") {
      did_open(params, now);
    } else if (method == "textDocument/didChange") {
      did_change(params, now);
    } else if (method == "textDocument/didClose") {
      did_close(params, now);
    } else if (method == "workspace/didChangeWatchedFiles") {
      for (const Document* document : workspace_.documents().all()) {
        workspace_.invalidate(document->uri());
        due_[document->uri()] = now;
      }
    }
  } catch (const std::exception& e) {
    send_(notification_message(
        "window/logMessage",
        {{"type", 1},
         {"message", fmt::format("spdl: internal error in {}: {}", method, e.what())}}));
  }
}

void Server::respond(const json& id, const Reply& reply) {
  json message = {{"jsonrpc", "2.0"}, {"id", id}};
  if (const auto* error = std::get_if<ResponseError>(&reply)) {
    message["error"] = {{"code", error->code}, {"message", error->message}};
  } else {
    message["result"] = std::get<json>(reply);
  }
  send_(message);
}

void Server::publish(const std::string& uri) {
  const auto analysis = workspace_.current(uri);
  if (!analysis) return;
  send_(notification_message("textDocument/publishDiagnostics",
                             diagnostics_params(session_, *analysis)));
}

void Server::changed(const std::string& uri, Clock::time_point due) {
  due_[uri] = due;
  const Document* document = workspace_.documents().find(uri);
  if (document == nullptr || !document->path()) return;
  for (const auto& dependent : workspace_.dependents(*document->path())) {
    workspace_.invalidate(dependent);
    due_[dependent] = due;
  }
}

void Server::did_open(const json& params, Clock::time_point now) {
  const json* document = member(params, "textDocument");
  const auto uri = document ? string_member(*document, "uri") : std::nullopt;
  const auto text = document ? string_member(*document, "text") : std::nullopt;
  if (!uri || !text) {
    send_(notification_message(
        "window/logMessage",
        {{"type", 2}, {"message", "spdl: didOpen without textDocument.uri and .text: ignored"}}));
    return;
  }
  std::int64_t version = 0;
  if (const json* v = member(*document, "version"); v && v->is_number_integer())
    version = v->get<std::int64_t>();
  workspace_.documents().open(*uri, version, *text);
  // Any other open document may read this file now, even one that could not find it before (a
  // new module): all are analysed again, which opening a file is rare enough to afford.
  for (const Document* other : workspace_.documents().all()) {
    if (other->uri() == *uri) continue;
    workspace_.invalidate(other->uri());
    due_[other->uri()] = now;
  }
  due_.erase(*uri);
  publish(*uri);
}

void Server::did_change(const json& params, Clock::time_point now) {
  const auto uri = document_uri(params);
  Document* document = uri ? workspace_.documents().find(*uri) : nullptr;
  const json* changes = member(params, "contentChanges");
  if (document == nullptr || changes == nullptr || !changes->is_array()) {
    send_(notification_message(
        "window/logMessage",
        {{"type", 2},
         {"message",
          "spdl: didChange for a document that is not open, or without contentChanges: "
          "ignored"}}));
    return;
  }
  std::int64_t version = document->version();
  if (const json* v = member(*member(params, "textDocument"), "version");
      v && v->is_number_integer())
    version = v->get<std::int64_t>();
  for (const auto& change : *changes) {
    const auto text = string_member(change, "text");
    if (!text) continue;
    const json* range = member(change, "range");
    if (range != nullptr) {
      if (const auto r = read_range(*range)) document->splice(version, *r, *text);
    } else {
      document->replace(version, *text);
    }
  }
  workspace_.documents().changed(*document);
  changed(*uri, now + options_.debounce);
}

void Server::did_close(const json& params, Clock::time_point now) {
  const auto uri = document_uri(params);
  if (!uri || workspace_.documents().find(*uri) == nullptr) return;
  const Document* document = workspace_.documents().find(*uri);
  const auto path = document->path();
  workspace_.documents().close(*uri);
  workspace_.forget(*uri);
  due_.erase(*uri);
  send_(notification_message("textDocument/publishDiagnostics",
                             {{"uri", *uri}, {"diagnostics", json::array()}}));
  if (path) {
    for (const auto& dependent : workspace_.dependents(*path)) {
      workspace_.invalidate(dependent);
      due_[dependent] = now;
    }
  }
}

void Server::publish_due(Clock::time_point now) {
  std::vector<std::string> ready;
  for (const auto& [uri, due] : due_) {
    if (due <= now) ready.push_back(uri);
  }
  for (const auto& uri : ready) {
    due_.erase(uri);
    if (workspace_.documents().find(uri) != nullptr) publish(uri);
  }
}

std::optional<Clock::time_point> Server::next_due() const {
  if (due_.empty()) return std::nullopt;
  return std::min_element(due_.begin(), due_.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->second;
}

}  // namespace spdl::lsp
