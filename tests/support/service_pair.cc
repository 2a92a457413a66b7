#include "tests/support/service_pair.h"

#include "tests/support/grpc_client.h"
#include "tests/test_support.h"

namespace nianbao::testing {

absl::StatusOr<std::unique_ptr<ServicePair>> ServicePair::Start(
    const std::string& store_spec, const std::string& dir,
    const std::vector<std::string>& collection_args) {
  std::unique_ptr<ServicePair> pair(new ServicePair());
  absl::StatusOr<std::unique_ptr<ServerProcess>> validation =
      ServerProcess::Start(BinaryPath("services/validation/nianbao-validation-server"), {}, dir,
                           dir + "/validation.log");
  if (!validation.ok()) return validation.status();
  pair->validation_ = *std::move(validation);
  std::vector<std::string> args = {"--store", store_spec, "--validation-target",
                                   pair->validation_->target()};
  args.insert(args.end(), collection_args.begin(), collection_args.end());
  absl::StatusOr<std::unique_ptr<ServerProcess>> collection =
      ServerProcess::Start(BinaryPath("services/collection/nianbao-collection-server"), args, dir,
                           dir + "/collection.log");
  if (!collection.ok()) return collection.status();
  pair->collection_ = *std::move(collection);
  pair->validation_channel_ = TestChannel(pair->validation_->target());
  pair->collection_channel_ = TestChannel(pair->collection_->target());
  pair->stub_ = v1::CollectionService::NewStub(pair->collection_channel_);
  return pair;
}

}  // namespace nianbao::testing
