// The PDF renderer as a plugin: the C ABI entry (include/nianbao/renderer_plugin.h)
// around RenderPdf. Nothing unwinds across the boundary.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "plugins/pdf/pdf_renderer.h"

namespace {

char* CopyString(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out != nullptr) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

int Fail(NianbaoRenderOutput* out, const std::string& message) {
  out->data = nullptr;
  out->size = 0;
  out->error = CopyString(message);
  return 1;
}

int Render(const uint8_t* request, size_t request_size, NianbaoRenderOutput* out) {
  if (out == nullptr) return 1;
  try {
    nianbao::v1::RenderRequest parsed;
    if (request_size > static_cast<size_t>(INT32_MAX) ||
        !parsed.ParseFromArray(request, static_cast<int>(request_size))) {
      return Fail(out, "pdf: the request is not a serialized nianbao.v1.RenderRequest");
    }
    absl::StatusOr<std::string> pdf = nianbao::pdf::RenderPdf(parsed);
    if (!pdf.ok()) return Fail(out, "pdf: " + std::string(pdf.status().message()));
    out->data = static_cast<uint8_t*>(std::malloc(pdf->size() == 0 ? 1 : pdf->size()));
    if (out->data == nullptr) return Fail(out, "pdf: out of memory");
    std::memcpy(out->data, pdf->data(), pdf->size());
    out->size = pdf->size();
    out->error = nullptr;
    return 0;
  } catch (const std::exception& e) {
    return Fail(out, std::string("pdf: ") + e.what());
  } catch (...) {
    return Fail(out, "pdf: unknown error");
  }
}

void FreeOutput(NianbaoRenderOutput* out) {
  if (out == nullptr) return;
  std::free(out->data);
  std::free(out->error);
  out->data = nullptr;
  out->error = nullptr;
  out->size = 0;
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "pdf",
    nianbao::pdf::kPdfRendererVersion,
    "PDF for publication and archiving (GB/T 9704 page, embedded subset fonts)",
    "application/pdf",
    "pdf",
    Render,
    FreeOutput,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const NianbaoRendererPlugin*
nianbao_renderer_plugin(void) {
  return &kPlugin;
}
