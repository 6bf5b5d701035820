// A streamed batch on its connection (spec/http-api.md, "The batch, streamed"): the I/O side,
// on the connection's thread, reads the body a piece at a time into the BatchPipe and writes what
// the pipe queues; the batch runs on a thread of its own, so that a long batch never holds an I/O
// thread.

#include <fmt/format.h>

#include <istream>
#include <limits>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/session.hpp"

namespace spdl::serve::transport {

namespace {

std::string reason_phrase(int status) {
  return std::string(http::obsolete_reason(static_cast<http::status>(status)));
}

}  // namespace

void Session::begin_batch(StreamedBatch batch, unsigned version) {
  if (shared_.batches.fetch_add(1) >= shared_.max_batches) {
    --shared_.batches;
    Response busy = error_answer(
        503, fmt::format("{} batches are running, as many as this server runs at once; try "
                         "again shortly",
                         shared_.max_batches));
    busy.headers.emplace_back("Retry-After", "1");
    return refuse(std::move(busy), version, "too many batches");
  }
  keep_alive_ = false;
  batch_running_ = true;
  body_parser_.emplace(std::move(*parser_));
  parser_.reset();
  body_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  pace_left_ = shared_.options.read_timeout;
  // The pipe's callbacks run on the batch's thread, which holds the session alive; what they
  // post holds it too.
  pipe_ = std::make_shared<BatchPipe>(
      [this] {
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->read_piece(); });
      },
      [this] {
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->write_next(); });
      },
      limits::max_batch_answer_queued_bytes);
  if (beast::iequals(body_parser_->get()[http::field::expect], "100-continue"))
    pipe_->send(fmt::format("HTTP/1.{} 100 Continue\r\n\r\n", version % 10));
  {
    std::lock_guard lock(shared_.batch_mutex);
    ++shared_.batch_threads;
  }
  auto job = std::make_unique<StreamedBatch>(std::move(batch));
  try {
    std::thread([self = shared_from_this(), job = std::move(job), version,
                 work = net::make_work_guard(io_)]() mutable {
      Shared& shared = self->shared_;
      self->run_batch(*job, version);
      job.reset();
      work.reset();
      self.reset();
      std::lock_guard lock(shared.batch_mutex);
      --shared.batch_threads;
      shared.batch_ended.notify_all();
    }).detach();
  } catch (const std::system_error&) {
    // No thread to be had (the process's limit): this batch is not run, the server goes on.
    {
      std::lock_guard lock(shared_.batch_mutex);
      --shared_.batch_threads;
    }
    --shared_.batches;
    cut_off("no thread could be started for it");
    end_batch(0, {});
  }
}

void Session::run_batch(StreamedBatch& batch, unsigned version) {
  const bool chunked = version >= 11;  // HTTP/1.0: the answer ends when the connection does
  std::string head =
      fmt::format("HTTP/1.{} 200 OK\r\nContent-Type: application/x-ndjson\r\n", version % 10);
  if (chunked) head += "Transfer-Encoding: chunked\r\n";
  for (const auto& [name, value] : batch.headers) head += name + ": " + value + "\r\n";
  head += "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
  bool started = false;
  auto send = [&](std::string_view bytes) {
    if (!started) {
      started = true;
      if (!pipe_->send(std::move(head))) return false;
    }
    if (bytes.empty()) return true;
    if (!chunked) return pipe_->send(std::string(bytes));
    // Sized once: appending the last "\r\n" to a full string would double its capacity, and
    // what waits in the queue would take twice its size.
    const std::string chunk_size = fmt::format("{:x}\r\n", bytes.size());
    std::string framed;
    framed.reserve(chunk_size.size() + bytes.size() + 2);
    framed.append(chunk_size).append(bytes).append("\r\n");
    return pipe_->send(std::move(framed));
  };

  std::optional<std::pair<int, std::string>> stopped;
  try {
    std::istream body(pipe_.get());
    pipe_->read_by(body);
    const BatchStats stats = batch.run.run(body, [&](std::string_view chunk) {
      return chunk.empty() ? !pipe_->failed() : send(chunk);
    });
    if (const auto& error = pipe_->body_error()) {
      stopped.emplace(error->status, error->message);
    } else if (stats.stopped) {
      stopped.emplace(422, batch_stopped_message(*stats.stopped));
    }
  } catch (const std::bad_alloc&) {
    stopped.emplace(503, "the server ran out of memory running this batch");
  } catch (const std::exception& e) {
    stopped.emplace(500, fmt::format("internal error: {}", e.what()));  // a bug in spdl
  }

  int status = 200;
  std::string note;
  if (!pipe_->failed() && stopped && !started) {
    // Nothing sent yet: the refusal is still an answer of its own.
    status = stopped->first;
    note = stopped->second;
    Response error = error_answer(stopped->first, stopped->second);
    std::string text =
        fmt::format("HTTP/1.{} {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                    version % 10, status, reason_phrase(status), error.body.size());
    for (const auto& [name, value] : batch.headers) text += name + ": " + value + "\r\n";
    text += "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + error.body;
    started = true;
    pipe_->send(std::move(text));
  } else if (!pipe_->failed() && stopped) {
    // Once the answer has begun its status cannot change: a last line says why the batch
    // stopped, and the answer ends without its last chunk, so that an HTTP client sees it cut.
    note = "stopped: " + stopped->second;
    const nlohmann::json line = {
        {"stopped", {{"status", stopped->first}, {"message", stopped->second}}}};
    send(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  } else if (!pipe_->failed()) {
    send({});
    if (chunked) pipe_->send("0\r\n\r\n");
  }
  pipe_->drain();
  --shared_.batches;
  net::post(stream_.get_executor(), [self = shared_from_this(), status, started, note] {
    self->end_batch(started ? status : 0, note);
  });
}

void Session::read_piece() {
  if (pipe_->failed() || batch_stopping_) return;
  if (body_parser_->is_done()) return pipe_->body_read(0, true);
  body_parser_->get().body().data = pipe_->body_buffer();
  body_parser_->get().body().size = pipe_->body_buffer_size();
  piece_filled_ = 0;
  read_more();
}

// The piece is filled before the batch is woken: its reads wait for a whole piece anyway (a
// chunk's first read is 64 KiB), and one hand-over a piece rather than one a packet saves the
// two threads most of their switching.
void Session::read_more() {
  if (pace_left_ <= std::chrono::milliseconds(0)) return cut_off(slow_body());
  read_started_ = std::chrono::steady_clock::now();
  reading_body_ = true;
  stream_.expires_after(pace_left_);
  http::async_read_some(stream_, buffer_, *body_parser_,
                        beast::bind_front_handler(&Session::on_piece, shared_from_this()));
}

void Session::on_piece(beast::error_code ec, std::size_t) {
  reading_body_ = false;
  // The batch took the body's end when it was stopped; what came since is not read.
  if (batch_stopping_) return;
  auto& parser = *body_parser_;
  const auto now = std::chrono::steady_clock::now();
  pace_left_ -= std::chrono::duration_cast<std::chrono::milliseconds>(now - read_started_);
  if (ec == http::error::need_buffer) ec = {};
  if (ec == beast::error::timeout) return cut_off(slow_body());
  const std::size_t filled = pipe_->body_buffer_size() - parser.get().body().size;
  const std::size_t got = filled - piece_filled_;
  piece_filled_ = filled;
  body_bytes_ += got;
  if (ec && ec != http::error::end_of_stream &&
      ec.category() == beast::error_code(http::error::bad_target).category()) {
    // Bytes that are not a body (a chunk's size that is not hex, the body cut short by the
    // client's end of sending): the batch reads what came before them, then ends and says why.
    return pipe_->body_refused({400, fmt::format("the request body is not valid HTTP after {} "
                                                 "bytes ({})",
                                                 body_bytes_, ec.message())},
                               filled);
  }
  if (ec) return cut_off("the connection closed");
  pace_bytes_ += got;
  if (pace_bytes_ >= limits::batch_body_pace_bytes) {
    pace_bytes_ = 0;
    pace_left_ = shared_.options.read_timeout;
  }
  if (filled < pipe_->body_buffer_size() && !parser.is_done()) return read_more();
  pipe_->body_read(filled, parser.is_done());
}

std::string Session::slow_body() const {
  return fmt::format("the body came slower than {} KiB in {} ms",
                     limits::batch_body_pace_bytes / 1024, shared_.options.read_timeout.count());
}

void Session::write_next() {
  auto bytes = pipe_->next_output();
  if (!bytes) return;
  out_ = std::move(*bytes);
  stream_.expires_after(shared_.options.write_timeout);
  net::async_write(
      stream_, net::buffer(out_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec == beast::error::timeout) {
          return self->cut_off(fmt::format("the client read no answer for {} ms",
                                           self->shared_.options.write_timeout.count()));
        }
        if (ec) return self->cut_off("the connection closed");
        self->pipe_->written();
        self->write_next();
      });
}

void Session::cut_off(const std::string& why) {
  if (cut_reason_.empty()) cut_reason_ = why;
  pipe_->fail();
  close();
}

void Session::stop_batch() {
  if (batch_stopping_) return;
  batch_stopping_ = true;
  // A piece under way is handed over as far as it came (its bytes so far stay put while the
  // read goes on into the room after them); its last line, perhaps cut, is not read.
  if (reading_body_) {
    pipe_->body_refused({503, "the server is stopping"}, piece_filled_);
  } else {
    pipe_->stop_reading({503, "the server is stopping"});
  }
  stop_grace_.emplace(io_, limits::batch_stop_grace);
  stop_grace_->async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec && self->batch_running_) self->cut_off("the server is stopping");
  });
}

void Session::end_batch(int status, const std::string& note) {
  batch_running_ = false;
  if (stop_grace_) stop_grace_->cancel();
  if (shared_.options.log_requests) {
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    const std::string why = !cut_reason_.empty() ? "cut off: " + cut_reason_ : note;
    log_line(fmt::format("{} {} {} {:.1f}ms{}", method_, target_,
                         status == 0 ? std::string("-") : std::to_string(status), ms,
                         why.empty() ? std::string() : " (" + why + ")"));
  }
  // A body read to its end: close now. Otherwise the client may still be sending; closing
  // with its bytes unread would reset the connection and lose the answer's end: linger.
  if (!cut_reason_.empty() || body_parser_->is_done() || batch_stopping_) return close();
  linger();
}

}  // namespace spdl::serve::transport
