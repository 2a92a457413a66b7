// How the collection service asks for a report to be checked: the
// ValidationService over gRPC (GrpcReportValidator), behind a small
// interface so the workflow does not care where validation runs.
#ifndef NIANBAO_SERVICES_COLLECTION_REPORT_VALIDATOR_H_
#define NIANBAO_SERVICES_COLLECTION_REPORT_VALIDATOR_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "nianbao/v1/validation.grpc.pb.h"

namespace nianbao::collection {

class ReportValidator {
 public:
  virtual ~ReportValidator() = default;
  // Checks `report`; `previous` (last year's report, may be null) enables
  // the cross-year rules.
  virtual absl::StatusOr<v1::ValidateReportResponse> Validate(const v1::AnnualReport& report,
                                                              const v1::AnnualReport* previous) = 0;
};

// The gRPC service config for calls to ValidationService: round_robin over
// every address the name resolves to (a headless Kubernetes Service gives
// one per pod), skipping pods whose grpc.health.v1 says NOT_SERVING (a
// validation server draining after SIGTERM), and up to `max_attempts` tries
// on UNAVAILABLE with exponential backoff.
std::string ValidationServiceConfig(int max_attempts = 4);

// Calls nianbao.v1.ValidationService at `target` (e.g. "127.0.0.1:50051" or
// "dns:///validation:50051"), each call with `deadline`.
class GrpcReportValidator : public ReportValidator {
 public:
  GrpcReportValidator(const std::string& target,
                      std::shared_ptr<grpc::ChannelCredentials> credentials,
                      absl::Duration deadline);
  absl::StatusOr<v1::ValidateReportResponse> Validate(const v1::AnnualReport& report,
                                                      const v1::AnnualReport* previous) override;

 private:
  std::unique_ptr<v1::ValidationService::Stub> stub_;
  absl::Duration deadline_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_REPORT_VALIDATOR_H_
