#include "spdl/runtime/batch/batch_worker.hpp"

#include <fmt/format.h>

#include <simdjson.h>
#include <algorithm>
#include <set>
#include <utility>

#include "spdl/runtime/eval/columnar/columnar_fixed.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

namespace {

// One line's fate, in line order within a worker's range.
struct Pending {
  enum class How { columnar, scalar, error } how = How::error;
  std::size_t line = 0;
  std::size_t row = 0;  // columnar: the block row
  std::string error;
};

// The text of one output value, as JSON (exact numbers as strings) or as a CSV cell.
void append_value(std::string& out, const Value& v, const BatchOutput& o, const CheckedRuleset& c,
                  bool json) {
  if (!v.known()) {
    if (json) out += "null";
    return;
  }
  std::string text;
  switch (v.kind) {
    case ValueKind::boolean:
      out += v.aux != 0 ? "true" : "false";
      return;
    case ValueKind::number:
      text = exact_number(v.number, o.type.unit);
      break;
    default:
      text = display_known(v, o.type, c);
      break;
  }
  if (json) {
    out += '"';
    append_json_escaped(out, text);
    out += '"';
  } else {
    append_csv_cell(out, text);
  }
}

// The scheme reader reads JSON as the YAML it is a subset of; a line of JSON Lines that is not
// even YAML is reported as what the user wrote.
std::string json_line_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.all()) {
    if (d.severity != Severity::error) continue;
    if (d.code != "yaml") return d.message;
    constexpr std::string_view prefix = "this is not valid YAML: ";
    std::string_view reason = d.message;
    if (reason.starts_with(prefix)) reason.remove_prefix(prefix.size());
    return fmt::format("not valid JSON at column {}: {}", d.span.begin + 1, reason);
  }
  return first_error(diagnostics);
}

}  // namespace

class BatchWorker::Lines {
 public:
  explicit Lines(const BatchRun::Plan& plan)
      : plan_(plan), checked_(*plan.program->checked), evaluator_(plan.program) {
    if (plan.columns) {
      block_.emplace(plan.columns);
      block_->clear();
    }
    scheme_.inputs.resize(checked_.inputs.size());
    scheme_.lists.resize(checked_.inputs.size());
    fallback_.inputs.resize(checked_.inputs.size());
    fallback_.lists.resize(checked_.inputs.size());
  }

  void process(std::string_view text, std::size_t first_line,
               const std::vector<std::int32_t>& csv_columns, const char* readable_end,
               BatchPart& part) {
    out_ = &part.out;
    stats_ = &part.stats;
    unknown_keys_ = &part.unknown_keys;
    part.out.clear();
    part.out.reserve(text.size() * 3 / 2);  // results run about as long as the schemes
    part.stats = {};
    part.unknown_keys.clear();
    const bool csv = plan_.options.input == BatchFormat::csv;
    lines_.clear();
    split_lines(text, csv, lines_);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i];
      const std::size_t number = first_line + i;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
      ++stats_->schemes;
      if (csv) {
        read_csv_line(line, number, csv_columns);
      } else {
        read_json_line(line, number,
                       static_cast<std::size_t>(readable_end - (line.data() + line.size())));
      }
      if (block_ && block_rows_ == block_->capacity()) flush();
    }
    flush();
  }

 private:
  // ---- reading

  void read_json_line(std::string_view line, std::size_t number, std::size_t readable_after) {
    clear_row();
    bool simple = true;
    simdjson::padded_string_view view(line.data(), line.size(), line.size() + readable_after);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (parser_.iterate(view).get(doc) || doc.get_object().get(object)) {
      simple = false;
    } else {
      for (auto field : object) {
        std::string_view key;
        simdjson::ondemand::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) {
          simple = false;
          break;
        }
        const auto input = find_input(key, number);
        if (input < 0) continue;
        simdjson::ondemand::json_type type;
        if (value.type().get(type)) {
          simple = false;
          break;
        }
        const auto& reading = plan_.inputs[static_cast<std::size_t>(input)];
        if (type == simdjson::ondemand::json_type::null) continue;
        if (type == simdjson::ondemand::json_type::number) {
          if (!take_number(static_cast<std::uint32_t>(input), reading, value.raw_json_token())) {
            simple = false;
            break;
          }
        } else if (type == simdjson::ondemand::json_type::boolean &&
                   reading.kind == ValueKind::boolean) {
          bool b = false;
          if (value.get_bool().get(b)) {
            simple = false;
            break;
          }
          take(static_cast<std::uint32_t>(input), b ? 1 : 0, 0);
        } else if (type == simdjson::ondemand::json_type::string) {
          std::string_view text;
          if (value.get_string().get(text) ||
              !take_string(static_cast<std::uint32_t>(input), text)) {
            simple = false;
            break;
          }
        } else {
          simple = false;  // a list, a mapping, or a kind the input does not take
          break;
        }
      }
    }
    if (simple && all_required_given()) {
      commit_row(number);
      return;
    }
    // Anything else goes through the scheme reader, which gives the same answers and messages
    // as `spdl eval` does for a scheme file.
    SourceSet sources;
    const SchemeLoad loaded =
        read_scheme(checked_, sources, fmt::format("line {}", number), std::string(line));
    if (!loaded.scheme) {
      error_line(number, json_line_error(loaded.diagnostics));
      return;
    }
    scalar_line(number, *loaded.scheme);
  }

  void read_csv_line(std::string_view line, std::size_t number,
                     const std::vector<std::int32_t>& columns) {
    clear_row();
    cells_.clear();
    if (!split_csv_line(line, cells_)) {
      error_line(number, "a quoted cell is not closed");
      return;
    }
    std::string problem;
    for (std::size_t c = 0; c < cells_.size() && c < columns.size(); ++c) {
      const std::int32_t input = columns[c];
      const std::string& cell = cells_[c];
      if (input < 0 || cell.empty()) continue;
      const auto& reading = plan_.inputs[static_cast<std::size_t>(input)];
      if (reading.kind == ValueKind::number &&
          take_number(static_cast<std::uint32_t>(input), reading, cell))
        continue;
      if (take_text(static_cast<std::uint32_t>(input), cell)) continue;
      // The reader's own message, as `spdl compare` gives it for a portfolio cell.
      auto v = read_input_value(cell, checked_.inputs[static_cast<std::size_t>(input)], checked_,
                                scheme_.texts);
      if (const auto* p = std::get_if<ValueProblem>(&v)) {
        problem = fmt::format("{}: {}", checked_.inputs[static_cast<std::size_t>(input)].name,
                              p->message);
        break;
      }
      set_value(static_cast<std::uint32_t>(input), std::get<Value>(v));
    }
    if (problem.empty()) {
      for (std::uint32_t i = 0; i < checked_.inputs.size(); ++i) {
        if (!given_[i] && plan_.inputs[i].required) {
          problem =
              fmt::format("the scheme does not give `{}`, which this ruleset needs ({})",
                          checked_.inputs[i].name, checked_.describe(checked_.inputs[i].type));
          break;
        }
      }
    }
    if (!problem.empty()) {
      error_line(number, problem);
      return;
    }
    commit_row(number);
  }

  std::int32_t find_input(std::string_view key, std::size_t number) {
    // Lines of one file nearly always give their keys in one order: try the one seen last time
    // at this position before hashing.
    if (key_position_ < last_keys_.size() && last_keys_[key_position_].first == key) {
      return last_keys_[key_position_++].second;
    }
    const auto it = plan_.input_by_name.find(std::string(key));
    const std::int32_t input =
        it == plan_.input_by_name.end() ? -1 : static_cast<std::int32_t>(it->second);
    // A file of made-up keys must not fill memory: past a few, they are no longer remembered.
    if (input < 0 && !is_scheme_metadata(key) && seen_unknown_.size() <= kept_unknown_keys &&
        seen_unknown_.insert(std::string(key)).second)
      unknown_keys_->emplace_back(std::string(key), number);
    if (key_position_ < last_keys_.size()) {
      last_keys_[key_position_] = {std::string(key), input};
    } else {
      last_keys_.emplace_back(std::string(key), input);
    }
    ++key_position_;
    return input;
  }

  void clear_row() {
    // The block row may hold what a line that failed half-way left in it.
    if (block_) block_->forget(block_rows_);
    given_.assign(checked_.inputs.size(), 0);
    key_position_ = 0;
    for (auto& v : scheme_.inputs) v = Value{};
    scheme_.texts.clear();
  }

  bool take_number(std::uint32_t input, const InputReading& reading, std::string_view token) {
    std::int64_t mantissa = 0;
    std::int8_t scale = 0;
    if (!fast_number(reading, token, mantissa, scale)) return false;
    take(input, mantissa, scale);
    return true;
  }

  // A value written as text ("40%", "0.5 ha", "social rent"): read as a scheme file reads it;
  // false leaves the line to the scheme reader, for its message.
  bool take_string(std::uint32_t input, std::string_view text) {
    if (take_text(input, text)) return true;
    auto v = read_input_value(text, checked_.inputs[input], checked_, scheme_.texts);
    if (std::holds_alternative<ValueProblem>(v)) return false;
    set_value(input, std::get<Value>(v));
    return true;
  }

  // Yes/no and enumeration members written as text, when they read plainly; false: slow path.
  bool take_text(std::uint32_t input, std::string_view text) {
    const auto& reading = plan_.inputs[input];
    if (reading.kind == ValueKind::boolean) {
      if (text == "true" || text == "yes") return take(input, 1, 0), true;
      if (text == "false" || text == "no") return take(input, 0, 0), true;
      return false;
    }
    if (reading.kind == ValueKind::enumeration) {
      const auto it = reading.members.find(std::string(text));
      if (it == reading.members.end()) return false;
      take(input, it->second, 0);
      return true;
    }
    return false;
  }

  void take(std::uint32_t input, std::int64_t mantissa, std::int8_t scale) {
    given_[input] = 1;
    if (block_) {
      block_->set(input, block_rows_, mantissa, scale);
    } else {
      scheme_.inputs[input] = columnar::value_of(plan_.inputs[input].kind, mantissa, scale);
    }
  }

  void set_value(std::uint32_t input, const Value& v) {
    // A value read by the slow path: into the block when it fits there, else the row goes scalar.
    given_[input] = 1;
    scheme_.inputs[input] = v;
    if (!block_) return;
    std::int64_t mantissa = 0;
    std::int8_t scale = 0;
    if (fixed_of(v, mantissa, scale)) {
      block_->set(input, block_rows_, mantissa, scale);
    } else {
      force_scalar_ = true;
    }
  }

  bool all_required_given() const {
    for (std::uint32_t i = 0; i < checked_.inputs.size(); ++i) {
      if (!given_[i] && plan_.inputs[i].required) return false;
    }
    return true;
  }

  void commit_row(std::size_t number) {
    if (block_ && !force_scalar_) {
      pending_.push_back({Pending::How::columnar, number, block_rows_, {}});
      ++block_rows_;
      return;
    }
    // A value the columns cannot hold: this line goes to the scalar Evaluator, with what was
    // read fast taken back out of the block row.
    force_scalar_ = false;
    if (block_) {
      for (std::uint32_t i = 0; i < checked_.inputs.size(); ++i) {
        if (given_[i] && !scheme_.inputs[i].known())
          scheme_.inputs[i] = block_->input_value(i, block_rows_);
      }
      block_->forget(block_rows_);
    }
    scalar_line(number, scheme_);
  }

  // ---- evaluating and writing

  void scalar_line(std::size_t number, const Scheme& scheme) {
    flush();  // keep line order: earlier columnar rows first
    const Evaluation& evaluation = evaluator_.evaluate(scheme);
    ++stats_->scalar_rows;
    write_line(number, evaluation);
  }

  void error_line(std::size_t number, const std::string& message) {
    if (block_ && block_rows_ > 0) {
      pending_.push_back({Pending::How::error, number, 0, message});
      return;
    }
    emit_error(number, message);
  }

  void emit_error(std::size_t number, const std::string& message) {
    append_batch_error(plan_, number, message, *out_, *stats_);
  }

  // A row the columns evaluated: every output known; numbers written straight from their
  // fixed-point form, exactly as exact_number() writes them.
  void write_columnar_line(std::size_t number, std::size_t row) {
    using namespace std::string_view_literals;
    std::string& out = *out_;
    const bool json = plan_.options.output == BatchFormat::jsonl;
    const fmt::format_int line(number);
    if (json) out += R"({"line":)"sv;
    out.append(line.data(), line.size());
    for (const auto& o : plan_.outputs) {
      if (json) {
        out += o.json_key;
      } else {
        out += ',';
      }
      switch (plan_.columns->kind(o.slot)) {
        case ValueKind::number: {
          if (json) out += '"';
          const int places = block_->scale(o.slot) + o.type.unit.scale;
          append_fixed(out, block_->mantissa(o.slot, row), places,
                       o.type.unit.is(Dimension::money) ? 2 : 0);
          if (json) out += '"';
          break;
        }
        case ValueKind::boolean:
          out += block_->mantissa(o.slot, row) != 0 ? "true"sv : "false"sv;
          break;
        default:
          append_value(out, block_->value(o.slot, row), o, checked_, json);
          break;
      }
    }
    out += json ? "}\n"sv : ",\n"sv;
  }

  void write_line(std::size_t number, const Evaluation& evaluation) {
    std::string& out = *out_;
    const bool json = plan_.options.output == BatchFormat::jsonl;
    needs_.clear();
    errors_.clear();
    const fmt::format_int line(number);
    if (json) out += "{\"line\":";
    out.append(line.data(), line.size());
    for (const auto& o : plan_.outputs) {
      const Value& v = evaluation.slot(o.slot);
      if (v.state == ValueState::unknown) {
        for (const auto& n : evaluation.needs(v)) {
          const std::string name = need_name(checked_, n);
          if (std::find(needs_.begin(), needs_.end(), name) == needs_.end()) needs_.push_back(name);
        }
      } else if (v.state == ValueState::error) {
        const std::string& message = evaluation.error(v).message;
        if (std::find(errors_.begin(), errors_.end(), message) == errors_.end()) {
          if (errors_.empty()) first_error_ = evaluation.error(v).span;
          errors_.push_back(message);
        }
      }
      if (json) {
        out += o.json_key;
        append_value(out, v, o, checked_, true);
      } else {
        out += ',';
        append_value(out, v, o, checked_, false);
      }
    }
    if (!errors_.empty()) {
      ++stats_->errors;
      if (stats_->first_errors.size() < kept_batch_errors) {
        stats_->first_errors.push_back(
            {.severity = Severity::error,
             .code = "evaluation",
             .message = fmt::format("line {}: {}", number, errors_.front()),
             .span = first_error_});
      }
    }
    if (json) {
      if (!needs_.empty()) {
        out += ",\"needs\":[";
        for (std::size_t i = 0; i < needs_.size(); ++i)
          fmt::format_to(std::back_inserter(out), "{}\"{}\"", i ? "," : "", needs_[i]);
        out += ']';
      }
      if (!errors_.empty()) {
        out += ",\"errors\":[";
        for (std::size_t i = 0; i < errors_.size(); ++i) {
          out += i ? ",\"" : "\"";
          append_json_escaped(out, errors_[i]);
          out += '"';
        }
        out += ']';
      }
      out += "}\n";
    } else {
      out += ',';
      if (!errors_.empty()) append_csv_cell(out, errors_.front());
      out += '\n';
    }
  }

  void flush() {
    if (!block_ || pending_.empty()) {
      pending_.clear();
      return;
    }
    block_->evaluate(block_rows_);
    auto pending = std::move(pending_);
    pending_.clear();
    for (const auto& p : pending) {
      if (p.how == Pending::How::error) {
        emit_error(p.line, p.error);
      } else if (block_->exact(p.row)) {
        ++stats_->columnar_rows;
        write_columnar_line(p.line, p.row);
      } else {
        // The columns could not hold this row exactly: the scalar Evaluator gives its answer.
        for (std::uint32_t i = 0; i < checked_.inputs.size(); ++i)
          fallback_.inputs[i] = block_->input_value(i, p.row);
        const Evaluation& evaluation = evaluator_.evaluate(fallback_);
        ++stats_->scalar_rows;
        write_line(p.line, evaluation);
      }
    }
    block_->clear();
    block_rows_ = 0;
  }

  const BatchRun::Plan& plan_;
  const CheckedRuleset& checked_;
  Evaluator evaluator_;
  std::optional<ColumnarBlock> block_;
  std::size_t block_rows_ = 0;
  std::vector<Pending> pending_;
  Scheme scheme_;
  Scheme fallback_;
  std::vector<std::uint8_t> given_;
  bool force_scalar_ = false;
  simdjson::ondemand::parser parser_;
  std::vector<std::pair<std::string, std::int32_t>> last_keys_;
  std::size_t key_position_ = 0;
  std::set<std::string, std::less<>> seen_unknown_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> lines_;
  std::vector<std::string> needs_, errors_;
  Span first_error_;  // where in the ruleset the line's first error arose
  // Where process() puts this part's results.
  std::string* out_ = nullptr;
  BatchStats* stats_ = nullptr;
  std::vector<std::pair<std::string, std::size_t>>* unknown_keys_ = nullptr;
};

void append_batch_error(const BatchRun::Plan& plan, std::size_t line, std::string_view message,
                        std::string& out, BatchStats& stats) {
  ++stats.errors;
  if (stats.first_errors.size() < kept_batch_errors) {
    stats.first_errors.push_back({.severity = Severity::error,
                                  .code = "batch-line",
                                  .message = fmt::format("line {}: {}", line, message)});
  }
  if (plan.options.output == BatchFormat::jsonl) {
    fmt::format_to(std::back_inserter(out), "{{\"line\":{},\"error\":\"", line);
    append_json_escaped(out, message);
    out += "\"}\n";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", line);
    for (std::size_t i = 0; i < plan.outputs.size(); ++i) out += ',';
    out += ',';
    append_csv_cell(out, message);
    out += '\n';
  }
}

BatchWorker::BatchWorker(const BatchRun::Plan& plan) : lines_(std::make_unique<Lines>(plan)) {}
BatchWorker::~BatchWorker() = default;

void BatchWorker::process(std::string_view text, std::size_t first_line,
                          const std::vector<std::int32_t>& csv_columns, const char* readable_end,
                          BatchPart& part) {
  lines_->process(text, first_line, csv_columns, readable_end, part);
}

}  // namespace spdl
