#include "services/common/call_counter.h"

#include "absl/strings/str_cat.h"

namespace nianbao::services {
namespace {

const char* CodeName(int code) {
  static const char* names[] = {"OK",
                                "CANCELLED",
                                "UNKNOWN",
                                "INVALID_ARGUMENT",
                                "DEADLINE_EXCEEDED",
                                "NOT_FOUND",
                                "ALREADY_EXISTS",
                                "PERMISSION_DENIED",
                                "RESOURCE_EXHAUSTED",
                                "FAILED_PRECONDITION",
                                "ABORTED",
                                "OUT_OF_RANGE",
                                "UNIMPLEMENTED",
                                "INTERNAL",
                                "UNAVAILABLE",
                                "DATA_LOSS",
                                "UNAUTHENTICATED"};
  return names[code];
}

class CountingInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit CountingInterceptor(CallCounter* counter) : counter_(counter) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      counter_->Count(static_cast<int>(methods->GetSendStatus().error_code()));
    }
    methods->Proceed();
  }

 private:
  CallCounter* counter_;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(CallCounter* counter) : counter_(counter) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo*) override {
    return new CountingInterceptor(counter_);
  }

 private:
  CallCounter* counter_;
};

}  // namespace

uint64_t CallCounter::total() const {
  uint64_t t = 0;
  for (const auto& c : counts_) t += c.load();
  return t;
}

std::string CallCounter::Summary() const {
  std::string out = absl::StrCat("calls: ", total());
  for (int c = 0; c < kCodes; ++c) {
    if (count(c) > 0) absl::StrAppend(&out, " ", CodeName(c), "=", count(c));
  }
  return out;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> CallCounter::Factory(
    CallCounter* counter) {
  return std::make_unique<services::Factory>(counter);
}

}  // namespace nianbao::services
