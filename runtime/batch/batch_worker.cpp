#include "spdl/runtime/batch/batch_worker.hpp"

#include <fmt/format.h>

#include <simdjson.h>
#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/eval/columnar/columnar_fixed.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/input/csv.hpp"
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
  BatchError error;
};

std::size_t count_breaks(const char* from, const char* to) {
  return static_cast<std::size_t>(std::count(from, to, '\n'));
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
    // Lines are numbered as an editor shows them: a CSV record whose quoted cell holds a line
    // break takes two lines.
    std::size_t number = first_line;
    const char* counted_to = text.data();
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i];
      if (csv) {
        number += count_breaks(counted_to, line.data());
        counted_to = line.data();
      } else {
        number = first_line + i;  // a JSON line is one line
      }
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
        // A key given twice: the scheme reader refuses it, pointing at both. An input's key is
        // checked by its index; any other by its text.
        const auto input = find_input(key, number);
        if (input >= 0 ? (std::exchange(given_[static_cast<std::size_t>(input)],
                                        given_[static_cast<std::size_t>(input)] | key_given) &
                          key_given) != 0
                       : !first_time(key)) {
          simple = false;
          break;
        }
        simdjson::ondemand::json_type type;
        if (value.type().get(type)) {
          simple = false;
          break;
        }
        if (input < 0 && !plan_.options.allow_unknown_keys && !is_scheme_metadata(key)) {
          // A key that is no input is an error on this line: the scheme reader says so, with
          // its did-you-mean.
          simple = false;
          break;
        }
        if (input < 0) {
          // Not read, but it must be plain JSON all the same: anything else (a list, a mapping,
          // an escape, a malformed literal) goes to the scheme reader, which reads all of it.
          if (type == simdjson::ondemand::json_type::array ||
              type == simdjson::ondemand::json_type::object ||
              !plain_json_scalar(value.raw_json_token())) {
            simple = false;
            break;
          }
          continue;
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
      // Anything after the object (a second scheme on the line) is the scheme reader's to refuse.
      const char* rest = nullptr;
      if (simple && !doc.current_location().get(rest)) simple = false;
    }
    if (simple && all_required_given()) {
      commit_row(number);
      return;
    }
    // Anything else goes through the scheme reader, which gives the same answers and messages
    // as `spdl eval` does for a scheme file.
    SourceSet sources;
    const SchemeLoad loaded =
        read_scheme(checked_, sources, fmt::format("line {}", number), std::string(line), {},
                    {.allow_unknown_keys = plan_.options.allow_unknown_keys});
    if (!loaded.scheme) {
      const auto [message, offset] = json_line_error(loaded.diagnostics);
      error_line(number, line, offset, message);
      return;
    }
    scalar_line(number, *loaded.scheme);
  }

  // Whether `key` is new on this line. Lines hold a handful of keys: a list is quickest, and a
  // set takes over for a line of thousands.
  // Out of line: the common line gives only inputs, and read_json_line stays small.
  [[gnu::noinline]] bool first_time(std::string_view key) {
    if (keys_.size() < 16) {
      if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) return false;
      keys_.push_back(key);
      return true;
    }
    if (keys_.size() == 16) key_set_.clear(), key_set_.insert(keys_.begin(), keys_.end());
    keys_.push_back(key);
    return key_set_.insert(key).second;
  }

  void read_csv_line(std::string_view line, std::size_t number,
                     const std::vector<std::int32_t>& columns) {
    clear_row();
    // As a scheme file: text that is not UTF-8, or holds a NUL byte, is no scheme. (simdjson
    // checks a JSON line's UTF-8 itself.)
    if (const auto bad = utf8::first_invalid(line)) {
      error_line(number, line, *bad, "this line is not valid UTF-8");
      return;
    }
    if (const auto nul = line.find('\0'); nul != std::string_view::npos) {
      error_line(number, line, nul, "this line contains a NUL byte; a scheme is plain text");
      return;
    }
    auto cut = split_csv_record(line, cells_, 0, columns.size());
    if (!cut) cut = check_width(cells_, columns.size(), static_cast<std::uint32_t>(line.size()));
    if (cut) {
      error_line(number, line, cut->offset, cut->message);
      return;
    }
    std::string problem;
    std::size_t problem_at = 0;
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      const std::int32_t input = columns[c];
      const std::string& cell = cells_[c].text;
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
        problem_at = cells_[c].offset;
        break;
      }
      set_value(static_cast<std::uint32_t>(input), std::get<Value>(v));
    }
    if (problem.empty()) {
      for (std::uint32_t i = 0; i < checked_.inputs.size(); ++i) {
        if (!(given_[i] & value_given) && plan_.inputs[i].required) {
          problem =
              fmt::format("the scheme does not give `{}`, which this ruleset needs ({})",
                          checked_.inputs[i].name, checked_.describe(checked_.inputs[i].type));
          break;
        }
      }
    }
    if (!problem.empty()) {
      error_line(number, line, problem_at, problem);
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
    // Without leave to ignore them, such a line is the scheme reader's to refuse: no warning.
    if (input < 0 && plan_.options.allow_unknown_keys && !is_scheme_metadata(key) &&
        seen_unknown_.size() <= kept_unknown_keys && seen_unknown_.insert(std::string(key)).second)
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
    keys_.clear();
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
    given_[input] |= value_given;
    if (block_) {
      block_->set(input, block_rows_, mantissa, scale);
    } else {
      scheme_.inputs[input] = columnar::value_of(plan_.inputs[input].kind, mantissa, scale);
    }
  }

  void set_value(std::uint32_t input, const Value& v) {
    // A value read by the slow path: into the block when it fits there, else the row goes scalar.
    given_[input] |= value_given;
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
      if (!(given_[i] & value_given) && plan_.inputs[i].required) return false;
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
        if ((given_[i] & value_given) && !scheme_.inputs[i].known())
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

  // An error at byte `offset` of the record that starts on line `number`.
  void error_line(std::size_t number, std::string_view record, std::size_t offset,
                  const std::string& message) {
    const auto [lines, column] = line_and_column(record, offset);
    BatchError error{number + lines, column, message};
    if (block_ && block_rows_ > 0) {
      pending_.push_back({Pending::How::error, number, 0, std::move(error)});
      return;
    }
    emit_error(error);
  }

  void emit_error(const BatchError& error) { append_batch_error(plan_, error, *out_, *stats_); }

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
          append_batch_value(out, block_->value(o.slot, row), o.type, checked_, json);
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
        append_batch_value(out, v, o.type, checked_, true);
      } else {
        out += ',';
        append_batch_value(out, v, o.type, checked_, false);
      }
    }
    if (!errors_.empty()) {
      ++stats_->errors;
      if (stats_->first_errors.size() < kept_batch_errors) {
        stats_->first_errors.push_back({.line = number,
                                        .message = errors_.front(),
                                        .code = "evaluation",
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
        emit_error(p.error);
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
  // For each input on the line being read: its value was given, its key was (null or not).
  static constexpr std::uint8_t value_given = 1, key_given = 2;
  std::vector<std::uint8_t> given_;
  bool force_scalar_ = false;
  simdjson::ondemand::parser parser_;
  std::vector<std::pair<std::string, std::int32_t>> last_keys_;
  std::size_t key_position_ = 0;
  std::set<std::string, std::less<>> seen_unknown_;
  std::vector<CsvCell> cells_;
  std::vector<std::string_view> keys_;  // the keys of the line being read
  std::unordered_set<std::string_view> key_set_;
  std::vector<std::string_view> lines_;
  std::vector<std::string> needs_, errors_;
  Span first_error_;  // where in the ruleset the line's first error arose
  // Where process() puts this part's results.
  std::string* out_ = nullptr;
  BatchStats* stats_ = nullptr;
  std::vector<std::pair<std::string, std::size_t>>* unknown_keys_ = nullptr;
};

void append_batch_error(const BatchRun::Plan& plan, const BatchError& error, std::string& out,
                        BatchStats& stats) {
  ++stats.errors;
  if (stats.first_errors.size() < kept_batch_errors) stats.first_errors.push_back(error);
  if (plan.options.output == BatchFormat::jsonl) {
    fmt::format_to(std::back_inserter(out), "{{\"line\":{},\"column\":{},\"error\":\"", error.line,
                   error.column);
    append_json_escaped(out, error.message);
    out += "\"}\n";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", error.line);
    for (std::size_t i = 0; i < plan.outputs.size(); ++i) out += ',';
    out += ',';
    append_csv_cell(out, error.message);
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
