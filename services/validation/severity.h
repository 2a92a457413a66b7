// The word for a severity as the CLI, the audit CSV and docs/rules.md print
// it: "error", "warning", "info" ("unspecified" for anything else).
#ifndef NIANBAO_SERVICES_VALIDATION_SEVERITY_H_
#define NIANBAO_SERVICES_VALIDATION_SEVERITY_H_

#include "absl/strings/string_view.h"
#include "nianbao/v1/validation.pb.h"

namespace nianbao::validation {

absl::string_view SeverityWord(v1::Severity severity);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_SEVERITY_H_
