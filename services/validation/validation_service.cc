#include "services/validation/validation_service.h"

#include "google/protobuf/arena.h"
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

google::protobuf::ArenaOptions CallArenaOptions() {
  google::protobuf::ArenaOptions o;
  o.start_block_size = 32 << 10;  // a typical report fits in the first block
  return o;
}

}  // namespace

grpc::Status HandleValidateReport(const v1::ValidateReportRequest& request,
                                  v1::ValidateReportResponse* response) {
  if (!request.has_report()) {
    return BadRequest("report", "the report to validate is required");
  }
  Validate(request.report(), request.has_previous_report() ? &request.previous_report() : nullptr,
           response);
  return grpc::Status::OK;
}

grpc::Status HandleValidateReportBytes(grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  // Request and response in one arena, freed together.
  google::protobuf::Arena arena(CallArenaOptions());
  auto* req = google::protobuf::Arena::CreateMessage<v1::ValidateReportRequest>(&arena);
  auto* resp = google::protobuf::Arena::CreateMessage<v1::ValidateReportResponse>(&arena);
  if (!grpc::SerializationTraits<v1::ValidateReportRequest>::Deserialize(request, req).ok()) {
    return BadRequest("",
                      "the request is not a parseable nianbao.v1.ValidateReportRequest "
                      "(invalid UTF-8 in a string, nesting deeper than 100, or not protobuf)");
  }
  grpc::Status status = HandleValidateReport(*req, resp);
  if (!status.ok()) return status;
  bool own_buffer = false;
  return grpc::SerializationTraits<v1::ValidateReportResponse>::Serialize(*resp, response,
                                                                          &own_buffer);
}

grpc::ServerUnaryReactor* ValidationServiceImpl::ValidateReport(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // Deserialize consumes the buffer; gRPC hands it over for this call only.
  reactor->Finish(HandleValidateReportBytes(const_cast<grpc::ByteBuffer*>(request), response));
  return reactor;
}

}  // namespace nianbao::validation
