// The collection service as the integration tests run it: a
// nianbao-validation-server and a nianbao-collection-server as child
// processes on loopback, the collection server on a given store and checking
// reports with that validation server. Gives channels to both and a
// CollectionService stub; stops or kills both when it goes (collection
// first). For a typed gtest fixture over both stores see
// tests/support/service_pair_test.h.
#ifndef NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_H_
#define NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "tests/support/server_process.h"

namespace nianbao::testing {

class ServicePair {
 public:
  // Starts the validation server, then the collection server with
  // --store `store_spec`, --validation-target <the validation server> and
  // `collection_args`. `dir` must exist: both run there and log to
  // dir/validation.log and dir/collection.log.
  static absl::StatusOr<std::unique_ptr<ServicePair>> Start(
      const std::string& store_spec, const std::string& dir,
      const std::vector<std::string>& collection_args = {});

  ServerProcess& validation() { return *validation_; }
  ServerProcess& collection() { return *collection_; }
  // Channels from tests/support/grpc_client.h (no message size limit).
  const std::shared_ptr<grpc::Channel>& validation_channel() const { return validation_channel_; }
  const std::shared_ptr<grpc::Channel>& collection_channel() const { return collection_channel_; }
  // A stub on collection_channel(), made once.
  v1::CollectionService::Stub& stub() { return *stub_; }

 private:
  ServicePair() = default;

  // Declared in this order so the collection server goes first.
  std::unique_ptr<ServerProcess> validation_, collection_;
  std::shared_ptr<grpc::Channel> validation_channel_, collection_channel_;
  std::unique_ptr<v1::CollectionService::Stub> stub_;
};

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_H_
