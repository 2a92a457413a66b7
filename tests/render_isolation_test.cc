// Renderer isolation, end to end: nianbao-collection-server as a process on
// loopback, rendering through its pool of nianbao-render-worker processes,
// with deliberately faulty plugins (tests/plugins, kinds crash, hang, leak,
// pid). After each bad render the server still serves, the failed render
// names the plugin with INTERNAL or DEADLINE_EXCEEDED, the worker was
// replaced (the "pid" plugin answers from a new process, the old one is
// gone), and good renders running meanwhile succeed.
#include <signal.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "report/report_io.h"
#include "tests/support/server_process.h"
#include "tests/test_support.h"
#include "services/common/sanitizer.h"

namespace nianbao {
namespace {

// Under AddressSanitizer a crash is reported and ends in SIGABRT, and the
// workers run without RLIMIT_AS (ASan needs the address space): the exact
// signal and the memory-limit case are checked in the normal build only.
using services::kAddressSanitizer;

const std::string kFaultyPlugins = NIANBAO_FAULTY_PLUGIN_DIR;
constexpr char kReport[] = "agencies/hongqiao/reports/2020";

// Whether `pid` runs (a zombie waiting for a reaper counts as gone).
bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z';
}

class RenderIsolationTest : public ::testing::Test {
 protected:
  // A server on a fresh SQLite store with the faulty plugins (and the real
  // ones from the build tree), holding the seed report. The validation
  // service is never called by RenderReport, so its target is a dead port.
  void StartServer(const std::vector<std::string>& render_flags) {
    dir_ = ::testing::TempDir() + "/render_isolation_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
    std::vector<std::string> args = {"--store",
                                     "sqlite:" + dir_ + "/store.db",
                                     "--validation-target",
                                     "127.0.0.1:1",
                                     "--plugin-dir",
                                     kFaultyPlugins};
    args.insert(args.end(), render_flags.begin(), render_flags.end());
    auto server = testing::ServerProcess::Start(
        testing::BinaryPath("services/collection/nianbao-collection-server"), args, dir_,
        dir_ + "/server.log");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CollectionService::NewStub(
        grpc::CreateChannel(server_->target(), grpc::InsecureChannelCredentials()));

    v1::CreateAgencyRequest agency;
    agency.set_agency_id("hongqiao");
    agency.mutable_agency()->set_display_name("红桥区");
    agency.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
    v1::ReportingAgency a;
    ASSERT_TRUE(stub_->CreateAgency(Ctx().get(), agency, &a).ok());
    v1::CreateReportRequest create;
    create.set_parent("agencies/hongqiao");
    ASSERT_TRUE(report::ReadMessageFile(testing::SourcePath("examples/hongqiao-2020.json"),
                                        std::nullopt, create.mutable_report()->mutable_content())
                    .ok());
    v1::Report r;
    grpc::Status st = stub_->CreateReport(Ctx().get(), create, &r);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(r.name(), kReport);
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    return c;
  }

  grpc::Status Render(const std::string& format, v1::RenderReportResponse* out,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
    v1::RenderReportRequest req;
    req.set_name(kReport);
    req.set_format(format);
    for (auto& [k, v] : extra) (*req.mutable_options()->mutable_extra())[k] = v;
    return stub_->RenderReport(Ctx().get(), req, out);
  }

  // The pid of the worker the "pid" plugin ran in.
  pid_t WorkerPid() {
    v1::RenderReportResponse out;
    grpc::Status st = Render("pid", &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    int pid = -1;
    EXPECT_TRUE(absl::StartsWith(out.content(), "pid:")) << out.content();
    EXPECT_TRUE(absl::SimpleAtoi(out.content().substr(4), &pid)) << out.content();
    return pid;
  }

  // The server answers a plain read.
  void ExpectServing() {
    v1::GetReportRequest get;
    get.set_name(kReport);
    v1::Report r;
    grpc::Status st = stub_->GetReport(Ctx().get(), get, &r);
    EXPECT_TRUE(st.ok()) << st.error_message();
  }

  std::string dir_;
  std::unique_ptr<testing::ServerProcess> server_;
  std::unique_ptr<v1::CollectionService::Stub> stub_;
};

TEST_F(RenderIsolationTest, CrashHangAndLeakEachCostOneWorkerNotTheServer) {
  if (kAddressSanitizer) GTEST_SKIP() << "signals and RLIMIT_AS differ under ASan; normal build";
  // One worker, so the "pid" plugin always shows the current one.
  StartServer({"--render-workers", "1", "--render-deadline", "10", "--render-memory-limit-mb",
               "512", "--render-cpu-limit", "0"});
  const pid_t first = WorkerPid();

  // SIGSEGV in the plugin: INTERNAL naming the plugin and the signal.
  v1::RenderReportResponse out;
  grpc::Status st = Render("crash", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL) << st.error_message();
  EXPECT_TRUE(absl::StartsWith(st.error_message(), "crash renderer: ")) << st.error_message();
  EXPECT_TRUE(absl::StrContains(st.error_message(), "signal 11")) << st.error_message();
  ExpectServing();
  const pid_t second = WorkerPid();
  EXPECT_NE(second, first);
  EXPECT_FALSE(Alive(first));

  // A render that never returns: DEADLINE_EXCEEDED, the worker killed.
  st = Render("hang", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << st.error_message();
  EXPECT_TRUE(absl::StartsWith(st.error_message(), "hang renderer: ")) << st.error_message();
  ExpectServing();
  const pid_t third = WorkerPid();
  EXPECT_NE(third, second);
  EXPECT_FALSE(Alive(second));

  // A leak that stays under the limit succeeds, but a worker grown past half
  // of its 512 MiB is retired after the render.
  st = Render("leak", &out, {{"leak_mb", "300"}});
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.content(), absl::StrCat("pid:", third));
  const pid_t fourth = WorkerPid();
  EXPECT_NE(fourth, third);
  EXPECT_FALSE(Alive(third));

  // One allocation beyond RLIMIT_AS fails inside the worker (bad_alloc,
  // caught by the plugin helper): the plugin's error, INTERNAL.
  st = Render("leak", &out, {{"leak_mb", "4096"}});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL) << st.error_message();
  EXPECT_TRUE(absl::StartsWith(st.error_message(), "leak renderer: ")) << st.error_message();
  ExpectServing();

  // A real plugin still renders the report.
  st = Render("html", &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(absl::StrContains(out.content(), "<table")) << out.content().substr(0, 200);
  EXPECT_EQ(server_->Stop(), 0);
}

TEST_F(RenderIsolationTest, SpinningPluginIsStoppedByItsCpuLimit) {
  // The deadline is long; RLIMIT_CPU (1 s of CPU) stops the spin first.
  StartServer({"--render-workers", "1", "--render-deadline", "120", "--render-cpu-limit", "1"});
  const pid_t first = WorkerPid();
  v1::RenderReportResponse out;
  grpc::Status st = Render("hang", &out, {{"spin", "1"}});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL) << st.error_message();
  EXPECT_TRUE(absl::StartsWith(st.error_message(), "hang renderer: ")) << st.error_message();
  EXPECT_TRUE(absl::StrContains(st.error_message(), "CPU time limit")) << st.error_message();
  EXPECT_NE(WorkerPid(), first);
  EXPECT_EQ(server_->Stop(), 0);
}

TEST_F(RenderIsolationTest, GoodRendersProceedWhileOthersCrashAndHang) {
  StartServer({"--render-workers", "2", "--render-deadline", "20"});
  // One worker is held by a hanging render for its whole deadline...
  std::atomic<bool> hang_done{false};
  grpc::StatusCode hang_code = grpc::StatusCode::OK;
  std::thread hang([&] {
    v1::RenderReportResponse out;
    hang_code = Render("hang", &out).error_code();
    hang_done = true;
  });
  // ...while another thread keeps crashing workers...
  std::atomic<bool> stop{false};
  std::atomic<int> crashes{0};
  std::thread crash([&] {
    while (!stop) {
      v1::RenderReportResponse out;
      if (Render("crash", &out).error_code() == grpc::StatusCode::INTERNAL) ++crashes;
    }
  });
  // ...and good renders go through the remaining worker meanwhile.
  for (int i = 0; i < 10; ++i) {
    v1::RenderReportResponse out;
    grpc::Status st = Render(i % 2 ? "html" : "text", &out);
    ASSERT_TRUE(st.ok()) << i << ": " << st.error_message();
    EXPECT_GT(out.content().size(), 1000u);
  }
  stop = true;
  crash.join();
  EXPECT_FALSE(hang_done) << "the good renders should not have waited for the hung one";
  EXPECT_GT(crashes, 0);
  hang.join();
  EXPECT_EQ(hang_code, grpc::StatusCode::DEADLINE_EXCEEDED);
  ExpectServing();
  EXPECT_EQ(server_->Stop(), 0);
}

TEST_F(RenderIsolationTest, WorkersDieWithAKilledServer) {
  StartServer({"--render-workers", "1"});
  const pid_t worker = WorkerPid();
  ASSERT_TRUE(Alive(worker));
  server_->Kill(SIGKILL);
  // The worker's watchdog notices within about a second.
  for (int i = 0; i < 300 && Alive(worker); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(Alive(worker)) << "worker " << worker << " outlived its server";
}

}  // namespace
}  // namespace nianbao
