// XY.IN_FORCE, XY.REPEALED (table 2 against last year's report, including
// the edition change) and FEE.* (processing fees against table 3): each
// passed, violated and not assessable.
#include "gtest/gtest.h"
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

std::vector<v1::Violation> Of(const v1::ValidateReportResponse& r, const std::string& id) {
  std::vector<v1::Violation> out;
  for (const auto& v : r.violations()) {
    if (v.rule_id() == id) out.push_back(v);
  }
  return out;
}

std::string Describe(const v1::ValidateReportResponse& r) {
  std::string s;
  for (const auto& v : r.violations()) s += v.rule_id() + " " + v.message_zh() + "\n";
  return s;
}

// example-city-2022 and a 2021 report consistent with it: 48 = 47 + 2 - 1
// rules, 212 = 203 + 15 - 6 normative documents.
struct CityPair {
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  v1::AnnualReport previous;
  CityPair() {
    previous = report;
    previous.set_year(2021);
    *previous.mutable_applications()->mutable_carried_forward() =
        report.applications().carried_over();
    auto* t2 = previous.mutable_proactive_disclosure_2021();
    t2->mutable_regulations()->mutable_in_force()->set_value(47);
    t2->mutable_normative_documents()->mutable_in_force()->set_value(203);
  }
};

TEST(InForceRuleTest, PassedWhenLastYearsCountAddsUp) {
  CityPair p;
  const auto r = Validate(p.report, &p.previous);
  EXPECT_EQ(r.warning_count() + r.error_count(), 0) << Describe(r);
  EXPECT_EQ(ResultOf(r, "XY.IN_FORCE").outcome(), v1::RULE_OUTCOME_PASSED);
  EXPECT_EQ(ResultOf(r, "XY.REPEALED").outcome(), v1::RULE_OUTCOME_PASSED);
}

TEST(InForceRuleTest, ViolatedWhenTheBalanceDoesNotAddUp) {
  CityPair p;
  p.previous.mutable_proactive_disclosure_2021()
      ->mutable_regulations()
      ->mutable_in_force()
      ->set_value(50);
  const auto r = Validate(p.report, &p.previous);
  const auto got = Of(r, "XY.IN_FORCE");
  ASSERT_EQ(got.size(), 1u) << Describe(r);
  EXPECT_EQ(got[0].field_path(), "proactive_disclosure_2021.regulations.in_force");
  EXPECT_EQ(got[0].expected(), "51");
  EXPECT_EQ(got[0].found(), "48");
  EXPECT_EQ(got[0].severity(), v1::SEVERITY_WARNING);
  EXPECT_EQ(ResultOf(r, "XY.IN_FORCE").outcome(), v1::RULE_OUTCOME_VIOLATED);
  EXPECT_EQ(ResultOf(r, "XY.REPEALED").outcome(), v1::RULE_OUTCOME_PASSED);
}

TEST(InForceRuleTest, NotAssessableWhenLastYearIsBlank) {
  CityPair p;
  p.previous.mutable_proactive_disclosure_2021()->mutable_normative_documents()->clear_in_force();
  const auto r = Validate(p.report, &p.previous);
  EXPECT_TRUE(Of(r, "XY.IN_FORCE").empty()) << Describe(r);
  EXPECT_EQ(ResultOf(r, "XY.IN_FORCE").outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
  EXPECT_FALSE(ResultOf(r, "XY.IN_FORCE").reason_zh().empty());
}

TEST(RepealedRuleTest, ViolatedWhenMoreRepealedThanCouldBe) {
  CityPair p;
  p.report.mutable_proactive_disclosure_2021()
      ->mutable_normative_documents()
      ->mutable_repealed()
      ->set_value(219);  // 203 + 15 = 218 at most
  p.report.mutable_proactive_disclosure_2021()
      ->mutable_normative_documents()
      ->mutable_in_force()
      ->set_value(0);  // and the balance kept: 203 + 15 - 219 would be negative anyway
  const auto r = Validate(p.report, &p.previous);
  const auto got = Of(r, "XY.REPEALED");
  ASSERT_EQ(got.size(), 1u) << Describe(r);
  EXPECT_EQ(got[0].field_path(), "proactive_disclosure_2021.normative_documents.repealed");
  EXPECT_EQ(got[0].expected(), "≤218");
  EXPECT_EQ(got[0].found(), "219");
  EXPECT_EQ(got[0].severity(), v1::SEVERITY_ERROR);
}

TEST(CrossYearEditionChangeTest, RulesThatNeedLastYearsColumnsAreNotAssessable) {
  // A 2021-edition report whose previous report is the 2019 trial edition.
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  report.set_year(2021);
  v1::AnnualReport previous = LoadExample("hongqiao-2020.json");
  previous.set_year(2020);
  *previous.mutable_applications()->mutable_carried_forward() =
      report.applications().carried_over();
  const auto r = Validate(report, &previous);
  for (const char* id : {"XY.IN_FORCE", "XY.REPEALED"}) {
    EXPECT_EQ(ResultOf(r, id).outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE) << id;
    EXPECT_NE(ResultOf(r, id).reason_en().find("2019"), std::string::npos) << id;
    EXPECT_TRUE(Of(r, id).empty()) << Describe(r);
  }
  // Table 3 is the same in both editions: still checked.
  EXPECT_EQ(ResultOf(r, "XY.CARRY_OVER").outcome(), v1::RULE_OUTCOME_PASSED);
  // Table 2 of the 2019 edition does not concern a 2021 report.
  EXPECT_EQ(ResultOf(r, "XY.ITEMS").outcome(), v1::RULE_OUTCOME_NOT_APPLICABLE);
}

TEST(CrossYearEditionChangeTest, TwoThousandNineteenReportWithTwentyTwentyOnePrevious) {
  v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  v1::AnnualReport previous = LoadExample("example-city-2022.json");
  previous.set_year(2019);
  const auto r = Validate(report, &previous);
  EXPECT_EQ(ResultOf(r, "XY.ITEMS").outcome(), v1::RULE_OUTCOME_NOT_ASSESSABLE);
  EXPECT_EQ(ResultOf(r, "XY.IN_FORCE").outcome(), v1::RULE_OUTCOME_NOT_APPLICABLE);
}

TEST(FeeNoticesRuleTest, PassedViolatedNotAssessable) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");  // 3 notices, 2 dropped
  EXPECT_EQ(ResultOf(Validate(report), "FEE.NOTICES_COVER_DROPPED").outcome(),
            v1::RULE_OUTCOME_PASSED);

  v1::AnnualReport fewer = report;
  fewer.mutable_other_matters()->mutable_processing_fees()->mutable_notices_issued()->set_value(1);
  fewer.mutable_other_matters()->clear_narrative();  // keep PROSE.FEES out of it
  fewer.mutable_other_matters()->mutable_narrative()->add_blocks()->mutable_paragraph()->set_text(
      "无。");
  const auto r = Validate(fewer);
  const auto got = Of(r, "FEE.NOTICES_COVER_DROPPED");
  ASSERT_EQ(got.size(), 1u) << Describe(r);
  EXPECT_EQ(got[0].field_path(), "other_matters.processing_fees.notices_issued");
  EXPECT_EQ(got[0].expected(), "≥2");
  EXPECT_EQ(got[0].found(), "1");

  v1::AnnualReport unrecorded = report;
  unrecorded.mutable_other_matters()->clear_processing_fees();
  EXPECT_EQ(ResultOf(Validate(unrecorded), "FEE.NOTICES_COVER_DROPPED").outcome(),
            v1::RULE_OUTCOME_NOT_ASSESSABLE);

  EXPECT_EQ(
      ResultOf(Validate(LoadExample("hongqiao-2020.json")), "FEE.NOTICES_COVER_DROPPED").outcome(),
      v1::RULE_OUTCOME_NOT_APPLICABLE);
}

TEST(FeeCollectedRuleTest, PassedViolatedNotAssessable) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");  // 300 noticed, 200 collected
  report.mutable_other_matters()->clear_narrative();
  report.mutable_other_matters()->mutable_narrative()->add_blocks()->mutable_paragraph()->set_text(
      "无。");
  EXPECT_EQ(ResultOf(Validate(report), "FEE.COLLECTED_LE_NOTICED").outcome(),
            v1::RULE_OUTCOME_PASSED);

  v1::AnnualReport wan = report;  // 0.03万元 = 300元
  auto* noticed = wan.mutable_other_matters()->mutable_processing_fees()->mutable_amount_noticed();
  noticed->set_decimal("0.03");
  noticed->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);
  EXPECT_EQ(ResultOf(Validate(wan), "FEE.COLLECTED_LE_NOTICED").outcome(), v1::RULE_OUTCOME_PASSED);

  v1::AnnualReport more = report;
  more.mutable_other_matters()->mutable_processing_fees()->mutable_amount_collected()->set_decimal(
      "300.5");
  const auto r = Validate(more);
  const auto got = Of(r, "FEE.COLLECTED_LE_NOTICED");
  ASSERT_EQ(got.size(), 1u) << Describe(r);
  EXPECT_EQ(got[0].field_path(), "other_matters.processing_fees.amount_collected");

  v1::AnnualReport no_notice = report;
  no_notice.mutable_other_matters()->mutable_processing_fees()->clear_amount_noticed();
  EXPECT_EQ(ResultOf(Validate(no_notice), "FEE.COLLECTED_LE_NOTICED").outcome(),
            v1::RULE_OUTCOME_NOT_ASSESSABLE);
}

TEST(FeeConceptsTest, AdministrativeFeesInProseAreNotProcessingFees) {
  // Table 2 （八） 行政事业性收费 is 1268.45万元; the processing fees are 300/200元.
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  report.mutable_other_matters()->mutable_narrative()->add_blocks()->mutable_paragraph()->set_text(
      "全年行政事业性收费实际收取1268.45万元，已按规定通知缴款单位缴纳1268.45万元。");
  const auto r = Validate(report);
  EXPECT_EQ(r.warning_count() + r.error_count(), 0) << Describe(r);
  EXPECT_EQ(ResultOf(r, "PROSE.FEES").outcome(), v1::RULE_OUTCOME_PASSED);
}

}  // namespace
}  // namespace nianbao::validation
