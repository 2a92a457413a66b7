// nianbao.v1.ValidationService: the rule engine over gRPC. Stateless; one
// instance serves every call concurrently. Uses gRPC's callback API with the
// raw request bytes, parsed here into one protobuf arena per call: a report
// is a tree of several hundred small messages, and parsing it into an arena
// instead of the heap is most of what the server can save per call. Parsing
// here also lets an unparseable request (invalid UTF-8, nesting past
// protobuf's limit, garbage) get INVALID_ARGUMENT; gRPC's own parse step in
// the callback API answers those UNIMPLEMENTED.
#ifndef NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
#define NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_

#include "grpcpp/support/byte_buffer.h"
#include "nianbao/v1/validation.grpc.pb.h"

namespace nianbao::validation {

// The call's logic, independent of the gRPC API: a wrong report is answered
// with its violations; only an unusable request (no report) is
// INVALID_ARGUMENT, with google.rpc.BadRequest details.
grpc::Status HandleValidateReport(const v1::ValidateReportRequest& request,
                                  v1::ValidateReportResponse* response);

// The whole call on serialized bytes: parse, validate, serialize.
grpc::Status HandleValidateReportBytes(grpc::ByteBuffer* request, grpc::ByteBuffer* response);

class ValidationServiceImpl final
    : public v1::ValidationService::WithRawCallbackMethod_ValidateReport<
          v1::ValidationService::Service> {
 public:
  grpc::ServerUnaryReactor* ValidateReport(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;
};

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_VALIDATION_SERVICE_H_
