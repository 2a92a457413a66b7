// nianbao-echo-server: a bare gRPC echo service on the same server bootstrap
// (services/common) as nianbao-validation-server, the baseline for
// bench/h2load_compare.sh.
#include "nianbao/bench/v1/echo.grpc.pb.h"
#include "services/common/server_runner.h"

namespace {

// Callback API, like nianbao-validation-server, so both run the same
// threading model.
class EchoServiceImpl final : public nianbao::bench::v1::EchoService::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const nianbao::bench::v1::EchoRequest* request,
                                 nianbao::bench::v1::EchoResponse* response) override {
    response->set_payload(request->payload());
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  EchoServiceImpl service;
  return nianbao::services::ServerMain("nianbao-echo-server",
                                       "usage: nianbao-echo-server [--listen HOST:PORT] [flags]\n",
                                       argc, argv, {&service});
}
