// Optional C++ helpers for writing a renderer plugin in C++ against the C ABI
// in renderer_plugin.h. Header-only; everything here stays inside the plugin
// (the ABI itself carries no C++ or protobuf types).
//
// A plugin written with it needs only a render function and a descriptor:
//
//   std::string RenderMarkdown(const nianbao::v1::RenderRequest& request);  // throws to fail
//
//   int Render(const uint8_t* in, size_t size, NianbaoRenderOutput* out) {
//     return nianbao::plugin::RenderWith(in, size, out, RenderMarkdown);
//   }
//   const NianbaoRendererPlugin kPlugin = {NIANBAO_RENDERER_ABI_VERSION,
//       sizeof(NianbaoRendererPlugin), "markdown", "1.0.0", "Markdown",
//       "text/markdown", "md", Render, nianbao::plugin::FreeOutput};
//   extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin*
//   nianbao_renderer_plugin(void) { return &kPlugin; }
#ifndef NIANBAO_RENDERER_PLUGIN_CPP_H_
#define NIANBAO_RENDERER_PLUGIN_CPP_H_

#include <climits>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "google/protobuf/arena.h"
#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::plugin {

// Puts a copy of `message` into out->error (malloc'ed, NUL-terminated) and
// returns the non-zero status render() must return. Never throws.
inline int SetError(NianbaoRenderOutput* out, const char* message) noexcept {
  if (message == nullptr || *message == '\0') message = "render failed";
  const size_t n = std::strlen(message);
  out->data = nullptr;
  out->size = 0;
  out->error = static_cast<char*>(std::malloc(n + 1));
  if (out->error != nullptr) std::memcpy(out->error, message, n + 1);
  return 1;
}

// Puts a copy of `bytes` into out->data (malloc'ed) and returns 0, or an
// error status when memory runs out. Never throws.
inline int SetOutput(NianbaoRenderOutput* out, const std::string& bytes) noexcept {
  // malloc(0) may return NULL; keep a valid pointer for empty output.
  out->data = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
  if (out->data == nullptr) return SetError(out, "out of memory");
  if (!bytes.empty()) std::memcpy(out->data, bytes.data(), bytes.size());
  out->size = bytes.size();
  out->error = nullptr;
  return 0;
}

// The free_output of a plugin that fills its output with SetOutput/SetError.
inline void FreeOutput(NianbaoRenderOutput* out) noexcept {
  if (out == nullptr) return;
  std::free(out->data);
  std::free(out->error);
  out->data = nullptr;
  out->size = 0;
  out->error = nullptr;
}

// Parses the serialized RenderRequest, calls `fn(request)` -> std::string
// and hands its bytes back. `fn` fails by throwing: any exception becomes
// the error text, and none leaves this function.
template <typename Fn>
int RenderWith(const uint8_t* request, size_t size, NianbaoRenderOutput* out, Fn&& fn) noexcept {
  if (out == nullptr) return 1;
  try {
    if (request == nullptr && size != 0) return SetError(out, "no request bytes");
    if (size > static_cast<size_t>(INT_MAX)) return SetError(out, "the request is too large");
    // Parsed onto an arena sized for a whole report: the Document is
    // thousands of small messages, and their mallocs and destructors cost
    // as much as painting them (docs/performance.md).
    google::protobuf::ArenaOptions options;
    options.start_block_size = 64 << 10;
    options.max_block_size = 1 << 20;
    google::protobuf::Arena arena(options);
    auto* parsed = google::protobuf::Arena::CreateMessage<v1::RenderRequest>(&arena);
    if (!parsed->ParseFromArray(request, static_cast<int>(size))) {
      return SetError(out, "the request is not a valid nianbao.v1.RenderRequest");
    }
    return SetOutput(out, fn(static_cast<const v1::RenderRequest&>(*parsed)));
  } catch (const std::exception& e) {
    return SetError(out, e.what());
  } catch (...) {
    return SetError(out, "render failed with an unknown exception");
  }
}

}  // namespace nianbao::plugin

#endif  // NIANBAO_RENDERER_PLUGIN_CPP_H_
