// nianbao-validation-server --listen HOST:PORT [TLS and other flags]
//
// Serves nianbao.v1.ValidationService, grpc.health.v1.Health and server
// reflection until SIGTERM/SIGINT.
#include "services/common/server_runner.h"
#include "services/validation/validation_service.h"

int main(int argc, char** argv) {
  nianbao::validation::ValidationServiceImpl service;
  return nianbao::services::ServerMain(
      "nianbao-validation-server",
      "usage: nianbao-validation-server [--listen HOST:PORT] [flags]\n"
      "Serves nianbao.v1.ValidationService (plus grpc.health.v1 and reflection).\n",
      argc, argv, {&service});
}
