#include "services/validation/severity.h"

namespace nianbao::validation {

absl::string_view SeverityWord(v1::Severity severity) {
  switch (severity) {
    case v1::SEVERITY_ERROR:
      return "error";
    case v1::SEVERITY_WARNING:
      return "warning";
    case v1::SEVERITY_INFO:
      return "info";
    default:
      return "unspecified";
  }
}

}  // namespace nianbao::validation
