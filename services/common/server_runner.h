// Runs a gRPC server the way every nianbao service does: listen address,
// optional TLS/mTLS, grpc.health.v1 health service, server reflection, a
// maximum message size, per-status call counts, and graceful shutdown on
// SIGTERM/SIGINT (new calls refused, in-flight calls finish within the grace
// period, then cancelled). Shared by the validation and collection servers.
#ifndef NIANBAO_SERVICES_COMMON_SERVER_RUNNER_H_
#define NIANBAO_SERVICES_COMMON_SERVER_RUNNER_H_

#include <string>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "services/common/server_flags.h"

namespace nianbao::services {

// Serves `services` until SIGTERM or SIGINT; returns the process exit status
// (0 after a clean shutdown, 1 when the server could not start).
int RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services);

// main() for a server binary: parses the shared flags (exit 2 on bad usage,
// printing `usage_head` and the flags), names the log, and runs.
int ServerMain(const char* name, const std::string& usage_head, int argc, char** argv,
               const std::vector<grpc::Service*>& services);

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_SERVER_RUNNER_H_
