#include "services/collection/violation_reviews.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nianbao::collection {
namespace {

v1::Violation MakeViolation(const std::string& rule, v1::Severity severity,
                            const std::string& fingerprint) {
  v1::Violation v;
  v.set_rule_id(rule);
  v.set_severity(severity);
  v.set_field_path("applications.total.total");
  v.set_fingerprint(fingerprint);
  return v;
}

v1::ViolationReview MakeReview(const std::string& fingerprint, v1::ReviewDecision decision) {
  v1::ViolationReview r;
  r.set_fingerprint(fingerprint);
  r.set_decision(decision);
  r.set_reason("explained in section 五");
  r.set_reviewer("alice");
  return r;
}

v1::ValidateReportResponse Validation() {
  v1::ValidateReportResponse v;
  *v.add_violations() = MakeViolation("T3.RECONCILE", v1::SEVERITY_ERROR, "fp-error");
  *v.add_violations() = MakeViolation("PROSE.FIGURE", v1::SEVERITY_WARNING, "fp-waived");
  *v.add_violations() = MakeViolation("XYEAR.CARRY", v1::SEVERITY_WARNING, "fp-acked");
  *v.add_violations() = MakeViolation("T2.RATE", v1::SEVERITY_WARNING, "fp-open");
  *v.add_violations() = MakeViolation("STRUCT.NOTE", v1::SEVERITY_INFO, "fp-info");
  v1::RuleResult* rule = v.add_rule_results();
  rule->set_rule_id("XY.CARRY_OVER");
  rule->set_outcome(v1::RULE_OUTCOME_NOT_ASSESSABLE);
  return v;
}

TEST(ViolationReviewsTest, EachViolationGetsItsState) {
  const std::vector<v1::ViolationReview> reviews = {
      MakeReview("fp-waived", v1::REVIEW_DECISION_WAIVED),
      MakeReview("fp-acked", v1::REVIEW_DECISION_ACKNOWLEDGED),
      // A waiver of a warning that has since changed value: stale.
      MakeReview("fp-old", v1::REVIEW_DECISION_WAIVED),
      // A decision recorded for an error's fingerprint never lifts it.
      MakeReview("fp-error", v1::REVIEW_DECISION_WAIVED),
  };
  v1::ListReportViolationsResponse r = ApplyReviews(Validation(), reviews);
  ASSERT_EQ(r.violations_size(), 5);
  EXPECT_EQ(r.violations(0).review_state(), v1::REVIEW_STATE_NOT_REVIEWABLE);
  EXPECT_EQ(r.violations(1).review_state(), v1::REVIEW_STATE_WAIVED);
  EXPECT_EQ(r.violations(1).review().reviewer(), "alice");
  EXPECT_EQ(r.violations(2).review_state(), v1::REVIEW_STATE_ACKNOWLEDGED);
  EXPECT_EQ(r.violations(3).review_state(), v1::REVIEW_STATE_OPEN);
  EXPECT_FALSE(r.violations(3).has_review());
  EXPECT_EQ(r.violations(4).review_state(), v1::REVIEW_STATE_NOT_REVIEWABLE);
  EXPECT_EQ(r.error_count(), 1);
  EXPECT_EQ(r.warning_count(), 3);
  EXPECT_EQ(r.open_warning_count(), 1);
  EXPECT_EQ(r.info_count(), 1);
  ASSERT_EQ(r.rule_results_size(), 1);
  EXPECT_EQ(r.rule_results(0).outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
  ASSERT_EQ(r.stale_reviews_size(), 2);
  EXPECT_EQ(r.stale_reviews(0).fingerprint(), "fp-old");
  EXPECT_EQ(r.stale_reviews(1).fingerprint(), "fp-error");
}

TEST(ViolationReviewsTest, AWarningWithoutFingerprintStaysOpen) {
  v1::ValidateReportResponse v;
  *v.add_violations() = MakeViolation("PROSE.FIGURE", v1::SEVERITY_WARNING, "");
  v1::ListReportViolationsResponse r =
      ApplyReviews(v, {MakeReview("", v1::REVIEW_DECISION_WAIVED)});
  EXPECT_EQ(r.violations(0).review_state(), v1::REVIEW_STATE_OPEN);
}

TEST(ViolationReviewsTest, OnlyCurrentWarningsAreReviewable) {
  const v1::ValidateReportResponse v = Validation();
  absl::StatusOr<v1::Violation> w = FindReviewableWarning(v, "fp-open");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->rule_id(), "T2.RATE");
  EXPECT_TRUE(absl::IsFailedPrecondition(FindReviewableWarning(v, "fp-error").status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(FindReviewableWarning(v, "fp-info").status()));
  EXPECT_TRUE(absl::IsNotFound(FindReviewableWarning(v, "fp-old").status()));
}

}  // namespace
}  // namespace nianbao::collection
