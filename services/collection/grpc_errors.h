// gRPC errors the way AIP-193 wants them: INVALID_ARGUMENT with
// google.rpc.BadRequest field violations, FAILED_PRECONDITION with the
// validation result, both packed into the google.rpc.Status that gRPC sends
// in the grpc-status-details-bin trailer; absl::Status codes mapped 1:1.
#ifndef NIANBAO_SERVICES_COLLECTION_GRPC_ERRORS_H_
#define NIANBAO_SERVICES_COLLECTION_GRPC_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
#include "grpcpp/support/status.h"

namespace nianbao::collection {

// Error texts quote what the caller sent; a 1 MB resource name quoted back
// would exceed the client's metadata limit (the status travels in headers)
// and turn a clean INVALID_ARGUMENT into the client's RESOURCE_EXHAUSTED.
// Every message and field violation is cut to this many bytes.
inline constexpr size_t kMaxErrorTextBytes = 512;
// `text` cut to kMaxErrorTextBytes at a UTF-8 boundary, with "…" if cut.
std::string ClampForError(std::string text);

// Collects the field violations of one request.
class BadRequestBuilder {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return bad_request_.field_violations().empty(); }
  // INVALID_ARGUMENT naming the first violation, all of them in the details.
  grpc::Status Build() const;

 private:
  google::rpc::BadRequest bad_request_;
};

// A status with `code`, `message` and `detail` packed in its details.
grpc::Status StatusWithDetail(grpc::StatusCode code, const std::string& message,
                              const google::protobuf::Message& detail);

// The same code and message as `status`.
grpc::Status ToGrpc(const absl::Status& status);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_GRPC_ERRORS_H_
