// Where a command's output goes: the terminal, or a file written so that a failure part-way leaves
// any earlier file as it was.

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include <unistd.h>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"

namespace spdl::cli {

Format format_named(const std::string& name) {
  if (name == "json") return Format::json;
  if (name == "markdown") return Format::markdown;
  if (name == "csv") return Format::csv;
  if (name == "html") return Format::html;
  if (name == "svg") return Format::svg;
  if (name == "jsonl") return Format::jsonl;
  return Format::text;
}

const char* format_name(Format format) {
  switch (format) {
    case Format::json:
      return "json";
    case Format::markdown:
      return "markdown";
    case Format::csv:
      return "csv";
    case Format::html:
      return "html";
    case Format::svg:
      return "svg";
    case Format::jsonl:
      return "jsonl";
    case Format::text:
      break;
  }
  return "text";
}

namespace {

// Whether two paths name a file the same way (a symlink or a hard link names it another).
bool same_name(const std::filesystem::path& a, const std::filesystem::path& b) {
  return std::filesystem::absolute(a).lexically_normal() ==
         std::filesystem::absolute(b).lexically_normal();
}

}  // namespace

bool output_is_not_an_input(const std::string& path,
                            const std::vector<std::filesystem::path>& inputs) {
  for (const auto& input : inputs) {
    if (!same_file(path, input)) continue;
    std::cerr << fmt::format(
        "error: cannot write {}: this command reads it{}; writing it would destroy it, so nothing "
        "is written (choose another file)\n",
        path, same_name(path, input) ? "" : fmt::format(" (as {})", input.string()));
    return false;
  }
  return true;
}

int write_output(const std::string& text, const std::string& path, Format format,
                 const std::vector<std::filesystem::path>& inputs) {
  const bool json = format == Format::json || format == Format::jsonl;
  const std::string shown = json ? text : utf8::printable(text);
  if (path.empty() || path == "-") {
    std::cout << shown;
    return 0;  // standard_output_written() checks it before spdl exits
  }
  if (!output_is_not_an_input(path, inputs)) return 1;
  if (const std::string error = write_file_atomically(path, shown); !error.empty()) {
    std::cerr << "error: " << error << "\n";
    return 1;
  }
  std::cerr << fmt::format("wrote {}\n", path);
  return 0;
}

namespace {

// std::cout's buffer, writing to descriptor 1 itself so that the reason of the first failed
// write (a full disk, a closed descriptor) is known, not only that one failed.
class CheckedOutput : public std::streambuf {
 public:
  CheckedOutput() : previous_(std::cout.rdbuf(this)) { setp(buffer_, buffer_ + sizeof buffer_); }
  ~CheckedOutput() override {
    sync();
    std::cout.rdbuf(previous_);
  }
  CheckedOutput(const CheckedOutput&) = delete;
  CheckedOutput& operator=(const CheckedOutput&) = delete;

  int error() const { return error_; }

 protected:
  int overflow(int c) override {
    if (!drain()) return traits_type::eof();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }
  // A block larger than the buffer (a batch's chunk of results) goes straight to the descriptor.
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n < static_cast<std::streamsize>(sizeof buffer_)) return std::streambuf::xsputn(s, n);
    if (!drain() || !write_all(s, static_cast<std::size_t>(n))) return 0;
    return n;
  }

 private:
  bool drain() {
    const bool written = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);  // what could not be written is dropped
    return written;
  }

  bool write_all(const char* p, std::size_t size) {
    const char* end = p + size;
    while (p < end && error_ == 0) {
      const ssize_t n = ::write(STDOUT_FILENO, p, static_cast<std::size_t>(end - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      p += n;
    }
    return error_ == 0;
  }

  char buffer_[64 * 1024];
  std::streambuf* previous_;
  int error_ = 0;
};

CheckedOutput& checked_output() {
  static CheckedOutput output;
  return output;
}

}  // namespace

void check_standard_output() {
  checked_output();
}

bool standard_output_written() {
  CheckedOutput& output = checked_output();
  std::cout.flush();
  if (output.error() == 0 && std::cout.good()) return true;
  std::string reason = output.error() == ENOSPC ? std::string("no space left on the device")
                       : output.error() != 0    ? std::string(std::strerror(output.error()))
                                                : std::string("a write failed");
  reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  std::cerr << fmt::format("error: cannot write the report: {}\n", reason);
  return false;
}

}  // namespace spdl::cli
