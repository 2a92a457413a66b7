// nianbao.v1.ValidationService: the rule engine over gRPC. Stateless; one
// instance serves every call concurrently. Uses gRPC's callback API so that
// each call's request and response live in one protobuf arena: a report is
// a tree of several hundred small messages, and parsing it into an arena
// instead of the heap is most of what the server can save per call.
#ifndef NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
#define NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_

#include <memory>

#include "grpcpp/support/message_allocator.h"
#include "nianbao/v1/validation.grpc.pb.h"

namespace nianbao::validation {

// The call's logic, independent of the gRPC API: a wrong report is answered
// with its violations; only an unusable request (no report) is
// INVALID_ARGUMENT, with google.rpc.BadRequest details.
grpc::Status HandleValidateReport(const v1::ValidateReportRequest& request,
                                  v1::ValidateReportResponse* response);

class ValidationServiceImpl final : public v1::ValidationService::CallbackService {
 public:
  ValidationServiceImpl();
  ~ValidationServiceImpl() override;

  grpc::ServerUnaryReactor* ValidateReport(grpc::CallbackServerContext* context,
                                           const v1::ValidateReportRequest* request,
                                           v1::ValidateReportResponse* response) override;

 private:
  std::unique_ptr<grpc::MessageAllocator<v1::ValidateReportRequest, v1::ValidateReportResponse>>
      allocator_;
};

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
