#include "spdl/runtime/batch/batch.hpp"

#include <fmt/format.h>

#include <simdjson.h>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <istream>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/batch/batch_plan.hpp"
#include "spdl/runtime/batch/batch_worker.hpp"
#include "spdl/runtime/input/csv.hpp"
#include "spdl/runtime/input/scheme_values.hpp"

namespace spdl {

namespace {

Diagnostic batch_warning(std::string message) {
  return {.severity = Severity::warning, .code = "batch-input", .message = std::move(message)};
}

// The input each CSV column gives (-1: none, with a warning once for a name that is no input).
std::vector<std::int32_t> csv_header_columns(
    const std::vector<CsvCell>& cells, const std::unordered_map<std::string, std::uint32_t>& inputs,
    std::vector<Diagnostic>& warnings) {
  std::vector<std::int32_t> columns;
  for (const auto& [cell, offset] : cells) {
    const auto it = inputs.find(cell);
    columns.push_back(it == inputs.end() ? -1 : static_cast<std::int32_t>(it->second));
    if (it == inputs.end() && !is_scheme_metadata(cell)) {
      warnings.push_back(batch_warning(
          fmt::format("column `{}` is not an input of this ruleset; it is ignored", cell)));
    }
  }
  return columns;
}

// One chunk of the input on its way through: its whole lines, cut into pieces that workers take
// one at a time, and what became of each piece.
struct Chunk {
  const BatchRun::Plan* plan = nullptr;
  std::string buffer;  // the lines, then simdjson's padding
  std::string_view lines;
  std::vector<std::size_t> cut;            // piece p is lines[cut[p], cut[p + 1])
  std::vector<std::size_t> first_line;     // the number of piece p's first line
  std::vector<BatchPart> parts;            // what became of piece p
  std::atomic<std::size_t> next_piece{0};  // the next piece a worker may take
  std::optional<BatchError> overlong;      // a line after these that was too long to read
};

// Reads the input a chunk at a time, keeping a line cut by the chunk's end for the next one, and
// numbers the lines (a CSV's header is line 1, and a newline inside quotes does not end a line).
class ChunkReader {
 public:
  ChunkReader(std::istream& in, const BatchRun::Plan& plan, BatchStats& total)
      : in_(in),
        plan_(plan),
        total_(total),
        csv_(plan.options.input == BatchFormat::csv),
        header_done_(!csv_) {}

  const std::vector<std::int32_t>& csv_columns() const { return csv_columns_; }

  // False once the input is used up and nothing is left to evaluate.
  bool read(Chunk& chunk, unsigned pieces) {
    chunk.plan = &plan_;
    chunk.overlong.reset();
    chunk.lines = {};
    if (eof_) return false;
    std::string& buffer = chunk.buffer;
    // Room for a whole chunk from the start, untouched until read into: the reads below start
    // small, but the buffer is one allocation of one size, which the heap keeps for the next batch
    // of the process. Grown with the reads, it took pages fresh from the system for every batch
    // (page faults: a batch of 10,000 schemes in memory used 4 times the CPU).
    buffer.reserve(plan_.options.max_line_bytes + plan_.options.chunk_bytes);  // carried_: less
    buffer.assign(carried_);  // keeps the buffer's memory: no fresh pages each chunk
    for (;;) {
      // The first reads are small and each doubles up to a whole chunk: a file of one scheme
      // costs what `spdl eval` does, not the clearing of a chunk-sized buffer.
      const std::size_t wanted = read_bytes_;
      read_bytes_ = std::min(read_bytes_ * 2, plan_.options.chunk_bytes);
      const std::size_t carried = buffer.size();
      buffer.resize(carried + wanted);
      in_.read(buffer.data() + carried, static_cast<std::streamsize>(wanted));
      const std::size_t got = static_cast<std::size_t>(in_.gcount());
      buffer.resize(carried + got);
      eof_ = got < wanted;
      cut_ = eof_ && in_.bad();
      if (!skipping_) break;
      // The rest of a line too long to read is dropped, up to its end.
      const std::size_t line_end = buffer.find('\n');
      if (line_end != std::string::npos) {
        buffer.erase(0, line_end + 1);
        skipping_ = false;
        break;
      }
      buffer.clear();
      if (eof_) break;
    }
    // The end of the input ends its last line, unless the input was cut off there.
    const std::size_t end = eof_ && !cut_ ? buffer.size() : last_line_end(buffer, csv_);
    carried_.assign(buffer, end);
    buffer.resize(end);
    if (cut_) carried_.clear();
    // A line cut by the chunk's end that is already longer than any scheme: it is reported on its
    // line, not read (a gigabyte without a line break would otherwise be held whole), and the
    // batch goes on after its line break. In CSV, a record that has crossed a line break is a
    // quoted cell left open: everything after its quote is inside it, so nothing more is read.
    std::optional<BatchError> overlong;
    if (carried_.size() > plan_.options.max_line_bytes) {
      overlong =
          BatchError{0, 1,
                     fmt::format("the line is longer than {} bytes, more than any scheme; it "
                                 "is not read",
                                 plan_.options.max_line_bytes)};
      if (csv_ && carried_.find('\n') != std::string::npos) {
        std::vector<CsvCell> cells;
        const auto problem = split_csv_record(carried_, cells);
        const auto [line, column] = line_and_column(carried_, problem ? problem->offset : 0);
        overlong->line = line;  // lines into the record; its first line is added below
        overlong->column = column;
        overlong->message = fmt::format(
            "a quoted cell opened here does not close within {} bytes; nothing after it is read",
            plan_.options.max_line_bytes);
        eof_ = true;
      } else {
        skipping_ = true;
      }
      carried_.clear();
      carried_.shrink_to_fit();
    }
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');  // simdjson reads a little past each line
    std::string_view lines(buffer.data(), end);
    if (!header_done_ && !lines.empty()) {
      const std::size_t header_end = first_line_end(lines, csv_);
      std::string_view header = lines.substr(0, header_end);
      if (!header.empty() && header.back() == '\n') header.remove_suffix(1);
      if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
      const std::size_t mark = byte_order_mark(header);
      header.remove_prefix(mark);
      std::vector<CsvCell> cells;
      auto problem = split_csv_record(header, cells, 0, limits::max_csv_columns);
      if (problem && cells.size() == limits::max_csv_columns) {
        problem->message =
            fmt::format("the header has more than {} columns", limits::max_csv_columns);
      }
      if (!problem) problem = check_header(cells);
      if (problem) {
        // Every line would be read against a header that cannot be: none is.
        const auto [line, column] = line_and_column(header, problem->offset);
        total_.stopped = BatchError{1 + line, column, problem->message};
        eof_ = true;
        return false;
      }
      csv_columns_ = csv_header_columns(cells, plan_.input_by_name, total_.warnings);
      if (!plan_.options.allow_unknown_keys) {
        // A column that is no input would be dropped from every line: refuse it, as eval
        // refuses a key, before any line is read.
        for (std::size_t c = 0; c < cells.size(); ++c) {
          if (csv_columns_[c] >= 0 || is_scheme_metadata(cells[c].text)) continue;
          std::vector<std::string> names;
          for (const auto& [name, index] : plan_.input_by_name) names.push_back(name);
          std::sort(names.begin(), names.end());
          std::string message =
              fmt::format("column `{}` is not an input of this ruleset", cells[c].text);
          if (const auto s = closest_match(cells[c].text, names); !s.empty())
            message += fmt::format(" (did you mean `{}`?)", s);
          const auto [line, column] = line_and_column(header, cells[c].offset);
          total_.stopped = BatchError{1 + line, column, message};
          total_.warnings.clear();
          eof_ = true;
          return false;
        }
      }
      header_done_ = true;
      next_line_ += count_lines(lines.substr(0, header_end));
      lines.remove_prefix(header_end);
    }
    if (!header_done_ && overlong) {
      total_.stopped = BatchError{
          1, 1,
          fmt::format("the CSV header is longer than {} bytes", plan_.options.max_line_bytes)};
      eof_ = true;
      return false;
    }
    chunk.lines = lines;

    // Pieces of whole lines (cut just after a line break), each split into lines by the worker
    // that takes it; counting the breaks before each cut numbers its first line.
    chunk.cut.assign(pieces + 1, 0);
    chunk.cut[pieces] = lines.size();
    for (unsigned p = 1; p < pieces; ++p) {
      const std::size_t guess = std::max(chunk.cut[p - 1], lines.size() * p / pieces);
      chunk.cut[p] = guess == 0 ? 0 : next_line_start(lines, guess, csv_);
    }
    chunk.first_line.assign(pieces, next_line_);
    for (unsigned p = 1; p < pieces; ++p) {
      chunk.first_line[p] =
          chunk.first_line[p - 1] +
          count_lines(lines.substr(chunk.cut[p - 1], chunk.cut[p] - chunk.cut[p - 1]));
    }
    next_line_ = chunk.first_line[pieces - 1] + count_lines(lines.substr(chunk.cut[pieces - 1]));
    if (overlong) {
      overlong->line += next_line_;
      ++next_line_;
    }
    chunk.overlong = std::move(overlong);
    if (cut_ && !total_.cut) {
      total_.cut = BatchError{next_line_, 1,
                              "the input could not be read to its end: this line and any after "
                              "it are not read"};
    }
    chunk.parts.resize(pieces);
    chunk.next_piece = 0;
    return !lines.empty() || !eof_ || chunk.overlong;
  }

 private:
  std::istream& in_;
  const BatchRun::Plan& plan_;
  BatchStats& total_;
  const bool csv_;
  bool header_done_;
  bool eof_ = false;
  bool cut_ = false;  // the input ended with its stream bad
  std::size_t read_bytes_ = std::min<std::size_t>(64u << 10, plan_.options.chunk_bytes);
  bool skipping_ = false;  // dropping the rest of a line too long to read
  std::string carried_;    // the start of a line the last chunk cut
  std::size_t next_line_ = 1;
  std::vector<std::int32_t> csv_columns_;
};

// Worker threads that stay up for the whole batch: each takes its run of lines of every chunk
// handed to start(), while the caller reads the next chunk and writes the last one's results.
class WorkerPool {
 public:
  WorkerPool(std::vector<std::unique_ptr<BatchWorker>>& workers, const ChunkReader& reader)
      : workers_(workers), reader_(reader) {
    for (unsigned t = 0; t < workers_.size(); ++t) threads_.emplace_back([this, t] { serve(t); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start(Chunk& chunk) {
    {
      std::lock_guard lock(mutex_);
      chunk_ = &chunk;
      busy_ = static_cast<unsigned>(workers_.size());
      ++round_;
    }
    wake_.notify_all();
  }

  // Waits for the chunk under way; a worker's exception (memory running out) is rethrown here,
  // on the caller's thread, rather than ending the process from a worker's.
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return busy_ == 0; });
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  void serve(unsigned t) {
    std::uint64_t seen = 0;
    for (;;) {
      Chunk* chunk = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
        if (stopping_) return;
        seen = round_;
        chunk = chunk_;
      }
      // Pieces go to whichever worker is free: a core that also serves the reading thread
      // takes fewer.
      std::exception_ptr failure;
      try {
        for (std::size_t p = chunk->next_piece++; p < chunk->parts.size(); p = chunk->next_piece++)
          process(workers_[t], *chunk, p, reader_.csv_columns());
      } catch (...) {
        failure = std::current_exception();
        chunk->next_piece = chunk->parts.size();  // the other workers stop taking pieces
      }
      std::lock_guard lock(mutex_);
      if (failure && !failure_) failure_ = failure;
      if (--busy_ == 0) done_.notify_one();
    }
  }

 public:
  // A worker's state (an evaluator, a block of columns, a JSON parser: close to a megabyte) is
  // made when it first has lines to read, so threads beyond the work cost nothing.
  static void process(std::unique_ptr<BatchWorker>& worker, Chunk& chunk, std::size_t p,
                      const std::vector<std::int32_t>& csv_columns) {
    if (chunk.cut[p] == chunk.cut[p + 1]) {
      chunk.parts[p].out.clear();
      chunk.parts[p].stats = {};
      chunk.parts[p].unknown_keys.clear();
      return;
    }
    if (!worker) worker = std::make_unique<BatchWorker>(*chunk.plan);
    worker->process(chunk.lines.substr(chunk.cut[p], chunk.cut[p + 1] - chunk.cut[p]),
                    chunk.first_line[p], csv_columns, chunk.buffer.data() + chunk.buffer.size(),
                    chunk.parts[p]);
  }

 private:
  std::vector<std::unique_ptr<BatchWorker>>& workers_;
  const ChunkReader& reader_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  Chunk* chunk_ = nullptr;
  std::uint64_t round_ = 0;
  unsigned busy_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;  // the first exception a worker met in this round
};

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
                                          const BatchOptions& options, Diagnostics& diagnostics) {
  auto plan = std::make_unique<Plan>();
  plan->program = program;
  plan->options = options;
  // No more threads than the machine has cores: more only share them, each with its own state.
  plan->options.threads =
      std::clamp(options.threads, 1u, std::max(1u, std::thread::hardware_concurrency()));
  const CheckedRuleset& c = *program->checked;

  if (options.outputs.empty()) {
    for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
      const auto& rule = c.rules[r];
      if (rule.origin.imported || rule.type.kind == TypeKind::list ||
          rule.type.kind == TypeKind::record)
        continue;
      plan->outputs.push_back({rule.name, program->rule_slots[r], rule.type, {}});
    }
  }
  for (const auto& name : options.outputs) {
    const auto s = c.find(name);
    if (!s || s->kind != SymbolKind::rule) {
      diagnostics.error("batch-output", Span{},
                        fmt::format("`{}` is not a rule of {}", name, c.header().id));
      return std::nullopt;
    }
    plan->outputs.push_back({name, program->rule_slots[s->index], c.rules[s->index].type, {}});
  }
  for (auto& o : plan->outputs) {
    o.json_key = ",\"";
    append_json_escaped(o.json_key, o.name);
    o.json_key += "\":";
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
  std::vector<std::unique_ptr<BatchWorker>> workers(threads);  // made when first needed

  BatchStats total;
  if (plan.options.output == BatchFormat::csv) {
    std::string head = "line";
    for (const auto& o : plan.outputs) head += "," + o.name;
    if (!write(head + ",error\n")) return {};
  }

  std::set<std::string> unknown_keys;
  std::vector<std::string> input_names;
  for (const auto& input : plan.program->checked->inputs) input_names.push_back(input.name);
  // Writes a chunk's results in line order; false when the output failed.
  auto finish = [&](Chunk& chunk) {
    for (auto& part : chunk.parts) {
      for (auto& [key, line] : part.unknown_keys) {
        if (unknown_keys.contains(key)) continue;
        if (unknown_keys.size() >= kept_unknown_keys) {
          if (unknown_keys.size() == kept_unknown_keys) {
            unknown_keys.insert(key);
            total.warnings.push_back(
                batch_warning("more keys are not inputs of this ruleset; they are ignored"));
          }
          continue;
        }
        unknown_keys.insert(key);
        std::string warning = fmt::format(
            "line {}: `{}` is not an input of this ruleset; it is ignored on every line", line,
            key);
        if (const auto s = closest_match(key, input_names); !s.empty())
          warning += fmt::format(" (did you mean `{}`?)", s);
        total.warnings.push_back(batch_warning(std::move(warning)));
      }
      if (!write(part.out)) return false;
      total.schemes += part.stats.schemes;
      total.errors += part.stats.errors;
      total.columnar_rows += part.stats.columnar_rows;
      total.scalar_rows += part.stats.scalar_rows;
      for (auto& e : part.stats.first_errors) {
        if (total.first_errors.size() < kept_batch_errors)
          total.first_errors.push_back(std::move(e));
      }
    }
    if (chunk.overlong) {
      std::string out;
      append_batch_error(plan, *chunk.overlong, out, total);
      ++total.schemes;
      if (!write(out)) return false;
    }
    if (progress) progress(total);
    return true;
  };

  ChunkReader reader(in, plan, total);
  if (threads == 1) {
    // One core: everything on the calling thread.
    Chunk chunk;
    while (reader.read(chunk, 1)) {
      WorkerPool::process(workers[0], chunk, 0, reader.csv_columns());
      if (!finish(chunk)) break;
    }
    return total;
  }

  // Two chunks in flight: the workers evaluate one while this thread reads the next and then
  // writes the one before, so the workers never wait for reading or writing.
  Chunk chunks[2];
  WorkerPool pool(workers, reader);
  unsigned current = 0;
  const unsigned pieces = threads * 4;
  bool more = reader.read(chunks[current], pieces);
  if (more) pool.start(chunks[current]);
  while (more) {
    Chunk& next = chunks[1 - current];
    more = reader.read(next, pieces);
    pool.wait();
    Chunk& done = chunks[current];
    if (more) pool.start(next);
    if (!finish(done)) {
      if (more) pool.wait();  // the output failed: let the chunk under way finish, then stop
      break;
    }
    current = 1 - current;
  }
  return total;
}

}  // namespace spdl
