// Per-rule outcomes (passed / violated / not assessable / not applicable) and
// violation fingerprints in ValidateReportResponse.
#include <set>

#include "gtest/gtest.h"
#include "services/validation/rule.h"
#include "services/validation/rule_engine.h"
#include "tests/test_support.h"

namespace nianbao::validation {
namespace {

using testing::LoadExample;

const v1::RuleResult& ResultOf(const v1::ValidateReportResponse& r, const std::string& id) {
  for (const v1::RuleResult& rr : r.rule_results()) {
    if (rr.rule_id() == id) return rr;
  }
  ADD_FAILURE() << "no result for " << id;
  return v1::RuleResult::default_instance();
}

TEST(RuleResultsTest, OneResultPerRuleInRuleOrder) {
  const auto r = Validate(LoadExample("example-city-2022.json"));
  const auto rules = AllRules();
  ASSERT_EQ(r.rule_results_size(), static_cast<int>(rules.size()));
  for (size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(r.rule_results(static_cast<int>(i)).rule_id(), rules[i]->id);
    EXPECT_EQ(r.rule_results(static_cast<int>(i)).severity(), rules[i]->severity);
    EXPECT_NE(r.rule_results(static_cast<int>(i)).outcome(), v1::RULE_OUTCOME_UNSPECIFIED);
  }
}

TEST(RuleResultsTest, CheckedAndFineIsPassed) {
  const auto r = Validate(LoadExample("example-city-2022.json"));
  EXPECT_EQ(ResultOf(r, "T3.ROW_TOTAL").outcome(), v1::RULE_OUTCOME_PASSED);
  EXPECT_EQ(ResultOf(r, "T3.ROW_TOTAL").violation_count(), 0);
}

TEST(RuleResultsTest, ViolatedCountsItsViolations) {
  v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  auto* g = report.mutable_review_litigation()->mutable_reconsideration();
  g->mutable_upheld()->set_value(g->upheld().value() + 1);
  const auto r = Validate(report);
  const v1::RuleResult& rr = ResultOf(r, "T4.GROUP_TOTAL");
  EXPECT_EQ(rr.outcome(), v1::RULE_OUTCOME_VIOLATED);
  EXPECT_EQ(rr.violation_count(), 1);
}

TEST(RuleResultsTest, WithoutPreviousReportCrossYearRulesAreNotAssessable) {
  const auto r = Validate(LoadExample("hongqiao-2020.json"));
  const v1::RuleResult& rr = ResultOf(r, "XY.CARRY_OVER");
  EXPECT_EQ(rr.outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
  EXPECT_FALSE(rr.reason_zh().empty());
  EXPECT_FALSE(rr.reason_en().empty());
  int n = 0;
  for (const auto& x : r.rule_results()) n += x.outcome() == v1::RULE_OUTCOME_NOT_ASSESSABLE;
  EXPECT_EQ(r.not_assessable_count(), n);
  EXPECT_GT(n, 0);
}

TEST(RuleResultsTest, PreviousOfAnotherYearIsNotAssessable) {
  const v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  v1::AnnualReport previous = report;
  previous.set_year(2017);
  const auto r = Validate(report, &previous);
  EXPECT_EQ(ResultOf(r, "XY.PREVIOUS_YEAR").outcome(), v1::RULE_OUTCOME_VIOLATED);
  EXPECT_EQ(ResultOf(r, "XY.CARRY_OVER").outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
}

TEST(RuleResultsTest, RuleOfTheOtherEditionIsNotApplicable) {
  const auto r = Validate(LoadExample("hongqiao-2020.json"));  // 2019 edition
  const v1::RuleResult& rr = ResultOf(r, "T2.IN_FORCE_BELOW_ISSUED");
  EXPECT_EQ(rr.outcome(), v1::RULE_OUTCOME_NOT_APPLICABLE);
  EXPECT_FALSE(rr.reason_en().empty());
}

TEST(RuleResultsTest, UnknownEditionMakesTableRulesNotAssessable) {
  v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  report.set_edition(v1::EDITION_UNSPECIFIED);
  const auto r = Validate(report);
  EXPECT_EQ(ResultOf(r, "STRUCT.EDITION").outcome(), v1::RULE_OUTCOME_VIOLATED);
  EXPECT_EQ(ResultOf(r, "T3.RECONCILE").outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
}

v1::AnnualReport BrokenSeed(int64_t upheld_delta) {
  v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  auto* g = report.mutable_review_litigation()->mutable_reconsideration();
  g->mutable_upheld()->set_value(g->upheld().value() + upheld_delta);
  return report;
}

TEST(FingerprintTest, EveryViolationHasOneAndItIsStableAcrossRevalidation) {
  const auto a = Validate(BrokenSeed(1));
  const auto b = Validate(BrokenSeed(1));
  ASSERT_GT(a.violations_size(), 0);
  ASSERT_EQ(a.violations_size(), b.violations_size());
  for (int i = 0; i < a.violations_size(); ++i) {
    EXPECT_EQ(a.violations(i).fingerprint().size(), 16u);
    EXPECT_EQ(a.violations(i).fingerprint(), b.violations(i).fingerprint());
    EXPECT_EQ(a.violations(i).fingerprint(), Fingerprint(a.violations(i)));
  }
}

TEST(FingerprintTest, UnrelatedEditsKeepItAndValueChangesChangeIt) {
  const auto base = Validate(BrokenSeed(1));
  v1::AnnualReport retitled = BrokenSeed(1);
  retitled.set_title(retitled.title() + "（修订）");
  const auto same = Validate(retitled);
  const auto changed = Validate(BrokenSeed(2));
  auto find = [](const v1::ValidateReportResponse& r) {
    for (const auto& v : r.violations()) {
      if (v.rule_id() == "T4.GROUP_TOTAL") return v.fingerprint();
    }
    return std::string();
  };
  ASSERT_FALSE(find(base).empty());
  EXPECT_EQ(find(base), find(same));
  EXPECT_NE(find(base), find(changed));
}

TEST(FingerprintTest, KnownValueAndFieldBoundaries) {
  // FNV-1a 64 of the empty input, each of the five fields a zero length.
  v1::Violation empty;
  v1::Violation v;
  v.set_rule_id("T3.ROW_TOTAL");
  v.set_field_path("a.b");
  v1::Violation shifted;  // same bytes, different split between fields
  shifted.set_rule_id("T3.ROW_TOTALa");
  shifted.set_field_path(".b");
  EXPECT_NE(Fingerprint(v), Fingerprint(shifted));
  EXPECT_NE(Fingerprint(v), Fingerprint(empty));
  // The documented algorithm, computed independently (python, 40 zero bytes).
  EXPECT_EQ(Fingerprint(empty), "40d69e0cf0f65c45");
  // Messages and labels do not enter it.
  v1::Violation relabelled = v;
  relabelled.set_message_zh("x");
  relabelled.set_row_label("y");
  EXPECT_EQ(Fingerprint(v), Fingerprint(relabelled));
}

}  // namespace
}  // namespace nianbao::validation
