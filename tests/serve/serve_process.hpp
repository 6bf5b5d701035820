#pragma once
// What the serve tests share: `spdl serve` started as a child on a free port (--port 0, the port
// read from its start-up line) and stopped with SIGTERM, and a small HTTP/1.1 client on plain
// sockets, so the tests see exactly the bytes a browser or curl would.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spdl::serve::testing {

inline const std::filesystem::path source_dir = SPDL_SOURCE_DIR;
inline const std::string spdl_binary = SPDL_BINARY;

std::string read_file(const std::filesystem::path& path);
// A fresh, empty folder under the build tree's test work folder.
std::filesystem::path work_folder(const std::string& name);

struct HttpAnswer {
  int status = 0;                              // 0: the connection closed without an answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class ServeProcess {
 public:
  // `spdl serve --port 0 ARGS...`; waits for the start-up line.
  explicit ServeProcess(const std::vector<std::string>& args = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  unsigned short port() const { return port_; }
  std::string origin() const;
  // One request on a new connection (Connection: close).
  HttpAnswer request(const std::string& method, const std::string& target,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpAnswer get(const std::string& target) const { return request("GET", target); }
  HttpAnswer post_json(const std::string& target, const std::string& body) const {
    return request("POST", target, body, {{"Content-Type", "application/json"}});
  }
  // SIGTERM, then the exit status (-1 when it had to be killed after `patience`).
  int stop(std::chrono::milliseconds patience = std::chrono::seconds(10));
  // Everything it wrote to stderr so far.
  std::string log();

 private:
  int pid_ = -1;
  int stderr_fd_ = -1;
  unsigned short port_ = 0;
  std::string log_;
};

// A connected socket to 127.0.0.1:port (-1 on failure); the caller closes it.
int connect_to(unsigned short port);
void send_all(int fd, const std::string& bytes);
// Reads an answer (headers, then Content-Length bytes) within `timeout`; status 0 if the
// connection closed or timed out first.
HttpAnswer read_answer(int fd, std::chrono::milliseconds timeout = std::chrono::seconds(10));
// Whether the peer closed the connection within `timeout` (reads and drops anything sent).
bool closed_within(int fd, std::chrono::milliseconds timeout);

// `spdl ARGS...`'s standard output (stdin from /dev/null), run in `folder` when one is given.
std::string spdl_output(const std::vector<std::string>& args,
                        const std::filesystem::path& folder = {});

}  // namespace spdl::serve::testing
