// nianbao-collection-server --validation-target TARGET [--store SPEC]
//     [--plugin-dir DIR]... [--render-workers N] [--render-deadline SEC]
//     [--listen HOST:PORT] [TLS and other server flags]
//
// Serves nianbao.v1.CollectionService (plus grpc.health.v1 and reflection)
// until SIGTERM/SIGINT, on the store SPEC (sqlite:PATH, the default
// sqlite:nianbao-collection.db, or postgres://...), calling the validation
// service at TARGET (e.g. 127.0.0.1:50051 or dns:///validation:50051, with
// round_robin over every address) and rendering through the plugins found
// in the plugin directories, in supervised worker processes
// (render_worker_pool.h) unless --render-workers 0.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "renderers/plugin_registry.h"
#include "report/report_io.h"
#include "services/collection/collection_service.h"
#include "services/collection/plugin_renderer.h"
#include "services/collection/render_worker_pool.h"
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
    "                               $NIANBAO_PLUGIN_PATH and the build/install tree)\n"
    "  --render-workers N           renderer worker processes (default: the number\n"
    "                               of cores); 0 renders inside the server, unisolated\n"
    "  --render-deadline SEC        each render, waiting for a worker included\n"
    "                               (default 30); the worker is then killed\n"
    "  --render-memory-limit-mb N   RLIMIT_AS of each worker (default 2048; 0 = none);\n"
    "                               a worker past half of it is replaced\n"
    "  --render-cpu-limit SEC       RLIMIT_CPU budget of each render (default: the\n"
    "                               deadline; 0 = none)\n"
    "  --render-worker PATH         the worker executable (default: beside this one)\n"
    "  --render-cache-mb N          laid-out render requests kept for reports rendered\n"
    "                               again unchanged (default 8; 0 = none)\n";

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
  int render_workers = static_cast<int>(std::thread::hardware_concurrency());
  double render_deadline = 30;
  double render_cpu_limit = -1;  // the deadline
  uint64_t render_memory_mb = 2048;
  uint64_t render_cache_mb =
      nianbao::collection::CollectionServiceImpl::kDefaultRenderCacheBytes >> 20;
  std::string render_worker = nianbao::collection::DefaultRenderWorkerBinary();
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
    } else if (take("--render-workers")) {
      if (!absl::SimpleAtoi(value, &render_workers) || render_workers < 0) {
        std::cerr << kName << ": --render-workers takes a number >= 0\n";
        return 2;
      }
    } else if (take("--render-deadline")) {
      if (!absl::SimpleAtod(value, &render_deadline) || render_deadline <= 0) {
        std::cerr << kName << ": --render-deadline takes seconds\n";
        return 2;
      }
    } else if (take("--render-cpu-limit")) {
      if (!absl::SimpleAtod(value, &render_cpu_limit) || render_cpu_limit < 0) {
        std::cerr << kName << ": --render-cpu-limit takes seconds\n";
        return 2;
      }
    } else if (take("--render-memory-limit-mb")) {
      if (!absl::SimpleAtoi(value, &render_memory_mb)) {
        std::cerr << kName << ": --render-memory-limit-mb takes MiB\n";
        return 2;
      }
    } else if (take("--render-cache-mb")) {
      if (!absl::SimpleAtoi(value, &render_cache_mb) || render_cache_mb > (uint64_t{1} << 20)) {
        std::cerr << kName << ": --render-cache-mb takes MiB\n";
        return 2;
      }
    } else if (take("--render-worker")) {
      render_worker = value;
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
  std::unique_ptr<nianbao::collection::ReportRenderer> renderer;
  if (render_workers == 0) {
    renderer = std::make_unique<nianbao::collection::PluginRenderer>(
        nianbao::renderers::PluginRegistry::Create(plugin_dirs));
  } else {
    nianbao::collection::RenderWorkerOptions o;
    o.worker_binary = render_worker;
    o.plugin_dirs = plugin_dirs;
    o.workers = render_workers;
    o.deadline = absl::Seconds(render_deadline);
    o.memory_limit_mb = render_memory_mb;
    const double cpu = render_cpu_limit < 0 ? render_deadline : render_cpu_limit;
    o.cpu_limit_seconds = cpu == 0 ? 0 : static_cast<uint32_t>(std::max(1.0, std::ceil(cpu)));
    absl::StatusOr<std::unique_ptr<nianbao::collection::RenderWorkerPool>> pool =
        nianbao::collection::RenderWorkerPool::Start(o);
    if (!pool.ok()) {
      std::cerr << kName << ": " << pool.status().message() << "\n";
      return 1;
    }
    renderer = *std::move(pool);
  }
  std::cerr << kName << ": store "
            << (store_spec.rfind("sqlite:", 0) == 0 ? store_spec : "postgres") << ", validation at "
            << validation_target << (validation_cert.empty() ? "" : " (mutual TLS)") << ", "
            << renderer->Formats().size() << " render formats"
            << (render_workers == 0 ? " (in-process)"
                                    : absl::StrCat(" in ", render_workers, " worker processes"))
            << ", " << (tokens ? "bearer-token authentication" : "no authentication") << "\n";
  nianbao::collection::CollectionServiceImpl service(store->get(), &validator, renderer.get(),
                                                     tokens.get(), render_cache_mb << 20);
  return nianbao::services::RunServer(*options, {&service});
}
