// Command-line flags shared by nianbao's gRPC servers (validation,
// collection): where to listen, TLS and mTLS, message size, shutdown bound.
#ifndef NIANBAO_SERVICES_COMMON_SERVER_FLAGS_H_
#define NIANBAO_SERVICES_COMMON_SERVER_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace nianbao::services {

struct ServerOptions {
  // HOST:PORT; port 0 picks a free port (the chosen one is logged).
  std::string listen = "127.0.0.1:50051";
  // PEM files. Both cert and key turn TLS on; a client CA also requires and
  // verifies client certificates (mTLS).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // Largest request or response, in bytes.
  int max_message_bytes = 16 * 1024 * 1024;
  // On SIGTERM/SIGINT, report NOT_SERVING and keep serving this long before
  // refusing new calls, so clients watching health and load balancers move
  // away first (a call that reaches a shutting-down server before it is
  // dispatched is cancelled, which no retry policy should have to cover).
  double drain_seconds = 0;
  // Then in-flight calls get this long to finish.
  double shutdown_grace_seconds = 10;
  // HOST:PORT of a second, plaintext listener serving only grpc.health.v1,
  // for probes that cannot speak TLS (Kubernetes' native gRPC probes).
  // Empty: none.
  std::string health_listen;
  // Write the bound port to this file once listening (for tests and scripts).
  std::string port_file;
  // Serve plaintext on an address other than loopback. Off by default: a
  // server reachable from other machines needs --tls-cert/--tls-key.
  bool allow_insecure = false;
  bool help = false;
};

// Help text for the flags above.
std::string ServerFlagsUsage();

// Parses "--flag value" and "--flag=value". InvalidArgument names the bad
// flag; TLS needs both --tls-cert and --tls-key; --tls-client-ca needs TLS.
absl::StatusOr<ServerOptions> ParseServerFlags(const std::vector<std::string>& args);

// Whether HOST:PORT names a loopback host only (127.0.0.0/8, [::1],
// localhost), i.e. nothing outside this machine can connect. 0.0.0.0, [::]
// and every other host are not.
bool IsLoopbackListen(const std::string& listen);

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_SERVER_FLAGS_H_
