// Counts the calls a server answered, by status code, with a server
// interceptor. Load generators such as h2load count a gRPC error (HTTP 200
// with grpc-status != 0) as a success, so benchmarks read these counts,
// which the server logs when it stops.
#ifndef NIANBAO_SERVICES_COMMON_CALL_COUNTER_H_
#define NIANBAO_SERVICES_COMMON_CALL_COUNTER_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>

#include "grpcpp/support/server_interceptor.h"

namespace nianbao::services {

class CallCounter {
 public:
  static constexpr int kCodes = 17;  // grpc::StatusCode 0..16

  void Count(int code) {
    counts_[static_cast<size_t>(code >= 0 && code < kCodes ? code : 2)].fetch_add(
        1, std::memory_order_relaxed);
  }
  uint64_t count(int code) const { return counts_[static_cast<size_t>(code)].load(); }
  uint64_t total() const;
  // "calls: 1000 OK=990 INVALID_ARGUMENT=10"
  std::string Summary() const;

  // An interceptor factory that counts into `counter` (which must outlive
  // the server).
  static std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Factory(
      CallCounter* counter);

 private:
  std::array<std::atomic<uint64_t>, kCodes> counts_{};
};

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_CALL_COUNTER_H_
