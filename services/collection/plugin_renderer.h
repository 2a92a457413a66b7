// The ReportRenderer the server uses: the renderer plugins loaded from the
// plugin directories (renderers/plugin_registry.h), each format one plugin.
#ifndef NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_
#define NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_

#include <memory>
#include <string>
#include <vector>

#include "renderers/plugin_registry.h"
#include "services/collection/report_renderer.h"

namespace nianbao::collection {

class PluginRenderer final : public ReportRenderer {
 public:
  explicit PluginRenderer(std::shared_ptr<const renderers::PluginRegistry> registry);
  std::vector<v1::RenderFormat> Formats() const override;
  absl::StatusOr<std::string> Render(absl::string_view name,
                                     const v1::RenderRequest& request) const override;

 private:
  std::shared_ptr<const renderers::PluginRegistry> registry_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_
