#include "services/collection/report_validator.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace nianbao::collection {

std::string ValidationServiceConfig(int max_attempts) {
  return absl::StrCat(R"({
  "loadBalancingConfig": [{"round_robin": {}}],
  "healthCheckConfig": {"serviceName": ""},
  "methodConfig": [{
    "name": [{"service": "nianbao.v1.ValidationService"}],
    "retryPolicy": {
      "maxAttempts": )",
                      max_attempts, R"(,
      "initialBackoff": "0.1s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})");
}

GrpcReportValidator::GrpcReportValidator(const std::string& target,
                                         std::shared_ptr<grpc::ChannelCredentials> credentials,
                                         absl::Duration deadline)
    : deadline_(deadline) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(ValidationServiceConfig());
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  // Reports are a few hundred KB at most; allow room.
  args.SetMaxReceiveMessageSize(64 << 20);
  stub_ = v1::ValidationService::NewStub(grpc::CreateCustomChannel(target, credentials, args));
}

absl::StatusOr<v1::ValidateReportResponse> GrpcReportValidator::Validate(
    const v1::AnnualReport& report, const v1::AnnualReport* previous) {
  v1::ValidateReportRequest request;
  *request.mutable_report() = report;
  if (previous != nullptr) *request.mutable_previous_report() = *previous;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  v1::ValidateReportResponse response;
  grpc::Status status = stub_->ValidateReport(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("validation service: ", status.error_message()));
  }
  return response;
}

}  // namespace nianbao::collection
