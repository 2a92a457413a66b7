#include "importer/processing_fees.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

v1::ImportResult WithFeeText(const std::string& text, v1::Edition edition) {
  v1::ImportResult r;
  r.mutable_report()->set_edition(edition);
  auto* sub = r.mutable_report()
                  ->mutable_other_matters()
                  ->mutable_narrative()
                  ->add_blocks()
                  ->mutable_subsection();
  sub->set_topic(v1::SUBSECTION_TOPIC_PROCESSING_FEES);
  sub->add_blocks()->mutable_paragraph()->set_text(text);
  return r;
}

TEST(ProcessingFeesTest, FiguresFromTheSentence) {
  v1::ImportResult r = WithFeeText(
      "依据《政府信息公开信息处理费管理办法》，本年度共发出收费通知3件，通知收取信息处理费300元，"
      "实际收取信息处理费0.02万元。",
      v1::EDITION_2021);
  ReadProcessingFees(&r);
  const auto& fees = r.report().other_matters().processing_fees();
  EXPECT_EQ(fees.notices_issued().value(), 3);
  EXPECT_EQ(fees.amount_noticed().decimal(), "300");
  EXPECT_EQ(fees.amount_noticed().unit(), v1::CURRENCY_UNIT_YUAN);
  EXPECT_EQ(fees.amount_collected().decimal(), "0.02");
  EXPECT_EQ(fees.amount_collected().unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  EXPECT_EQ(r.diagnostics_size(), 3);
}

TEST(ProcessingFeesTest, NothingStatedNothingSet) {
  v1::ImportResult r = WithFeeText("本年度未收取信息处理费。", v1::EDITION_2021);
  ReadProcessingFees(&r);
  EXPECT_FALSE(r.report().other_matters().has_processing_fees());
  // A figure in another clause is not taken.
  v1::ImportResult far = WithFeeText("实际收取，详见附表第2页。", v1::EDITION_2021);
  ReadProcessingFees(&far);
  EXPECT_FALSE(far.report().other_matters().has_processing_fees());
  v1::ImportResult old = WithFeeText("发出收费通知3件。", v1::EDITION_2019_TRIAL);
  ReadProcessingFees(&old);
  EXPECT_FALSE(old.report().other_matters().has_processing_fees());
}

}  // namespace
}  // namespace nianbao::importer
