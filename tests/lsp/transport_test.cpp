// The base protocol's framing: what the reader takes and what it refuses, and that it always
// goes on to the next message.

#include <catch2/catch.hpp>

#include <sstream>

#include "spdl/runtime/lsp/transport.hpp"

using spdl::lsp::Frame;
using spdl::lsp::MessageReader;

namespace {

std::vector<Frame> read_all(const std::string& bytes,
                            std::size_t max_body = MessageReader::default_max_body) {
  std::istringstream in(bytes);
  MessageReader reader(in, max_body);
  std::vector<Frame> frames;
  for (Frame f = reader.next(); f.kind != Frame::Kind::end; f = reader.next()) frames.push_back(f);
  return frames;
}

}  // namespace

TEST_CASE("transport: messages back to back, other headers ignored", "[lsp][transport]") {
  const std::string bytes = spdl::lsp::frame("{\"a\":1}") +
                            "content-length: 7\r\nContent-Type: application/vscode-jsonrpc; "
                            "charset=utf-8\r\n\r\n{\"b\":2}" +
                            spdl::lsp::frame("{\"c\":\"£\"}");
  const auto frames = read_all(bytes);
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].kind == Frame::Kind::message);
  CHECK(frames[0].text == "{\"a\":1}");
  CHECK(frames[1].text == "{\"b\":2}");
  CHECK(frames[2].text == "{\"c\":\"£\"}");  // the length counts bytes: "£" is two
  CHECK(spdl::lsp::frame("£") == "Content-Length: 2\r\n\r\n£");
}

TEST_CASE("transport: a block without Content-Length is refused, and reading goes on",
          "[lsp][transport]") {
  const auto frames = read_all("Content-Type: x\r\n\r\n" + spdl::lsp::frame("{}"));
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].kind == Frame::Kind::refused);
  CHECK(frames[0].text == "a header block without Content-Length");
  CHECK(frames[1].kind == Frame::Kind::message);
  CHECK(frames[1].text == "{}");
}

TEST_CASE("transport: a length that is not a plain number is refused", "[lsp][transport]") {
  for (const std::string bad : {"abc", "-5", "1e3", "0x10", "", "99999999999999999999"}) {
    INFO(bad);
    const auto frames = read_all("Content-Length: " + bad + "\r\n\r\n" + spdl::lsp::frame("[]"));
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].kind == Frame::Kind::refused);
    CHECK(frames[1].text == "[]");
  }
  const auto twice = read_all("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].text == "two Content-Length headers");
}

TEST_CASE("transport: a body over the limit is skipped, not read", "[lsp][transport]") {
  const std::string big(100, 'x');
  const auto frames = read_all("Content-Length: 100\r\n\r\n" + big + spdl::lsp::frame("{}"), 50);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].kind == Frame::Kind::refused);
  CHECK(frames[0].text == "a message of 100 bytes; the server takes at most 50");
  CHECK(frames[1].text == "{}");
}

TEST_CASE("transport: an over-long header line is refused without being kept", "[lsp][transport]") {
  const std::string line(MessageReader::max_header_line * 4, 'h');
  const auto frames = read_all(line + "\r\n\r\n" + spdl::lsp::frame("{}"));
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].kind == Frame::Kind::refused);
  CHECK(frames[1].text == "{}");
}

TEST_CASE("transport: a body cut short ends the stream, and bare LF line endings are taken",
          "[lsp][transport]") {
  CHECK(read_all("Content-Length: 10\r\n\r\n{}").empty());
  CHECK(read_all("Content-Length: 10\r\n").empty());
  const auto frames = read_all("\r\n\r\nContent-Length: 2\n\n{}");
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].text == "{}");
}
