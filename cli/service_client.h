// What the `nianbao` subcommands that talk to the collection service share:
// the --server/--tls-ca/--token-file/--actor/--deadline flags, the channel, per-call
// contexts, printing responses as JSON, and printing a failed call with its
// google.rpc details (field violations, validation violations).
#ifndef NIANBAO_CLI_SERVICE_CLIENT_H_
#define NIANBAO_CLI_SERVICE_CLIENT_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "google/protobuf/message.h"
#include "grpcpp/grpcpp.h"
#include "nianbao/v1/collection.grpc.pb.h"

namespace nianbao::cli {

// Flags every service subcommand accepts, to merge into its own.
extern const std::map<std::string, std::string> kServiceValueFlags;
extern const char kServiceFlagsUsage[];

class ServiceClient {
 public:
  // From --server (or $NIANBAO_SERVER), --tls-ca, --token-file (or
  // $NIANBAO_TOKEN), --actor, --deadline.
  static absl::StatusOr<ServiceClient> FromArgs(const Args& args);

  v1::CollectionService::Stub& stub() { return *stub_; }
  // A context with the deadline, the bearer token and the actor metadata.
  std::unique_ptr<grpc::ClientContext> Context() const;

 private:
  std::shared_ptr<v1::CollectionService::Stub> stub_;
  std::string actor_;
  std::string token_;
  double deadline_seconds_ = 60;
};

// Prints `message` as proto3 JSON on standard output.
void PrintJson(const google::protobuf::Message& message);

// Prints the failed call `what` on standard error, with its details; returns
// the exit status for it (kExitFailed).
int ReportFailure(const std::string& what, const grpc::Status& status);

}  // namespace nianbao::cli

#endif  // NIANBAO_CLI_SERVICE_CLIENT_H_
