// Minimal logging for the servers: one line per event on standard error,
// "2026-01-31T08:00:00Z name: message". Thread-safe.
#ifndef NIANBAO_SERVICES_COMMON_LOGGING_H_
#define NIANBAO_SERVICES_COMMON_LOGGING_H_

#include "absl/strings/string_view.h"

namespace nianbao::services {

// Sets the program name printed on every line.
void SetLogName(absl::string_view name);

void Log(absl::string_view message);

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_LOGGING_H_
