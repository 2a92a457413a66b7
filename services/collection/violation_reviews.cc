#include "services/collection/violation_reviews.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"

namespace nianbao::collection {

v1::ListReportViolationsResponse ApplyReviews(const v1::ValidateReportResponse& validation,
                                              const std::vector<v1::ViolationReview>& reviews) {
  std::map<std::string, const v1::ViolationReview*> by_fingerprint;
  for (const v1::ViolationReview& r : reviews) by_fingerprint[r.fingerprint()] = &r;
  std::set<std::string> used;
  v1::ListReportViolationsResponse out;
  *out.mutable_rule_results() = validation.rule_results();
  for (const v1::Violation& v : validation.violations()) {
    v1::ReviewedViolation* rv = out.add_violations();
    *rv->mutable_violation() = v;
    switch (v.severity()) {
      case v1::SEVERITY_ERROR:
        out.set_error_count(out.error_count() + 1);
        rv->set_review_state(v1::REVIEW_STATE_NOT_REVIEWABLE);
        continue;
      case v1::SEVERITY_WARNING:
        break;
      default:
        out.set_info_count(out.info_count() + 1);
        rv->set_review_state(v1::REVIEW_STATE_NOT_REVIEWABLE);
        continue;
    }
    out.set_warning_count(out.warning_count() + 1);
    auto it = by_fingerprint.find(v.fingerprint());
    if (v.fingerprint().empty() || it == by_fingerprint.end()) {
      rv->set_review_state(v1::REVIEW_STATE_OPEN);
      out.set_open_warning_count(out.open_warning_count() + 1);
      continue;
    }
    used.insert(it->first);
    *rv->mutable_review() = *it->second;
    rv->set_review_state(it->second->decision() == v1::REVIEW_DECISION_WAIVED
                             ? v1::REVIEW_STATE_WAIVED
                             : v1::REVIEW_STATE_ACKNOWLEDGED);
  }
  for (const v1::ViolationReview& r : reviews) {
    if (used.count(r.fingerprint()) == 0) *out.add_stale_reviews() = r;
  }
  return out;
}

absl::StatusOr<v1::Violation> FindReviewableWarning(const v1::ValidateReportResponse& validation,
                                                    absl::string_view fingerprint) {
  for (const v1::Violation& v : validation.violations()) {
    if (v.fingerprint() != fingerprint) continue;
    if (v.severity() == v1::SEVERITY_ERROR) {
      return absl::FailedPreconditionError(
          absl::StrCat(v.rule_id(), " at ", v.field_path().empty() ? "the report" : v.field_path(),
                       " is an ERROR: errors cannot be acknowledged or waived, only fixed"));
    }
    if (v.severity() != v1::SEVERITY_WARNING) {
      return absl::FailedPreconditionError(
          absl::StrCat(v.rule_id(), " is an INFO note; only warnings are reviewed"));
    }
    return v;
  }
  return absl::NotFoundError(
      absl::StrCat("the report has no violation with fingerprint \"", fingerprint,
                   "\" now; list its violations again (a changed value changes the fingerprint)"));
}

}  // namespace nianbao::collection
