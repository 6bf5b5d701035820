#pragma once
// The types of spdl values, as the checker infers them.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "spdl/lang/base/units.hpp"

namespace spdl {

enum class TypeKind : std::uint8_t {
  error,  // already reported: suppresses follow-on errors
  boolean,
  number,  // with a unit (dimensionless for plain numbers and percentages)
  date,
  text,
  enumeration,  // ref: index of the enumeration
  record,       // ref: index of the record type (a row of a list or a table)
  list,         // element, unit and ref describe the element
  set,          // some members of the enumeration ref (any_enumeration: `[]`, no members yet)
};

// The `ref` of the empty set `[]`, which fits a set of any enumeration.
inline constexpr std::uint32_t any_enumeration = 0xFFFFFFFF;

struct Type {
  TypeKind kind = TypeKind::error;
  TypeKind element = TypeKind::error;
  Unit unit;
  std::uint32_t ref = 0;

  static Type error() { return {}; }
  static Type boolean() { return {TypeKind::boolean, TypeKind::error, {}, 0}; }
  static Type number(Unit u) { return {TypeKind::number, TypeKind::error, u, 0}; }
  static Type date() { return {TypeKind::date, TypeKind::error, {}, 0}; }
  static Type text() { return {TypeKind::text, TypeKind::error, {}, 0}; }
  static Type enumeration(std::uint32_t e) {
    return {TypeKind::enumeration, TypeKind::error, {}, e};
  }
  static Type record(std::uint32_t r) { return {TypeKind::record, TypeKind::error, {}, r}; }
  static Type set_of(std::uint32_t e) { return {TypeKind::set, TypeKind::enumeration, {}, e}; }
  static Type list_of(const Type& element) {
    return {TypeKind::list, element.kind, element.unit, element.ref};
  }

  Type element_type() const { return {element, TypeKind::error, unit, ref}; }
  bool is_error() const {
    return kind == TypeKind::error || (kind == TypeKind::list && element == TypeKind::error);
  }
  bool is_number() const { return kind == TypeKind::number; }
  bool is_boolean() const { return kind == TypeKind::boolean; }

  // Values of the two types can be compared or be the two branches of an `if`.
  bool compatible(const Type& other) const {
    if (kind != other.kind) return false;
    switch (kind) {
      case TypeKind::number:
        return unit.commensurable(other.unit);
      case TypeKind::enumeration:
      case TypeKind::record:
        return ref == other.ref;
      case TypeKind::list:
        return element_type().compatible(other.element_type());
      case TypeKind::set:
        return ref == other.ref || ref == any_enumeration || other.ref == any_enumeration;
      default:
        return true;
    }
  }

  // A list of members written in a rule, `[early, late]`, is a set of them.
  bool is_member_list() const { return kind == TypeKind::list && element == TypeKind::enumeration; }
  bool is_set() const { return kind == TypeKind::set; }

  bool operator==(const Type& other) const = default;
};

// The type of each expression, by ExprId. A ruleset has a few dozen distinct types among tens of
// thousands of expressions, so each distinct type is kept once and an expression holds its
// index: two bytes an expression where a Type takes sixteen (four past 65,536 distinct types).
class ExprTypes {
 public:
  void assign(std::size_t count, const Type& type);
  const Type& operator[](std::uint32_t expr) const {
    return types_[!tiny_.empty() ? tiny_[expr] : wide_.empty() ? narrow_[expr] : wide_[expr]];
  }
  void set(std::uint32_t expr, const Type& type);
  std::size_t size() const {
    return !tiny_.empty() ? tiny_.size() : wide_.empty() ? narrow_.size() : wide_.size();
  }
  // Frees the index of distinct types, once the checker is done (set() rebuilds it if needed),
  // and keeps each expression's type in one byte when there are at most 256 distinct types.
  void shrink_to_fit();

 private:
  std::uint32_t intern(const Type& type);

  std::vector<Type> types_;
  std::vector<std::uint16_t> narrow_;
  std::vector<std::uint8_t> tiny_;  // after shrink_to_fit, when the types fit: narrow_ is empty
  std::vector<std::uint32_t> wide_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index_;  // by hash: candidates
};

}  // namespace spdl
