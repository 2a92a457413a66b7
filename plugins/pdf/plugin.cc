// pdf.so: the PDF renderer behind the plugin C ABI
// (include/nianbao/renderer_plugin.h). It only adapts RenderPdf
// (plugins/pdf/pdf_renderer.h) to the ABI; renderer_plugin_cpp.h makes sure
// nothing unwinds across it.
#include <stdexcept>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "nianbao/renderer_plugin_cpp.h"
#include "plugins/pdf/pdf_renderer.h"

namespace {

std::string Render(const nianbao::v1::RenderRequest& request) {
  absl::StatusOr<std::string> pdf = nianbao::pdf::RenderPdf(request);
  // RenderWith turns the exception into the plugin's error text.
  if (!pdf.ok()) throw std::runtime_error(std::string(pdf.status().message()));
  return *std::move(pdf);
}

int RenderEntry(const uint8_t* request, size_t size, NianbaoRenderOutput* out) {
  return nianbao::plugin::RenderWith(request, size, out, Render);
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "pdf",
    nianbao::pdf::kPdfRendererVersion,
    "PDF for publication and archiving (GB/T 9704 page, embedded subset fonts)",
    "application/pdf",
    "pdf",
    RenderEntry,
    nianbao::plugin::FreeOutput,
};

}  // namespace

extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &kPlugin;
}
