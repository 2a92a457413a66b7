// `nianbao render` and `nianbao formats` run as processes.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

std::string Nianbao() { return testing::BinaryPath("cli/nianbao"); }
const std::string kTestPlugins = NIANBAO_TEST_PLUGIN_DIR;

class CliRenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/cli_render_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
  }
  std::string dir_;
};

TEST_F(CliRenderTest, DefaultOutputIsTheReportNameWithThePluginExtension) {
  const std::string in = testing::SourcePath("examples/hongqiao-2020.json");
  auto r = testing::Run("cd " + dir_ + " && " + Nianbao() + " render " + in + " --format text");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "wrote hongqiao-2020.txt")) << r.output;
  auto text = report::ReadFile(dir_ + "/hongqiao-2020.txt");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_TRUE(absl::StrContains(*text, "红桥区2020年政府信息公开工作报告"));
  EXPECT_TRUE(absl::StrContains(*text, "14957.701682万元"));
}

TEST_F(CliRenderTest, StandardOutputAndLineWidth) {
  const std::string in = testing::SourcePath("examples/example-city-2022.json");
  auto r = testing::Run(Nianbao() + " render " + in + " --format text --line-width 60 -o -");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto narrow = testing::Run(Nianbao() + " render " + in + " -f text --option line_width=60 -o -");
  ASSERT_EQ(narrow.exit_code, 0);
  EXPECT_EQ(narrow.output, r.output);
  auto wide = testing::Run(Nianbao() + " render " + in + " --format text -o -");
  EXPECT_NE(wide.output, r.output);
}

TEST_F(CliRenderTest, UnknownFormatExits2NamingTheKnownOnes) {
  const std::string in = testing::SourcePath("examples/hongqiao-2020.json");
  auto r = testing::Run(Nianbao() + " render " + in + " --format docx -o " + dir_ + "/x");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.output, "no renderer plugin for format \"docx\"")) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "text")) << r.output;
}

TEST_F(CliRenderTest, MissingFormatOrBadOptionIsUsage) {
  const std::string in = testing::SourcePath("examples/hongqiao-2020.json");
  EXPECT_EQ(testing::Run(Nianbao() + " render " + in).exit_code, 2);
  EXPECT_EQ(testing::Run(Nianbao() + " render " + in + " -f text --line-width x").exit_code, 2);
  EXPECT_EQ(
      testing::Run(Nianbao() + " render " + in + " -f text --option fragment=maybe").exit_code, 2);
}

TEST_F(CliRenderTest, FailingPluginExits1WithItsMessageAndRefusalsAreLogged) {
  const std::string in = testing::SourcePath("examples/hongqiao-2020.json");
  auto r = testing::Run(Nianbao() + " render " + in + " --plugin-dir " + kTestPlugins +
                        " --format throws -o " + dir_ + "/x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.output, "the throws plugin threw on purpose")) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "bad_abi.so refused: ABI version 999")) << r.output;
  // ... and the host still serves the other formats from the same directories.
  auto ok = testing::Run(Nianbao() + " render " + in + " --plugin-dir " + kTestPlugins +
                         " --format echo -o -");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(absl::StrContains(ok.output, "echo:红桥区2020年政府信息公开工作报告")) << ok.output;
}

TEST_F(CliRenderTest, FormatsListsPluginsRefusalsAndDirectories) {
  auto r = testing::Run(Nianbao() + " formats --plugin-dir " + kTestPlugins);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* want :
       {"FORMAT", "text/plain; charset=utf-8", "/plugins/text.so", "echo", "text/x-test",
        "refused:", "no_entry.so: no entry symbol", "small_struct.so: descriptor size 8",
        "zz_duplicate_echo.so: format \"echo\" is already provided by", "searched:"}) {
    EXPECT_TRUE(absl::StrContains(r.output, want)) << want << "\n" << r.output;
  }
}

TEST_F(CliRenderTest, PluginPathFromTheEnvironment) {
  auto r = testing::Run("NIANBAO_PLUGIN_PATH=" + kTestPlugins + " " + Nianbao() + " formats");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.output, "text/x-test")) << r.output;
  auto none = testing::Run(Nianbao() + " formats");
  EXPECT_FALSE(absl::StrContains(none.output, "text/x-test")) << none.output;
}

}  // namespace
}  // namespace nianbao
