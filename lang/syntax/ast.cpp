#include "spdl/lang/syntax/ast.hpp"

#include <type_traits>
#include <utility>

#include "spdl/lang/base/date.hpp"

namespace spdl::ast {

NameId NameTable::intern(std::string_view name) {
  const auto it = index_.find(std::string(name));
  if (it != index_.end()) return it->second;
  const auto id = static_cast<NameId>(names_.size());
  names_.emplace_back(name);
  index_.emplace(names_.back(), id);
  return id;
}

namespace {

// Every kind of declaration is a DeclCommon. A test of the index per kind, not std::visit: past
// eleven alternatives libstdc++ visits through a table of function pointers, which the checker's
// walks over every declaration feel.
template <typename Variant, std::size_t... I>
auto* common_of(Variant& d, std::index_sequence<I...>) {
  using Common = std::conditional_t<std::is_const_v<Variant>, const DeclCommon, DeclCommon>;
  Common* out = nullptr;
  (void)((d.index() == I ? (out = std::get_if<I>(&d), true) : false) || ...);
  return out;
}

}  // namespace

const DeclCommon& common(const Decl& d) {
  return *common_of(d, std::make_index_sequence<std::variant_size_v<Decl>>());
}

DeclCommon& common(Decl& d) {
  return *common_of(d, std::make_index_sequence<std::variant_size_v<Decl>>());
}

DeclKind kind_of(const Decl& d) {
  return static_cast<DeclKind>(d.index());
}

const char* kind_name(DeclKind k) {
  switch (k) {
    case DeclKind::input:
      return "input";
    case DeclKind::parameter:
      return "parameter";
    case DeclKind::rule:
      return "rule";
    case DeclKind::exception:
      return "exception";
    case DeclKind::check:
      return "check";
    case DeclKind::condition:
      return "condition";
    case DeclKind::table:
      return "table";
    case DeclKind::enumeration:
      return "enum";
    case DeclKind::record:
      return "record";
    case DeclKind::shares:
      return "shares";
    case DeclKind::policy:
      return "policy";
    case DeclKind::remove:
      return "remove";
  }
  return "declaration";
}

std::string event_text(const DatedEvent& event) {
  if (event.until)
    return event.kind + " " + format_date(event.date) + " to " + format_date(*event.until);
  const std::string day = format_date(event.date);
  const std::string when = event.month_only ? day.substr(0, 7) : day;
  if (event.kind == "material") return "a material consideration from " + when;
  return event.kind + " " + when;
}

const char* status_name(Status s) {
  switch (s) {
    case Status::draft:
      return "draft";
    case Status::consultation:
      return "consultation";
    case Status::adopted:
      return "adopted";
    case Status::superseded:
      return "superseded";
    case Status::withdrawn:
      return "withdrawn";
  }
  return "draft";
}

}  // namespace spdl::ast
