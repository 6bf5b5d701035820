#pragma once
// The limits `spdl serve` sets on a request, beside lang/base/limits.hpp's on what it reads.

#include <chrono>
#include <cstddef>

#include "spdl/lang/base/limits.hpp"

namespace spdl::limits {

// A request body larger than this is refused (413) from its Content-Length, before it is read:
// a scheme's limit, since a scheme is the body the service reads most.
inline constexpr std::size_t max_request_body_bytes = max_scheme_bytes;

// A request's line and headers together (431 past it), and its target alone (414 past it).
inline constexpr std::size_t max_request_header_bytes = 16 * 1024;
inline constexpr std::size_t max_request_target_bytes = 8 * 1024;

// A streamed batch (POST /v1/rulesets/{id}/batch) has no body limit: it holds a chunk of lines
// at a time, whatever the body's size. Its answer waits for the client past this many bytes
// queued (so a client that sends a body of the usual limit's size before reading still gets its
// answer whole), and its body must come at least this many bytes a read timeout (64 KiB every
// 15 s by default), or end: a trickle is cut off as slow-loris headers are.
inline constexpr std::size_t max_batch_answer_queued_bytes = 8u << 20;
inline constexpr std::size_t batch_body_pace_bytes = 64u << 10;

// When the server stops, a batch running has this long to write its results so far and the line
// saying it stopped; then its connection is closed whatever it was doing.
inline constexpr std::chrono::milliseconds batch_stop_grace{2000};

// Room a connection reads into at once: a scheme of a few kilobytes, headers and all, in one read.
// 2,048 connections hold 16 MiB of it at most.
inline constexpr std::size_t read_buffer_bytes = 8u << 10;

// Connections `spdl serve` holds open at once; one more is closed as soon as it is accepted.
inline constexpr std::size_t max_connections = 2048;

}  // namespace spdl::limits
