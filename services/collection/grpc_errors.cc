#include "services/collection/grpc_errors.h"

#include "absl/strings/str_cat.h"
#include "google/rpc/status.pb.h"

namespace nianbao::collection {

void BadRequestBuilder::Add(std::string field, std::string description) {
  google::rpc::BadRequest::FieldViolation* v = bad_request_.add_field_violations();
  v->set_field(std::move(field));
  v->set_description(std::move(description));
}

grpc::Status BadRequestBuilder::Build() const {
  const auto& first = bad_request_.field_violations(0);
  std::string message = absl::StrCat(first.field(), ": ", first.description());
  if (bad_request_.field_violations_size() > 1) {
    absl::StrAppend(&message, " (and ", bad_request_.field_violations_size() - 1, " more)");
  }
  return StatusWithDetail(grpc::StatusCode::INVALID_ARGUMENT, message, bad_request_);
}

grpc::Status StatusWithDetail(grpc::StatusCode code, const std::string& message,
                              const google::protobuf::Message& detail) {
  google::rpc::Status status;
  status.set_code(code);
  status.set_message(message);
  status.add_details()->PackFrom(detail);
  return grpc::Status(code, message, status.SerializeAsString());
}

grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace nianbao::collection
