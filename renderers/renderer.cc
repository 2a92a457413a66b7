#include "renderers/renderer.h"

#include "absl/strings/str_cat.h"
#include "renderers/document_builder.h"

namespace nianbao::renderers {

Renderer::Renderer(std::shared_ptr<const PluginRegistry> registry)
    : registry_(std::move(registry)) {}

absl::StatusOr<RenderedOutput> Renderer::Render(const v1::AnnualReport& report,
                                                absl::string_view format,
                                                const v1::RenderOptions& options) const {
  // Look the plugin up first: an unknown format needs no document.
  if (auto plugin = registry_->Find(format); !plugin.ok()) return plugin.status();
  auto document = BuildDocument(report);
  if (!document.ok()) return document.status();
  return RenderDocument(report, *document, format, options);
}

absl::StatusOr<RenderedOutput> Renderer::RenderDocument(const v1::AnnualReport& report,
                                                        const v1::Document& document,
                                                        absl::string_view format,
                                                        const v1::RenderOptions& options) const {
  // Holding the shared_ptr keeps the library loaded for the whole call.
  auto plugin = registry_->Find(format);
  if (!plugin.ok()) return plugin.status();
  v1::RenderRequest request;
  *request.mutable_report() = report;
  *request.mutable_document() = document;
  *request.mutable_options() = options;
  std::string serialized;
  if (!request.SerializeToString(&serialized)) {
    return absl::InternalError("cannot serialize the render request");
  }
  auto bytes = (*plugin)->Render(serialized);
  if (!bytes.ok()) return bytes.status();
  return RenderedOutput{*std::move(bytes), (*plugin)->mime_type(), (*plugin)->file_extension(),
                        (*plugin)->name()};
}

}  // namespace nianbao::renderers
