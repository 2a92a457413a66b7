// `nianbao convert` run as a process: conversions and its error messages.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

std::string Nianbao() { return testing::BinaryPath("cli/nianbao"); }

class CliConvertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/cli_convert_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
  }
  std::string dir_;
};

TEST_F(CliConvertTest, ChainOfConversionsGivesTheSameJson) {
  const std::string in = testing::SourcePath("examples/hongqiao-2020.json");
  auto r1 = testing::Run(Nianbao() + " convert " + in + " -o " + dir_ + "/r.txtpb");
  ASSERT_EQ(r1.exit_code, 0) << r1.output;
  auto r2 =
      testing::Run(Nianbao() + " convert " + dir_ + "/r.txtpb --to binary -o " + dir_ + "/r.data");
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  auto r3 = testing::Run(Nianbao() + " convert " + dir_ + "/r.data -o " + dir_ + "/r.json");
  ASSERT_EQ(r3.exit_code, 0) << r3.output;
  auto original = report::ReadFile(in);
  auto back = report::ReadFile(dir_ + "/r.json");
  ASSERT_TRUE(original.ok() && back.ok());
  EXPECT_EQ(*back, *original);
}

TEST_F(CliConvertTest, MissingFileIsNamedWithExit2) {
  auto r = testing::Run(Nianbao() + " convert " + dir_ + "/nope.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find(dir_ + "/nope.json"), std::string::npos) << r.output;
}

TEST_F(CliConvertTest, BadTextprotoNamesFileAndLine) {
  testing::Run("printf 'year: 2020\\nagency { nmae: \"x\" }\\n' > " + dir_ + "/bad.txtpb");
  auto r = testing::Run(Nianbao() + " convert " + dir_ + "/bad.txtpb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.txtpb:2:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nmae"), std::string::npos) << r.output;
}

TEST_F(CliConvertTest, BadJsonNamesFileAndField) {
  testing::Run("printf '{\"year\": \"twenty\"}' > " + dir_ + "/bad.json");
  auto r = testing::Run(Nianbao() + " convert " + dir_ + "/bad.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.json"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("year"), std::string::npos) << r.output;
}

TEST_F(CliConvertTest, UsageErrorsExit2) {
  EXPECT_EQ(testing::Run(Nianbao() + " convert").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " convert a b").exit_code, 2);
  auto r = testing::Run(Nianbao() + " convert x.json --to yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("yaml"), std::string::npos);
  EXPECT_EQ(testing::Run(Nianbao() + " frobnicate").exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " convert --help").exit_code, 0);
}

}  // namespace
}  // namespace nianbao
