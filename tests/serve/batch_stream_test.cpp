// The streamed batch (POST /v1/rulesets/{id}/batch) against `spdl serve` on a free port: a body
// past the 8 MiB limit of the other routes, results read back before the body is all sent, a bad
// line mid-stream, a body cut off, an abandoned upload, the cap on batches at once, a stop.
//
// The figures are the golden `spdl batch` run's (tests/cli/batch_jsonl, whose README shows the
// arithmetic): Land off Wantage Road, 60 dwellings in a town of 11,000, needs 40% = 24 affordable,
// 30% of the site social rent = 18, and 6 intermediate; 14 dwellings on 0.3 ha in a town of 5,000
// are under both urban thresholds (15 dwellings, 0.5 ha): nothing; 15 dwellings need 40% = 6,
// social rent 30% of 15 = 4.5 rounded up to 5, and 1 intermediate.

#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <atomic>
#include <thread>

#include "serve_process.hpp"

namespace spdl::serve::testing {

namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string batch_vale =
    "/v1/rulesets/vale.revised_draft_2006/batch"
    "?outputs=affordable_required,social_rent_required,intermediate_required,commuted_sum";

// tests/cli/batch_jsonl/vale_schemes.jsonl's first three lines, and what spdl batch answers them
// (its golden `expected`), without the line number.
const std::string schemes[3] = {
    R"({"dwellings": 60, "site_area": 2.4, "settlement_population": 11000, "lifetime_homes_proposed": 3})",
    R"({"dwellings": 14, "site_area": 0.3, "settlement_population": 5000})",
    R"({"dwellings": "15", "site_area": "0.5 ha", "settlement_population": 5000, "shared_ownership_initial_share": "35%"})"};
const std::string results[3] = {
    R"("affordable_required":"24","social_rent_required":"18","intermediate_required":"6","commuted_sum":"0.00"})",
    R"("affordable_required":"0","social_rent_required":"0","intermediate_required":"0","commuted_sum":"0.00"})",
    R"("affordable_required":"6","social_rent_required":"5","intermediate_required":"1","commuted_sum":"0.00"})"};

// Lines first..last (1-based) of the repeating three schemes.
std::string lines(std::size_t first, std::size_t last) {
  std::string out;
  for (std::size_t n = first; n <= last; ++n) out += schemes[(n - 1) % 3] + "\n";
  return out;
}
std::string expected_result(std::size_t n) {
  return "{\"line\":" + std::to_string(n) + "," + results[(n - 1) % 3];
}

std::string head(unsigned short port, const std::string& target, const std::string& framing,
                 const std::string& extra = {}) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nContent-Type: application/x-ndjson\r\n" + framing + "\r\n" + extra + "\r\n";
}
std::string length_head(unsigned short port, std::size_t length) {
  return head(port, batch_vale, "Content-Length: " + std::to_string(length));
}

// Reads what comes within `timeout` into `raw`, until `until` says enough or the peer closes;
// whether the peer closed.
template <class Until>
bool receive(int fd, std::string& raw, std::chrono::milliseconds timeout, Until until) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!until(raw)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[65536];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  return false;
}
bool receive_all(int fd, std::string& raw, std::chrono::milliseconds timeout = 30s) {
  return receive(fd, raw, timeout, [](const std::string&) { return false; });
}

// An answer read to the connection's close: its status and headers, its body with the chunks'
// framing taken off, and whether its last chunk came (a cut-off answer has none).
struct Streamed {
  int status = 0;
  std::string headers;
  std::string body;
  bool complete = false;
};
Streamed decode(const std::string& raw) {
  Streamed s;
  const auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos || raw.size() < 12) return s;
  s.status = std::stoi(raw.substr(9, 3));
  s.headers = raw.substr(0, end);
  std::size_t at = end + 4;
  if (s.headers.find("Transfer-Encoding: chunked") == std::string::npos) {
    s.body = raw.substr(at);
    s.complete = true;
    return s;
  }
  for (;;) {
    const auto line_end = raw.find("\r\n", at);
    if (line_end == std::string::npos) return s;
    const std::size_t size = std::stoul(raw.substr(at, line_end - at), nullptr, 16);
    at = line_end + 2;
    if (size == 0) {
      s.complete = raw.compare(at, 2, "\r\n") == 0;
      return s;
    }
    if (raw.size() < at + size + 2) return s;
    s.body.append(raw, at, size);
    at += size + 2;
  }
}
std::vector<std::string> split_lines(const std::string& body) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < body.size();) {
    const auto end = body.find('\n', at);
    out.push_back(body.substr(at, end - at));
    at = end == std::string::npos ? body.size() : end + 1;
  }
  return out;
}

// An answer cut after the results of lines 1 and 2 (a third line, cut, is not read, not even as
// an error): its last line's "stopped", which says why.
json stopped_after_two_lines(const std::string& raw) {
  const Streamed answer = decode(raw);
  CHECK(answer.status == 200);
  CHECK_FALSE(answer.complete);
  const auto got = split_lines(answer.body);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == expected_result(1));
  CHECK(got[1] == expected_result(2));
  return json::parse(got[2])["stopped"];
}

void still_answers(const ServeProcess& server) {
  CHECK(server.get("/v1/rulesets").status == 200);
}

}  // namespace

TEST_CASE("batch stream: a body over 8 MiB gives one result a scheme, in order", "[batch-stream]") {
  ServeProcess server({"--quiet"});
  // 95,000 schemes, the three lines (98, 67 and 115 bytes with their line breaks) in turn:
  // 95,000 / 3 x 280 = 8,866,666 bytes, past the 8 MiB (8,388,608 bytes) limit the other routes
  // keep.
  const std::size_t count = 95'000;
  const std::string body = lines(1, count);
  REQUIRE(body.size() > (8u << 20));
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  // The client reads while it sends, as curl does: the answer streams back meanwhile.
  std::thread sender([&] { send_all(fd, length_head(server.port(), body.size()) + body); });
  std::string raw;
  CHECK(receive_all(fd, raw));
  sender.join();
  ::close(fd);
  const Streamed answer = decode(raw);
  CHECK(answer.status == 200);
  CHECK(answer.headers.find("Content-Type: application/x-ndjson") != std::string::npos);
  CHECK(answer.headers.find("Transfer-Encoding: chunked") != std::string::npos);
  CHECK(answer.complete);
  const auto got = split_lines(answer.body);
  REQUIRE(got.size() == count);
  std::size_t wrong = 0;
  for (std::size_t n = 1; n <= count; ++n) wrong += got[n - 1] != expected_result(n);
  CHECK(wrong == 0);
  CHECK(got[0] == expected_result(1));
  CHECK(got[count - 1] == expected_result(count));
  still_answers(server);
}

TEST_CASE(
    "batch stream: results come back before the body is all sent, and the server answers "
    "other requests meanwhile",
    "[batch-stream]") {
  ServeProcess server;
  // 3,000 lines (about 300 KB, past the first 64 KiB the batch reads) now, the rest after the
  // first result line has come back.
  const std::string first = lines(1, 3000);
  const std::string rest = lines(3001, 6000);
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  send_all(fd, length_head(server.port(), first.size() + rest.size()) + first);
  std::string raw;
  const std::string line_one = expected_result(1);
  receive(fd, raw, 10s,
          [&](const std::string& r) { return r.find(line_one) != std::string::npos; });
  CHECK(raw.find(line_one) != std::string::npos);
  CHECK(raw.starts_with("HTTP/1.1 200 OK\r\n"));
  // The batch waits for its body, on its own thread: the I/O threads answer others.
  still_answers(server);
  CHECK(server
            .post_json("/v1/rulesets/vale.revised_draft_2006/evaluate",
                       read_file(source_dir / "tests/serve/wantage_road.json"))
            .status == 200);
  send_all(fd, rest);
  CHECK(receive_all(fd, raw));
  ::close(fd);
  const Streamed answer = decode(raw);
  CHECK(answer.complete);
  const auto got = split_lines(answer.body);
  REQUIRE(got.size() == 6000);
  CHECK(got[2999] == expected_result(3000));
  CHECK(got[5999] == expected_result(6000));
  // The request log line, as for every request.
  server.stop();
  CHECK(server.log().find("POST " + batch_vale + " 200 ") != std::string::npos);
}

TEST_CASE(
    "batch stream: an HTTP/1.0 client gets its results unframed to the close, and a client that "
    "expects 100-continue gets it before it sends the body",
    "[batch-stream]") {
  ServeProcess server({"--quiet"});
  const std::string body = lines(1, 3);
  const std::string length = "Content-Length: " + std::to_string(body.size());
  {
    // HTTP/1.0 has no chunks: the answer's end is the connection's close.
    const int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    send_all(fd, "POST " + batch_vale + " HTTP/1.0\r\nContent-Type: application/x-ndjson\r\n" +
                     length + "\r\n\r\n" + body);
    std::string raw;
    CHECK(receive_all(fd, raw));
    ::close(fd);
    CHECK(raw.starts_with("HTTP/1.0 200 OK\r\n"));
    const Streamed answer = decode(raw);
    CHECK(answer.headers.find("Transfer-Encoding") == std::string::npos);
    CHECK(split_lines(answer.body) ==
          std::vector<std::string>{expected_result(1), expected_result(2), expected_result(3)});
  }
  {
    const int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    send_all(fd, head(server.port(), batch_vale, length, "Expect: 100-continue\r\n"));
    std::string raw;
    receive(fd, raw, 10s,
            [](const std::string& r) { return r.find("\r\n\r\n") != std::string::npos; });
    CHECK(raw == "HTTP/1.1 100 Continue\r\n\r\n");
    send_all(fd, body);
    raw.clear();
    CHECK(receive_all(fd, raw));
    ::close(fd);
    const Streamed answer = decode(raw);
    CHECK(answer.status == 200);
    CHECK(answer.complete);
    CHECK(split_lines(answer.body) ==
          std::vector<std::string>{expected_result(1), expected_result(2), expected_result(3)});
  }
  still_answers(server);
}

TEST_CASE("batch stream: a malformed line mid-stream has its own error line, the batch goes on",
          "[batch-stream]") {
  ServeProcess server({"--quiet"});
  // 2,000 lines (about 200 KB, beyond the first read), a line that is not JSON, 2,000 more.
  const std::string body = lines(1, 2000) + "{\"dwellings\": 60,\n" + lines(2002, 4001);
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  std::thread sender([&] { send_all(fd, length_head(server.port(), body.size()) + body); });
  std::string raw;
  CHECK(receive_all(fd, raw));
  sender.join();
  ::close(fd);
  const Streamed answer = decode(raw);
  CHECK(answer.status == 200);
  CHECK(answer.complete);
  const auto got = split_lines(answer.body);
  REQUIRE(got.size() == 4001);
  const json bad = json::parse(got[2000]);
  CHECK(bad["line"] == 2001);
  CHECK(bad["error"].get<std::string>().starts_with("not valid JSON"));
  CHECK(got[1999] == expected_result(2000));
  CHECK(got[2001] == expected_result(2002));
  CHECK(got[4000] == expected_result(4001));
}

TEST_CASE("batch stream: a body that stops being HTTP stops the batch, and says why",
          "[batch-stream]") {
  ServeProcess server({"--quiet"});
  const std::string chunked = "Transfer-Encoding: chunked";
  auto chunk = [](const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
  };
  SECTION("before any line has come: a 400 of its own") {
    const int fd = connect_to(server.port());
    send_all(fd, head(server.port(), batch_vale, chunked) + "zz\r\n");
    std::string raw;
    CHECK(receive_all(fd, raw, 10s));
    ::close(fd);
    const Streamed answer = decode(raw);
    CHECK(answer.status == 400);
    CHECK(json::parse(answer.body)["error"]["status"] == 400);
  }
  SECTION("after results have gone out: a last line says why, and the answer is cut") {
    const int fd = connect_to(server.port());
    send_all(fd, head(server.port(), batch_vale, chunked) + chunk(lines(1, 3000)));
    std::string raw;
    const std::string line_one = expected_result(1);
    receive(fd, raw, 10s,
            [&](const std::string& r) { return r.find(line_one) != std::string::npos; });
    REQUIRE(raw.find(line_one) != std::string::npos);
    send_all(fd, "zz\r\nnot a chunk");
    CHECK(receive_all(fd, raw, 10s));
    ::close(fd);
    const Streamed answer = decode(raw);
    CHECK(answer.status == 200);
    CHECK_FALSE(answer.complete);  // no last chunk: an HTTP client sees the answer cut short
    const auto got = split_lines(answer.body);
    REQUIRE(got.size() == 3001);  // every line read before the bad bytes, then why it stopped
    CHECK(got[2999] == expected_result(3000));
    const json last = json::parse(got[3000]);
    CHECK(last["stopped"]["status"] == 400);
    CHECK(last["stopped"]["message"].get<std::string>().find("not valid HTTP") !=
          std::string::npos);
  }
  still_answers(server);
}

TEST_CASE("batch stream: an abandoned upload is closed by the read timeout", "[batch-stream]") {
  ServeProcess server({"--read-timeout-ms", "1000"});
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  // A megabyte promised, a line sent, then nothing.
  send_all(fd, length_head(server.port(), 1u << 20) + lines(1, 1));
  const auto start = std::chrono::steady_clock::now();
  std::string raw;
  CHECK(receive_all(fd, raw, 10s));  // closed
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 900ms);
  CHECK(waited < 5s);
  ::close(fd);
  still_answers(server);
  server.stop();
  CHECK(server.log().find("cut off: the body came slower than 64 KiB in 1000 ms") !=
        std::string::npos);
}

TEST_CASE("batch stream: past the cap on batches at once, 503 with Retry-After", "[batch-stream]") {
  ServeProcess server({"--threads", "2", "--quiet"});  // two batches at once
  std::vector<int> running;
  for (int i = 0; i < 2; ++i) {
    const int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    send_all(fd, length_head(server.port(), 1u << 20) + lines(1, 1));
    running.push_back(fd);
  }
  std::this_thread::sleep_for(300ms);  // both started
  const auto busy =
      server.request("POST", batch_vale, lines(1, 1), {{"Content-Type", "application/x-ndjson"}});
  CHECK(busy.status == 503);
  CHECK(busy.headers.count("retry-after") == 1);
  CHECK(busy.headers.at("retry-after") == "1");
  CHECK(json::parse(busy.body)["error"]["status"] == 503);
  still_answers(server);  // the other routes are not capped
  for (const int fd : running) ::close(fd);
  // Their slots come back once the server has seen them go.
  int status = 0;
  for (int tries = 0; tries < 50 && status != 200; ++tries) {
    std::this_thread::sleep_for(50ms);
    const int fd = connect_to(server.port());
    const std::string body = lines(1, 1);
    send_all(fd, length_head(server.port(), body.size()) + body);
    std::string raw;
    receive_all(fd, raw, 10s);
    ::close(fd);
    status = decode(raw).status;
  }
  CHECK(status == 200);
}

TEST_CASE("batch stream: refused from its head as the other routes are", "[batch-stream]") {
  ServeProcess server({"--quiet"});
  const std::string body = lines(1, 1);
  auto post = [&](const std::string& target, const std::map<std::string, std::string>& headers) {
    return server.request("POST", target, body, headers);
  };
  const std::map<std::string, std::string> ndjson{{"Content-Type", "application/x-ndjson"}};
  CHECK(post(batch_vale, {{"Content-Type", "application/json"}}).status == 415);
  CHECK(post("/v1/rulesets/nothing.here/batch", ndjson).status == 404);
  CHECK(post("/v1/rulesets/vale.revised_draft_2006/batch?outputs=no_such_rule", ndjson).status ==
        422);
  auto from_elsewhere = ndjson;
  from_elsewhere["Origin"] = "http://evil.example";
  CHECK(post(batch_vale, from_elsewhere).status == 403);
  still_answers(server);
}

TEST_CASE("batch stream: SIGTERM stops a running batch, which says why, and the server exits",
          "[batch-stream]") {
  ServeProcess server;
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  // A megabyte promised, two whole lines and the start of a third sent, then nothing: the batch
  // waits for the rest of its first piece.
  send_all(fd, length_head(server.port(), 1u << 20) + lines(1, 2) + R"({"dwellings": 1)");
  std::this_thread::sleep_for(200ms);
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.stop() == 0);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  std::string raw;
  CHECK(receive_all(fd, raw, 5s));  // closed
  ::close(fd);
  const json stopped = stopped_after_two_lines(raw);
  CHECK(stopped["status"] == 503);
  CHECK(stopped["message"] == "the server is stopping");
  CHECK_THAT(server.log(),
             Catch::Matches(R"((.|\n)*POST /v1/rulesets/vale\.revised_draft_2006/batch\S* 200 )"
                            R"([0-9.]+ms \(stopped: the server is stopping\)(.|\n)*)"));
}

TEST_CASE("batch stream: SIGTERM before any line has come: a 503 of its own", "[batch-stream]") {
  ServeProcess server({"--quiet"});
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  send_all(fd, length_head(server.port(), 1u << 20) + R"({"dwellings")");
  std::this_thread::sleep_for(200ms);
  CHECK(server.stop() == 0);
  std::string raw;
  CHECK(receive_all(fd, raw, 5s));
  ::close(fd);
  const Streamed answer = decode(raw);
  CHECK(answer.status == 503);
  CHECK(json::parse(answer.body)["error"]["message"] == "the server is stopping");
}

TEST_CASE(
    "batch stream: a body cut off mid-line: its whole lines are answered, the cut one is "
    "not read",
    "[batch-stream]") {
  ServeProcess server({"--quiet"});
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  // A megabyte promised; two whole lines and the start of a third, then the client stops sending
  // (its Content-Length never met). Line 3 read as a whole line would be an error line of its
  // own, blaming the scheme for what the connection did.
  send_all(fd, length_head(server.port(), 1u << 20) + lines(1, 2) + R"({"dwellings": 1)");
  ::shutdown(fd, SHUT_WR);
  std::string raw;
  CHECK(receive_all(fd, raw, 10s));
  ::close(fd);
  const json stopped = stopped_after_two_lines(raw);
  CHECK(stopped["status"] == 400);
  CHECK(stopped["message"].get<std::string>().find("not valid HTTP") != std::string::npos);
  still_answers(server);
}

}  // namespace spdl::serve::testing
