#include "services/collection/render_worker_protocol.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace nianbao::collection::worker {
namespace {

// Waits until `fd` is ready for `events` or `deadline` passes.
absl::Status Wait(int fd, short events, absl::Time deadline) {
  for (;;) {
    int timeout_ms = -1;
    if (deadline != absl::InfiniteFuture()) {
      const absl::Duration left = deadline - absl::Now();
      if (left <= absl::ZeroDuration()) return absl::DeadlineExceededError("deadline passed");
      timeout_ms =
          static_cast<int>(absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))));
    }
    pollfd p{fd, events, 0};
    const int n = poll(&p, 1, timeout_ms);
    if (n > 0) return absl::OkStatus();  // ready, or an error the next call reports
    if (n < 0 && errno != EINTR) {
      return absl::UnavailableError(absl::StrCat("poll: ", std::strerror(errno)));
    }
  }
}

}  // namespace

absl::Status WriteAll(int fd, absl::string_view a, absl::string_view b, absl::Time deadline) {
  iovec iov[2] = {{const_cast<char*>(a.data()), a.size()}, {const_cast<char*>(b.data()), b.size()}};
  int first = 0;
  while (first < 2) {
    if (iov[first].iov_len == 0) {
      ++first;
      continue;
    }
    msghdr msg{};
    msg.msg_iov = iov + first;
    msg.msg_iovlen = 2 - first;
    // MSG_NOSIGNAL: a dead peer is an error to report, not a SIGPIPE.
    const ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (absl::Status st = Wait(fd, POLLOUT, deadline); !st.ok()) return st;
        continue;
      }
      return absl::UnavailableError(absl::StrCat("write: ", std::strerror(errno)));
    }
    size_t done = static_cast<size_t>(n);
    while (first < 2 && done >= iov[first].iov_len) {
      done -= iov[first].iov_len;
      iov[first].iov_len = 0;
      ++first;
    }
    if (first < 2) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + done;
      iov[first].iov_len -= done;
    }
  }
  return absl::OkStatus();
}

absl::Status ReadAll(int fd, char* out, size_t size, absl::Time deadline) {
  size_t got = 0;
  while (got < size) {
    const ssize_t n = recv(fd, out + got, size - got, MSG_DONTWAIT);
    if (n > 0) {
      got += static_cast<size_t>(n);
      continue;
    }
    if (n == 0) return absl::UnavailableError("end of stream");
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (absl::Status st = Wait(fd, POLLIN, deadline); !st.ok()) return st;
      continue;
    }
    return absl::UnavailableError(absl::StrCat("read: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status WriteResponse(int fd, absl::StatusCode code, uint32_t rss_mib,
                           absl::string_view payload, absl::Time deadline) {
  ResponseHeader h{static_cast<uint32_t>(code), rss_mib, payload.size()};
  return WriteAll(fd, absl::string_view(reinterpret_cast<const char*>(&h), sizeof h), payload,
                  deadline);
}

uint32_t ResidentMib() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  const uint64_t bytes = uint64_t{resident} * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  return static_cast<uint32_t>(bytes >> 20);
}

}  // namespace nianbao::collection::worker
