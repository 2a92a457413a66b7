#include "services/collection/plugin_renderer.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace nianbao::collection {

PluginRenderer::PluginRenderer(std::shared_ptr<const renderers::PluginRegistry> registry,
                               int max_concurrent)
    : registry_(std::move(registry)),
      max_concurrent_(max_concurrent > 0
                          ? max_concurrent
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) {}

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

bool PluginRenderer::HasFreeSlot() const { return running_ < max_concurrent_; }

absl::StatusOr<std::string> PluginRenderer::RenderSerialized(absl::string_view name,
                                                             const std::string& request) const {
  absl::StatusOr<std::shared_ptr<const renderers::Plugin>> plugin = registry_->Find(name);
  if (!plugin.ok()) return plugin.status();
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &PluginRenderer::HasFreeSlot));
    ++running_;
  }
  absl::StatusOr<std::string> out = (*plugin)->Render(request);
  absl::MutexLock lock(&mu_);
  --running_;
  return out;
}

}  // namespace nianbao::collection
