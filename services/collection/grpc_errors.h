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
