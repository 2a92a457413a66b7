// The one place tests make gRPC channels and per-call contexts, so that what
// every test client must send (credentials, the actor header, later a bearer
// token) is added here once.
#ifndef NIANBAO_TESTS_SUPPORT_GRPC_CLIENT_H_
#define NIANBAO_TESTS_SUPPORT_GRPC_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace nianbao::testing {

// A channel to `target` ("127.0.0.1:PORT") that sends and receives messages
// of any size: tests of size limits must reach the server's own limit.
std::shared_ptr<grpc::Channel> TestChannel(const std::string& target);

// A context for one call: actor `actor`, deadline `timeout` from now.
std::unique_ptr<grpc::ClientContext> TestContext(
    const std::string& actor = "test", std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_GRPC_CLIENT_H_
