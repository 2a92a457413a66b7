// The "text" renderer plugin: the C ABI entry around text_renderer.h.
#include <stdexcept>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "nianbao/renderer_plugin_cpp.h"
#include "plugins/text/text_renderer.h"

namespace {

std::string Render(const nianbao::v1::RenderRequest& request) {
  auto text = nianbao::text::RenderText(request);
  // RenderWith turns the exception into the plugin's error text.
  if (!text.ok()) throw std::runtime_error(std::string(text.status().message()));
  return *std::move(text);
}

int RenderEntry(const uint8_t* request, size_t size, NianbaoRenderOutput* out) {
  return nianbao::plugin::RenderWith(request, size, out, Render);
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "text",
    NIANBAO_VERSION,
    "Plain text (UTF-8) with tables drawn in box-drawing characters",
    "text/plain; charset=utf-8",
    "txt",
    RenderEntry,
    nianbao::plugin::FreeOutput,
};

}  // namespace

extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &kPlugin;
}
