// Fault tests with real processes on loopback:
//  - nianbao-collection-server killed -9 during concurrent writes and
//    restarted on the same store, SQLite and PostgreSQL: every write it
//    acknowledged is there;
//  - PostgreSQL stopped and started again under load: requests fail with
//    UNAVAILABLE (no crash, no hang, no other code) and succeed again
//    without restarting the service;
//  - the validation service down: SubmitReport and PublishReport fail with
//    UNAVAILABLE after the channel's retries; the report is unchanged.
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "report/report_io.h"
#include "services/collection/store_test_backends.h"
#include "tests/support/postgres_server.h"
#include "tests/support/server_process.h"
#include "tests/support/service_pair.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using std::chrono::seconds;

v1::AnnualReport Seed() {
  v1::AnnualReport r;
  absl::Status st =
      report::ReadMessageFile(testing::SourcePath("examples/hongqiao-2020.json"), std::nullopt, &r);
  EXPECT_TRUE(st.ok()) << st;
  return r;
}

std::unique_ptr<grpc::ClientContext> Ctx(int deadline_seconds = 30) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->AddMetadata("x-nianbao-actor", "fault-test");
  c->set_deadline(std::chrono::system_clock::now() + seconds(deadline_seconds));
  return c;
}

// The collection server's flags here besides --store and --validation-target:
// a short validation deadline, in-process rendering (no renders here).
const std::vector<std::string> kCollectionFlags = {"--validation-deadline", "5", "--render-workers",
                                                   "0"};

// A collection server on `store`.
std::unique_ptr<testing::ServerProcess> StartCollection(const std::string& store,
                                                        const std::string& validation,
                                                        const std::string& dir) {
  std::vector<std::string> args = {"--store", store, "--validation-target", validation};
  args.insert(args.end(), kCollectionFlags.begin(), kCollectionFlags.end());
  auto server = testing::ServerProcess::Start(
      testing::BinaryPath("services/collection/nianbao-collection-server"), args, dir,
      dir + "/collection.log");
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

std::unique_ptr<v1::CollectionService::Stub> StubFor(const testing::ServerProcess& server) {
  return v1::CollectionService::NewStub(
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials()));
}

std::string FreshDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "/collection_fault_" + name;
  testing::Run("rm -rf " + dir + " && mkdir -p " + dir);
  return dir;
}

grpc::Status CreateAgency(v1::CollectionService::Stub* stub, const std::string& id) {
  v1::CreateAgencyRequest req;
  req.set_agency_id(id);
  req.mutable_agency()->set_display_name(id);
  req.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
  v1::ReportingAgency out;
  return stub->CreateAgency(Ctx().get(), req, &out);
}

grpc::Status CreateReport(v1::CollectionService::Stub* stub, const std::string& agency,
                          v1::Report* out) {
  v1::CreateReportRequest req;
  req.set_parent("agencies/" + agency);
  *req.mutable_report()->mutable_content() = Seed();
  return stub->CreateReport(Ctx().get(), req, out);
}

grpc::Status GetReport(v1::CollectionService::Stub* stub, const std::string& name, v1::Report* out,
                       int deadline_seconds = 30) {
  v1::GetReportRequest req;
  req.set_name(name);
  return stub->GetReport(Ctx(deadline_seconds).get(), req, out);
}

// Sets content.title of `report` (at its etag) to `title`.
grpc::Status SetTitle(v1::CollectionService::Stub* stub, const v1::Report& report,
                      const std::string& title, v1::Report* out, int deadline_seconds = 30) {
  v1::UpdateReportRequest req;
  req.mutable_report()->set_name(report.name());
  req.mutable_report()->set_etag(report.etag());
  req.mutable_report()->mutable_content()->set_title(title);
  req.mutable_update_mask()->add_paths("content.title");
  return stub->UpdateReport(Ctx(deadline_seconds).get(), req, out);
}

// ------------------------------------------------ kill -9 during writes

template <typename Backend>
class KillDuringWritesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::Status st = backend_.SetUp();
    if (absl::IsNotFound(st)) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st;
  }
  Backend backend_;
};

TYPED_TEST_SUITE(KillDuringWritesTest, collection::StoreBackends, collection::StoreBackendNames);

TYPED_TEST(KillDuringWritesTest, EveryAcknowledgedWriteSurvives) {
  const std::string dir = FreshDir(std::string("kill_") + TypeParam::kName);
  // The validation service is not needed for creates and updates.
  auto server = StartCollection(this->backend_.spec(), "127.0.0.1:1", dir);
  ASSERT_NE(server, nullptr);
  auto stub = StubFor(*server);

  // Each writer owns one report and creates agencies of its own, so every
  // acknowledged write has one expected outcome.
  constexpr int kWriters = 6;
  struct Acked {
    std::vector<std::string> agencies;
    std::map<int64_t, std::string> titles;  // version -> title written
    std::string next_title;                 // sent, not (yet) acknowledged
  };
  std::vector<Acked> acked(kWriters);
  std::vector<std::string> report_names(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    const std::string agency = absl::StrCat("writer-", w);
    ASSERT_TRUE(CreateAgency(stub.get(), agency).ok());
    v1::Report r;
    ASSERT_TRUE(CreateReport(stub.get(), agency, &r).ok());
    report_names[w] = r.name();
  }
  std::atomic<int> total{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      // Its own channel: the writers' requests reach the server
      // independently, as separate clients' would.
      auto own = StubFor(*server);
      v1::Report current;
      if (!GetReport(own.get(), report_names[w], &current).ok()) return;
      for (int n = 0; !stop; ++n) {
        const std::string agency = absl::StrCat("w", w, "-agency-", n);
        if (!CreateAgency(own.get(), agency).ok()) break;
        acked[w].agencies.push_back(agency);
        ++total;
        acked[w].next_title = absl::StrCat("writer ", w, " write ", n);
        v1::Report updated;
        if (!SetTitle(own.get(), current, acked[w].next_title, &updated).ok()) break;
        acked[w].titles[updated.version()] = acked[w].next_title;
        acked[w].next_title.clear();
        current = updated;
        ++total;
      }
    });
  }
  // Kill it mid-stream, once a good number of writes were acknowledged.
  while (total < 150) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server->Kill(SIGKILL);
  stop = true;
  for (std::thread& t : writers) t.join();

  // The same store, a new process.
  server = StartCollection(this->backend_.spec(), "127.0.0.1:1", dir);
  ASSERT_NE(server, nullptr);
  stub = StubFor(*server);
  int checked = 0;
  for (int w = 0; w < kWriters; ++w) {
    for (const std::string& agency : acked[w].agencies) {
      v1::GetAgencyRequest get;
      get.set_name("agencies/" + agency);
      v1::ReportingAgency a;
      grpc::Status st = stub->GetAgency(Ctx().get(), get, &a);
      EXPECT_TRUE(st.ok()) << agency << " was acknowledged but is gone: " << st.error_message();
      ++checked;
    }
    v1::ListReportVersionsRequest list;
    list.set_parent(report_names[w]);
    list.set_page_size(1000);
    v1::ListReportVersionsResponse versions;
    grpc::Status st = stub->ListReportVersions(Ctx().get(), list, &versions);
    ASSERT_TRUE(st.ok()) << st.error_message();
    std::map<int64_t, std::string> stored;
    for (const v1::ReportVersion& v : versions.report_versions()) {
      stored[v.version()] = v.content().title();
    }
    for (const auto& [version, title] : acked[w].titles) {
      ASSERT_TRUE(stored.count(version)) << report_names[w] << " lost version " << version;
      EXPECT_EQ(stored[version], title);
      ++checked;
    }
    // The report itself is at the last acknowledged write, or at the one
    // in flight when the server died (applied, never acknowledged).
    v1::Report r;
    ASSERT_TRUE(GetReport(stub.get(), report_names[w], &r).ok());
    const int64_t last = acked[w].titles.empty() ? 1 : acked[w].titles.rbegin()->first;
    if (r.version() == last) {
      if (!acked[w].titles.empty()) {
        EXPECT_EQ(r.content().title(), acked[w].titles[last]);
      }
    } else {
      EXPECT_EQ(r.version(), last + 1);
      EXPECT_EQ(r.content().title(), acked[w].next_title);
    }
  }
  EXPECT_GE(checked, 150);
  EXPECT_EQ(server->Stop(), 0);

  if (std::string(TypeParam::kName) == "sqlite") {
    // WAL is recorded in the database file itself.
    sqlite3* db = nullptr;
    const std::string path = this->backend_.spec().substr(std::string("sqlite:").size());
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);
  }
}

// ------------------------------------------- PostgreSQL restarted under load

TEST(PostgresRestartTest, RequestsFailCleanlyAndRecoverWithoutRestartingTheService) {
  auto pg = testing::PostgresServer::Start();
  if (absl::IsNotFound(pg.status())) GTEST_SKIP() << pg.status().message();
  ASSERT_TRUE(pg.ok()) << pg.status();
  absl::StatusOr<std::string> uri = (*pg)->CreateDatabase("restart_test");
  ASSERT_TRUE(uri.ok()) << uri.status();
  const std::string dir = FreshDir("pg_restart");
  auto server = StartCollection(*uri, "127.0.0.1:1", dir);
  ASSERT_NE(server, nullptr);
  auto stub = StubFor(*server);
  ASSERT_TRUE(CreateAgency(stub.get(), "hongqiao").ok());
  v1::Report report;
  ASSERT_TRUE(CreateReport(stub.get(), "hongqiao", &report).ok());

  // Readers and a writer, all the time; every status they get is recorded.
  std::mutex mu;
  std::map<grpc::StatusCode, int> codes;
  std::map<grpc::StatusCode, std::string> example;
  std::atomic<bool> stop{false};
  std::atomic<int> ok_after_restart{0};
  std::atomic<bool> restarted{false};
  auto record = [&](const grpc::Status& st) {
    std::lock_guard<std::mutex> lock(mu);
    ++codes[st.error_code()];
    example[st.error_code()] = st.error_message();
    if (st.ok() && restarted) ++ok_after_restart;
  };
  std::vector<std::thread> load;
  for (int i = 0; i < 3; ++i) {
    load.emplace_back([&, i] {
      auto own = StubFor(*server);
      v1::Report current = report;
      for (int n = 0; !stop; ++n) {
        v1::Report r;
        // A 10 s deadline: a hang would show up as DEADLINE_EXCEEDED.
        grpc::Status st = GetReport(own.get(), report.name(), &r, 10);
        record(st);
        if (i == 0 && st.ok()) {
          v1::Report updated;
          st = SetTitle(own.get(), r, absl::StrCat("title ", n), &updated, 10);
          // One writer: ABORTED cannot happen; any failure is the database's.
          record(st);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  auto count = [&](grpc::StatusCode c) {
    std::lock_guard<std::mutex> lock(mu);
    return codes[c];
  };
  while (count(grpc::StatusCode::OK) < 30)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE((*pg)->StopServer().ok());
  // While it is down: UNAVAILABLE.
  while (count(grpc::StatusCode::UNAVAILABLE) < 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE((*pg)->StartServer().ok());
  restarted = true;
  // Up again: requests succeed, the service was never restarted.
  for (int i = 0; i < 3000 && ok_after_restart < 30; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (std::thread& t : load) t.join();
  EXPECT_GE(ok_after_restart, 30);
  std::lock_guard<std::mutex> lock(mu);
  for (const auto& [code, n] : codes) {
    EXPECT_TRUE(code == grpc::StatusCode::OK || code == grpc::StatusCode::UNAVAILABLE)
        << n << " requests got code " << code << ", e.g. " << example[code];
  }
  // And it still works normally: a write, read back.
  v1::Report r, updated;
  ASSERT_TRUE(GetReport(stub.get(), report.name(), &r).ok());
  ASSERT_TRUE(SetTitle(stub.get(), r, "after the restart", &updated).ok());
  ASSERT_TRUE(GetReport(stub.get(), report.name(), &r).ok());
  EXPECT_EQ(r.content().title(), "after the restart");
  EXPECT_EQ(server->Stop(), 0);
}

// -------------------------------------------------- validation service down

TEST(ValidationDownTest, SubmitAndPublishFailUnavailableAndLeaveTheReportAlone) {
  const std::string dir = FreshDir("validation_down");
  auto servers = testing::ServicePair::Start("sqlite:" + dir + "/store.db", dir, kCollectionFlags);
  ASSERT_TRUE(servers.ok()) << servers.status();
  v1::CollectionService::Stub* stub = &(*servers)->stub();
  for (const char* id : {"draft", "submitted"}) ASSERT_TRUE(CreateAgency(stub, id).ok());
  v1::Report draft, submitted;
  ASSERT_TRUE(CreateReport(stub, "draft", &draft).ok());
  ASSERT_TRUE(CreateReport(stub, "submitted", &submitted).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(submitted.name());
  grpc::Status st = stub->SubmitReport(Ctx().get(), submit, &submitted);
  ASSERT_TRUE(st.ok()) << st.error_message();

  // The validation service goes away.
  EXPECT_EQ((*servers)->validation().Stop(), 0);

  submit.set_name(draft.name());
  v1::Report out;
  st = stub->SubmitReport(Ctx().get(), submit, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  v1::PublishReportRequest publish;
  publish.set_name(submitted.name());
  st = stub->PublishReport(Ctx().get(), publish, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();

  // Both reports exactly as they were: same state, version, etag, content.
  for (const v1::Report* before : {&draft, &submitted}) {
    v1::Report now;
    ASSERT_TRUE(GetReport(stub, before->name(), &now).ok());
    EXPECT_EQ(now.state(), before->state()) << now.name();
    EXPECT_EQ(now.version(), before->version()) << now.name();
    EXPECT_EQ(now.etag(), before->etag()) << now.name();
    EXPECT_EQ(now.content().SerializeAsString(), before->content().SerializeAsString());
  }
  // The draft can still be edited while validation is down.
  v1::Report edited;
  st = SetTitle(stub, draft, "edited while validation is down", &edited);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ((*servers)->collection().Stop(), 0);
}

}  // namespace
}  // namespace nianbao
