#include "services/collection/plugin_renderer.h"

#include <utility>

namespace nianbao::collection {

PluginRenderer::PluginRenderer(std::shared_ptr<const renderers::PluginRegistry> registry)
    : registry_(std::move(registry)) {}

std::vector<v1::RenderFormat> PluginRenderer::Formats() const {
  std::vector<v1::RenderFormat> out;
  for (const auto& plugin : registry_->List()) {
    v1::RenderFormat f;
    f.set_name(plugin->name());
    f.set_version(plugin->version());
    f.set_description(plugin->description());
    f.set_mime_type(plugin->mime_type());
    f.set_file_extension(plugin->file_extension());
    out.push_back(std::move(f));
  }
  return out;
}

absl::StatusOr<std::string> PluginRenderer::Render(absl::string_view name,
                                                   const v1::RenderRequest& request) const {
  absl::StatusOr<std::shared_ptr<const renderers::Plugin>> plugin = registry_->Find(name);
  if (!plugin.ok()) return plugin.status();
  return (*plugin)->Render(request.SerializeAsString());
}

}  // namespace nianbao::collection
