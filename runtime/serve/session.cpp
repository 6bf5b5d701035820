#include "spdl/runtime/serve/session.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <limits>

#include "spdl/runtime/serve/answers.hpp"

namespace spdl::serve::transport {

void log_line(const std::string& line) {
  const std::string text = line + "\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

Session::~Session() {
  std::lock_guard lock(shared_.mutex);
  shared_.sessions.erase(this);
  --shared_.open;
}

void Session::start() {
  {
    std::lock_guard lock(shared_.mutex);
    shared_.sessions.emplace(this, weak_from_this());
  }
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&Session::read_header, shared_from_this()));
}

void Session::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->waiting_) self->close();
    if (self->batch_running_) self->stop_batch();
  });
}

void Session::read_header() {
  if (shared_.stopping) return close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits::max_request_header_bytes));
  // No limit on the body while the header is read (Beast would refuse a Content-Length over it
  // there): a batch has none, and the others' is set once the header says which it is.
  // (Not boost::none: Boost 1.74 compares a Content-Length with it as larger, and refuses.)
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  waiting_ = true;
  // Between requests a connection may idle; once a request has begun, it must arrive in time.
  stream_.expires_after(first_ ? shared_.options.read_timeout : shared_.options.idle_timeout);
  first_ = false;
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t) {
  waiting_ = false;
  if (ec) return refuse_or_close(ec);
  started_ = std::chrono::steady_clock::now();
  const auto& header = parser_->get();
  method_ = std::string(header.method_string());
  target_ = std::string(header.target().substr(0, 200));
  if (header.target().size() > limits::max_request_target_bytes)
    return answer_and_close(414, "the request's URL is too long");
  // A batch is streamed, whatever its length: refused or started from its head alone.
  if (header.method() == http::verb::post) {
    Request head;
    head.method = method_;
    head.target = std::string(header.target());
    head.content_type = std::string(header[http::field::content_type]);
    if (const auto origin = header.find(http::field::origin); origin != header.end())
      head.origin = std::string(origin->value());
    if (auto batch = shared_.service.start_batch(head)) {
      if (auto* refused = std::get_if<Response>(&*batch))
        return refuse(std::move(*refused), header.version());
      return begin_batch(std::move(std::get<StreamedBatch>(*batch)), header.version());
    }
  }
  // A body over the limit is refused from its length, before any of it is read (a chunked body
  // by the parser, once over).
  parser_->body_limit(std::uint64_t{shared_.options.max_body_bytes});
  if (const auto length = parser_->content_length();
      length && *length > shared_.options.max_body_bytes) {
    return answer_and_close(413, fmt::format("the request body ({} bytes) is over the limit of "
                                             "{} bytes",
                                             *length, shared_.options.max_body_bytes));
  }
  if (beast::iequals(header[http::field::expect], "100-continue")) {
    auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    return http::async_write(stream_, *cont,
                             [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                               if (e) return self->close();
                               self->read_body();
                             });
  }
  read_body();
}

void Session::read_body() {
  stream_.expires_after(shared_.options.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::on_request, shared_from_this()));
}

void Session::refuse_or_close(beast::error_code ec) {
  if (parser_ && parser_->is_header_done() && method_.empty()) {
    method_ = std::string(parser_->get().method_string());
    target_ = std::string(parser_->get().target().substr(0, 200));
  }
  if (ec == http::error::header_limit)
    return answer_and_close(431, "the request's headers are too large");
  if (ec == http::error::body_limit)
    return answer_and_close(413, "the request body is over the limit");
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted || ec == net::error::connection_reset ||
      ec == net::error::eof)
    return close();
  if (ec.category() == beast::error_code(http::error::bad_target).category())
    return answer_and_close(400, "the request is not valid HTTP");
  close();
}

void Session::on_request(beast::error_code ec, std::size_t) {
  if (ec) return refuse_or_close(ec);
  auto message = parser_->release();
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.content_type = std::string(message[http::field::content_type]);
  if (const auto origin = message.find(http::field::origin); origin != message.end())
    request.origin = std::string(origin->value());
  request.body = std::move(message.body());
  Response response = shared_.service.handle(request);
  const bool head = message.method() == http::verb::head;
  keep_alive_ = message.keep_alive() && !shared_.stopping;
  send(std::move(response), message.version(), head);
  if (shared_.options.log_requests) {
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    log_line(
        fmt::format("{} {} {} {:.1f}ms", request.method, request.target, res_.result_int(), ms));
  }
}

void Session::send(Response response, unsigned version, bool head) {
  res_ = http::response<http::string_body>(static_cast<http::status>(response.status), version);
  res_.set(http::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) res_.set(name, value);
  res_.set("X-Content-Type-Options", "nosniff");
  res_.keep_alive(keep_alive_);
  if (head) {
    // The length GET would answer, and no body.
    res_.content_length(response.body.size());
  } else {
    res_.body() = std::move(response.body);
    res_.prepare_payload();
  }
  stream_.expires_after(shared_.options.write_timeout);
  http::async_write(stream_, res_,
                    beast::bind_front_handler(&Session::on_written, shared_from_this()));
}

void Session::answer_and_close(int status, const std::string& message) {
  refuse(error_answer(status, message), 11, message);
}

void Session::refuse(Response response, unsigned version, const std::string& why) {
  keep_alive_ = false;
  refused_ = true;
  if (shared_.options.log_requests) {
    log_line(fmt::format("{} {} {} 0.0ms{}", method_.empty() ? "-" : method_,
                         target_.empty() ? "-" : target_, response.status,
                         why.empty() ? std::string() : " (" + why + ")"));
  }
  send(std::move(response), version);
}

void Session::on_written(beast::error_code ec, std::size_t) {
  if (ec) return close();
  if (refused_) return linger();
  if (!keep_alive_ || shared_.stopping) return close();
  read_header();
}

void Session::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(1));
  stream_.async_read_some(net::buffer(scratch_),
                          [self = shared_from_this()](beast::error_code e, std::size_t n) {
                            self->drained_ += n;
                            if (e || self->drained_ > (1u << 20)) return self->close();
                            self->linger();
                          });
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

}  // namespace spdl::serve::transport
