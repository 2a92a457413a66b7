#include "services/validation/prose_extract.h"

#include "gtest/gtest.h"

namespace nianbao::validation {
namespace {

// The keywords as the format definition yields them (prose_rules.cc); here
// written out so the extractor is tested on its own.
ProseKeywords Keywords() {
  ProseKeywords k;
  k.results = {{"予以公开", 0}, {"部分公开", 1}, {"不予公开", 2},
               {"无法提供", 3}, {"不予处理", 4}, {"其他处理", 5}};
  k.review = {{"行政复议", 0}, {"行政诉讼", 1}, {"未经复议直接起诉", 2}, {"复议后起诉", 3}};
  SortKeywords(&k);
  return k;
}

std::vector<Statement> Read(absl::string_view text) { return ExtractStatements(text, Keywords()); }

TEST(ProseExtractTest, SeedSentence) {
  auto s = Read(
      "2020年全年共收到政府信息公开申请300件,结转上年政府信息公开申请11件,"
      "答复政府信息公开申请310件,"
      "均按时进行了答复,另有1件结转下年度继续办理。");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].fact, Fact::kReceived);
  EXPECT_EQ(s[0].value.units, 300);
  EXPECT_EQ(s[1].fact, Fact::kCarriedOver);
  EXPECT_EQ(s[1].value.units, 11);
  EXPECT_EQ(s[2].fact, Fact::kHandled);
  EXPECT_EQ(s[2].value.units, 310);
  EXPECT_EQ(s[3].fact, Fact::kCarriedForward);
  EXPECT_EQ(s[3].value.units, 1);
  EXPECT_NE(s[0].sentence.find("另有1件"), std::string::npos);
}

TEST(ProseExtractTest, ResultCategoriesAndPercent) {
  auto s = Read("已办结887件，其中予以公开472件，占53.2%，部分公开六十八件，不予公开58件。");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].fact, Fact::kHandled);
  EXPECT_EQ(s[1].fact, Fact::kResult);
  EXPECT_EQ(s[1].index, 0);
  ASSERT_TRUE(s[1].percent);
  EXPECT_EQ(s[1].percent->units, 532);
  EXPECT_EQ(s[1].percent->scale, 1);
  EXPECT_EQ(s[2].index, 1);
  EXPECT_EQ(s[2].value.units, 68);
  EXPECT_FALSE(s[2].percent);
  EXPECT_EQ(s[3].index, 2);
}

TEST(ProseExtractTest, ChineseNumeralsAndPercentWords) {
  auto s = Read("全年共收到政府信息公开申请三百件。予以公开一百件，占百分之五十。");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].value.units, 300);
  EXPECT_EQ(s[1].value.units, 100);
  ASSERT_TRUE(s[1].percent);
  EXPECT_EQ(s[1].percent->units, 50);
}

TEST(ProseExtractTest, ReviewAndLitigation) {
  auto s = Read(
      "本年度发生政府信息公开行政复议10件，行政诉讼16件，其中未经复议直接起诉11件、复议后起诉5件"
      "。");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].fact, Fact::kReview);
  EXPECT_EQ(s[0].index, 0);
  EXPECT_EQ(s[0].value.units, 10);
  EXPECT_EQ(s[1].index, 1);
  EXPECT_EQ(s[2].index, 2);
  EXPECT_EQ(s[3].index, 3);
  EXPECT_EQ(s[3].value.units, 5);
}

TEST(ProseExtractTest, Fees) {
  auto s = Read(
      "依据《政府信息公开信息处理费管理办法》，本年度共发出收费通知3件，通知收取信息处理费300元，"
      "实际收取信息处理费0.02万元。");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].fact, Fact::kFeeNotices);
  EXPECT_EQ(s[0].value.units, 3);
  EXPECT_EQ(s[1].fact, Fact::kFeeNoticed);
  EXPECT_EQ(s[1].value.units, 300);
  EXPECT_FALSE(s[1].wan);
  EXPECT_EQ(s[2].fact, Fact::kFeeCollected);
  EXPECT_TRUE(s[2].wan);
}

TEST(ProseExtractTest, IgnoresFiguresWithoutStatements) {
  EXPECT_TRUE(Read("2020年全年红桥区人民政府网站信息公开目录信息更新信息2235条。").empty());
  EXPECT_TRUE(Read("完成全区政务新媒体统一登记填报工作,共备案各类政务新媒体43个。").empty());
  EXPECT_TRUE(Read("本年度承办人大代表建议86件、政协提案112件，办理结果均已按规定公开。").empty());
  EXPECT_TRUE(Read("因政府信息公开工作被行政复议或提起行政诉讼情况").empty());
  EXPECT_TRUE(Read("统计期限自二〇二〇年1月1日起至2020年12月31日止。").empty());
  auto s = Read("予以公开一百件，占百分之五十三点六。");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_FALSE(s[0].percent);
}

}  // namespace
}  // namespace nianbao::validation
