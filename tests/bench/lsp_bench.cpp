// The language server's speed and memory (scripts/bench-lsp): how long after a change the
// diagnostics are ready once the debounce has run out (the analysis, then publishDiagnostics
// built and framed), and how long completion, hover and definition take to answer, for the
// largest shipped ruleset and for a generated 10,000-line ruleset; and the memory the server
// holds over 10,000 changes. It prints figures and asserts nothing.
//
// Each time is given as the wall clock saw it and as the CPU time of the server's thread: on a
// machine shared with other work the wall clock also counts the waits for a core.
//
// Usage: spdl_lsp_bench [--edits N] [--samples N]

#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "ruleset_generator.hpp"
#include "spdl/runtime/lsp/dispatcher.hpp"
#include "spdl/runtime/lsp/transport.hpp"
#include "spdl/runtime/lsp/uri.hpp"

namespace fs = std::filesystem;
using namespace spdl::lsp;
using Millis = std::chrono::duration<double, std::milli>;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Resident memory, from /proc/self/statm (pages), in MB.
double rss_mb() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

// The CPU time this thread has used.
std::chrono::nanoseconds thread_cpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

double heap_mb() {
  const auto m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd) / 1e6;
}

// A server whose messages are framed and dropped, as if written to a client.
class Bench {
 public:
  Bench()
      : server_(ServerOptions{SPDL_SOURCE_DIR, std::chrono::milliseconds(150)},
                [this](const json& m) {
                  sink_.str("");
                  MessageWriter(sink_).write(dump(m));
                  if (m.contains("id")) last_response_ = m;
                  if (m.value("method", "") == "textDocument/publishDiagnostics") {
                    ++published_;
                    diagnostics_ = m["params"]["diagnostics"].size();
                  }
                }) {
    send({{"jsonrpc", "2.0"},
          {"id", 1},
          {"method", "initialize"},
          {"params", {{"capabilities", json::object()}}}});
    send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  }

  void open(const std::string& uri, const std::string& text) {
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/didOpen"},
          {"params",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "spdl"}, {"version", 1}, {"text", text}}}}}});
  }

  struct Took {
    Millis wall;
    Millis cpu;
  };

  // One change, then the moment its debounce runs out: the time to its diagnostics.
  Took change(const std::string& uri, const std::string& text) {
    const std::string body = dump({{"jsonrpc", "2.0"},
                                   {"method", "textDocument/didChange"},
                                   {"params",
                                    {{"textDocument", {{"uri", uri}, {"version", ++version_}}},
                                     {"contentChanges", json::array({{{"text", text}}})}}}});
    const auto now = Clock::now();
    server_.receive(body, now);
    const std::size_t before = published_;
    const auto start = Clock::now();
    const auto cpu_start = thread_cpu();
    server_.publish_due(now + std::chrono::milliseconds(150));
    const Took took{Clock::now() - start, thread_cpu() - cpu_start};
    if (published_ != before + 1) throw std::runtime_error("no diagnostics were published");
    return took;
  }

  // One request, answered and framed: its time, and its response for a sanity check.
  Took request(const std::string& method, const json& params, json& response) {
    const std::string body =
        dump({{"jsonrpc", "2.0"}, {"id", ++request_id_}, {"method", method}, {"params", params}});
    const auto start = Clock::now();
    const auto cpu_start = thread_cpu();
    server_.receive(body);
    const Took took{Clock::now() - start, thread_cpu() - cpu_start};
    response = last_response_;
    if (response.value("id", 0) != request_id_ || !response.contains("result"))
      throw std::runtime_error(method + " was not answered: " + dump(response));
    return took;
  }

  std::chrono::nanoseconds analysis_time(const std::string& uri) {
    return server_.workspace().latest(uri)->took();
  }
  std::size_t diagnostics() const { return diagnostics_; }

 private:
  void send(const json& m) { server_.receive(dump(m)); }

  Server server_;
  std::ostringstream sink_;
  std::size_t published_ = 0;
  std::size_t diagnostics_ = 0;
  int version_ = 1;
  int request_id_ = 1;
  json last_response_;
};

struct Stats {
  double median, p99, max;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)], v.back()};
}

void print_times(const std::string& what, const std::vector<double>& wall,
                 const std::vector<double>& cpu) {
  const Stats w = stats(wall);
  const Stats c = stats(cpu);
  fmt::print(
      "    {:<12} CPU median {:7.2f} ms, p99 {:7.2f} ms, max {:7.2f} ms | wall median {:7.2f} ms, "
      "p99 {:7.2f} ms, max {:7.2f} ms\n",
      what, c.median, c.p99, c.max, w.median, w.p99, w.max);
}

// The position (UTF-16 units; these names are ASCII) of the last occurrence of `name` in `text`,
// `into` characters in.
json last_occurrence(const std::string& text, const std::string& name, std::size_t into) {
  const auto at = text.rfind(name);
  if (at == std::string::npos) throw std::runtime_error("not in the ruleset: " + name);
  const auto line_start = text.rfind('\n', at);
  const std::size_t column = at - (line_start == std::string::npos ? 0 : line_start + 1);
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return {{"line", line}, {"character", column + into}};
}

// Two versions of a ruleset that both check: the original, and one with a parameter's figure
// changed, so every change is a real one.
std::pair<std::string, std::string> versions(const std::string& text, const std::string& from,
                                             const std::string& to) {
  std::string other = text;
  const auto at = other.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the ruleset: " + from);
  other.replace(at, from.size(), to);
  return {text, other};
}

// `name` is a parameter the ruleset uses: hover and definition ask at its last use, completion
// three characters into it (the names in scope that match what is typed).
void latency(const std::string& label, const fs::path& path, const std::string& text,
             const std::string& from, const std::string& to, const std::string& name, int samples) {
  Bench bench;
  const std::string uri = uri_from_path(path);
  bench.open(uri, text);
  const auto [a, b] = versions(text, from, to);
  std::vector<double> wall, cpu, analysis;
  for (int i = 0; i < samples + 3; ++i) {
    const Bench::Took t = bench.change(uri, i % 2 ? a : b);
    if (i < 3) continue;  // warm-up
    wall.push_back(t.wall.count());
    cpu.push_back(t.cpu.count());
    analysis.push_back(Millis(bench.analysis_time(uri)).count());
  }
  fmt::print("  {} ({} lines, {} diagnostics), {} samples each:\n", label, lines_of(text),
             bench.diagnostics(), wall.size());
  print_times("diagnostics", wall, cpu);
  fmt::print("    (of which load + check: median {:.2f} ms)\n", stats(analysis).median);

  // Requests on the analysed document, as a writer moves about it between changes.
  struct Ask {
    const char* label;
    const char* method;
    std::size_t into;
  };
  for (const Ask ask :
       {Ask{"completion", "textDocument/completion", 3}, Ask{"hover", "textDocument/hover", 1},
        Ask{"definition", "textDocument/definition", 1}}) {
    const json params = {{"textDocument", {{"uri", uri}}},
                         {"position", last_occurrence(text, name, ask.into)}};
    std::vector<double> ask_wall, ask_cpu;
    json response;
    for (int i = 0; i < samples + 3; ++i) {
      const Bench::Took t = bench.request(ask.method, params, response);
      if (i < 3) continue;
      ask_wall.push_back(t.wall.count());
      ask_cpu.push_back(t.cpu.count());
    }
    if (response["result"].is_null())
      throw std::runtime_error(std::string(ask.method) + " found nothing at " + name);
    print_times(ask.label, ask_wall, ask_cpu);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int edits = 10'000;
  int samples = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--edits") == 0) edits = std::stoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--samples") == 0) samples = std::stoi(argv[i + 1]);
  }
  const fs::path source = SPDL_SOURCE_DIR;

  // The largest shipped ruleset, by lines.
  fs::path largest;
  std::size_t most = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source / "rulesets")) {
    if (entry.path().extension() != ".spd") continue;
    const std::size_t n = lines_of(read_file(entry.path()));
    if (n > most) {
      most = n;
      largest = entry.path();
    }
  }
  const std::string largest_text = read_file(largest);
  const std::string relative = fs::relative(largest, source).string();

  fmt::print(
      "spdl lsp: from a change to its diagnostics, once the debounce has run out; and requests\n");
  latency(relative, largest, largest_text, "= 62%", "= 63%", "average_subsidy_rate", samples);

  // The benchmark ruleset of tests/bench/scaling_bench.cpp, written once to a file.
  const fs::path folder = fs::temp_directory_path() / "spdl-lsp-bench";
  fs::create_directories(folder);
  const fs::path generated = folder / "generated.spd";
  const std::string generated_text = spdl::bench::generated_ruleset(3'334);
  std::ofstream(generated, std::ios::binary) << generated_text;
  latency("generated 10,000-line ruleset", generated, generated_text, "parameter share_1 = 2%",
          "parameter share_1 = 3%", "threshold_3333", samples);
  fs::remove_all(folder);

  // Memory over many changes: after a warm-up, and at the end.
  Bench bench;
  const std::string uri = uri_from_path(largest);
  bench.open(uri, largest_text);
  const auto [a, b] = versions(largest_text, "= 62%", "= 63%");
  const int warm_up = std::min(500, edits);
  double rss_start = 0, heap_start = 0;
  for (int i = 0; i < edits; ++i) {
    bench.change(uri, i % 2 ? a : b);
    if (i + 1 == warm_up) {
      rss_start = rss_mb();
      heap_start = heap_mb();
    }
  }
  fmt::print("\nspdl lsp: memory over {} changes of {}\n", edits, relative);
  fmt::print("  resident: {:.1f} MB after {} changes (warm-up), {:.1f} MB after {} ({:+.1f} MB)\n",
             rss_start, warm_up, rss_mb(), edits, rss_mb() - rss_start);
  fmt::print("  heap in use: {:.2f} MB after {} changes, {:.2f} MB after {} ({:+.2f} MB)\n",
             heap_start, warm_up, heap_mb(), edits, heap_mb() - heap_start);
  return 0;
}
