// The interpreter's operations on lists and tables: aggregations over a list's rows (count, sum,
// min, max, all, any, with `where`), a table's cells, and a row's fields. They follow the
// evaluator's rule for unknowns and errors: a row that is not known makes the result unknown
// unless the rows that are known already decide it.

#include <fmt/format.h>

#include <algorithm>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

Value Evaluator::aggregate(const Instruction& in, std::uint32_t at) {
  const AggregateStep& step = program_->aggregates[in.b];
  const std::vector<std::vector<Value>>* rows = nullptr;
  if (step.from_table) {
    rows = &program_->tables[step.list].rows;
  } else {
    const Value& given = out_.slots_[program_->input_slots[step.list]];
    if (!given.known()) return given;  // the list itself is missing
    rows = &scheme_->lists[step.list];
  }
  Rational total;
  std::size_t counted = 0;
  std::optional<Rational> extreme;
  std::vector<const Value*> undecided;
  std::vector<Value> kept;  // unknown values outlive the slots they came from
  kept.reserve(rows->size() * 2);
  bool decided = false;
  for (const auto& row : *rows) {
    rows_.push_back({&row, step.list, step.from_table, step.record});
    struct Pop {
      std::vector<Row>& rows;
      ~Pop() { rows.pop_back(); }
    } pop{rows_};
    if (step.filter) {
      run(step.filter->begin, step.filter->end);
      const Value& keep = out_.slots_[step.filter->result];
      if (keep.state == ValueState::error) return keep;
      if (keep.state == ValueState::unknown) {
        kept.push_back(keep);
        continue;
      }
      if (keep.aux == 0) continue;
    }
    Value item = Value::boolean(true);
    if (step.projection) {
      run(step.projection->begin, step.projection->end);
      item = out_.slots_[step.projection->result];
    }
    if (item.state == ValueState::error) return item;
    if (item.state == ValueState::unknown) {
      kept.push_back(item);
      continue;
    }
    switch (step.kind) {
      case Builtin::sum:
        total = total + item.number;
        break;
      case Builtin::count:
        ++counted;
        break;
      case Builtin::any:
        if (item.aux != 0) decided = true;
        break;
      case Builtin::all:
        if (item.aux == 0) decided = true;
        break;
      case Builtin::min_of:
        if (!extreme || item.number < *extreme) extreme = item.number;
        break;
      case Builtin::max_of:
        if (!extreme || item.number > *extreme) extreme = item.number;
        break;
      default:
        break;
    }
    if (decided) break;
    if (too_large(total)) return fail(at, "this total is too large to work with");
  }
  if (step.kind == Builtin::any && decided) return Value::boolean(true);
  if (step.kind == Builtin::all && decided) return Value::boolean(false);
  if (!kept.empty()) {
    for (const auto& v : kept) undecided.push_back(&v);
    return unknown_of(undecided);
  }
  switch (step.kind) {
    case Builtin::sum:
      return Value::of(total);
    case Builtin::count:
      return Value::of(Rational(static_cast<std::int64_t>(counted)));
    case Builtin::any:
      return Value::boolean(false);
    case Builtin::all:
      return Value::boolean(true);
    default:
      if (!extreme)
        return fail(at, fmt::format("there are no rows to take the {} of",
                                    step.kind == Builtin::min_of ? "minimum" : "maximum"));
      return Value::of(*extreme);
  }
}

Value Evaluator::lookup(const Instruction& in, std::uint32_t at) {
  const LookupStep& step = program_->lookups[in.b];
  const Value& key = out_.slots_[in.a];
  if (!key.known()) return key;
  for (const auto& row : program_->tables[step.table].rows) {
    if (!row.empty() && equal(row[0], key)) return row[step.field];
  }
  const auto& checked = *program_->checked;
  const auto& table = checked.tables[step.table];
  const Type& key_type = checked.records[table.record].fields[0].type;
  return fail(at, fmt::format("table `{}` has no row for {}", table.name,
                              display_known(key, key_type, checked,
                                            key.kind == ValueKind::text ? &text(key) : nullptr)));
}

Value Evaluator::field(const Instruction& in, std::uint32_t at) {
  const Row& row = rows_.back();
  const Value& v = (*row.fields)[in.b];
  if (v.known() || row.table) return v;
  // Left out by the scheme: the field's default, computed from the same row, or unknown.
  const auto& defaults = program_->field_defaults[row.record];
  if (in.b < defaults.size() && defaults[in.b]) {
    if (++default_depth_ > 16) {
      --default_depth_;
      return fail(at, "field defaults refer to each other in a circle");
    }
    run(defaults[in.b]->begin, defaults[in.b]->end);
    --default_depth_;
    return out_.slots_[defaults[in.b]->result];
  }
  return Value::missing(static_cast<std::uint32_t>(field_need_base_[row.list] + in.b));
}

}  // namespace spdl
