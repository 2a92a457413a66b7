#include "services/common/server_runner.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "services/common/call_counter.h"
#include "services/common/logging.h"

namespace nianbao::services {
namespace {

bool ReadAll(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

}  // namespace

int RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services) {
  // glibc gives threads that malloc at once their own arenas, up to 8 per
  // core, and an arena keeps what was freed in it: under load gRPC's thread
  // pool spread the collection server over 16 arenas and ~90 MB resident
  // (docs/performance.md). Two arenas bound that at little contention, as
  // the render path allocates on per-call protobuf arenas. MALLOC_ARENA_MAX
  // still wins when set.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  // Block the stop signals in every thread (gRPC's threads inherit this
  // mask); one thread below waits for them synchronously.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  std::string mode = "plaintext";
  if (options.tls_cert.empty() && !IsLoopbackListen(options.listen)) {
    if (!options.allow_insecure) {
      Log(absl::StrCat("refusing to serve plaintext on ", options.listen,
                       ", which is not loopback: give --tls-cert and --tls-key (or "
                       "--allow-insecure behind a TLS-terminating proxy)"));
      return 2;
    }
    Log(absl::StrCat("WARNING: plaintext on ", options.listen,
                     " (--allow-insecure): anyone on the network can read and forge calls"));
  }
  if (!options.tls_cert.empty()) {
    std::string cert, key, ca;
    if (!ReadAll(options.tls_cert, &cert) || !ReadAll(options.tls_key, &key) ||
        (!options.tls_client_ca.empty() && !ReadAll(options.tls_client_ca, &ca))) {
      Log("cannot read the TLS certificate, key or client CA file");
      return 1;
    }
    grpc::SslServerCredentialsOptions ssl(
        ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                   : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = ca;
    ssl.pem_key_cert_pairs.push_back({key, cert});
    creds = grpc::SslServerCredentials(ssl);
    mode = ca.empty() ? "TLS" : "mutual TLS";
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  CallCounter counter;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen, creds, &port);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  for (grpc::Service* s : services) builder.RegisterService(s);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(CallCounter::Factory(&counter));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    Log(absl::StrCat("cannot listen on ", options.listen));
    return 1;
  }
  // The health-only listener is a server of its own (its own default health
  // service, nothing else registered), kept in step with the main one.
  std::unique_ptr<grpc::Server> health_server;
  if (!options.health_listen.empty()) {
    grpc::ServerBuilder health_builder;
    int health_port = 0;
    health_builder.AddListeningPort(options.health_listen, grpc::InsecureServerCredentials(),
                                    &health_port);
    health_server = health_builder.BuildAndStart();
    if (health_server == nullptr || health_port == 0) {
      Log(absl::StrCat("cannot listen on ", options.health_listen));
      server->Shutdown();
      return 1;
    }
    Log(absl::StrCat("health checks (plaintext) on ",
                     options.health_listen.substr(0, options.health_listen.rfind(':')), ":",
                     health_port));
  }
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  Log(absl::StrCat("listening on ", host, ":", port, " (", mode, ", max message ",
                   options.max_message_bytes, " bytes)"));
  if (!options.port_file.empty()) {
    // Written whole to a temporary name and renamed, so readers never see
    // a partial number.
    const std::string tmp = options.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), options.port_file.c_str());
  }

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    Log(absl::StrCat("received ", sig == SIGTERM ? "SIGTERM" : "SIGINT",
                     ", shutting down; draining ", options.drain_seconds,
                     "s, then in-flight calls get ", options.shutdown_grace_seconds, "s"));
    server->GetHealthCheckService()->SetServingStatus(false);
    if (health_server) health_server->GetHealthCheckService()->SetServingStatus(false);
    // Still serving while clients that watch health stop picking us.
    if (options.drain_seconds > 0) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(static_cast<int64_t>(options.drain_seconds * 1000)));
    }
    server->Shutdown(
        std::chrono::system_clock::now() +
        std::chrono::milliseconds(static_cast<int64_t>(options.shutdown_grace_seconds * 1000)));
  });
  server->Wait();
  stopper.join();
  if (health_server) health_server->Shutdown();
  Log(absl::StrCat("stopped; ", counter.Summary()));
  return 0;
}

int ServerMain(const char* name, const std::string& usage_head, int argc, char** argv,
               const std::vector<grpc::Service*>& services) {
  SetLogName(name);
  auto options = ParseServerFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    std::cerr << name << ": " << options.status().message() << "\n"
              << usage_head << ServerFlagsUsage();
    return 2;
  }
  if (options->help) {
    std::cout << usage_head << ServerFlagsUsage();
    return 0;
  }
  return RunServer(*options, services);
}

}  // namespace nianbao::services
