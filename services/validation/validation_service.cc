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

// One call's request and response in one arena, freed together.
class ArenaHolder final
    : public grpc::MessageHolder<v1::ValidateReportRequest, v1::ValidateReportResponse> {
 public:
  ArenaHolder() : arena_(Options()) {
    set_request(google::protobuf::Arena::CreateMessage<v1::ValidateReportRequest>(&arena_));
    set_response(google::protobuf::Arena::CreateMessage<v1::ValidateReportResponse>(&arena_));
  }
  void Release() override { delete this; }

 private:
  static google::protobuf::ArenaOptions Options() {
    google::protobuf::ArenaOptions o;
    o.start_block_size = 32 << 10;  // a typical report fits in the first block
    return o;
  }
  google::protobuf::Arena arena_;
};

class ArenaAllocator final
    : public grpc::MessageAllocator<v1::ValidateReportRequest, v1::ValidateReportResponse> {
 public:
  grpc::MessageHolder<v1::ValidateReportRequest, v1::ValidateReportResponse>* AllocateMessages()
      override {
    return new ArenaHolder();
  }
};

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

ValidationServiceImpl::ValidationServiceImpl() : allocator_(std::make_unique<ArenaAllocator>()) {
  SetMessageAllocatorFor_ValidateReport(allocator_.get());
}

ValidationServiceImpl::~ValidationServiceImpl() = default;

grpc::ServerUnaryReactor* ValidationServiceImpl::ValidateReport(
    grpc::CallbackServerContext* context, const v1::ValidateReportRequest* request,
    v1::ValidateReportResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(HandleValidateReport(*request, response));
  return reactor;
}

}  // namespace nianbao::validation
