// html.so: the HTML renderer behind the plugin C ABI
// (include/nianbao/renderer_plugin.h). It only adapts RenderHtml
// (plugins/html/html_renderer.h) to the ABI; renderer_plugin_cpp.h makes sure
// nothing unwinds across it.
#include <stdexcept>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "nianbao/renderer_plugin_cpp.h"
#include "plugins/html/html_renderer.h"

namespace {

std::string Render(const nianbao::v1::RenderRequest& request) {
  absl::StatusOr<std::string> html = nianbao::html::RenderHtml(request);
  // RenderWith turns the exception into the plugin's error text.
  if (!html.ok()) throw std::runtime_error(std::string(html.status().message()));
  return *std::move(html);
}

int RenderEntry(const uint8_t* request, size_t size, NianbaoRenderOutput* out) {
  return nianbao::plugin::RenderWith(request, size, out, Render);
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "html",
    NIANBAO_VERSION,
    "Accessible HTML page for the agency website (or a fragment for a CMS)",
    "text/html; charset=utf-8",
    "html",
    RenderEntry,
    nianbao::plugin::FreeOutput,
};

}  // namespace

extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &kPlugin;
}
