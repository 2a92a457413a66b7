// Renderer plugins for the host's tests, one per TEST_PLUGIN_KIND: good
// ones, and each way a plugin can be broken. Built in tests/, never installed.
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

namespace {

[[maybe_unused]] std::string Echo(const nianbao::v1::RenderRequest& request) {
  return "echo:" + request.document().title();
}

[[maybe_unused]] [[noreturn]] std::string Throw(const nianbao::v1::RenderRequest& request) {
  throw std::runtime_error("the throws plugin threw on purpose");
}

int Render(const uint8_t* in, size_t size, NianbaoRenderOutput* out) {
#if TEST_PLUGIN_KIND == KIND_FAILS
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
