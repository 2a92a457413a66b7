// The wire between the collection server and a nianbao-render-worker
// process: one stream socket (a socketpair; the worker's end is its fd 0),
// strictly one request then one response at a time.
//
//   worker -> server, once at start:  ResponseHeader{OK} + ListRenderFormatsResponse
//   server -> worker, per render:     RequestHeader + format name + RenderRequest bytes
//   worker -> server, per render:     ResponseHeader + output bytes, or the error
//                                     text when code != OK
//
// Headers are fixed-size structs in host byte order: both ends are the same
// build on the same machine. The RenderRequest is passed as the serialized
// bytes the plugin ABI takes anyway, so the worker never parses it.
#ifndef NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_PROTOCOL_H_
#define NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_PROTOCOL_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace nianbao::collection::worker {

struct RequestHeader {
  uint32_t format_size;        // bytes of the format name that follow
  uint32_t cpu_limit_seconds;  // RLIMIT_CPU budget for this render; 0 = none
  uint64_t request_size;       // bytes of the serialized RenderRequest
};
static_assert(sizeof(RequestHeader) == 16, "fixed wire size");

struct ResponseHeader {
  uint32_t code;          // absl::StatusCode of the render
  uint32_t rss_mib;       // the worker's resident memory after the render
  uint64_t payload_size;  // output bytes, or error text
};
static_assert(sizeof(ResponseHeader) == 16, "fixed wire size");

// Refuse absurd sizes before allocating for them (a corrupt or hostile peer).
inline constexpr uint64_t kMaxPayload = uint64_t{1} << 30;  // 1 GiB
inline constexpr uint32_t kMaxFormatName = 64;

// Writes all of `a` then `b` to `fd` (one writev when the socket takes it),
// waiting at most until `deadline`. DEADLINE_EXCEEDED when it passes,
// UNAVAILABLE when the peer is gone.
absl::Status WriteAll(int fd, absl::string_view a, absl::string_view b, absl::Time deadline);

// Reads exactly `size` bytes into `out`, waiting at most until `deadline`.
// DEADLINE_EXCEEDED when it passes; UNAVAILABLE on end of stream (the peer
// exited) or a socket error.
absl::Status ReadAll(int fd, char* out, size_t size, absl::Time deadline);

// A response header followed by `payload`.
absl::Status WriteResponse(int fd, absl::StatusCode code, uint32_t rss_mib,
                           absl::string_view payload, absl::Time deadline);

// This process's resident set, in MiB (from /proc/self/statm), 0 if unknown.
uint32_t ResidentMib();

}  // namespace nianbao::collection::worker

#endif  // NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_PROTOCOL_H_
