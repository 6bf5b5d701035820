#include "runtime/batch.hpp"

#include <fmt/format.h>

#include <simdjson.h>
#include <algorithm>
#include <istream>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include "lang/did_you_mean.hpp"
#include "runtime/batch_values.hpp"
#include "runtime/columnar.hpp"
#include "runtime/display.hpp"
#include "runtime/evaluator.hpp"
#include "runtime/report.hpp"
#include "runtime/scheme_loader.hpp"
#include "runtime/scheme_values.hpp"

namespace spdl {

namespace {

constexpr std::size_t kept_errors = 10;

struct Output {
  std::string name;
  SlotId slot = no_slot;
  Type type;
};

// One line's fate, in line order within a worker's range.
struct Pending {
  enum class How { columnar, scalar, error } how = How::error;
  std::size_t line = 0;
  std::size_t row = 0;  // columnar: the block row
  std::string error;
};

}  // namespace

struct BatchRun::Plan {
  std::shared_ptr<const Program> program;
  std::shared_ptr<const ColumnarProgram> columns;
  std::string why_not_columnar;
  BatchOptions options;
  std::vector<Output> outputs;
  std::vector<InputReading> inputs;  // by CheckedRuleset::inputs
  std::unordered_map<std::string, std::uint32_t> input_by_name;
};

namespace {

// The text of one output value, as JSON (exact numbers as strings) or as a CSV cell.
void append_value(std::string& out, const Value& v, const Output& o, const CheckedRuleset& c,
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

class Worker {
 public:
  explicit Worker(const BatchRun::Plan& plan)
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

  // Lines [begin, end) of `lines`, the first being line number `first_line`; results in `out`.
  // `readable_end` is where the buffer holding the lines ends, padding included.
  // The lines of `text` (whole lines of one chunk), the first being line number `first_line`;
  // results in `out`. `readable_end` is where the buffer holding them ends, padding included.
  void process(std::string_view text, std::size_t first_line,
               const std::vector<std::int32_t>& csv_columns, std::string& out, BatchStats& stats,
               const char* readable_end) {
    out_ = &out;
    stats_ = &stats;
    const bool csv = plan_.options.input == BatchFormat::csv;
    lines_.clear();
    split_lines(text, csv, lines_);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i];
      const std::size_t number = first_line + i;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
      ++stats.schemes;
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

  // Keys that are no input of the ruleset, each with the first line this worker saw it on, found
  // since the last call.
  std::vector<std::pair<std::string, std::size_t>> take_unknown_keys() {
    return std::exchange(unknown_keys_, {});
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
    if (input < 0 && !is_scheme_metadata(key) && seen_unknown_.insert(std::string(key)).second)
      unknown_keys_.emplace_back(std::string(key), number);
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
      scheme_.inputs[input] = value_of(plan_.inputs[input].kind, mantissa, scale);
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
    evaluator_.evaluate(scheme);
    ++stats_->scalar_rows;
    write_line(number, [&](const Output& o) -> Value { return evaluator_.slot(o.slot); });
  }

  void error_line(std::size_t number, const std::string& message) {
    if (block_ && block_rows_ > 0) {
      pending_.push_back({Pending::How::error, number, 0, message});
      return;
    }
    emit_error(number, message);
  }

  void emit_error(std::size_t number, const std::string& message) {
    ++stats_->errors;
    if (stats_->first_errors.size() < kept_errors)
      stats_->first_errors.push_back(fmt::format("line {}: {}", number, message));
    std::string& out = *out_;
    if (plan_.options.output == BatchFormat::jsonl) {
      fmt::format_to(std::back_inserter(out), "{{\"line\":{},\"error\":\"", number);
      append_json_escaped(out, message);
      out += "\"}\n";
    } else {
      fmt::format_to(std::back_inserter(out), "{}", number);
      for (std::size_t i = 0; i < plan_.outputs.size(); ++i) out += ',';
      out += ',';
      append_csv_cell(out, message);
      out += '\n';
    }
  }

  // A row the columns evaluated: every output known; numbers written straight from their
  // fixed-point form, exactly as exact_number() writes them.
  void write_columnar_line(std::size_t number, std::size_t row) {
    std::string& out = *out_;
    const bool json = plan_.options.output == BatchFormat::jsonl;
    const fmt::format_int line(number);
    if (json) out += "{\"line\":";
    out.append(line.data(), line.size());
    for (const auto& o : plan_.outputs) {
      if (json) {
        out += ",\"";
        out += o.name;
        out += "\":";
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
          out += block_->mantissa(o.slot, row) != 0 ? "true" : "false";
          break;
        default:
          append_value(out, block_->value(o.slot, row), o, checked_, json);
          break;
      }
    }
    out += json ? "}\n" : ",\n";
  }

  template <typename Get>
  void write_line(std::size_t number, Get&& get) {
    std::string& out = *out_;
    const bool json = plan_.options.output == BatchFormat::jsonl;
    needs_.clear();
    errors_.clear();
    const fmt::format_int line(number);
    if (json) out += "{\"line\":";
    out.append(line.data(), line.size());
    for (const auto& o : plan_.outputs) {
      const Value v = get(o);
      if (v.state == ValueState::unknown) {
        for (const auto& n : evaluator_.needs(v)) {
          const std::string name = need_name(checked_, n);
          if (std::find(needs_.begin(), needs_.end(), name) == needs_.end()) needs_.push_back(name);
        }
      } else if (v.state == ValueState::error) {
        const std::string& message = evaluator_.error(v).message;
        if (std::find(errors_.begin(), errors_.end(), message) == errors_.end())
          errors_.push_back(message);
      }
      if (json) {
        out += ",\"";
        out += o.name;
        out += "\":";
        append_value(out, v, o, checked_, true);
      } else {
        out += ',';
        append_value(out, v, o, checked_, false);
      }
    }
    if (!errors_.empty()) {
      ++stats_->errors;
      if (stats_->first_errors.size() < kept_errors) {
        stats_->first_errors.push_back(fmt::format("line {}: {}", number, errors_.front()));
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
        evaluator_.evaluate(fallback_);
        ++stats_->scalar_rows;
        write_line(p.line, [&](const Output& o) -> Value { return evaluator_.slot(o.slot); });
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
  std::vector<std::pair<std::string, std::size_t>> unknown_keys_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> lines_;
  std::vector<std::string> needs_, errors_;
  std::string* out_ = nullptr;
  BatchStats* stats_ = nullptr;
};

// The input each CSV column gives (-1: none, with a warning once for a name that is no input).
std::vector<std::int32_t> csv_header_columns(
    std::string_view header, const std::unordered_map<std::string, std::uint32_t>& inputs,
    std::vector<std::string>& warnings) {
  std::vector<std::string> cells;
  split_csv_line(header, cells);
  std::vector<std::int32_t> columns;
  for (const auto& cell : cells) {
    const auto it = inputs.find(cell);
    columns.push_back(it == inputs.end() ? -1 : static_cast<std::int32_t>(it->second));
    if (it == inputs.end() && !is_scheme_metadata(cell)) {
      warnings.push_back(
          fmt::format("column `{}` is not an input of this ruleset; it is ignored", cell));
    }
  }
  return columns;
}

}  // namespace

BatchRun::BatchRun(std::unique_ptr<Plan> plan) : plan_(std::move(plan)) {}
BatchRun::~BatchRun() = default;
BatchRun::BatchRun(BatchRun&&) noexcept = default;
BatchRun& BatchRun::operator=(BatchRun&&) noexcept = default;

bool BatchRun::columnar() const {
  return plan_->columns != nullptr;
}
const std::string& BatchRun::why_not_columnar() const {
  return plan_->why_not_columnar;
}

std::optional<BatchRun> BatchRun::prepare(std::shared_ptr<const Program> program,
                                          const BatchOptions& options, std::string& error) {
  auto plan = std::make_unique<Plan>();
  plan->program = program;
  plan->options = options;
  plan->options.threads = std::max(1u, options.threads);
  const CheckedRuleset& c = *program->checked;

  if (options.outputs.empty()) {
    for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
      const auto& rule = c.rules[r];
      if (rule.origin.imported || rule.type.kind == TypeKind::list ||
          rule.type.kind == TypeKind::record)
        continue;
      plan->outputs.push_back({rule.name, program->rule_slots[r], rule.type});
    }
  }
  for (const auto& name : options.outputs) {
    const auto s = c.find(name);
    if (!s || s->kind != SymbolKind::rule) {
      error = fmt::format("`{}` is not a rule of {}", name, c.header().id);
      return std::nullopt;
    }
    plan->outputs.push_back({name, program->rule_slots[s->index], c.rules[s->index].type});
  }
  if (options.columnar) {
    std::vector<SlotId> slots;
    for (const auto& o : plan->outputs) slots.push_back(o.slot);
    plan->columns = ColumnarProgram::compile(program, plan->why_not_columnar, slots);
  } else {
    plan->why_not_columnar = "columns were turned off";
  }
  for (std::uint32_t i = 0; i < c.inputs.size(); ++i) {
    plan->inputs.push_back(input_reading(c, i));
    plan->input_by_name.emplace(c.inputs[i].name, i);
  }
  return BatchRun(std::move(plan));
}

BatchStats BatchRun::run(std::istream& in, const Sink& write,
                         const std::function<void(const BatchStats&)>& progress) {
  const Plan& plan = *plan_;
  const unsigned threads = plan.options.threads;
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(plan));

  BatchStats total;
  std::string buffer;  // carried partial line + the chunk, with simdjson's padding after
  std::size_t next_line = 1;
  bool header_done = plan.options.input != BatchFormat::csv;
  std::vector<std::int32_t> csv_columns;
  std::vector<std::string> outputs(threads);
  std::vector<BatchStats> stats(threads);
  std::set<std::string> unknown_keys;
  std::vector<std::string> input_names;
  for (const auto& input : plan.program->checked->inputs) input_names.push_back(input.name);

  // The CSV output's header.
  if (plan.options.output == BatchFormat::csv) {
    std::string head = "line";
    for (const auto& o : plan.outputs) head += "," + o.name;
    if (!write(head + ",error\n")) return {};
  }

  bool eof = false;
  while (!eof) {
    const std::size_t carried = buffer.size();
    buffer.resize(carried + plan.options.chunk_bytes);
    in.read(buffer.data() + carried, static_cast<std::streamsize>(plan.options.chunk_bytes));
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    buffer.resize(carried + got);
    eof = got < plan.options.chunk_bytes;
    // Whole lines only; the rest waits for the next chunk (a CSV newline inside quotes does not
    // end a line).
    const bool csv = plan.options.input == BatchFormat::csv;
    const std::size_t end = eof ? buffer.size() : last_line_end(buffer, csv);
    std::string rest = buffer.substr(end);
    buffer.resize(end);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');  // simdjson reads a little past each line
    std::string_view chunk(buffer.data(), end);
    if (!header_done && !chunk.empty()) {
      const std::size_t header_end = first_line_end(chunk, csv);
      std::string_view header = chunk.substr(0, header_end);
      while (!header.empty() && (header.back() == '\n' || header.back() == '\r'))
        header.remove_suffix(1);
      csv_columns = csv_header_columns(header, plan.input_by_name, total.warnings);
      header_done = true;
      chunk.remove_prefix(header_end);
      ++next_line;
    }

    // Each thread takes a run of whole lines (cut just after a line break) and splits it itself;
    // counting the breaks before each cut numbers its first line.
    std::vector<std::size_t> cut(threads + 1, 0);
    cut[threads] = chunk.size();
    for (unsigned t = 1; t < threads; ++t) {
      const std::size_t guess = std::max(cut[t - 1], chunk.size() * t / threads);
      cut[t] = guess == 0 ? 0 : next_line_start(chunk, guess, csv);
    }
    std::vector<std::size_t> first_line(threads, next_line);
    for (unsigned t = 1; t < threads; ++t) {
      first_line[t] =
          first_line[t - 1] + count_lines(chunk.substr(cut[t - 1], cut[t] - cut[t - 1]), csv);
    }
    const std::size_t count =
        first_line[threads - 1] - next_line + count_lines(chunk.substr(cut[threads - 1]), csv);
    auto work = [&](unsigned t) {
      outputs[t].clear();
      outputs[t].reserve((cut[t + 1] - cut[t]) * 3 / 2);  // results run about as long as inputs
      stats[t] = {};
      if (cut[t] < cut[t + 1]) {
        workers[t]->process(chunk.substr(cut[t], cut[t + 1] - cut[t]), first_line[t], csv_columns,
                            outputs[t], stats[t], buffer.data() + buffer.size());
      }
    };
    if (threads == 1 || count < 1024) {
      for (unsigned t = 0; t < threads; ++t) work(t);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
      work(0);
      for (auto& th : pool) th.join();
    }
    for (unsigned t = 0; t < threads; ++t) {
      for (auto& [key, line] : workers[t]->take_unknown_keys()) {
        if (!unknown_keys.insert(key).second) continue;
        std::string warning = fmt::format(
            "line {}: `{}` is not an input of this ruleset; it is ignored on every line", line,
            key);
        if (const auto s = closest_match(key, input_names); !s.empty())
          warning += fmt::format(" (did you mean `{}`?)", s);
        total.warnings.push_back(std::move(warning));
      }
      if (!write(outputs[t])) {
        eof = true;  // the output failed: stop reading
        break;
      }
      total.schemes += stats[t].schemes;
      total.errors += stats[t].errors;
      total.columnar_rows += stats[t].columnar_rows;
      total.scalar_rows += stats[t].scalar_rows;
      for (auto& e : stats[t].first_errors) {
        if (total.first_errors.size() < kept_errors) total.first_errors.push_back(std::move(e));
      }
    }
    next_line += count;
    buffer.assign(rest);  // keeps the buffer's memory: no fresh pages to fault in each chunk
    if (progress) progress(total);
  }
  return total;
}

}  // namespace spdl
