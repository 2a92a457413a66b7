#include "importer/label_text.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(NormalizeLabelTest, DropsEverySpaceAndLineBreak) {
  EXPECT_EQ(NormalizeLabel("一、\u2002总体情况"), "一、总体情况");
  EXPECT_EQ(NormalizeLabel("本年新\n制作数量"), "本年新制作数量");
  EXPECT_EQ(NormalizeLabel("\u3000商业 企业\u00a0"), "商业企业");
}

TEST(NormalizeLabelTest, MapsFullWidthPunctuationAndDigits) {
  EXPECT_EQ(NormalizeLabel("（一）予以公开"), NormalizeLabel("(一)予以公开"));
  EXPECT_EQ(NormalizeLabel("１．属于国家秘密"), "1.属于国家秘密");
  EXPECT_EQ(NormalizeLabel("部分公开（区分处理的，只计这一情形）"),
            "部分公开(区分处理的,只计这一情形)");
}

TEST(SplitNumberTest, SplitsTheThreeNumberingStyles) {
  SplitLabel p = SplitNumber("（三）不予公开");
  EXPECT_EQ(p.number_kind, 'p');
  EXPECT_EQ(p.number_key, "三");
  EXPECT_EQ(p.rest, "不予公开");
  SplitLabel c = SplitNumber("四、结转下年度继续办理");
  EXPECT_EQ(c.number_kind, 'c');
  EXPECT_EQ(c.number_key, "四");
  SplitLabel d = SplitNumber("8.属于行政查询事项");
  EXPECT_EQ(d.number_kind, 'd');
  EXPECT_EQ(d.number_key, "8");
  EXPECT_EQ(d.rest, "属于行政查询事项");
  SplitLabel none = SplitNumber("规章");
  EXPECT_EQ(none.number_kind, 0);
  EXPECT_EQ(none.rest, "规章");
}

TEST(LabelTextTest, CodePointsAndSentences) {
  EXPECT_EQ(CodePoints("总体情况"), 4u);
  EXPECT_TRUE(EndsLikeSentence("无。"));
  EXPECT_FALSE(EndsLikeSentence("主动公开方面"));
}

}  // namespace
}  // namespace nianbao::importer
