#include "services/validation/validation_service.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/validation/rule_engine.h"

namespace nianbao::validation {
namespace {

grpc::Status BadRequest(const std::string& field, const std::string& description) {
  google::rpc::BadRequest details;
  auto* violation = details.add_field_violations();
  violation->set_field(field);
  violation->set_description(description);
  google::rpc::Status status;
  status.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  status.set_message(description);
  status.add_details()->PackFrom(details);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, description, status.SerializeAsString());
}

}  // namespace

grpc::Status ValidationServiceImpl::ValidateReport(grpc::ServerContext* context,
                                                   const v1::ValidateReportRequest* request,
                                                   v1::ValidateReportResponse* response) {
  if (!request->has_report()) {
    return BadRequest("report", "the report to validate is required");
  }
  Validate(request->report(),
           request->has_previous_report() ? &request->previous_report() : nullptr, response);
  return grpc::Status::OK;
}

}  // namespace nianbao::validation
