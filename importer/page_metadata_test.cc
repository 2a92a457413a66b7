#include "importer/page_metadata.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(PageMetadataTest, LevelFromTheName) {
  EXPECT_EQ(LevelFromName("天津市红桥区人民政府"), v1::ADMINISTRATIVE_LEVEL_COUNTY);
  EXPECT_EQ(LevelFromName("天津市人民政府"), v1::ADMINISTRATIVE_LEVEL_PROVINCE);
  EXPECT_EQ(LevelFromName("广西壮族自治区人民政府"), v1::ADMINISTRATIVE_LEVEL_PROVINCE);
  EXPECT_EQ(LevelFromName("示例市人民政府"), v1::ADMINISTRATIVE_LEVEL_CITY);
  EXPECT_EQ(LevelFromName("西于庄街道办事处"), v1::ADMINISTRATIVE_LEVEL_SUB_DISTRICT);
  EXPECT_EQ(LevelFromName("某镇人民政府"), v1::ADMINISTRATIVE_LEVEL_TOWNSHIP);
  EXPECT_EQ(LevelFromName("红桥区教育局"), v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT);
  EXPECT_EQ(LevelFromName("红桥区"), v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED);
}

TEST(PageMetadataTest, Dates) {
  auto d = ParseDate("2021-03-08 16:47");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2021);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 8);
  ASSERT_TRUE(ParseDate("2023年1月30日"));
  EXPECT_EQ(ParseDate("2023年1月30日")->day(), 30);
  EXPECT_FALSE(ParseDate("2023年13月30日"));
  EXPECT_FALSE(ParseDate("无"));
}

TEST(PageMetadataTest, SourceLine) {
  std::string publisher;
  std::optional<v1::CalendarDate> date;
  ASSERT_TRUE(ParseSourceLine("来源:政府办 发布时间:2021-03-08 16:47", &publisher, &date));
  EXPECT_EQ(publisher, "政府办");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year(), 2021);
  EXPECT_FALSE(ParseSourceLine("政府办", &publisher, &date));
}

TEST(PageMetadataTest, PageHeadSkipsNavigationAndPrefersTheFullAgencyName) {
  const std::vector<std::string> head = {"天津市红桥区人民政府 2019年12月3日星期二",
                                         "",
                                         "无障碍 简体| 繁体",
                                         "",
                                         "天津市红桥区人民政府2020年政府信息公开年度报告",
                                         "来源:政府办 发布时间:2021-03-08 16:47",
                                         "",
                                         "红桥区2020年政府信息公开工作报告",
                                         "",
                                         "本年度报告根据……。"};
  v1::AnnualReport report;
  EXPECT_EQ(ReadPageHead(head, &report), 8u);
  EXPECT_EQ(report.title(), "红桥区2020年政府信息公开工作报告");
  EXPECT_EQ(report.agency().name(), "天津市红桥区人民政府");
  EXPECT_EQ(report.agency().level(), v1::ADMINISTRATIVE_LEVEL_COUNTY);
  EXPECT_EQ(report.year(), 2020);
  EXPECT_EQ(report.publisher(), "政府办");
  EXPECT_EQ(report.publication_date().day(), 8);
}

TEST(PageMetadataTest, YearFromTheStatisticsPeriod) {
  EXPECT_EQ(
      YearOfStatisticsPeriod("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"),
      2022);
  EXPECT_EQ(YearOfStatisticsPeriod("无"), 0);
}

}  // namespace
}  // namespace nianbao::importer
