#include "importer/label_matcher.h"

#include "format/format_definition.h"
#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

const v1::EditionFormat& Edition(v1::Edition e) { return *format::FindEdition(e); }

const v1::TableBlock& Block(v1::Edition e, const char* table, int block) {
  return format::FindTable(Edition(e), table)->blocks(block);
}

TEST(LabelMatcherTest, SectionHeadingsWithSpacesWidthsAndAliases) {
  const auto& e = Edition(v1::EDITION_2021);
  EXPECT_EQ(MatchSectionHeading(e, "一、\u2002总体情况"), &e.sections(0));
  EXPECT_EQ(MatchSectionHeading(e, "二、行政机关主动公开政府信息情况"), &e.sections(1));
  EXPECT_EQ(MatchSectionHeading(e, "四、因政府信息公开工作被行政复议或提起行政诉讼情况"),
            &e.sections(3));
  // A table row that starts like a section is not one.
  EXPECT_EQ(MatchSectionHeading(e, "四、结转下年度继续办理"), nullptr);
  // The number must be the section's.
  EXPECT_EQ(MatchSectionHeading(e, "三、总体情况"), nullptr);
}

TEST(LabelMatcherTest, BlockHeadingEvenWithoutTheLeading第) {
  const auto& block = Block(v1::EDITION_2019_TRIAL, "T2", 0);
  EXPECT_TRUE(MatchesBlockHeading(block, "第二十条第(一)项"));
  EXPECT_TRUE(MatchesBlockHeading(block, "二十条第(一)项"));
  EXPECT_FALSE(MatchesBlockHeading(block, "第二十条第(五)项"));
}

TEST(LabelMatcherTest, HeaderLabelsBrokenAcrossLines) {
  const auto& block = Block(v1::EDITION_2019_TRIAL, "T2", 0);
  EXPECT_TRUE(MatchesHeader(block, "本年新\n制作数量"));
  EXPECT_FALSE(MatchesHeader(block, "本年制发件数"));
  const auto& t3 = Block(v1::EDITION_2021, "T3", 0);
  EXPECT_TRUE(MatchesHeader(t3, "商业\n企业"));
  EXPECT_TRUE(MatchesHeader(t3, "法人或其他组织"));
}

TEST(LabelMatcherTest, RowsByNumberAndLabelOrAlias) {
  const auto& t3 = Block(v1::EDITION_2019_TRIAL, "T3", 0);
  const v1::RowFormat* secret = nullptr;
  const v1::RowFormat* partial = nullptr;
  for (const auto& row : t3.rows()) {
    if (row.field() == "results.not_disclosed.state_secret") secret = &row;
    if (row.field() == "results.partially_disclosed") partial = &row;
  }
  ASSERT_NE(secret, nullptr);
  EXPECT_TRUE(MatchesRow(*secret, "1.属于国家秘密"));
  EXPECT_TRUE(MatchesRow(*secret, "１、属于国家秘密"));
  EXPECT_TRUE(MatchesRow(*secret, "属于国家秘密"));
  EXPECT_FALSE(MatchesRow(*secret, "2.属于国家秘密"));
  EXPECT_TRUE(MatchesRow(*partial, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"));
  EXPECT_TRUE(MatchesRow(*partial, "（二）部分公开"));
  // 规范性文件 for 行政规范性文件 (2021 alias).
  const auto& t2 = Block(v1::EDITION_2021, "T2", 0);
  EXPECT_TRUE(MatchesRow(t2.rows(1), "规范性文件"));
  EXPECT_TRUE(MatchesRow(t2.rows(1), "行政规范性\n文件"));
}

TEST(LabelMatcherTest, ColumnsByLeafAndGroups) {
  const auto& t3 = Block(v1::EDITION_2021, "T3", 0);
  EXPECT_EQ(MatchColumn(t3, {"申请人情况", "法人或其他组织", "商业企业"}), 1);
  EXPECT_EQ(MatchColumn(t3, {"申请人情况", "自然人", "自然人"}), 0);
  EXPECT_EQ(MatchColumn(t3, {"申请人情况", "总计"}), 6);
  EXPECT_EQ(MatchColumn(t3, {"申请人情况", "外国人"}), -1);
  const auto& t4 = Block(v1::EDITION_2021, "T4", 0);
  EXPECT_EQ(MatchColumn(t4, {"行政诉讼", "复议后起诉", "总计"}), 14);
  EXPECT_EQ(MatchColumn(t4, {"行政复议", "总计"}), 4);
  // 总计 alone is ambiguous in table 4: not guessed.
  EXPECT_EQ(MatchColumn(t4, {"总计"}), -1);
}

}  // namespace
}  // namespace nianbao::importer
