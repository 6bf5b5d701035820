#include "spdl/runtime/eval/evaluation.hpp"

namespace spdl {

std::string need_name(const CheckedRuleset& c, const NeedRef& n) {
  const auto& input = c.inputs[n.input];
  if (n.field < 0) return input.name;
  return input.name + "." +
         c.records[input.type.ref].fields[static_cast<std::size_t>(n.field)].name;
}

std::vector<NeedRef> Evaluation::needs(const Value& v) const {
  if (v.state != ValueState::unknown || v.aux >= need_sets_.size()) return {};
  return need_sets_[v.aux];
}

Diagnostic Evaluation::diagnostic(const Value& v) const {
  const EvalError& e = error(v);
  return {.severity = Severity::error, .code = "evaluation", .message = e.message, .span = e.span};
}

const std::string& Evaluation::text(const Value& v) const {
  static const std::string none;
  if ((v.aux & scheme_text_flag) == 0)
    return v.aux < program_->texts.size() ? program_->texts[v.aux] : none;
  const std::size_t i = v.aux & ~scheme_text_flag;
  return i < scheme_texts_.size() ? scheme_texts_[i] : none;
}

std::int32_t Evaluation::fired(std::uint32_t rule) const {
  for (std::uint32_t s = 0; s < program_->rules.size(); ++s) {
    if (program_->rules[s].rule == rule) return fired_[s];
  }
  return -1;
}

}  // namespace spdl
