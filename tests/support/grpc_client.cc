#include "tests/support/grpc_client.h"

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace nianbao::testing {

std::shared_ptr<grpc::Channel> TestChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> TestContext(const std::string& actor,
                                                 std::chrono::seconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-nianbao-actor", actor);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

}  // namespace nianbao::testing
