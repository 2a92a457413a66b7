// Rendering a report to a file format through the renderer plugins: builds
// the Document (document_builder.h), serializes the RenderRequest, and hands
// it to the plugin registered for the format (plugin_registry.h).
//
//   auto registry = PluginRegistry::Create(/*flag_dirs=*/{});
//   Renderer renderer(registry);
//   auto out = renderer.Render(report, "text", options);
//   // out->bytes, out->mime_type, out->file_extension
//
// Safe to use from several threads at once.
#ifndef NIANBAO_RENDERERS_RENDERER_H_
#define NIANBAO_RENDERERS_RENDERER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/document.pb.h"
#include "nianbao/v1/render.pb.h"
#include "nianbao/v1/report.pb.h"
#include "renderers/plugin_registry.h"

namespace nianbao::renderers {

// One rendered file.
struct RenderedOutput {
  std::string bytes;
  std::string mime_type;       // e.g. "text/plain; charset=utf-8"
  std::string file_extension;  // without the dot, e.g. "txt"
  std::string format;          // the plugin's format name
};

class Renderer {
 public:
  explicit Renderer(std::shared_ptr<const PluginRegistry> registry);

  // Renders `report` as `format`. NotFound for a format no plugin provides
  // (naming those there are); InvalidArgument when the report has no known
  // edition; Internal with the plugin's error text when the plugin fails.
  absl::StatusOr<RenderedOutput> Render(const v1::AnnualReport& report, absl::string_view format,
                                        const v1::RenderOptions& options = {}) const;

  // Same, with a Document the caller built already.
  absl::StatusOr<RenderedOutput> RenderDocument(const v1::AnnualReport& report,
                                                const v1::Document& document,
                                                absl::string_view format,
                                                const v1::RenderOptions& options = {}) const;

 private:
  std::shared_ptr<const PluginRegistry> registry_;
};

}  // namespace nianbao::renderers

#endif  // NIANBAO_RENDERERS_RENDERER_H_
