// The HTML front end on nianbao's own table layouts (rowspan/colspan as the
// document builder lays them out) and on variants written for the tests:
// labels split across lines, 条例 wording of headings, 规范性文件, half-width
// punctuation, a provincial extra row, the blank conventions, the 2019 layout
// in a 2021 report.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "tests/document_html.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using google::protobuf::util::MessageDifferencer;

// What a rendered page does not print (page metadata) is cleared before
// comparing.
v1::AnnualReport Printed(v1::AnnualReport r) {
  r.clear_agency();
  r.clear_publisher();
  r.clear_publication_date();
  return r;
}

void ExpectSame(const v1::AnnualReport& expected, const v1::AnnualReport& actual) {
  std::string diff;
  MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(Printed(expected), Printed(actual))) << diff;
}

int Count(const v1::ImportResult& r, absl::string_view code) {
  int n = 0;
  for (const auto& d : r.diagnostics()) n += d.code() == code;
  return n;
}

std::string Problems(const v1::ImportResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics()) {
    if (d.severity() != v1::SEVERITY_INFO)
      absl::StrAppend(&out, importer::FormatDiagnostic(d, "html"), "\n");
  }
  return out;
}

absl::StatusOr<v1::ImportResult> ImportHtml(const std::string& html) {
  return importer::ImportReport(html, "report.html", v1::SOURCE_FORMAT_UNSPECIFIED);
}

class ImportHtmlExamplesTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ImportHtmlExamplesTest, BuilderLayoutImportsBack) {
  const v1::AnnualReport example = testing::LoadExample(GetParam());
  auto result = ImportHtml(testing::ReportHtml(example));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->source_format(), v1::SOURCE_FORMAT_HTML);
  EXPECT_EQ(result->detected_edition(), example.edition());
  ExpectSame(example, result->report());
  EXPECT_EQ(Problems(*result), "");
}

INSTANTIATE_TEST_SUITE_P(Examples, ImportHtmlExamplesTest,
                         ::testing::Values("hongqiao-2020.json", "example-city-2022.json"));

TEST(ImportHtmlVariantsTest, SplitLabelsAliasesAndHalfWidthPunctuation) {
  const v1::AnnualReport example = testing::LoadExample("example-city-2022.json");
  const std::string html =
      absl::StrReplaceAll(testing::ReportHtml(example),
                          {{">商业企业<", ">商业<br>企业<"},
                           {">社会公益组织<", ">社会公益\n   组织<"},
                           {">行政规范性文件<", ">规范性文件<"},
                           {"二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况"},
                           {"四、政府信息公开行政复议、行政诉讼情况",
                            "四、因政府信息公开工作被行政复议或提起行政诉讼情况"},
                           {"（一）予以公开", "(一)予以公开"},
                           {"第二十条第（五）项", "第二十条第(五)项"}});
  auto result = ImportHtml(html);
  ASSERT_TRUE(result.ok()) << result.status();
  ExpectSame(example, result->report());
  EXPECT_EQ(Problems(*result), "");
}

TEST(ImportHtmlVariantsTest, ProvincialExtraRowIsReportedNotPlaced) {
  const v1::AnnualReport example = testing::LoadExample("example-city-2022.json");
  std::string html = testing::ReportHtml(example);
  const std::string total = "<th colspan=\"2\">（七）总计</th>";
  const size_t at = html.rfind("<tr>", html.find(total));
  ASSERT_NE(at, std::string::npos) << html;
  // The province's row sits inside 三、本年度办理结果, whose row span grows.
  const std::string group = ">三、本年度办理结果<";
  const size_t group_at = html.find(group);
  const size_t span_at = html.rfind("rowspan=\"", group_at) + 9;
  const size_t span_end = html.find('"', span_at);
  const int span = std::stoi(html.substr(span_at, span_end - span_at));
  html.replace(span_at, span_end - span_at, std::to_string(span + 1));
  html.insert(html.rfind("<tr>", html.find(total)),
              "<tr><th colspan=\"2\">（八）转有关部门办理（省级增设）</th>"
              "<td>3</td><td>1</td><td></td><td></td><td></td><td></td><td>4</td></tr>\n");
  auto result = ImportHtml(html);
  ASSERT_TRUE(result.ok()) << result.status();
  ExpectSame(example, result->report());
  EXPECT_EQ(Count(*result, importer::kRowUnknown), 1) << Problems(*result);
  EXPECT_EQ(Count(*result, importer::kCellUnplaced), 3) << Problems(*result);
}

TEST(ImportHtmlVariantsTest, ARowOutOfLineWithTheHeaderIsNotGuessed) {
  // A row inserted inside 三、本年度办理结果 without growing its row span
  // pushes the rows below one column left: a figure lands under the label.
  const v1::AnnualReport example = testing::LoadExample("example-city-2022.json");
  std::string html = testing::ReportHtml(example);
  const size_t at = html.rfind("<tr>", html.find("<th colspan=\"2\">（七）总计</th>"));
  html.insert(at, "<tr><th colspan=\"2\">（八）省级增设</th><td>1</td></tr>\n");
  auto result = ImportHtml(html);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->report().applications().results().has_total());
  EXPECT_EQ(Count(*result, importer::kRowMisaligned), 1) << Problems(*result);
}

TEST(ImportHtmlVariantsTest, BlankConventionsAreKeptAsPrinted) {
  v1::AnnualReport report = testing::LoadExample("example-city-2022.json");
  auto* t2 = report.mutable_proactive_disclosure_2021();
  t2->mutable_regulations()->mutable_repealed()->set_mark(v1::BLANK_MARK_SLASH);
  t2->mutable_regulations()->mutable_issued()->set_mark(v1::BLANK_MARK_DASH);
  t2->mutable_regulations()->mutable_in_force()->set_mark(v1::BLANK_MARK_HYPHEN);
  t2->mutable_administrative_coercion()->clear_decisions();  // printed blank
  t2->mutable_administrative_fees()->mutable_amount()->set_mark(v1::BLANK_MARK_SLASH);
  report.mutable_applications()->mutable_carried_over()->mutable_total()->set_value(0);
  auto result = ImportHtml(testing::ReportHtml(report));
  ASSERT_TRUE(result.ok()) << result.status();
  ExpectSame(report, result->report());
  const auto& got = result->report().proactive_disclosure_2021();
  EXPECT_EQ(got.regulations().repealed().mark(), v1::BLANK_MARK_SLASH);
  EXPECT_TRUE(got.has_administrative_coercion());
  EXPECT_FALSE(got.administrative_coercion().has_decisions());  // blank is not 0
  EXPECT_TRUE(result->report().applications().carried_over().total().has_value());
}

TEST(ImportHtmlVariantsTest, The2019LayoutInA2021ReportImportsWithAWarning) {
  v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  report.set_year(2021);
  report.set_title("红桥区2021年政府信息公开工作报告");
  auto result = ImportHtml(testing::ReportHtml(report));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->report().edition(), v1::EDITION_2019_TRIAL);
  EXPECT_EQ(result->report().year(), 2021);
  ExpectSame(report, result->report());
  EXPECT_EQ(Count(*result, importer::kEditionMismatch), 1) << Problems(*result);
}

TEST(ImportHtmlVariantsTest, AColumnThatMatchesNoLabelIsNotGuessed) {
  const v1::AnnualReport example = testing::LoadExample("example-city-2022.json");
  const std::string html =
      absl::StrReplaceAll(testing::ReportHtml(example), {{">科研机构<", ">科研单位<"}});
  auto result = ImportHtml(html);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(Count(*result, importer::kColumnUnknown), 1) << Problems(*result);
  EXPECT_EQ(Count(*result, importer::kRowMisaligned), 0) << Problems(*result);
  // Each figure printed in that column is reported, unplaced.
  int printed = 0;
  for (const auto& cell : format::Cells(*format::FindEdition(example.edition()))) {
    if (cell.column->field() == "research_institution" &&
        !format::IsBlank(format::GetAt(example, cell.fields))) {
      ++printed;
    }
  }
  EXPECT_GT(printed, 0);
  EXPECT_EQ(Count(*result, importer::kCellUnplaced), printed) << Problems(*result);
  EXPECT_FALSE(result->report().applications().new_received().has_research_institution());
  EXPECT_EQ(result->report().applications().new_received().natural_person().value(),
            example.applications().new_received().natural_person().value())
      << Problems(*result);
}

TEST(ImportHtmlVariantsTest, ScriptsNavigationAndLayoutTablesAroundTheReport) {
  const v1::AnnualReport example = testing::LoadExample("hongqiao-2020.json");
  std::string html = testing::ReportHtml(example);
  html = absl::StrReplaceAll(
      html,
      {{"<body>\n",
        "<body><script>var x = '<p>一、总体情况</p>';</script>"
        "<div class=nav>首页 | 政务公开 | 互动交流</div>"
        "<table><tr><td><div>来源：政府办 发布时间：2021-03-08 16:47</div>"},
       {"</body>",
        "</td></tr></table><div>附件：</div><div>关于我们 | 网站地图 | 联系我们</div></body>"}});
  auto result = ImportHtml(html);
  ASSERT_TRUE(result.ok()) << result.status();
  ExpectSame(example, result->report());
  EXPECT_EQ(result->report().publisher(), "政府办");
  EXPECT_EQ(result->report().publication_date().year(), 2021);
  EXPECT_EQ(Problems(*result), "");
}

}  // namespace
}  // namespace nianbao
