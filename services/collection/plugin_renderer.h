// The ReportRenderer the server uses: the renderer plugins loaded from the
// plugin directories (renderers/plugin_registry.h), each format one plugin.
//
// At most `max_concurrent` renders run at once (default: one per core);
// further calls wait. Rendering is CPU-bound, so more at once adds no
// throughput, only memory: with gRPC's thread pool, 16 concurrent PDF
// renders held ~110-150 MB resident against ~40 MB (docs/performance.md).
#ifndef NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_
#define NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "renderers/plugin_registry.h"
#include "services/collection/report_renderer.h"

namespace nianbao::collection {

class PluginRenderer final : public ReportRenderer {
 public:
  explicit PluginRenderer(std::shared_ptr<const renderers::PluginRegistry> registry,
                          int max_concurrent = 0);
  std::vector<v1::RenderFormat> Formats() const override;
  absl::StatusOr<std::string> RenderSerialized(absl::string_view name,
                                               const std::string& request) const override;

 private:
  bool HasFreeSlot() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::shared_ptr<const renderers::PluginRegistry> registry_;
  const int max_concurrent_;
  mutable absl::Mutex mu_;
  mutable int running_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_PLUGIN_RENDERER_H_
