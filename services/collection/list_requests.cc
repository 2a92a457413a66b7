#include "services/collection/list_requests.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace nianbao::collection {

absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    absl::string_view filter, const std::vector<std::string>& allowed) {
  std::map<std::string, std::string> out;
  if (absl::StripAsciiWhitespace(filter).empty()) return out;
  for (absl::string_view term : absl::StrSplit(filter, " AND ")) {
    std::vector<absl::string_view> kv = absl::StrSplit(term, absl::MaxSplits('=', 1));
    if (kv.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat("\"", term, "\" is not key = value"));
    }
    std::string key(absl::StripAsciiWhitespace(kv[0]));
    absl::string_view value = absl::StripAsciiWhitespace(kv[1]);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot filter on \"", key, "\"; allowed: ", absl::StrJoin(allowed, ", ")));
    }
    if (!out.emplace(key, std::string(value)).second) {
      return absl::InvalidArgumentError(absl::StrCat("\"", key, "\" appears twice"));
    }
  }
  return out;
}

absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0) return absl::InvalidArgumentError("must not be negative");
  if (requested == 0) return 50;
  return std::min(requested, 1000);
}

std::string EncodePageToken(const std::string& request_key, const std::vector<std::string>& parts) {
  std::vector<std::string> all = {request_key};
  for (const std::string& p : parts) all.push_back(absl::CEscape(p));
  return absl::WebSafeBase64Escape(absl::StrJoin(all, "\n"));
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         const std::string& request_key) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return absl::InvalidArgumentError("not a page token of this service");
  }
  std::vector<std::string> all = absl::StrSplit(raw, '\n');
  if (all.empty() || all[0] != request_key) {
    return absl::InvalidArgumentError("page token belongs to another query");
  }
  std::vector<std::string> parts;
  for (size_t i = 1; i < all.size(); ++i) {
    std::string p;
    if (!absl::CUnescape(all[i], &p)) return absl::InvalidArgumentError("corrupt page token");
    parts.push_back(p);
  }
  return parts;
}

}  // namespace nianbao::collection
