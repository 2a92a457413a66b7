// The parts of List requests that are not storage: the AIP-160 subset of
// filters the service understands ("year = 2020 AND state = PUBLISHED"),
// page sizes, and opaque page tokens (AIP-158) that remember where the last
// page ended.
#ifndef NIANBAO_SERVICES_COLLECTION_LIST_REQUESTS_H_
#define NIANBAO_SERVICES_COLLECTION_LIST_REQUESTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::collection {

// `key = value` conditions joined by AND; values may be "double-quoted".
// Each key at most once and among `allowed`. InvalidArgument otherwise.
absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::vector<std::string>& allowed);

// page_size as AIP-158 says: 0 means the default (50), more than 1000 is
// capped; negative is InvalidArgument.
absl::StatusOr<int> PageSize(int requested);

// A page token carrying `parts`, bound to `request_key` (the parent and
// filter) so a token is not reused with another query.
std::string EncodePageToken(const std::string& request_key, const std::vector<std::string>& parts);
absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         const std::string& request_key);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_LIST_REQUESTS_H_
