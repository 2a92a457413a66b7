#include "importer/text_importer.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"

namespace nianbao::importer {
namespace {

// A row in the flattened form: label, separator, then each figure followed
// by a separator and each empty cell as one blank line.
std::string Row(const std::string& label, const std::vector<std::string>& cells) {
  std::string out = absl::StrCat(label, "\n\n");
  for (const std::string& c : cells) absl::StrAppend(&out, c.empty() ? "\n" : c + "\n\n");
  return out;
}

std::string Head(int year) {
  return absl::StrCat("首页 | 信息公开 | 互动交流\n\n示例县人民政府", year,
                      "年政府信息公开工作年度报告\n\n本报告中所列数据的统计期限自", year,
                      "年1月1日起至", year,
                      "年12月31日止。\n\n一、总体情况\n\n（一）主动公开\n\n全年主动公开信息。\n\n");
}

std::string Tail() {
  return "五、存在的主要问题及改进情况\n\n问题与改进。\n\n六、其他需要报告的事项\n\n无。\n\n"
         "示例县人民政府办公室\n\n2023年1月20日\n\n附件：\n\n关于我们 | 网站地图 | 联系我们\n";
}

std::string Table4() {
  std::string out = "四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\n\n行政诉讼\n\n";
  for (const char* h : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"})
    absl::StrAppend(&out, h, "\n\n");
  absl::StrAppend(&out, "未经复议直接起诉\n\n复议后起诉\n\n");
  for (int g = 0; g < 2; ++g) {
    for (const char* h : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"})
      absl::StrAppend(&out, h, "\n\n");
  }
  for (const char* v : {"1", "0", "", "", "1", "—", "", "", "", "", "2", "", "", "", "2"}) {
    absl::StrAppend(&out, *v ? std::string(v) + "\n\n" : "\n");
  }
  return out;
}

// A 2021-edition report: table 2 with 规范性文件 for 行政规范性文件 and the
// three blank conventions, table 3 with a provincial extra row.
std::string Report2021(int year) {
  std::string t = Head(year);
  absl::StrAppend(&t,
                  "二、主动公开政府信息情况\n\n第二十条第（一）项\n\n信息内容\n\n本年\n制发件数\n\n"
                  "本年废止件数\n\n现行有效件数\n\n");
  absl::StrAppend(&t, Row("规章", {"0", "/", "0"}), Row("规范性文件", {"3", "-", "12"}));
  absl::StrAppend(&t, "第二十条第（五）项\n\n信息内容\n\n本年处理决定数量\n\n",
                  Row("行政许可", {"120"}));
  absl::StrAppend(&t, "第二十条第（六）项\n\n信息内容\n\n本年处理决定数量\n\n",
                  Row("行政处罚", {"7"}), Row("行政强制", {""}));
  absl::StrAppend(&t, "第二十条第（八）项\n\n信息内容\n\n本年收费金额（单位：万元）\n\n",
                  Row("行政事业性收费", {"2.02"}));
  absl::StrAppend(&t, "三、收到和处理政府信息公开申请情况\n\n本年度共收到申请5件。\n\n",
                  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n申请人情"
                  "况\n\n自然人\n\n法人或其他组织\n\n总计\n\n商业企业\n\n科研机构\n\n社会公益组织\n"
                  "\n法律服务机构\n\n其他\n\n");
  absl::StrAppend(&t, Row("一、本年新收政府信息公开申请数量", {"5", "", "", "", "", "", "5"}));
  absl::StrAppend(&t, Row("二、上年结转政府信息公开申请数量", {"", "", "", "", "", "", ""}));
  absl::StrAppend(&t, "三、本年度办理结果\n\n",
                  Row("（一）予以公开", {"4", "", "", "", "", "", "4"}));
  absl::StrAppend(&t, Row("（八）省级增设：转办", {"9", "", "", "", "", "", "9"}));
  absl::StrAppend(&t, Row("（七）总计", {"4", "", "", "", "", "", "4"}));
  absl::StrAppend(&t, Row("四、结转下年度继续办理", {"1", "", "", "", "", "", "1"}));
  absl::StrAppend(&t, Table4(), Tail());
  return t;
}

int Count(const v1::ImportResult& r, absl::string_view code) {
  int n = 0;
  for (const auto& d : r.diagnostics()) n += d.code() == code;
  return n;
}

TEST(TextImporterTest, Imports2021ReportWithVariants) {
  auto result = ImportText(Report2021(2022));
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::AnnualReport& r = result->report();
  EXPECT_EQ(r.edition(), v1::EDITION_2021);
  EXPECT_EQ(result->detected_edition(), v1::EDITION_2021);
  EXPECT_EQ(r.year(), 2022);
  EXPECT_EQ(r.agency().name(), "示例县人民政府");
  EXPECT_EQ(r.agency().level(), v1::ADMINISTRATIVE_LEVEL_COUNTY);
  const auto& t2 = r.proactive_disclosure_2021();
  EXPECT_EQ(t2.regulations().issued().value(), 0);
  EXPECT_TRUE(t2.regulations().issued().has_value());
  EXPECT_EQ(t2.regulations().repealed().mark(), v1::BLANK_MARK_SLASH);
  EXPECT_EQ(t2.normative_documents().issued().value(), 3);
  EXPECT_EQ(t2.normative_documents().repealed().mark(), v1::BLANK_MARK_HYPHEN);
  EXPECT_EQ(t2.administrative_licensing().decisions().value(), 120);
  EXPECT_TRUE(t2.has_administrative_coercion());
  EXPECT_FALSE(t2.administrative_coercion().has_decisions());  // blank is not 0
  EXPECT_EQ(t2.administrative_fees().amount().decimal(), "2.02");
  EXPECT_EQ(t2.administrative_fees().amount().unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  const auto& t3 = r.applications();
  EXPECT_EQ(t3.new_received().total().value(), 5);
  EXPECT_TRUE(t3.has_carried_over());
  EXPECT_FALSE(t3.carried_over().has_total());
  EXPECT_EQ(t3.results().total().natural_person().value(), 4);
  EXPECT_EQ(t3.carried_forward().total().value(), 1);
  EXPECT_EQ(r.review_litigation().reconsideration().upheld().value(), 1);
  EXPECT_EQ(r.review_litigation().litigation_direct().upheld().mark(), v1::BLANK_MARK_DASH);
  EXPECT_EQ(r.review_litigation().litigation_after_reconsideration().total().value(), 2);
  EXPECT_EQ(r.applications_summary().blocks(0).paragraph().text(), "本年度共收到申请5件。");
  ASSERT_EQ(r.closing().blocks_size(), 2);
  EXPECT_EQ(r.other_matters().narrative().blocks_size(), 1);

  // The provincial row is reported, its two figures are not placed.
  EXPECT_EQ(Count(*result, kRowUnknown), 1);
  EXPECT_EQ(Count(*result, kCellUnplaced), 2);
  // Rows of the format not printed are reported as missing, not invented.
  EXPECT_GT(Count(*result, kRowMissing), 0);
  EXPECT_EQ(Count(*result, kEditionMismatch), 0);
  // Every figure carries its line.
  for (const auto& d : result->diagnostics()) {
    if (d.code() == kCellImported) {
      EXPECT_GT(d.provenance().line(), 0);
      EXPECT_FALSE(d.provenance().field_path().empty());
    }
  }
}

TEST(TextImporterTest, WrongEditionForTheYearImportsWithAWarning) {
  auto result = ImportText(Report2021(2020));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->report().edition(), v1::EDITION_2021);
  EXPECT_EQ(result->report().year(), 2020);
  ASSERT_EQ(Count(*result, kEditionMismatch), 1);
}

TEST(TextImporterTest, ARowWithAMissingCellLineIsNotGuessed) {
  std::string text = Report2021(2022);
  // Drop the separator after 本年新收's first figure: "5\n\n\n" becomes
  // "5\n\n" — the row now has one blank too few.
  const std::string row = Row("一、本年新收政府信息公开申请数量", {"5", "", "", "", "", "", "5"});
  std::string broken = row;
  broken.erase(broken.find("5\n\n\n") + 3, 1);
  text.replace(text.find(row), row.size(), broken);
  auto result = ImportText(text);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->report().applications().has_new_received());
  EXPECT_EQ(Count(*result, kRowMisaligned), 1);
}

TEST(TextImporterTest, TextWithoutSectionsIsUnusable) {
  auto result = ImportText("这不是年度报告。\n\n只是一段文字。\n");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace nianbao::importer
