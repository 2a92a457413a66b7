#include "services/collection/resource_names.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace nianbao::collection {

bool IsValidAgencyId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  if (!(id[0] >= 'a' && id[0] <= 'z') || id.back() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::string AgencyName(absl::string_view agency_id) { return absl::StrCat("agencies/", agency_id); }

std::string ReportName(absl::string_view agency_id, int year) {
  return absl::StrCat("agencies/", agency_id, "/reports/", year);
}

std::string VersionName(absl::string_view agency_id, int year, int64_t version) {
  return absl::StrCat(ReportName(agency_id, year), "/versions/", version);
}

absl::StatusOr<std::string> ParseAgencyName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "agencies" || !IsValidAgencyId(parts[1])) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", name, "\" is not an agency name (agencies/{agency})"));
  }
  return std::string(parts[1]);
}

absl::StatusOr<ReportKey> ParseReportName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  int year = 0;
  if (parts.size() != 4 || parts[0] != "agencies" || !IsValidAgencyId(parts[1]) ||
      parts[2] != "reports" || !absl::SimpleAtoi(parts[3], &year) || year < 1900 || year > 9999 ||
      parts[3] != absl::StrCat(year)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", name, "\" is not a report name (agencies/{agency}/reports/{year})"));
  }
  return ReportKey{std::string(parts[1]), year};
}

}  // namespace nianbao::collection
