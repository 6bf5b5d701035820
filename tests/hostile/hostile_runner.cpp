#include "hostile_runner.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace spdl::hostile {

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The size and a 64-bit FNV-1a hash of a file, read 64 KB at a time.
std::string digest(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::uint64_t hash = 14695981039346656037ull;
  std::uint64_t size = 0;
  std::vector<char> block(64 * 1024);
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    const auto got = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < got; ++i) {
      hash ^= static_cast<unsigned char>(block[i]);
      hash *= 1099511628211ull;
    }
    size += got;
  }
  return std::to_string(size) + ":" + std::to_string(hash);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

Workspace::Workspace(const std::string& name)
    : root_(std::filesystem::path(SPDL_HOSTILE_WORK) / name) {
  std::filesystem::remove_all(root_);
  std::filesystem::create_directories(root_ / "stdlib");
  std::filesystem::create_directories(root_ / "rulesets");
}

std::filesystem::path Workspace::write(const std::string& relative,
                                       const std::string& bytes) const {
  const auto path = root_ / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::map<std::string, std::string> Workspace::snapshot() const {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root_)) {
    if (e.is_symlink() || !e.is_regular_file()) continue;
    if (e.path().filename().string().starts_with(".run-")) continue;  // the run's own output
    files[e.path().lexically_relative(root_).string()] = digest(e.path());
  }
  return files;
}

Run run_spdl(const std::vector<std::string>& args, const std::filesystem::path& cwd,
             std::chrono::seconds limit, const Streams& streams) {
  const auto out_path = cwd / ".run-stdout";
  const auto err_path = cwd / ".run-stderr";
  std::vector<std::string> argv_text{SPDL_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  // Relative paths are the case's folder's, as spdl's arguments are. Opened before the fork, so
  // the child only duplicates descriptors.
  const std::filesystem::path in_path = cwd / streams.stdin_path;
  const std::filesystem::path to =
      streams.stdout_path.empty() ? out_path : std::filesystem::path(streams.stdout_path);
  const int in_fd = ::open(in_path.c_str(), O_RDONLY | O_CLOEXEC);
  const int out_fd = streams.close_stdout
                         ? -1
                         : ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (in_fd < 0 || err_fd < 0 || (!streams.close_stdout && out_fd < 0))
    throw std::runtime_error("cannot open the run's streams");

  // fork, not posix_spawn: a child made with vfork shares this process's memory until exec, and
  // the kernel then counts this process's highest use ever (a 50 MB ruleset written by an
  // earlier case) as the child's peak. A forked child starts from this process's current use,
  // made small first.
  ::malloc_trim(0);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot start " SPDL_BINARY);
  if (pid == 0) {
    // The child starts in `cwd` so messages name files as the case wrote them.
    if (::dup2(in_fd, STDIN_FILENO) < 0 || ::dup2(err_fd, STDERR_FILENO) < 0 ||
        ::chdir(cwd.c_str()) != 0)
      ::_exit(126);
    if (streams.close_stdout) {
      ::close(STDOUT_FILENO);
    } else if (::dup2(out_fd, STDOUT_FILENO) < 0) {
      ::_exit(126);
    }
    ::execve(SPDL_BINARY, argv.data(), environ);
    ::_exit(127);
  }
  ::close(in_fd);
  ::close(err_fd);
  if (out_fd >= 0) ::close(out_fd);

  Run run;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() - start > limit) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.peak_rss_kb = usage.ru_maxrss;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (streams.stdout_path.empty() && !streams.close_stdout) run.out = read_all(out_path);
  run.err = read_all(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

std::string transcript(const Run& run, const std::filesystem::path& work) {
  std::string text = "--- exit " + std::to_string(run.exit_code) + "\n--- stdout\n" + run.out +
                     "--- stderr\n" + run.err;
  replace_all(text, work.string(), "<work>");
  replace_all(text, SPDL_SOURCE_DIR, "<source>");
  return text;
}

}  // namespace spdl::hostile
