#include "serve_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace spdl::serve::testing {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fs::path work_folder(const std::string& name) {
  const fs::path dir = fs::path(SPDL_SERVE_WORK) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

ServeProcess::ServeProcess(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    std::vector<std::string> all{spdl_binary, "serve", "--port", "0"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(spdl_binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  stderr_fd_ = pipe_fds[0];
  // The start-up line: "spdl serve: listening on http://127.0.0.1:PORT/".
  const std::regex line(R"(spdl serve: listening on http://[^:]+:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stderr_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(stderr_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    log_.append(buffer, static_cast<std::size_t>(n));
    std::smatch m;
    if (std::regex_search(log_, m, line)) {
      port_ = static_cast<unsigned short>(std::stoi(m[1]));
      return;
    }
  }
  throw std::runtime_error("spdl serve did not start: " + log_);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) stop(std::chrono::seconds(5));
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

std::string ServeProcess::origin() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::string ServeProcess::log() {
  for (;;) {
    pollfd p{stderr_fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    char buffer[4096];
    const ssize_t n = ::read(stderr_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    log_.append(buffer, static_cast<std::size_t>(n));
  }
  return log_;
}

int ServeProcess::stop(std::chrono::milliseconds patience) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + patience;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    log();  // keep the pipe drained
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  log();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int connect_to(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server closed: the answer (or its absence) says the rest
    sent += static_cast<std::size_t>(n);
  }
}

HttpAnswer read_answer(int fd, std::chrono::milliseconds timeout) {
  HttpAnswer answer;
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t header_end = std::string::npos;
  std::size_t length = 0;
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::istringstream lines(data.substr(0, header_end));
        std::string line;
        std::getline(lines, line);
        if (line.size() >= 12) answer.status = std::stoi(line.substr(9, 3));
        while (std::getline(lines, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          const auto colon = line.find(':');
          if (colon == std::string::npos) continue;
          std::string name = line.substr(0, colon);
          for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          answer.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        }
        length = answer.headers.count("content-length")
                     ? std::stoul(answer.headers["content-length"])
                     : 0;
      }
    }
    if (header_end != std::string::npos && data.size() >= header_end + 4 + length) {
      answer.body = data.substr(header_end + 4, length);
      return answer;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[65536];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  HttpAnswer none;
  return none;
}

bool closed_within(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
}

HttpAnswer ServeProcess::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::map<std::string, std::string>& headers) const {
  const int fd = connect_to(port_);
  if (fd < 0) return {};
  std::string message = method + " " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                        "\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) message += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT")
    message += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  message += "\r\n" + body;
  send_all(fd, message);
  HttpAnswer answer = read_answer(fd, std::chrono::seconds(30));
  ::close(fd);
  return answer;
}

std::string spdl_output(const std::vector<std::string>& args, const fs::path& folder) {
  std::string command =
      folder.empty() ? spdl_binary : "cd '" + folder.string() + "' && " + spdl_binary;
  for (const auto& a : args) command += " '" + a + "'";
  command += " </dev/null 2>/dev/null";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

}  // namespace spdl::serve::testing
