#pragma once
// What the server answers, one file a feature (diagnostics.cpp, hover.cpp, navigation.cpp,
// symbols.cpp, completion.cpp, formatting.cpp, rename.cpp, code_actions.cpp, evaluate.cpp).
// Each takes a request's params and gives its result or a protocol error; none throws.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "spdl/runtime/lsp/analysis.hpp"
#include "spdl/runtime/lsp/protocol.hpp"

namespace spdl::lsp {

// What the client said it can show, in `initialize`.
struct ClientCapabilities {
  bool hierarchical_symbols = false;  // DocumentSymbol[] rather than SymbolInformation[]
  bool related_information = false;   // diagnostics' relatedInformation
};

struct Session {
  Workspace& workspace;
  const ClientCapabilities& client;
};

// ---- shared by the features (session.cpp)

// A request's document and position: the document's current analysis and the byte offset.
struct Cursor {
  const Document* document = nullptr;
  std::shared_ptr<const Analysis> analysis;
  std::uint32_t offset = 0;
};
std::variant<Cursor, ResponseError> cursor_at(Session& session, const json& params);
// The same without a position (offset 0).
std::variant<Cursor, ResponseError> document_of(Session& session, const json& params);

Range range_in(const Analysis& analysis, Span span);
json location_of(Session& session, const Analysis& analysis, Span span);
// The declaration an occurrence stands for: the one written there, or the one in force.
const Declaration* declaration_at(const SymbolIndex& index, const Occurrence& occurrence);
// "vale.first_draft_2004" or the file's name: how a file of the load is named in messages.
std::string module_label(const Analysis& analysis, std::uint32_t module);

// Every place a name is declared or used, in every file of the project that reaches the same
// declaration (through `use` or `amends`), each place once.
struct Site {
  std::string uri;
  Range range;
  bool declaration = false;
};
std::vector<Site> sites_everywhere(Session& session, const Analysis& analysis, const SymbolKey& key,
                                   bool with_declarations);

// ---- diagnostics.cpp

// publishDiagnostics' params for an analysis of an open document.
json diagnostics_params(Session& session, const Analysis& analysis);
// A did-you-mean hint as an edit: the misspelt word in the diagnostic's span and its suggestion.
struct Suggestion {
  Span span;
  std::string replacement;
};
std::optional<Suggestion> did_you_mean(const Diagnostic& diagnostic, const SourceSet& sources);
// One spdl diagnostic in LSP form, placed in `analysis`'s own file.
json diagnostic_json(Session& session, const Analysis& analysis, const Diagnostic& diagnostic);

// ---- hover.cpp
// A declaration in a few words for a list: "dwellings", "= 15 dwellings [H16 (i)]".
std::string declaration_detail(Session& session, const Analysis& analysis, const Declaration& d);

// ---- the requests
Reply hover(Session& session, const json& params);
Reply definition(Session& session, const json& params);
Reply references(Session& session, const json& params);
Reply document_symbols(Session& session, const json& params);
Reply workspace_symbols(Session& session, const json& params);
Reply completion(Session& session, const json& params);
Reply formatting(Session& session, const json& params);
Reply prepare_rename(Session& session, const json& params);
Reply rename(Session& session, const json& params);
Reply code_actions(Session& session, const json& params);
// spdl/evaluate: {textDocument: {uri}, scheme: {...} or "path"} -> the report, as
// `spdl eval --format json` prints it.
Reply evaluate(Session& session, const json& params);

}  // namespace spdl::lsp
