// How the collection service renders: a registry of output formats (the
// renderer plugin host behind it in the server) that paints a RenderRequest
// into file bytes. An interface so the service and its tests do not depend
// on which plugins are installed.
#ifndef NIANBAO_SERVICES_COLLECTION_REPORT_RENDERER_H_
#define NIANBAO_SERVICES_COLLECTION_REPORT_RENDERER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/collection.pb.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::collection {

class ReportRenderer {
 public:
  virtual ~ReportRenderer() = default;
  // Every format available, by name.
  virtual std::vector<v1::RenderFormat> Formats() const = 0;
  // The output of format `name` for `request`, a serialized RenderRequest
  // (what the plugin ABI takes: the service can keep one laid out, see
  // render_request_cache.h). NOT_FOUND for an unknown format; the plugin's
  // error otherwise.
  virtual absl::StatusOr<std::string> RenderSerialized(absl::string_view name,
                                                       const std::string& request) const = 0;
  // The same for a RenderRequest message.
  absl::StatusOr<std::string> Render(absl::string_view name,
                                     const v1::RenderRequest& request) const {
    return RenderSerialized(name, request.SerializeAsString());
  }
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_REPORT_RENDERER_H_
