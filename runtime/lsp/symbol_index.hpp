#pragma once
// Where each name of a loaded ruleset is declared and where it is used, in every file the load
// read: what hover, go to definition, references, rename, outline and completion read.
//
// Names are keyed as the checker scopes them: values (inputs, parameters, rules, tables, shares,
// checks, policies) and types (enumerations, records) each share one namespace across the files
// of a load; an exception is named by its rule and label, a member by its enumeration, a field by
// its record (a table's columns by "<table> row"), a share by its group. A name in an expression
// takes the checker's resolution when there is one (a checked or partly checked ruleset), else
// the declaration of that name in the load, so navigation keeps working while a file has errors.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/check/checked.hpp"

namespace spdl::lsp {

enum class Namespace : std::uint8_t { value, type, exception, member, field, part };

struct SymbolKey {
  Namespace space = Namespace::value;
  std::string owner;  // the rule, enumeration, record or shares group; "" for values and types
  std::string name;

  auto operator<=>(const SymbolKey&) const = default;
};

enum class DeclarationKind : std::uint8_t {
  input,
  parameter,
  rule,
  exception,
  check,
  condition,  // to be secured by legal agreement or planning condition
  table,
  enumeration,
  record,
  shares,
  policy,
  member,
  field,   // of a record
  column,  // of a table
  part,    // of a shares group
};
const char* declaration_kind_name(DeclarationKind kind);

struct Declaration {
  std::uint32_t key = 0;
  DeclarationKind kind = DeclarationKind::rule;
  std::uint32_t module = 0;  // in Load::modules
  Span name_span;
  Span span;                        // the whole declaration (a sub-item: its own line)
  const ast::Decl* decl = nullptr;  // the declaration, or the one that holds the sub-item
  const ast::ExceptionClause* exception = nullptr;
  const ast::EnumMember* member = nullptr;
  const ast::FieldDecl* field = nullptr;
  const ast::SharePart* part = nullptr;
  bool is_override = false;
  const std::optional<ast::Citation>* citation = nullptr;
};

struct Occurrence {
  FileId file = no_file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t key = 0;
  bool declaration = false;
};

struct CitationSite {
  Span span;
  std::string text;
  std::uint32_t declaration = 0;
};

// A module named by `use` or `amends`.
struct ModuleReference {
  Span span;
  std::uint32_t module = 0;
};

class SymbolIndex {
 public:
  SymbolIndex(const Load& load, const CheckedRuleset* checked);

  const SymbolKey& key(std::uint32_t k) const { return keys_[k]; }
  std::optional<std::uint32_t> find_key(const SymbolKey& key) const;

  // Every declaration, in the order the checker applies them: the ruleset amended first, then
  // the modules used, then the file's own, so the last of a name is the one in force.
  const std::vector<Declaration>& declarations() const { return declarations_; }
  std::vector<std::uint32_t> declarations_of(std::uint32_t key) const;
  const Declaration* in_force(std::uint32_t key) const;
  // The declaration an `override` replaces, if any.
  const Declaration* replaced_by(const Declaration& override_declaration) const;

  // Declarations, references, citations and module names at a byte offset (a cursor just after
  // a name still counts as on it).
  const Occurrence* occurrence_at(FileId file, std::uint32_t offset) const;
  const CitationSite* citation_at(FileId file, std::uint32_t offset) const;
  const ModuleReference* module_at(FileId file, std::uint32_t offset) const;

  const std::vector<Occurrence>& occurrences() const { return occurrences_; }
  const std::vector<CitationSite>& citations() const { return citations_; }
  std::vector<const Occurrence*> occurrences_of(std::uint32_t key) const;

 private:
  std::uint32_t intern(SymbolKey key);
  void add_declaration(Declaration d, const SymbolKey& key);
  void add_reference(FileId file, std::uint32_t begin, std::uint32_t end, const SymbolKey& key);

  std::vector<SymbolKey> keys_;
  std::map<SymbolKey, std::uint32_t> key_ids_;
  std::vector<Declaration> declarations_;
  std::multimap<std::uint32_t, std::uint32_t> by_key_;  // key -> declaration
  std::vector<Occurrence> occurrences_;                 // sorted by file and offset
  std::vector<CitationSite> citations_;                 // sorted likewise
  std::vector<ModuleReference> modules_;

  friend class IndexBuilder;
};

}  // namespace spdl::lsp
