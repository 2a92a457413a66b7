// `nianbao import` run as a process: the seed to the example, diagnostics,
// exit statuses.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nianbao/v1/import.pb.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

std::string Nianbao() { return testing::BinaryPath("cli/nianbao"); }

class CliImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/cli_import_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
  }
  std::string dir_;
};

TEST_F(CliImportTest, SeedImportsToTheExampleJson) {
  const std::string seed = testing::SharedPath("seed/hongqiao-2020-annual-report.txt");
  if (!report::ReadFile(seed).ok()) GTEST_SKIP() << "seed not found";
  auto r = testing::Run(Nianbao() + " import " + seed + " -o " + dir_ + "/r.json --diagnostics " +
                        dir_ + "/d.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "");  // nothing to warn about
  auto back = report::ReadFile(dir_ + "/r.json");
  auto example = report::ReadFile(testing::SourcePath("examples/hongqiao-2020.json"));
  ASSERT_TRUE(back.ok() && example.ok());
  EXPECT_EQ(*back, *example);
  v1::ImportResult diagnostics;
  ASSERT_TRUE(report::ReadMessageFile(dir_ + "/d.json", std::nullopt, &diagnostics).ok());
  EXPECT_GT(diagnostics.diagnostics_size(), 100);
  EXPECT_EQ(diagnostics.detected_edition(), v1::EDITION_2019_TRIAL);
}

TEST_F(CliImportTest, ProblemsGoToStderrWithTheLineAndExit1) {
  const std::string text =
      "示例县人民政府2022年政府信息公开工作年度报告\n\n一、总体情况\n\n无。\n\n"
      "二、主动公开政府信息情况\n\n第二十条第（一）项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n"
      "\n"
      "现行有效件数\n\n规章\n\n1\n\n2 0\n\n3\n\n"
      "五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n";
  ASSERT_TRUE(report::WriteFile(dir_ + "/r.txt", text).ok());
  auto r = testing::Run(Nianbao() + " import " + dir_ + "/r.txt -o " + dir_ + "/r.json");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // "2 0" is never read as 20: the cell is reported with its line.
  EXPECT_NE(r.output.find("r.txt:23: error: CELL_UNPARSABLE"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("SECTION_MISSING"), std::string::npos) << r.output;
  // The missing table 3 is one diagnostic, not one per row.
  EXPECT_EQ(r.output.find("[T3 "), std::string::npos) << r.output;
}

TEST_F(CliImportTest, UnusableInputExits2) {
  ASSERT_TRUE(report::WriteFile(dir_ + "/x.txt", "hello\n").ok());
  EXPECT_EQ(testing::Run(Nianbao() + " import " + dir_ + "/x.txt").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " import " + dir_ + "/missing.txt").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " import --from doc " + dir_ + "/x.txt").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " import").exit_code, 2);
  // Not a readable PDF (detected by its magic bytes), and text read as PDF.
  ASSERT_TRUE(report::WriteFile(dir_ + "/broken.bin", "%PDF-1.7\ngarbage\n").ok());
  EXPECT_EQ(testing::Run(Nianbao() + " import " + dir_ + "/broken.bin").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " import --from pdf " + dir_ + "/x.txt").exit_code, 2);
}

TEST_F(CliImportTest, PdfFiguresNameTheirPageAndBox) {
  auto render = testing::Run(
      Nianbao() + " render " + testing::SourcePath("examples/example-city-2022.json") +
      " --format pdf --plugin-dir " + testing::BinaryPath("plugins") + " -o " + dir_ + "/r.pdf");
  ASSERT_EQ(render.exit_code, 0) << render.output;
  auto r = testing::Run(Nianbao() + " import " + dir_ + "/r.pdf -o " + dir_ + "/r.json -v");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // e.g. "r.pdf: page 2 at 300.1,212.4: info: CELL_IMPORTED: …"
  EXPECT_NE(r.output.find("r.pdf: page 2 at "), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("error"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace nianbao
