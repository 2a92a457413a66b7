// Renderer plugins for the host's tests, one per TEST_PLUGIN_KIND: good
// ones, and each way a plugin can be broken. Built in tests/, never installed.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "nianbao/renderer_plugin_cpp.h"

#define KIND_ECHO 1          // "echo": returns the document's title
#define KIND_FAILS 2         // "fails": render() returns an error
#define KIND_THROWS 3        // "throws": its render code throws; the wrapper catches
#define KIND_BAD_ABI 4       // abi_version 999
#define KIND_NO_ENTRY 5      // exports no entry symbol
#define KIND_SMALL_STRUCT 6  // struct_size smaller than ABI 1's descriptor
#define KIND_BAD_NAME 7      // a format name with capitals and a space
#define KIND_DUPLICATE 8     // a second "echo"
#define KIND_NO_MESSAGE 9    // "silent": fails without an error text
// Faulty plugins for renderer isolation (tests/render_isolation_test.cc),
// built into their own folder; each output starts with the worker's pid so
// a test can tell whether a worker was replaced.
#define KIND_CRASH 10  // "crash": SIGSEGV in render()
#define KIND_HANG 11   // "hang": never returns (sleeps; or spins with extra spin=1)
#define KIND_LEAK 12   // "leak": leaks extra leak_mb MiB (default 64) per render
#define KIND_PID 13    // "pid": a good plugin answering "pid:<pid>"

namespace {

[[maybe_unused]] std::string Echo(const nianbao::v1::RenderRequest& request) {
  return "echo:" + request.document().title();
}

[[maybe_unused]] [[noreturn]] std::string Throw(const nianbao::v1::RenderRequest& request) {
  throw std::runtime_error("the throws plugin threw on purpose");
}

[[maybe_unused]] std::string Pid(const nianbao::v1::RenderRequest&) {
  return "pid:" + std::to_string(getpid());
}

[[maybe_unused]] std::string Extra(const nianbao::v1::RenderRequest& request, const char* key) {
  auto it = request.options().extra().find(key);
  return it == request.options().extra().end() ? "" : it->second;
}

[[maybe_unused]] std::string Crash(const nianbao::v1::RenderRequest&) {
  volatile int* nowhere = nullptr;
  *nowhere = 1;  // SIGSEGV on purpose
  return "unreachable";
}

[[maybe_unused]] std::string Hang(const nianbao::v1::RenderRequest& request) {
  if (Extra(request, "spin") == "1") {
    volatile unsigned long n = 0;
    for (;;) n = n + 1;  // burns CPU: RLIMIT_CPU's case
  }
  for (;;) pause();  // blocked: the deadline's case
}

[[maybe_unused]] std::string Leak(const nianbao::v1::RenderRequest& request) {
  const std::string mb = Extra(request, "leak_mb");
  const size_t bytes = (mb.empty() ? 64 : std::stoul(mb)) << 20;
  char* lost = new char[bytes];  // never freed; throws bad_alloc past RLIMIT_AS
  memset(lost, 1, bytes);        // touch it so it is resident
  return Pid(request);
}

int Render(const uint8_t* in, size_t size, NianbaoRenderOutput* out) {
#if TEST_PLUGIN_KIND == KIND_CRASH
  return nianbao::plugin::RenderWith(in, size, out, Crash);
#elif TEST_PLUGIN_KIND == KIND_HANG
  return nianbao::plugin::RenderWith(in, size, out, Hang);
#elif TEST_PLUGIN_KIND == KIND_LEAK
  return nianbao::plugin::RenderWith(in, size, out, Leak);
#elif TEST_PLUGIN_KIND == KIND_PID
  return nianbao::plugin::RenderWith(in, size, out, Pid);
#elif TEST_PLUGIN_KIND == KIND_FAILS
  return nianbao::plugin::SetError(out, "the fails plugin refuses on purpose");
#elif TEST_PLUGIN_KIND == KIND_THROWS
  return nianbao::plugin::RenderWith(in, size, out, Throw);
#elif TEST_PLUGIN_KIND == KIND_NO_MESSAGE
  return 7;
#else
  return nianbao::plugin::RenderWith(in, size, out, Echo);
#endif
}

#if TEST_PLUGIN_KIND == KIND_FAILS
#define NAME "fails"
#elif TEST_PLUGIN_KIND == KIND_THROWS
#define NAME "throws"
#elif TEST_PLUGIN_KIND == KIND_BAD_NAME
#define NAME "Bad Name"
#elif TEST_PLUGIN_KIND == KIND_NO_MESSAGE
#define NAME "silent"
#elif TEST_PLUGIN_KIND == KIND_CRASH
#define NAME "crash"
#elif TEST_PLUGIN_KIND == KIND_HANG
#define NAME "hang"
#elif TEST_PLUGIN_KIND == KIND_LEAK
#define NAME "leak"
#elif TEST_PLUGIN_KIND == KIND_PID
#define NAME "pid"
#else
#define NAME "echo"
#endif

const NianbaoRendererPlugin kPlugin = {
#if TEST_PLUGIN_KIND == KIND_BAD_ABI
    999u,
#else
    NIANBAO_RENDERER_ABI_VERSION,
#endif
#if TEST_PLUGIN_KIND == KIND_SMALL_STRUCT
    8u,
#else
    sizeof(NianbaoRendererPlugin),
#endif
    NAME, "0.0.1", "test plugin", "text/x-test", "test", Render, nianbao::plugin::FreeOutput,
};

}  // namespace

#if TEST_PLUGIN_KIND == KIND_NO_ENTRY
extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* some_other_symbol(void) {
  return &kPlugin;
}
#else
extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &kPlugin;
}
#endif
