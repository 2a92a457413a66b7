// html.so: the HTML renderer behind the plugin C ABI
// (include/nianbao/renderer_plugin.h). It only converts between the ABI and
// RenderHtml (plugins/html/html_renderer.h); nothing unwinds across it.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"
#include "plugins/html/html_renderer.h"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.0.0"
#endif

namespace {

char* CopyString(const std::string& s) {
  char* copy = static_cast<char*>(std::malloc(s.size() + 1));
  if (copy != nullptr) std::memcpy(copy, s.c_str(), s.size() + 1);
  return copy;
}

int Fail(NianbaoRenderOutput* out, const std::string& message) {
  out->data = nullptr;
  out->size = 0;
  out->error = CopyString("html: " + message);
  return 1;
}

int Render(const uint8_t* request, size_t request_size, NianbaoRenderOutput* out) {
  if (out == nullptr) return 1;
  try {
    if (request == nullptr && request_size > 0) return Fail(out, "no request bytes");
    nianbao::v1::RenderRequest parsed;
    if (request_size > static_cast<size_t>(INT32_MAX) ||
        !parsed.ParseFromArray(request, static_cast<int>(request_size))) {
      return Fail(out, "the request is not a serialized nianbao.v1.RenderRequest");
    }
    absl::StatusOr<std::string> html = nianbao::html::RenderHtml(parsed);
    if (!html.ok()) return Fail(out, std::string(html.status().message()));
    // malloc(0) may return NULL; an empty page is never produced, but keep
    // data non-NULL on success regardless.
    auto* data = static_cast<uint8_t*>(std::malloc(html->size() + 1));
    if (data == nullptr) return Fail(out, "out of memory");
    std::memcpy(data, html->data(), html->size());
    out->data = data;
    out->size = html->size();
    out->error = nullptr;
    return 0;
  } catch (const std::exception& e) {
    return Fail(out, e.what());
  } catch (...) {
    return Fail(out, "unknown exception");
  }
}

void FreeOutput(NianbaoRenderOutput* out) {
  if (out == nullptr) return;
  std::free(out->data);
  std::free(out->error);
  out->data = nullptr;
  out->size = 0;
  out->error = nullptr;
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "html",
    NIANBAO_VERSION,
    "Accessible HTML page for the agency website (or a fragment for a CMS)",
    "text/html; charset=utf-8",
    "html",
    &Render,
    &FreeOutput,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const NianbaoRendererPlugin*
nianbao_renderer_plugin(void) {
  return &kPlugin;
}
