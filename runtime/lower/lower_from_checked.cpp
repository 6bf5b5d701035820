#include "spdl/runtime/lower/lower_from_checked.hpp"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

namespace {

using Row = std::optional<std::uint32_t>;

class Lowering {
 public:
  Lowering(std::shared_ptr<const CheckedRuleset> checked, Diagnostics& diagnostics,
           const ParameterOverrides& overrides)
      : c_(*checked),
        ast_(checked->ast()),
        diags_(diagnostics),
        overrides_(overrides),
        p_(std::make_shared<Program>()) {
    p_->checked = std::move(checked);
  }

  std::shared_ptr<const Program> run() {
    p_->expr_slots.assign(ast_.exprs.size(), no_slot);
    p_->parameter_slots.assign(c_.parameters.size(), no_slot);
    p_->rule_slots.assign(c_.rules.size(), no_slot);
    list_parameters_.assign(c_.parameters.size(), {});

    // Setup: parameters (in dependency order) and the cells of tables.
    open();
    shares_whole_.assign(c_.shares.size(), no_slot);
    for (const auto& v : c_.order) {
      if (v.kind == SymbolKind::parameter) lower_parameter(v.index);
    }
    // What each shares group is of, for the apportionments that divide by it.
    for (std::uint32_t g = 0; g < c_.shares.size(); ++g) whole_of(g);
    for (const auto& input : c_.inputs) {
      const ast::ExprId d = input.decl->default_value;
      p_->input_defaults.push_back(d == ast::no_expr ? no_slot : lower(d, std::nullopt));
    }
    std::vector<std::vector<std::vector<SlotId>>> cells(c_.tables.size());
    for (std::uint32_t t = 0; t < c_.tables.size(); ++t) {
      for (const auto& row : c_.tables[t].decl->rows) {
        cells[t].emplace_back();
        for (const auto cell : row.cells) cells[t].back().push_back(lower(cell, std::nullopt));
      }
    }
    p_->setup = close(no_slot);
    setup_slots_ = p_->slot_count;

    for (std::uint32_t i = 0; i < c_.inputs.size(); ++i) p_->input_slots.push_back(new_slot());
    p_->field_defaults.resize(c_.records.size());
    for (std::uint32_t r = 0; r < c_.records.size(); ++r) {
      for (const auto& f : c_.records[r].fields) {
        if (f.default_value == ast::no_expr) {
          p_->field_defaults[r].emplace_back();
          continue;
        }
        open();
        const SlotId result = lower(f.default_value, r);
        p_->field_defaults[r].push_back(close(result));
      }
    }

    // Main: rules in dependency order, then what checks and policies need.
    open();
    for (const auto& v : c_.order) {
      if (v.kind == SymbolKind::rule) lower_rule(v.index);
    }
    for (const auto& check : c_.checks) {
      p_->check_applies.push_back(
          check.decl->applies == ast::no_expr ? no_slot : lower(check.decl->applies, std::nullopt));
      p_->check_requirement.push_back(lower(check.decl->requirement, std::nullopt));
      std::vector<SlotId> holes;
      for (const auto& part : check.decl->message) {
        if (part.expr != ast::no_expr) holes.push_back(lower(part.expr, std::nullopt));
      }
      p_->check_message.push_back(std::move(holes));
    }
    for (const auto& policy : c_.policies) {
      p_->policy_applies.push_back(policy.decl->applies == ast::no_expr
                                       ? no_slot
                                       : lower(policy.decl->applies, std::nullopt));
    }
    for (const auto& condition : c_.conditions) {
      p_->condition_applies.push_back(condition.decl->applies == ast::no_expr
                                          ? no_slot
                                          : lower(condition.decl->applies, std::nullopt));
      std::vector<SlotId> holes;
      for (const auto& part : condition.decl->text) {
        if (part.expr != ast::no_expr) holes.push_back(lower(part.expr, std::nullopt));
      }
      p_->condition_text.push_back(std::move(holes));
    }
    p_->main = close(no_slot);

    // The literals, for setup to read (constant() numbers slots in ascending order).
    p_->initial_slots.assign({}, std::move(constants_), p_->slot_count);
    return compute_constants(cells) ? p_ : nullptr;
  }

 private:
  struct Buffer {
    std::vector<Instruction> code;
    std::vector<std::uint32_t> where;  // as Program::where
  };

  SlotId new_slot() { return p_->slot_count++; }

  SlotId constant(Value v) {
    const SlotId s = new_slot();
    constants_.emplace_back(s, std::move(v));
    return s;
  }

  // An instruction that computes expression `id`: errors in it point there.
  SlotId emit(Opcode op, ast::ExprId id, SlotId a = no_slot, SlotId b = no_slot, SlotId c = no_slot,
              std::uint8_t imm = 0) {
    return emit_at(op, id, a, b, c, imm);
  }

  // One that computes no expression of its own (a rule's outcome, a share's remainder): errors
  // point at the declaration's span.
  SlotId emit(Opcode op, Span span, SlotId a = no_slot, SlotId b = no_slot, SlotId c = no_slot) {
    p_->declaration_spans.push_back(span);
    return emit_at(op,
                   Program::declaration_span_flag |
                       static_cast<std::uint32_t>(p_->declaration_spans.size() - 1),
                   a, b, c, 0);
  }

  SlotId emit_at(Opcode op, std::uint32_t where, SlotId a, SlotId b, SlotId c, std::uint8_t imm) {
    const SlotId dest = new_slot();
    buffers_.back().code.push_back({op, imm, dest, a, b, c});
    buffers_.back().where.push_back(where);
    return dest;
  }

  void open() { buffers_.emplace_back(); }

  // Blocks are contiguous: a block opened inside another (the filter of an aggregation) is
  // appended when it closes, before its parent, which refers to it by index.
  Block close(SlotId result) {
    Buffer b = std::move(buffers_.back());
    buffers_.pop_back();
    Block block{static_cast<std::uint32_t>(p_->code.size()), 0, result};
    p_->code.insert(p_->code.end(), b.code.begin(), b.code.end());
    p_->where.insert(p_->where.end(), b.where.begin(), b.where.end());
    block.end = static_cast<std::uint32_t>(p_->code.size());
    return block;
  }

  // The whole a shares group divides: its total, or 100%. Lowered once, in setup.
  SlotId whole_of(std::uint32_t group) {
    if (shares_whole_[group] == no_slot) {
      const ast::ExprId total = c_.shares[group].decl->total;
      shares_whole_[group] =
          total == ast::no_expr ? constant(Value::of(Rational(1))) : lower(total, std::nullopt);
    }
    return shares_whole_[group];
  }

  // A share's remainder: the whole less the exact parts and the minimums.
  SlotId lower_remainder(const CheckedParameter& param) {
    const auto group = static_cast<std::uint32_t>(param.shares);
    SlotId rest = whole_of(group);
    for (const auto& part : c_.shares[group].parts) {
      const std::int32_t taken = part.kind == ShareKind::exact ? part.value
                                 : part.kind == ShareKind::minimum || part.kind == ShareKind::range
                                     ? part.least
                                     : -1;
      if (taken < 0) continue;
      rest =
          emit(Opcode::sub, param.span, rest, p_->parameter_slots[static_cast<std::size_t>(taken)]);
    }
    return rest;
  }

  void lower_parameter(std::uint32_t index) {
    const auto& param = c_.parameters[index];
    if (param.remainder) {
      p_->parameter_slots[index] = lower_remainder(param);
      return;
    }
    if (param.type.kind == TypeKind::list) {
      // A list of values, used after `in`: each element gets its own slot.
      const ast::Expr& e = ast_[param.value];
      if (e.kind == ast::ExprKind::list) {
        for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i)
          list_parameters_[index].push_back(lower(ast_.arg(e, i), std::nullopt));
      } else if (e.kind == ast::ExprKind::name &&
                 c_.expr_symbol[param.value].kind == SymbolKind::parameter) {
        list_parameters_[index] = list_parameters_[c_.expr_symbol[param.value].index];
      }
      return;
    }
    // The override is a constant in the parameter's own slot, so everything lowered after it (in
    // dependency order) reads the new value, and the setup block computes from it.
    if (const auto it = overrides_.find(index); it != overrides_.end()) {
      p_->parameter_slots[index] = constant(it->second);
      return;
    }
    p_->parameter_slots[index] = lower(param.value, std::nullopt);
  }

  // A part of an apportioned rule: one instruction a part, all reading one step. The evaluator
  // divides the total once, for the first part it meets.
  void lower_apportioned(std::uint32_t index) {
    const auto& rule = c_.rules[index];
    const auto a = static_cast<std::uint32_t>(rule.apportionment);
    const auto& group = c_.apportionments[a];
    auto [it, fresh] = apportion_steps_.try_emplace(a, 0);
    if (fresh) {
      ApportionStep step;
      step.apportionment = a;
      const auto g = static_cast<std::uint32_t>(group.shares);
      step.whole = shares_whole_[g];
      for (const auto& part : c_.shares[g].parts) {
        ApportionShare share;
        share.kind = part.kind;
        const std::int32_t value = part.kind == ShareKind::range ? part.least : part.value;
        if (part.kind != ShareKind::remainder && value >= 0)
          share.value = p_->parameter_slots[static_cast<std::size_t>(value)];
        if (part.most >= 0) share.most = p_->parameter_slots[static_cast<std::size_t>(part.most)];
        step.shares.push_back(share);
      }
      p_->apportionments.push_back(std::move(step));
      it->second = static_cast<std::uint32_t>(p_->apportionments.size() - 1);
      apportion_totals_[a] = lower(group.total, std::nullopt);
    }
    ast::ExprId formula = rule.decl->value;
    while (ast_[formula].kind == ast::ExprKind::paren) formula = ast_[formula].a;
    p_->rule_slots[index] =
        emit(Opcode::apportion, formula, apportion_totals_[a], it->second, rule.part);
    if (rule.part == 0) p_->expr_slots[formula] = p_->rule_slots[index];
  }

  void lower_rule(std::uint32_t index) {
    const auto& rule = c_.rules[index];
    if (rule.apportionment >= 0) {
      lower_apportioned(index);
      return;
    }
    const SlotId value = lower(rule.decl->value, std::nullopt);
    if (rule.exceptions.empty()) {
      p_->rule_slots[index] = value;
      return;
    }
    RuleStep step;
    step.rule = index;
    if (!rule.exceptions.empty()) step.children.resize(rule.exceptions.size() + 1);
    for (std::uint32_t i = 0; i < rule.exceptions.size(); ++i) {
      const auto& ex = rule.exceptions[i];
      step.exceptions.push_back({lower(ex.clause->condition, std::nullopt),
                                 lower(ex.clause->value, std::nullopt), ex.parent});
      step.children[ex.parent < 0 ? rule.exceptions.size() : static_cast<std::size_t>(ex.parent)]
          .push_back(i);
    }
    p_->rules.push_back(std::move(step));
    p_->rule_slots[index] =
        emit(Opcode::rule, rule.decl->name_span, value, static_cast<SlotId>(p_->rules.size() - 1));
  }

  SlotId lower(ast::ExprId id, Row row) {
    const SlotId s = lower_uncached(id, row);
    p_->expr_slots[id] = s;
    return s;
  }

  SlotId lower_uncached(ast::ExprId id, Row row) {
    const ast::Expr& e = ast_[id];
    switch (e.kind) {
      case ast::ExprKind::number: {
        const auto& lit = ast_.numbers[e.a];
        return constant(Value::of(to_base(lit.value, lit.unit)));
      }
      case ast::ExprKind::boolean:
        return constant(Value::boolean(e.a != 0));
      case ast::ExprKind::text:
        p_->texts.push_back(ast_.strings[e.a]);
        return constant(Value::text(static_cast<std::uint32_t>(p_->texts.size() - 1)));
      case ast::ExprKind::date:
        return constant(Value::date(static_cast<std::int32_t>(e.a)));
      case ast::ExprKind::name:
      case ast::ExprKind::field:
        return lower_reference(id, row);
      case ast::ExprKind::paren:
        return lower(e.a, row);
      case ast::ExprKind::unary:
        return emit(e.op == ast::Op::neg ? Opcode::neg : Opcode::logical_not, id, lower(e.a, row));
      case ast::ExprKind::binary: {
        const SlotId a = lower(e.a, row);
        const SlotId b = lower(e.b, row);
        return emit(binary_opcode(e.op), id, a, b);
      }
      case ast::ExprKind::conditional: {
        const SlotId cond = lower(e.a, row);
        const SlotId then = lower(e.b, row);
        const SlotId other = lower(e.c, row);
        return emit(Opcode::select, id, cond, then, other);
      }
      case ast::ExprKind::membership: {
        const SlotId value = lower(e.a, row);
        if (c_.expr_type[e.b].is_set()) {
          const SlotId found = emit(Opcode::in_members, id, value, lower(e.b, row));
          return e.op == ast::Op::not_in ? emit(Opcode::logical_not, id, found) : found;
        }
        std::vector<SlotId> members;
        const ast::Expr& list = ast_[e.b];
        if (list.kind == ast::ExprKind::list) {
          for (std::uint32_t i = 0; i < ast_.arg_count(list); ++i)
            members.push_back(lower(ast_.arg(list, i), row));
        } else if (c_.expr_symbol[e.b].kind == SymbolKind::parameter) {
          members = list_parameters_[c_.expr_symbol[e.b].index];
        }
        p_->sets.push_back(std::move(members));
        const SlotId found =
            emit(Opcode::in_set, id, value, static_cast<SlotId>(p_->sets.size() - 1));
        return e.op == ast::Op::not_in ? emit(Opcode::logical_not, id, found) : found;
      }
      case ast::ExprKind::call:
        return lower_call(id, row);
      case ast::ExprKind::list:
        return lower_set(id, row);
      case ast::ExprKind::project:
      case ast::ExprKind::index:
      case ast::ExprKind::apportion:
        break;  // only under an aggregation, `.field` or as a rule's formula: the checker saw to it
    }
    return constant(Value{});
  }

  // A list of members as a value, `[early, late]`: a set. Members written by name make a
  // constant; any other element is added when the scheme is evaluated.
  SlotId lower_set(ast::ExprId id, Row row) {
    const ast::Expr& e = ast_[id];
    std::uint32_t bits = 0;
    std::vector<ast::ExprId> computed;
    for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) {
      const ast::ExprId item = ast_.arg(e, i);
      const Symbol& s = c_.expr_symbol[item];
      if (s.kind == SymbolKind::enum_member && s.sub < 32) {
        bits |= 1u << s.sub;
      } else {
        computed.push_back(item);
      }
    }
    SlotId set = constant(Value::member_set(bits));
    for (const auto item : computed) set = emit(Opcode::set_add, id, set, lower(item, row));
    return set;
  }

  static Opcode binary_opcode(ast::Op op) {
    switch (op) {
      case ast::Op::add:
        return Opcode::add;
      case ast::Op::sub:
        return Opcode::sub;
      case ast::Op::mul:
        return Opcode::mul;
      case ast::Op::div:
        return Opcode::div;
      case ast::Op::eq:
        return Opcode::eq;
      case ast::Op::ne:
        return Opcode::ne;
      case ast::Op::lt:
        return Opcode::lt;
      case ast::Op::le:
        return Opcode::le;
      case ast::Op::gt:
        return Opcode::gt;
      case ast::Op::ge:
        return Opcode::ge;
      case ast::Op::and_:
        return Opcode::logical_and;
      default:
        return Opcode::logical_or;
    }
  }

  SlotId lower_reference(ast::ExprId id, Row row) {
    const ast::Expr& e = ast_[id];
    const Symbol& s = c_.expr_symbol[id];
    switch (s.kind) {
      case SymbolKind::input:
        return p_->input_slots[s.index];
      case SymbolKind::parameter:
        return p_->parameter_slots[s.index];
      case SymbolKind::rule:
        return p_->rule_slots[s.index];
      case SymbolKind::enum_member:
        return constant(Value::member(s.sub));
      case SymbolKind::field: {
        if (e.kind == ast::ExprKind::field && ast_[e.a].kind == ast::ExprKind::index) {
          // table[key].field: one lookup, so no row value ever sits in a slot.
          const ast::Expr& index = ast_[e.a];
          const SlotId key = lower(index.b, row);
          p_->lookups.push_back({c_.expr_symbol[index.a].index, s.sub, e.span()});
          return emit(Opcode::lookup, id, key, static_cast<SlotId>(p_->lookups.size() - 1));
        }
        return emit(Opcode::field, id, no_slot, s.sub);
      }
      default:
        return constant(Value{});
    }
  }

  SlotId lower_call(ast::ExprId id, Row row) {
    const ast::Expr& e = ast_[id];
    const auto b = static_cast<Builtin>(c_.expr_symbol[id].index);
    switch (b) {
      case Builtin::round_half_up:
      case Builtin::round_half_even:
      case Builtin::round_up:
      case Builtin::round_down: {
        const ast::ExprId arg = ast_.arg(e, 0);
        const SlotId value = lower(arg, row);
        std::uint32_t places = 0;
        if (ast_.arg_count(e) == 2)
          places =
              static_cast<std::uint32_t>(*ast_.numbers[ast_[ast_.arg(e, 1)].a].value.to_int64());
        const Rounding mode = b == Builtin::round_half_up     ? Rounding::half_up
                              : b == Builtin::round_half_even ? Rounding::half_even
                              : b == Builtin::round_up        ? Rounding::up
                                                              : Rounding::down;
        // Round in the figure's unit: to 2 places of a hectare, not of a square metre, and of a
        // percentage, not of the fraction it is kept as (36.14%, not 0.36 = 36%).
        const Unit& unit = c_.expr_type[arg].unit;
        if (unit.percent) places += 2;
        const auto scale =
            static_cast<std::uint8_t>(unit.exponent_of(Dimension::area) != 0 ? unit.scale : 0);
        return emit(Opcode::round, id, value, places, scale, static_cast<std::uint8_t>(mode));
      }
      case Builtin::min:
      case Builtin::max: {
        SlotId acc = lower(ast_.arg(e, 0), row);
        for (std::uint32_t i = 1; i < ast_.arg_count(e); ++i) {
          acc = emit(b == Builtin::min ? Opcode::min : Opcode::max, id, acc,
                     lower(ast_.arg(e, i), row));
        }
        return acc;
      }
      case Builtin::abs:
        return emit(Opcode::abs, id, lower(ast_.arg(e, 0), row));
      case Builtin::known:
        return emit(Opcode::known, id, lower(ast_.arg(e, 0), row));
      default: {
        // count() of a set of members, or of a list of values, has no rows to go through.
        const ast::ExprId arg = ast_.arg(e, 0);
        const Type& list = c_.expr_type[arg];
        if (b == Builtin::count && list.is_set())
          return emit(Opcode::set_count, id, lower(arg, row));
        if (b == Builtin::count && list.kind == TypeKind::list &&
            list.element != TypeKind::record) {
          const ast::Expr& a = ast_[arg];
          std::size_t n = a.kind == ast::ExprKind::list ? ast_.arg_count(a) : 0;
          if (a.kind != ast::ExprKind::list && c_.expr_symbol[arg].kind == SymbolKind::parameter)
            n = list_parameters_[c_.expr_symbol[arg].index].size();
          return constant(Value::of(Rational(static_cast<std::int64_t>(n))));
        }
        return lower_aggregate(id, b);
      }
    }
  }

  SlotId lower_aggregate(ast::ExprId id, Builtin b) {
    const ast::Expr& e = ast_[id];
    const ast::ExprId arg = ast_.arg(e, 0);
    const ast::Expr& a = ast_[arg];
    const bool projected = (a.kind == ast::ExprKind::field || a.kind == ast::ExprKind::project) &&
                           ast_[a.a].kind == ast::ExprKind::name;
    const ast::ExprId base = projected ? a.a : arg;
    const Symbol& list = c_.expr_symbol[base];
    AggregateStep step;
    step.kind = b;
    step.span = e.span();
    step.from_table = list.kind == SymbolKind::table;
    step.list = list.index;
    step.record = step.from_table ? c_.tables[list.index].record : c_.inputs[list.index].type.ref;
    if (e.b != ast::no_expr) {
      open();
      const SlotId keep = lower(e.b, step.record);
      step.filter = close(keep);
    }
    if (projected) {
      open();
      SlotId item;
      if (a.kind == ast::ExprKind::field) {
        item = emit(Opcode::field, arg, no_slot, c_.expr_symbol[arg].sub);
      } else {
        item = lower(a.b, step.record);
      }
      step.projection = close(item);
    }
    p_->aggregates.push_back(std::move(step));
    return emit(Opcode::aggregate, id, no_slot, static_cast<SlotId>(p_->aggregates.size() - 1));
  }

  // Run the setup block once: parameters and table cells become constants of the program.
  bool compute_constants(const std::vector<std::vector<std::vector<SlotId>>>& cells) {
    Evaluator evaluator(*p_);
    const Evaluation& setup = evaluator.run_setup();
    bool ok = true;
    auto report = [&](const Value& v, Span at, const std::string& what) {
      if (v.state == ValueState::known) return;
      ok = false;
      auto& d = diags_.error(
          "parameter", at,
          fmt::format("{} cannot be computed: {}", what,
                      v.state == ValueState::error ? setup.error(v).message
                                                   : "it depends on something unknown"));
      if (v.state == ValueState::error) d.related.push_back({setup.error(v).span, "here"});
    };
    for (std::uint32_t i = 0; i < c_.parameters.size(); ++i) {
      if (p_->parameter_slots[i] != no_slot) {
        report(setup.slot(p_->parameter_slots[i]), c_.parameters[i].name_span,
               fmt::format("parameter `{}`", c_.parameters[i].name));
      }
    }
    p_->tables.resize(c_.tables.size());
    for (std::uint32_t t = 0; t < c_.tables.size(); ++t) {
      const auto& rows = c_.tables[t].decl->rows;
      for (std::size_t r = 0; r < cells[t].size(); ++r) {
        std::vector<Value> values;
        for (const SlotId s : cells[t][r]) {
          values.push_back(setup.slot(s));
          report(values.back(), rows[r].span,
                 fmt::format("a cell of table `{}`", c_.tables[t].name));
        }
        p_->tables[t].rows.push_back(std::move(values));
      }
      // The first column is the key: two rows with one key would make a lookup ambiguous. Keys
      // are found by hashing, so a table of 60,000 rows is checked in one pass.
      const auto& key_type = c_.records[c_.tables[t].record].fields[0].type;
      std::unordered_map<std::string, std::size_t> first_row;
      for (std::size_t r = 0; r < p_->tables[t].rows.size(); ++r) {
        const auto& row = p_->tables[t].rows[r];
        if (row.empty() || !row[0].known()) continue;
        const Value& key = row[0];
        std::string text = fmt::format("{}:{}:", static_cast<int>(key.kind), key.aux);
        if (key.kind == ValueKind::number) text += key.number.to_fraction();
        const auto [it, fresh] = first_row.emplace(std::move(text), r);
        if (fresh) continue;
        ok = false;
        diags_
            .error("table-key", rows[r].span,
                   fmt::format("table `{}` has two rows for {}", c_.tables[t].name,
                               display_known(key, key_type, c_)))
            .related.push_back({rows[it->second].span, "the first"});
      }
    }
    // Setup wrote only the slots numbered while it was lowered; after them, what is not Value{}
    // is a literal of the main block.
    const std::vector<Value>& slots = setup.slots();
    std::vector<std::pair<SlotId, Value>> scattered;
    for (SlotId s = setup_slots_; s < slots.size(); ++s) {
      const Value& v = slots[s];
      if (v.state != ValueState::unknown || v.kind != ValueKind::none || v.aux != 0 ||
          !v.number.is_zero()) {
        scattered.emplace_back(s, v);
      }
    }
    p_->initial_slots.assign(
        std::vector<Value>(slots.begin(),
                           slots.begin() + std::min<std::size_t>(setup_slots_, slots.size())),
        std::move(scattered), p_->slot_count);
    return ok;
  }

  const CheckedRuleset& c_;
  const ast::Ast& ast_;
  Diagnostics& diags_;
  const ParameterOverrides& overrides_;
  std::shared_ptr<Program> p_;
  std::vector<Buffer> buffers_;
  SlotId setup_slots_ = 0;  // the slots numbered while setup was lowered: [0, setup_slots_)
  std::vector<std::pair<SlotId, Value>> constants_;
  std::vector<std::vector<SlotId>> list_parameters_;
  std::vector<SlotId> shares_whole_;                        // by shares group
  std::map<std::uint32_t, std::uint32_t> apportion_steps_;  // by apportionment: its step
  std::map<std::uint32_t, SlotId> apportion_totals_;        // by apportionment: its total's slot
};

}  // namespace

std::shared_ptr<const Program> lower_from_checked(std::shared_ptr<const CheckedRuleset> checked,
                                                  Diagnostics& diagnostics,
                                                  const ParameterOverrides& overrides) {
  return Lowering(std::move(checked), diagnostics, overrides).run();
}

}  // namespace spdl
