// nianbao.v1.ValidationService: the rule engine over gRPC. Stateless; one
// instance serves every call concurrently.
#ifndef NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
#define NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_

#include "nianbao/v1/validation.grpc.pb.h"

namespace nianbao::validation {

class ValidationServiceImpl final : public v1::ValidationService::Service {
 public:
  // A wrong report is answered with its violations; only an unusable request
  // (no report) is INVALID_ARGUMENT, with google.rpc.BadRequest details.
  grpc::Status ValidateReport(grpc::ServerContext* context,
                              const v1::ValidateReportRequest* request,
                              v1::ValidateReportResponse* response) override;
};

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
