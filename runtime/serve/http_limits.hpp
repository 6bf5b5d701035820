#pragma once
// The limits `spdl serve` sets on a request, beside lang/base/limits.hpp's on what it reads.

#include <cstddef>

#include "spdl/lang/base/limits.hpp"

namespace spdl::limits {

// A request body larger than this is refused (413) from its Content-Length, before it is read:
// a scheme's limit, since a scheme is the body the service reads most.
inline constexpr std::size_t max_request_body_bytes = max_scheme_bytes;

// A request's line and headers together (431 past it), and its target alone (414 past it).
inline constexpr std::size_t max_request_header_bytes = 16 * 1024;
inline constexpr std::size_t max_request_target_bytes = 8 * 1024;

// Connections `spdl serve` holds open at once; one more is closed as soon as it is accepted.
inline constexpr std::size_t max_connections = 2048;

}  // namespace spdl::limits
