#include "services/collection/grpc_errors.h"

#include "absl/strings/str_cat.h"
#include "google/rpc/status.pb.h"

namespace nianbao::collection {

std::string ClampForError(std::string text) {
  if (text.size() <= kMaxErrorTextBytes) return text;
  size_t cut = kMaxErrorTextBytes;
  // Back off to the start of a UTF-8 sequence: the message must stay valid.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += "…";
  return text;
}

void BadRequestBuilder::Add(std::string field, std::string description) {
  google::rpc::BadRequest::FieldViolation* v = bad_request_.add_field_violations();
  v->set_field(ClampForError(std::move(field)));
  v->set_description(ClampForError(std::move(description)));
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
  status.set_message(ClampForError(message));
  status.add_details()->PackFrom(detail);
  return grpc::Status(code, status.message(), status.SerializeAsString());
}

grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      ClampForError(std::string(status.message())));
}

}  // namespace nianbao::collection
