// Resource names of the collection service (AIP-122):
//   agencies/{agency}
//   agencies/{agency}/reports/{year}
//   agencies/{agency}/reports/{year}/versions/{version}
// Formatting and parsing them in one place keeps the service, the stores and
// the CLI agreeing on the spelling.
#ifndef NIANBAO_SERVICES_COLLECTION_RESOURCE_NAMES_H_
#define NIANBAO_SERVICES_COLLECTION_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::collection {

// Whether `id` may be an {agency}: 1–63 of [a-z0-9-], starting with a letter,
// not ending with '-' (AIP-122's recommendation for resource ids).
bool IsValidAgencyId(absl::string_view id);

std::string AgencyName(absl::string_view agency_id);
std::string ReportName(absl::string_view agency_id, int year);
std::string VersionName(absl::string_view agency_id, int year, int64_t version);

// The {agency} of "agencies/{agency}"; InvalidArgument otherwise.
absl::StatusOr<std::string> ParseAgencyName(absl::string_view name);

struct ReportKey {
  std::string agency_id;
  int year = 0;
};
// The parts of "agencies/{agency}/reports/{year}"; InvalidArgument otherwise.
// Years outside 1900–9999 are rejected.
absl::StatusOr<ReportKey> ParseReportName(absl::string_view name);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_RESOURCE_NAMES_H_
