// Review of warnings: which of a report's current violations a reviewer has
// settled. A decision is keyed by the violation's fingerprint (rule, field
// path and the values involved, see validation.proto), so it holds across
// re-validation while nothing it depends on changes, and a changed value
// opens the warning again. ERRORs are never reviewable: they are fixed, and
// they block submission and publication whatever the reviews say.
#ifndef NIANBAO_SERVICES_COLLECTION_VIOLATION_REVIEWS_H_
#define NIANBAO_SERVICES_COLLECTION_VIOLATION_REVIEWS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/collection.pb.h"
#include "nianbao/v1/validation.pb.h"

namespace nianbao::collection {

// Each violation of `validation` with its review state under `reviews`
// (the stored decisions of the report), the counts, the decisions that no
// longer match a violation (stale), and the rules' outcomes.
v1::ListReportViolationsResponse ApplyReviews(const v1::ValidateReportResponse& validation,
                                              const std::vector<v1::ViolationReview>& reviews);

// The violation of `validation` a review of `fingerprint` would settle.
// NOT_FOUND when the report has no such violation now (fixed, or its values
// changed); FAILED_PRECONDITION for an ERROR or an INFO note.
absl::StatusOr<v1::Violation> FindReviewableWarning(const v1::ValidateReportResponse& validation,
                                                    absl::string_view fingerprint);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_VIOLATION_REVIEWS_H_
