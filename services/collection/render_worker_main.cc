// nianbao-render-worker [--plugin-dir DIR]... [--memory-limit-mb N] [--log-plugins]
//
// One renderer worker process of the collection server (render_worker_pool.h
// starts and supervises it; people do not run it). It loads the renderer
// plugins the way the server would, says which formats it has, then serves
// render requests on fd 0, a socket to the server, one at a time
// (render_worker_protocol.h), until the server closes it. A plugin that
// crashes, hangs or exhausts its limits takes only this process down; the
// server kills it if needed and starts another.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "nianbao/v1/collection.pb.h"
#include "renderers/plugin_registry.h"
#include "services/collection/render_worker_protocol.h"
#include "services/common/sanitizer.h"

namespace {

namespace worker = nianbao::collection::worker;
constexpr int kSocket = 0;

double CpuSecondsUsed() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// RLIMIT_CPU counts the process's whole life, so each render moves the soft
// limit to what is used so far plus its budget: SIGXCPU (fatal) when a
// render spins past it. The hard limit stays where it was.
void SetCpuBudget(uint32_t seconds) {
  if (seconds == 0) return;
  rlimit l{};
  if (getrlimit(RLIMIT_CPU, &l) != 0) return;
  rlim_t soft = static_cast<rlim_t>(CpuSecondsUsed()) + 1 + seconds;
  if (l.rlim_max != RLIM_INFINITY && soft > l.rlim_max) soft = l.rlim_max;
  l.rlim_cur = soft;
  setrlimit(RLIMIT_CPU, &l);
}

}  // namespace

int main(int argc, char** argv) {
  // Die with the server, even when it is killed -9 while a plugin here
  // hangs. Not PR_SET_PDEATHSIG: that fires when the server *thread* that
  // started us exits, and gRPC retires idle threads. A watchdog thread sees
  // the server go even while the main thread is stuck in a plugin.
  const pid_t server = getppid();
  std::thread([server] {
    for (;;) {
      if (getppid() != server) _exit(1);
      sleep(1);
    }
  }).detach();
  std::vector<std::string> plugin_dirs;
  uint64_t memory_limit_mb = 0;
  bool log_plugins = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--plugin-dir" && i + 1 < argc) {
      plugin_dirs.push_back(argv[++i]);
    } else if (arg == "--log-plugins") {
      log_plugins = true;
    } else if (arg == "--memory-limit-mb" && i + 1 < argc &&
               absl::SimpleAtoi(argv[i + 1], &memory_limit_mb)) {
      ++i;
    } else {
      std::cerr << "usage: nianbao-render-worker [--plugin-dir DIR]... [--memory-limit-mb N]\n"
                   "(started by nianbao-collection-server; serves renders on fd 0)\n";
      return 2;
    }
  }
  // A crashing plugin is expected here now and then: no core files.
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // The address-space limit covers loading the plugins too. AddressSanitizer
  // needs its shadow address space, so a sanitizer build runs without it.
  if (nianbao::services::kAddressSanitizer && memory_limit_mb > 0) {
    std::cerr << "nianbao-render-worker: AddressSanitizer build, no RLIMIT_AS\n";
    memory_limit_mb = 0;
  }
  if (memory_limit_mb > 0) {
    rlimit l{memory_limit_mb << 20, memory_limit_mb << 20};
    if (setrlimit(RLIMIT_AS, &l) != 0) perror("nianbao-render-worker: setrlimit(RLIMIT_AS)");
  }
  // Only the server's first worker logs refused plugin files (--log-plugins):
  // one line per bad file, not one per worker started.
  auto registry = nianbao::renderers::PluginRegistry::Create(
      plugin_dirs, log_plugins ? nianbao::renderers::PluginLog(nianbao::renderers::LogToStderr)
                               : nianbao::renderers::PluginLog([](absl::string_view) {}));

  nianbao::v1::ListRenderFormatsResponse hello;
  for (const auto& plugin : registry->List()) {
    nianbao::v1::RenderFormat* f = hello.add_formats();
    f->set_name(plugin->name());
    f->set_version(plugin->version());
    f->set_description(plugin->description());
    f->set_mime_type(plugin->mime_type());
    f->set_file_extension(plugin->file_extension());
  }
  if (!worker::WriteResponse(kSocket, absl::StatusCode::kOk, worker::ResidentMib(),
                             hello.SerializeAsString(), absl::InfiniteFuture())
           .ok()) {
    return 1;
  }

  std::string format;
  std::string request;
  for (;;) {
    worker::RequestHeader h{};
    if (!worker::ReadAll(kSocket, reinterpret_cast<char*>(&h), sizeof h, absl::InfiniteFuture())
             .ok()) {
      return 0;  // the server closed the socket: we are done
    }
    if (h.format_size > worker::kMaxFormatName || h.request_size > worker::kMaxPayload) return 1;
    format.resize(h.format_size);
    request.resize(h.request_size);
    if (!worker::ReadAll(kSocket, format.data(), format.size(), absl::InfiniteFuture()).ok() ||
        !worker::ReadAll(kSocket, request.data(), request.size(), absl::InfiniteFuture()).ok()) {
      return 1;
    }
    SetCpuBudget(h.cpu_limit_seconds);
    absl::StatusOr<std::shared_ptr<const nianbao::renderers::Plugin>> plugin =
        registry->Find(format);
    absl::StatusOr<std::string> out =
        plugin.ok() ? (*plugin)->Render(request) : absl::StatusOr<std::string>(plugin.status());
    const absl::StatusCode code = out.ok() ? absl::StatusCode::kOk : out.status().code();
    const absl::string_view payload = out.ok() ? absl::string_view(*out) : out.status().message();
    if (!worker::WriteResponse(kSocket, code, worker::ResidentMib(), payload,
                               absl::InfiniteFuture())
             .ok()) {
      return 1;
    }
  }
}
