#include "spdl/runtime/lsp/transport.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace spdl::lsp {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A shortened, printable copy of a header line for an error message.
std::string quoted(std::string_view line) {
  std::string out;
  for (const char c : line.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += u >= 0x20 && u < 0x7F ? c : '?';
  }
  if (line.size() > 40) out += "...";
  return out;
}

}  // namespace

MessageReader::Line MessageReader::read_line(std::string& line) {
  line.clear();
  bool too_long = false;
  for (;;) {
    const int c = in_.get();
    if (c == std::char_traits<char>::eof()) return Line::end;
    if (c == '\n') break;
    if (line.size() < max_header_line) {
      line += static_cast<char>(c);
    } else {
      too_long = true;  // keep reading to the line's end, keeping nothing more
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return too_long ? Line::too_long : Line::ok;
}

bool MessageReader::skip(std::size_t bytes) {
  std::array<char, 64 * 1024> buffer;
  while (bytes > 0) {
    const auto chunk = static_cast<std::streamsize>(std::min(bytes, buffer.size()));
    in_.read(buffer.data(), chunk);
    if (in_.gcount() != chunk) return false;
    bytes -= static_cast<std::size_t>(chunk);
  }
  return true;
}

Frame MessageReader::next() {
  std::string line;
  std::string problem;
  bool have_length = false;
  std::size_t length = 0;
  std::size_t lines = 0;
  for (;;) {
    const Line got = read_line(line);
    if (got == Line::end) return {Frame::Kind::end, {}};
    if (got == Line::ok && line.empty()) {
      if (lines == 0) continue;  // blank lines between messages are tolerated
      break;
    }
    ++lines;
    if (!problem.empty()) continue;  // already refused: read on to the end of the block
    if (got == Line::too_long) {
      problem = fmt::format("a header line is longer than {} bytes", max_header_line);
      continue;
    }
    if (lines > max_header_lines) {
      problem = fmt::format("a header block has more than {} lines", max_header_lines);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      problem = fmt::format("`{}` is not a header (\"Name: value\")", quoted(line));
      continue;
    }
    if (!equals_ignoring_case(trim(std::string_view(line).substr(0, colon)), "Content-Length"))
      continue;
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    const bool digits =
        !value.empty() && value.size() <= 12 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      problem = fmt::format("Content-Length `{}` is not a number of bytes", quoted(value));
      continue;
    }
    if (have_length) {
      problem = "two Content-Length headers";
      continue;
    }
    have_length = true;
    length = std::stoull(std::string(value));
  }
  if (!problem.empty()) return {Frame::Kind::refused, problem};
  if (!have_length) return {Frame::Kind::refused, "a header block without Content-Length"};
  if (length > max_body_) {
    if (!skip(length)) return {Frame::Kind::end, {}};
    return {Frame::Kind::refused,
            fmt::format("a message of {} bytes; the server takes at most {}", length, max_body_)};
  }
  Frame frame{Frame::Kind::message, std::string(length, '\0')};
  in_.read(frame.text.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in_.gcount()) != length) return {Frame::Kind::end, {}};
  return frame;
}

std::string frame(std::string_view body) {
  std::string out = fmt::format("Content-Length: {}\r\n\r\n", body.size());
  out += body;
  return out;
}

void MessageWriter::write(std::string_view body) {
  out_ << frame(body);
  out_.flush();
}

}  // namespace spdl::lsp
