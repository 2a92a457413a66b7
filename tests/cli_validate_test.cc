// `nianbao validate` run as a process: exit codes, human and JSON output.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nianbao/v1/validation.pb.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

std::string Nianbao() { return testing::BinaryPath("cli/nianbao"); }

class CliValidateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/cli_validate_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
  }
  std::string dir_;
};

TEST_F(CliValidateTest, ExamplesPassWithExit0) {
  for (const char* name : {"hongqiao-2020.json", "example-city-2022.json"}) {
    auto r = testing::Run(Nianbao() + " validate " + testing::SourcePath("examples/") + name);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("0 error(s)"), std::string::npos) << r.output;
  }
}

TEST_F(CliValidateTest, BrokenReportExits1AndExplains) {
  v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  auto* g = report.mutable_review_litigation()->mutable_reconsideration();
  g->mutable_upheld()->set_value(g->upheld().value() + 1);
  const std::string file = dir_ + "/broken.json";
  ASSERT_TRUE(report::WriteFile(file, *report::Serialize(report, report::Encoding::kJson)).ok());

  auto human = testing::Run(Nianbao() + " validate " + file);
  EXPECT_EQ(human.exit_code, 1) << human.output;
  EXPECT_NE(human.output.find("T4.GROUP_TOTAL"), std::string::npos) << human.output;
  EXPECT_NE(human.output.find("review_litigation.reconsideration.total"), std::string::npos);

  auto json = testing::Run(Nianbao() + " validate --json " + file + " 2>/dev/null");
  EXPECT_EQ(json.exit_code, 1);
  v1::ValidateReportResponse response;
  ASSERT_TRUE(report::Parse(json.output, report::Encoding::kJson, "stdout", &response).ok())
      << json.output;
  ASSERT_EQ(response.error_count(), 1);
  EXPECT_EQ(response.violations(0).rule_id(), "T4.GROUP_TOTAL");
  EXPECT_EQ(response.violations(0).expected(), "11");
  EXPECT_EQ(response.violations(0).found(), "10");
}

TEST_F(CliValidateTest, PreviousEnablesCrossYearRules) {
  v1::AnnualReport seed = testing::LoadExample("hongqiao-2020.json");
  v1::AnnualReport prev = seed;
  prev.set_year(2019);
  prev.mutable_applications()->mutable_carried_forward()->mutable_total()->set_value(99);
  const std::string file = dir_ + "/prev.json";
  ASSERT_TRUE(report::WriteFile(file, *report::Serialize(prev, report::Encoding::kJson)).ok());
  auto r = testing::Run(Nianbao() + " validate " +
                        testing::SourcePath("examples/hongqiao-2020.json") + " --previous " + file);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("XY.CARRY_OVER"), std::string::npos) << r.output;
}

TEST_F(CliValidateTest, UnusableInputExits2) {
  EXPECT_EQ(testing::Run(Nianbao() + " validate " + dir_ + "/missing.json").exit_code, 2);
  testing::Run("printf '{\"year\": \"x\"}' > " + dir_ + "/bad.json");
  EXPECT_EQ(testing::Run(Nianbao() + " validate " + dir_ + "/bad.json").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " validate").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " validate a b").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " validate --previous " + dir_ + "/missing.json " +
                         testing::SourcePath("examples/hongqiao-2020.json"))
                .exit_code,
            2);
}

}  // namespace
}  // namespace nianbao
