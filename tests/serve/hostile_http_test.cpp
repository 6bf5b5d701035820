// The hostile HTTP corpus: `spdl serve` on a free port given what no browser sends. Each case is a
// 4xx or a closed connection, never a crash or a hang, and after each the server still answers a
// good request.

#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

#include "serve_process.hpp"

namespace spdl::serve::testing {

namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string evaluate_vale = "/v1/rulesets/vale.revised_draft_2006/evaluate";

void still_answers(const ServeProcess& server) {
  const auto r = server.get("/v1/rulesets");
  CHECK(r.status == 200);
}

// Bytes sent as they are on a new connection; the answer, or status 0 for a closed connection.
HttpAnswer raw(const ServeProcess& server, const std::string& bytes,
               std::chrono::milliseconds timeout = 10s) {
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  send_all(fd, bytes);
  HttpAnswer a = read_answer(fd, timeout);
  ::close(fd);
  return a;
}

}  // namespace

TEST_CASE("hostile http: a 1 GB body is refused from its Content-Length, unread", "[hostile]") {
  ServeProcess server({"--read-timeout-ms", "2000"});
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  send_all(fd, "POST " + evaluate_vale +
                   " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 1073741824\r\n\r\n{\"dwellings\": ");
  const auto start = std::chrono::steady_clock::now();
  const HttpAnswer a = read_answer(fd, 5s);
  CHECK(a.status == 413);
  CHECK(std::chrono::steady_clock::now() - start < 2s);  // not after the read timeout
  CHECK(json::parse(a.body)["error"]["status"] == 413);
  CHECK(closed_within(fd, 5s));
  ::close(fd);
  still_answers(server);
}

TEST_CASE("hostile http: slow-loris headers are cut off by the read timeout", "[hostile]") {
  ServeProcess server({"--read-timeout-ms", "1000"});
  const int fd = connect_to(server.port());
  REQUIRE(fd >= 0);
  // One byte every 200 ms would take 8 s for these headers; the server closes after about 1 s.
  const std::string headers = "GET /v1/rulesets HTTP/1.1\r\nHost: 127.0.0.1\r\nX: y\r\n\r\n";
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  for (const char c : headers) {
    send_all(fd, std::string(1, c));
    if (closed_within(fd, 200ms)) {
      closed = true;
      break;
    }
  }
  CHECK(closed);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  ::close(fd);
  still_answers(server);
}

TEST_CASE("hostile http: malformed HTTP, bodies and targets are 4xx", "[hostile]") {
  ServeProcess server({"--read-timeout-ms", "2000"});
  SECTION("not HTTP at all") {
    const auto a = raw(server, "HELLO THERE\r\n\r\n");
    CHECK((a.status == 400 || a.status == 0));
  }
  SECTION("malformed and truncated JSON") {
    CHECK(server.post_json(evaluate_vale, "{\"dwellings\": 60,").status == 400);
    CHECK(server.post_json(evaluate_vale, "{\"dwellings\" 60}").status == 400);
    CHECK(server.post_json("/v1/check", "{\"source\": \"ruleset").status == 400);
  }
  SECTION("a body shorter than its Content-Length, then the client gone") {
    const int fd = connect_to(server.port());
    send_all(fd, "POST " + evaluate_vale +
                     " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"dw");
    ::close(fd);
  }
  SECTION("invalid UTF-8") {
    const auto a = server.post_json(evaluate_vale, "{\"name\": \"\xc3\x28\"}");
    CHECK(a.status == 400);
    const auto b = server.post_json("/v1/check", "{\"source\": \"ruleset \xed\xa0\x80\"}");
    CHECK(b.status == 400);
  }
  SECTION("traversal in ids and static paths, plain and encoded") {
    for (const std::string target :
         {"/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
          "/static/..%2f..%2f..%2fetc%2fpasswd", "/v1/rulesets/..%2f..%2f..%2fetc%2fpasswd/source",
          "/v1/rulesets/%2e%2e%2f%2e%2e%2fCMakeLists.txt/source", "/codemirror/../../etc/passwd",
          "/v1/drafts/..%2f..%2fetc%2fpasswd"}) {
      INFO(target);
      const auto a = server.get(target);
      CHECK(a.status >= 400);
      CHECK(a.status < 500);
      CHECK(a.body.find("root:") == std::string::npos);
    }
  }
  SECTION("a header block over the limit is 431, a URL over its limit 414") {
    const auto big =
        raw(server, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    CHECK(big.status == 431);
    const auto url = server.get("/v1/rulesets?x=" + std::string(9000, 'a'));
    CHECK(url.status == 414);
  }
  SECTION("a ruleset of 100,000 nested parentheses: the depth diagnostic") {
    std::string source = "ruleset x.deep\n  title \"t\"\n\nparameter p = ";
    for (int i = 0; i < 100000; ++i) source += "(\n";
    source += "1";
    for (int i = 0; i < 100000; ++i) source += ")\n";
    const auto a = server.post_json("/v1/evaluate",
                                    json{{"source", source}, {"scheme", json::object()}}.dump());
    CHECK(a.status == 422);
    CHECK(a.body.find("nested too deeply") != std::string::npos);
  }
  still_answers(server);
}

TEST_CASE("hostile http: 10,000 connections opened and dropped", "[hostile]") {
  ServeProcess server({"--quiet"});
  std::size_t opened = 0;
  for (int i = 0; i < 10000; ++i) {
    const int fd = connect_to(server.port());
    if (fd < 0) continue;
    ++opened;
    if (i % 2 == 0) send_all(fd, "GET /v1/rul");  // some say half a request first
    ::close(fd);
  }
  CHECK(opened == 10000);
  still_answers(server);
  CHECK(server.stop() == 0);
}

TEST_CASE("hostile http: connections past the cap are closed, the others answered", "[hostile]") {
  ServeProcess server({"--max-connections", "4", "--read-timeout-ms", "3000"});
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(connect_to(server.port()));
  std::this_thread::sleep_for(200ms);  // accepted
  const int extra = connect_to(server.port());
  REQUIRE(extra >= 0);
  CHECK(closed_within(extra, 2s));
  ::close(extra);
  for (const int fd : idle) ::close(fd);
  std::this_thread::sleep_for(200ms);
  still_answers(server);
}

}  // namespace spdl::serve::testing
