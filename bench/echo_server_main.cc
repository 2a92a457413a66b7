// nianbao-echo-server: a bare gRPC echo service on the same server bootstrap
// (services/common) as nianbao-validation-server, the baseline for
// bench/h2load_compare.sh.
#include "nianbao/bench/v1/echo.grpc.pb.h"
#include "services/common/server_runner.h"

namespace {

class EchoServiceImpl final : public nianbao::bench::v1::EchoService::Service {
  grpc::Status Echo(grpc::ServerContext*, const nianbao::bench::v1::EchoRequest* request,
                    nianbao::bench::v1::EchoResponse* response) override {
    response->set_payload(request->payload());
    return grpc::Status::OK;
  }
};

}  // namespace

int main(int argc, char** argv) {
  EchoServiceImpl service;
  return nianbao::services::ServerMain("nianbao-echo-server",
                                       "usage: nianbao-echo-server [--listen HOST:PORT] [flags]\n",
                                       argc, argv, {&service});
}
