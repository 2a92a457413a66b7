// nianbao-collection-server --validation-target TARGET [--store SPEC]
//     [--plugin-dir DIR]... [--listen HOST:PORT] [TLS and other server flags]
//
// Serves nianbao.v1.CollectionService (plus grpc.health.v1 and reflection)
// until SIGTERM/SIGINT, on the store SPEC (sqlite:PATH, the default
// sqlite:nianbao-collection.db, or postgres://...), calling the validation
// service at TARGET (e.g. 127.0.0.1:50051 or dns:///validation:50051, with
// round_robin over every address) and rendering through the plugins found
// in the plugin directories.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "renderers/plugin_registry.h"
#include "report/report_io.h"
#include "services/collection/collection_service.h"
#include "services/collection/plugin_renderer.h"
#include "services/collection/report_validator.h"
#include "services/collection/store.h"
#include "services/common/logging.h"
#include "services/common/server_runner.h"
#include "services/common/token_file.h"

namespace {

constexpr char kName[] = "nianbao-collection-server";
constexpr char kUsage[] =
    "usage: nianbao-collection-server --validation-target TARGET [--store SPEC]\n"
    "           [--plugin-dir DIR]... [--listen HOST:PORT] [server flags]\n"
    "Serves nianbao.v1.CollectionService (plus grpc.health.v1 and reflection).\n"
    "  --store SPEC                 sqlite:PATH (default sqlite:nianbao-collection.db)\n"
    "                               or postgres://USER@HOST:PORT/DB\n"
    "  --validation-target TARGET   the validation service, e.g. 127.0.0.1:50051 or\n"
    "                               dns:///validation:50051 (round_robin)\n"
    "  --validation-deadline SEC    deadline of each validation call (default 10)\n"
    "  --validation-tls-ca PEM      reach the validation service over TLS\n"
    "  --validation-tls-cert PEM    client certificate for mutual TLS with the\n"
    "  --validation-tls-key PEM     validation service (with --validation-tls-ca)\n"
    "  --auth-tokens FILE           bearer tokens (SHA-256 hashes, principals, scopes;\n"
    "                               see docs/security.md); re-read when it changes\n"
    "  --allow-unauthenticated      serve without --auth-tokens on a non-loopback\n"
    "                               address (every caller is admin)\n"
    "  --plugin-dir DIR             renderer plugins (repeatable; also\n"
    "                               $NIANBAO_PLUGIN_PATH and the build/install tree)\n";

}  // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any thread exists (the validation
  // channel and the plugins start some): every thread inherits the mask, so
  // SIGTERM reaches RunServer's graceful shutdown instead of killing us.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::string store_spec = "sqlite:nianbao-collection.db";
  std::string validation_target;
  std::string validation_ca, validation_cert, validation_key;
  std::string auth_tokens;
  bool allow_unauthenticated = false;
  double deadline_seconds = 10;
  std::vector<std::string> plugin_dirs;
  std::vector<std::string> server_args;
  // Our own flags first; the rest are the shared server flags.
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    auto take = [&](const char* flag) {
      const std::string f = flag;
      if (arg == f && i + 1 < argc) {
        value = argv[++i];
        return true;
      }
      if (arg.rfind(f + "=", 0) == 0) {
        value = arg.substr(f.size() + 1);
        return true;
      }
      return false;
    };
    if (take("--store")) {
      store_spec = value;
    } else if (take("--validation-target")) {
      validation_target = value;
    } else if (take("--validation-tls-ca")) {
      validation_ca = value;
    } else if (take("--validation-tls-cert")) {
      validation_cert = value;
    } else if (take("--validation-tls-key")) {
      validation_key = value;
    } else if (take("--auth-tokens")) {
      auth_tokens = value;
    } else if (arg == "--allow-unauthenticated") {
      allow_unauthenticated = true;
    } else if (take("--validation-deadline")) {
      if (!absl::SimpleAtod(value, &deadline_seconds) || deadline_seconds <= 0) {
        std::cerr << kName << ": --validation-deadline takes seconds\n";
        return 2;
      }
    } else if (take("--plugin-dir")) {
      plugin_dirs.push_back(value);
    } else {
      server_args.push_back(arg);
    }
  }
  absl::StatusOr<nianbao::services::ServerOptions> options =
      nianbao::services::ParseServerFlags(server_args);
  if (!options.ok() || (!options->help && validation_target.empty())) {
    std::cerr << kName << ": "
              << (options.ok() ? "--validation-target is required" : options.status().message())
              << "\n"
              << kUsage << nianbao::services::ServerFlagsUsage();
    return 2;
  }
  if (options->help) {
    std::cout << kUsage << nianbao::services::ServerFlagsUsage();
    return 0;
  }
  if (validation_cert.empty() != validation_key.empty() ||
      (!validation_cert.empty() && validation_ca.empty())) {
    std::cerr << kName
              << ": --validation-tls-cert and --validation-tls-key go together, with "
                 "--validation-tls-ca\n";
    return 2;
  }
  nianbao::services::SetLogName(kName);
  // Authentication: on with a token file; off only on a loopback address
  // (nobody else can connect) or when explicitly allowed, and then loudly.
  std::unique_ptr<nianbao::services::TokenFile> tokens;
  if (!auth_tokens.empty()) {
    absl::StatusOr<std::unique_ptr<nianbao::services::TokenFile>> t =
        nianbao::services::TokenFile::Open(auth_tokens);
    if (!t.ok()) {
      std::cerr << kName << ": --auth-tokens: " << t.status().message() << "\n";
      return 2;
    }
    tokens = *std::move(t);
  } else if (!allow_unauthenticated && !nianbao::services::IsLoopbackListen(options->listen)) {
    std::cerr << kName << ": " << options->listen
              << " is not a loopback address: give --auth-tokens FILE (or "
                 "--allow-unauthenticated)\n";
    return 2;
  } else {
    nianbao::services::Log(
        "WARNING: AUTHENTICATION IS OFF (no --auth-tokens): every caller is admin and names "
        "itself with x-nianbao-actor");
  }

  absl::StatusOr<std::unique_ptr<nianbao::collection::Store>> store =
      nianbao::collection::OpenStore(store_spec);
  if (!store.ok()) {
    std::cerr << kName << ": " << store.status().message() << "\n";
    return 1;
  }
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
  if (!validation_ca.empty()) {
    absl::StatusOr<std::string> pem = nianbao::report::ReadFile(validation_ca);
    if (!pem.ok()) {
      std::cerr << kName << ": " << pem.status().message() << "\n";
      return 2;
    }
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *pem;
    if (!validation_cert.empty()) {
      absl::StatusOr<std::string> cert = nianbao::report::ReadFile(validation_cert);
      absl::StatusOr<std::string> key = nianbao::report::ReadFile(validation_key);
      if (!cert.ok() || !key.ok()) {
        std::cerr << kName << ": " << (cert.ok() ? key.status().message() : cert.status().message())
                  << "\n";
        return 2;
      }
      ssl.pem_cert_chain = *cert;
      ssl.pem_private_key = *key;
    }
    creds = grpc::SslCredentials(ssl);
  }
  nianbao::collection::GrpcReportValidator validator(validation_target, creds,
                                                     absl::Seconds(deadline_seconds));
  nianbao::collection::PluginRenderer renderer(
      nianbao::renderers::PluginRegistry::Create(plugin_dirs));
  std::cerr << kName << ": store "
            << (store_spec.rfind("sqlite:", 0) == 0 ? store_spec : "postgres") << ", validation at "
            << validation_target << (validation_cert.empty() ? "" : " (mutual TLS)") << ", "
            << renderer.Formats().size() << " render formats, "
            << (tokens ? "bearer-token authentication" : "no authentication") << "\n";
  nianbao::collection::CollectionServiceImpl service(store->get(), &validator, &renderer,
                                                     tokens.get());
  return nianbao::services::RunServer(*options, {&service});
}
