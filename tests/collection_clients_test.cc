// Clients of the collection service run as processes against the service on
// loopback: the `nianbao agencies|reports` CLI, and a Python grpcio client
// (tests/collection_client.py). The validation service is the scripted one
// (services/collection/test_doubles.h); tests that need the real one live
// beside nianbao-collection-server.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/collection/test_doubles.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

class CollectionClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/collection_clients_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
    absl::Status st = service_.Start("sqlite:" + dir_ + "/store.db");
    ASSERT_TRUE(st.ok()) << st;
  }
  std::string Cli(const std::string& args) {
    return absl::StrCat(testing::BinaryPath("cli/nianbao"), " ", args, " --server ",
                        service_.target, " --actor tester");
  }
  std::string dir_;
  collection::LoopbackCollection service_;
};

TEST_F(CollectionClientsTest, CliRunsTheWholeFlow) {
  auto r =
      testing::Run(Cli("agencies create hongqiao --display-name 天津市红桥区人民政府 "
                       "--level county"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"name\": \"agencies/hongqiao\""), std::string::npos) << r.output;
  r = testing::Run(Cli("reports create --agency hongqiao " +
                       testing::SourcePath("examples/hongqiao-2020.json")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("REPORT_STATE_DRAFT"), std::string::npos) << r.output;
  const std::string name = "agencies/hongqiao/reports/2020";
  r = testing::Run(Cli("reports submit " + name));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("REPORT_STATE_SUBMITTED"), std::string::npos) << r.output;
  r = testing::Run(Cli("reports publish " + name));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("REPORT_STATE_PUBLISHED"), std::string::npos) << r.output;
  r = testing::Run(Cli("reports render " + name + " --format lines --out-dir " + dir_));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream rendered(dir_ + "/hongqiao-2020.txt");
  ASSERT_TRUE(rendered.good()) << r.output;
  r = testing::Run(Cli("reports versions " + name));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("REPORT_CHANGE_PUBLISH"), std::string::npos);
  EXPECT_NE(r.output.find("\"actor\": \"tester\""), std::string::npos);
  // The content comes back as the file it was created from.
  r = testing::Run(Cli("reports get " + name + " --to json -o " + dir_ + "/back.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = testing::Run(absl::StrCat(testing::BinaryPath("cli/nianbao"), " convert ", dir_,
                                "/back.json --to textproto"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = testing::Run(Cli("reports list --filter 'state = PUBLISHED'"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(name), std::string::npos);
  r = testing::Run(Cli("reports aggregate --agency hongqiao --year 2020"));
  // hongqiao's own report is published, so it cannot be replaced by a sum.
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("PUBLISHED"), std::string::npos) << r.output;
}

TEST_F(CollectionClientsTest, CliPrintsErrorsWithTheirDetails) {
  auto r = testing::Run(Cli("agencies create 'Bad Id' --display-name x"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("agency_id:"), std::string::npos) << r.output;
  r = testing::Run(Cli("reports get agencies/nowhere/reports/2020"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("does not exist"), std::string::npos) << r.output;
  r = testing::Run(absl::StrCat(testing::BinaryPath("cli/nianbao"), " reports get x"));
  EXPECT_EQ(r.exit_code, 2) << r.output;  // no --server
  r = testing::Run(Cli("reports frobnicate"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_F(CollectionClientsTest, PythonClientCreatesSubmitsPublishesRenders) {
  const std::string python = "/usr/bin/python3";
  if (testing::Run(python + " -c 'import grpc'").exit_code != 0) {
    GTEST_SKIP() << "python3-grpcio is not installed";
  }
  auto r = testing::Run(absl::StrCat(python, " ", testing::SourcePath("tests/collection_client.py"),
                                     " --server ", service_.target, " --stubs ",
                                     testing::BinaryPath("tests/python_stubs"), " --report ",
                                     testing::SourcePath("examples/hongqiao-2020.json"),
                                     " --format lines --out ", dir_, "/py.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ok agencies/hongqiao/reports/2020 text/plain"), std::string::npos)
      << r.output;
  std::ifstream rendered(dir_ + "/py.txt");
  std::stringstream text;
  text << rendered.rdbuf();
  EXPECT_NE(text.str().find("红桥区"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace nianbao
