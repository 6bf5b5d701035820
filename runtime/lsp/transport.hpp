#pragma once
// The base protocol's framing: each message is a header block ("Content-Length: N", other
// headers ignored, each line ending "\r\n", the block ending with an empty line) and then N bytes
// of JSON. The reader takes exactly that and refuses the rest: a block without a Content-Length,
// a length that is not a plain decimal number or is larger than it accepts, an over-long or
// endless header. After a refused block it reads on for the next header block: a bad frame costs
// that message (and perhaps the one after, whose header its body hides), never the session.

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace spdl::lsp {

struct Frame {
  enum class Kind { message, refused, end };
  Kind kind = Kind::end;
  std::string text;  // the body of a message, or why a header block was refused
};

class MessageReader {
 public:
  static constexpr std::size_t default_max_body = 64 * 1024 * 1024;
  static constexpr std::size_t max_header_line = 8 * 1024;
  static constexpr std::size_t max_header_lines = 64;

  explicit MessageReader(std::istream& in, std::size_t max_body = default_max_body)
      : in_(in), max_body_(max_body) {}

  // The next message; `end` once the stream ends (also in the middle of a body: a client that
  // is gone cannot be answered).
  Frame next();

 private:
  enum class Line { ok, too_long, end };
  Line read_line(std::string& line);
  bool skip(std::size_t bytes);

  std::istream& in_;
  std::size_t max_body_;
};

// "Content-Length: N\r\n\r\n" and the body.
std::string frame(std::string_view body);

// Writes framed messages and flushes each, so the client sees it at once.
class MessageWriter {
 public:
  explicit MessageWriter(std::ostream& out) : out_(out) {}
  void write(std::string_view body);

 private:
  std::ostream& out_;
};

}  // namespace spdl::lsp
