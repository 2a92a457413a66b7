// The local scale test (issue 8): 2 validation and 3 collection replicas as
// processes on loopback, sharing one throwaway PostgreSQL. The collection
// replicas reach validation through one target listing both (round_robin,
// the server's own service config); the callers use client-side round_robin
// over the 3 collection replicas with a retry policy in their service
// config. Several clients create, update (etags, retrying ABORTED) and
// submit at once; one collection replica gets SIGTERM in the middle.
// Asserts: every replica served a share, no update was lost (the counter
// equals the acknowledged increments), and no call failed. Prints the
// per-replica shares (counted on the client by peer address, and the
// servers' own call counts from their shutdown log lines).
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "report/report_io.h"
#include "tests/support/postgres_server.h"
#include "tests/support/server_process.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

constexpr int kValidationReplicas = 2;
constexpr int kCollectionReplicas = 3;
constexpr int kClients = 6;
constexpr int kIterations = 24;
constexpr int kSubmitEvery = 4;  // every 4th iteration also files a report
constexpr char kSharedReport[] = "agencies/shared/reports/2020";

// The callers' channel: round_robin over every listed replica, skipping
// those whose grpc.health.v1 says NOT_SERVING (a replica draining after
// SIGTERM), and UNAVAILABLE (a replica gone, a refused stream) retried with
// backoff.
constexpr char kClientServiceConfig[] = R"({
  "loadBalancingConfig": [{"round_robin": {}}],
  "healthCheckConfig": {"serviceName": ""},
  "methodConfig": [{
    "name": [{"service": "nianbao.v1.CollectionService"}],
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The total of "stopped; calls: N ..." in a server's log, or -1.
long long LoggedCalls(const std::string& log) {
  std::smatch m;
  const std::string text = ReadText(log);
  if (!std::regex_search(text, m, std::regex("stopped; calls: ([0-9]+)"))) return -1;
  return std::stoll(m[1]);
}

// Counts of one client thread, merged at the end.
struct Tally {
  std::map<std::string, int> by_peer;  // successful calls per replica address
  int acked_increments = 0;
  int conflicts = 0;  // ABORTED updates, retried by re-reading
  std::vector<std::string> submitted;
  std::vector<std::string> failures;
};

class ScaleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& pg = testing::SharedPostgresServer();
    if (absl::IsNotFound(pg.status())) GTEST_SKIP() << pg.status().message();
    ASSERT_TRUE(pg.ok()) << pg.status();
    absl::StatusOr<std::string> uri = (*pg)->CreateDatabase("scale_test");
    ASSERT_TRUE(uri.ok()) << uri.status();
    dir_ = ::testing::TempDir() + "/scale_test";
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);

    std::vector<std::string> validation_addrs;
    for (int i = 0; i < kValidationReplicas; ++i) {
      auto p = testing::ServerProcess::Start(
          testing::BinaryPath("services/validation/nianbao-validation-server"), {}, dir_,
          absl::StrCat(dir_, "/validation-", i, ".log"));
      ASSERT_TRUE(p.ok()) << p.status();
      validation_addrs.push_back((*p)->target());
      validation_.push_back(*std::move(p));
    }
    // One target listing both validation replicas: the collection server's
    // service config balances round_robin over them.
    const std::string validation_target =
        absl::StrCat("ipv4:", absl::StrJoin(validation_addrs, ","));
    std::vector<std::string> collection_addrs;
    for (int i = 0; i < kCollectionReplicas; ++i) {
      auto p = testing::ServerProcess::Start(
          testing::BinaryPath("services/collection/nianbao-collection-server"),
          {"--store", *uri, "--validation-target", validation_target, "--drain-seconds", "1",
           "--shutdown-grace-seconds", "10"},
          dir_, absl::StrCat(dir_, "/collection-", i, ".log"));
      ASSERT_TRUE(p.ok()) << p.status();
      collection_addrs.push_back((*p)->target());
      collection_.push_back(*std::move(p));
    }
    collection_target_ = absl::StrCat("ipv4:", absl::StrJoin(collection_addrs, ","));
  }

  std::unique_ptr<v1::CollectionService::Stub> NewStub() {
    grpc::ChannelArguments args;
    args.SetServiceConfigJSON(kClientServiceConfig);
    args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
    // Each client its own connections, as separate processes would have.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return v1::CollectionService::NewStub(
        grpc::CreateCustomChannel(collection_target_, grpc::InsecureChannelCredentials(), args));
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& actor) {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("x-nianbao-actor", actor);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return c;
  }

  static v1::AnnualReport Seed() {
    v1::AnnualReport r;
    absl::Status st = report::ReadMessageFile(testing::SourcePath("examples/hongqiao-2020.json"),
                                              std::nullopt, &r);
    EXPECT_TRUE(st.ok()) << st;
    return r;
  }

  // One client: kIterations increments of the shared counter (read, add 1,
  // update with the etag read; ABORTED means another client got there
  // first: read again), and every kSubmitEvery-th iteration an agency of
  // its own with a report created and submitted (validated on the way).
  void Client(int id, std::atomic<int>* done_ops, Tally* t) {
    auto stub = NewStub();
    const std::string actor = absl::StrCat("client-", id);
    auto ok = [&](const grpc::Status& st, grpc::ClientContext& ctx, const std::string& what) {
      if (st.ok()) {
        ++t->by_peer[ctx.peer()];
        return true;
      }
      t->failures.push_back(absl::StrCat(actor, " ", what, ": ", st.error_code(), " ",
                                         st.error_message(), " (", ctx.peer(), ")"));
      return false;
    };
    for (int k = 0; k < kIterations; ++k) {
      for (;;) {
        v1::GetReportRequest get;
        get.set_name(kSharedReport);
        v1::Report r;
        auto gctx = Ctx(actor);
        if (!ok(stub->GetReport(gctx.get(), get, &r), *gctx, "GetReport")) break;
        v1::UpdateReportRequest update;
        *update.mutable_report() = r;
        v1::Count* c = update.mutable_report()
                           ->mutable_content()
                           ->mutable_applications()
                           ->mutable_new_received()
                           ->mutable_natural_person();
        c->set_value(c->value() + 1);
        update.mutable_update_mask()->add_paths("content.applications.new_received.natural_person");
        auto uctx = Ctx(actor);
        grpc::Status st = stub->UpdateReport(uctx.get(), update, &r);
        if (st.error_code() == grpc::StatusCode::ABORTED) {
          ++t->conflicts;
          continue;
        }
        if (ok(st, *uctx, "UpdateReport")) ++t->acked_increments;
        break;
      }
      if (k % kSubmitEvery == 0) {
        const std::string agency = absl::StrCat("c", id, "-", k);
        v1::CreateAgencyRequest ca;
        ca.set_agency_id(agency);
        ca.mutable_agency()->set_display_name(agency);
        ca.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
        v1::ReportingAgency a;
        auto actx = Ctx(actor);
        if (ok(stub->CreateAgency(actx.get(), ca, &a), *actx, "CreateAgency")) {
          v1::CreateReportRequest cr;
          cr.set_parent("agencies/" + agency);
          cr.set_request_id(absl::StrCat("scale-", agency));
          *cr.mutable_report()->mutable_content() = seed_;
          v1::Report r;
          auto rctx = Ctx(actor);
          if (ok(stub->CreateReport(rctx.get(), cr, &r), *rctx, "CreateReport")) {
            v1::SubmitReportRequest submit;
            submit.set_name(r.name());
            auto sctx = Ctx(actor);
            if (ok(stub->SubmitReport(sctx.get(), submit, &r), *sctx, "SubmitReport")) {
              t->submitted.push_back(r.name());
            }
          }
        }
      }
      done_ops->fetch_add(1);
    }
  }

  std::string dir_;
  std::vector<std::unique_ptr<testing::ServerProcess>> validation_, collection_;
  std::string collection_target_;
  v1::AnnualReport seed_ = Seed();
};

TEST_F(ScaleTest, ReplicasShareTheLoadAndLoseNothingWhenOneStops) {
  auto stub = NewStub();
  {
    v1::CreateAgencyRequest ca;
    ca.set_agency_id("shared");
    ca.mutable_agency()->set_display_name("shared");
    ca.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
    v1::ReportingAgency a;
    ASSERT_TRUE(stub->CreateAgency(Ctx("setup").get(), ca, &a).ok());
    v1::CreateReportRequest cr;
    cr.set_parent("agencies/shared");
    *cr.mutable_report()->mutable_content() = seed_;
    v1::Report r;
    grpc::Status st = stub->CreateReport(Ctx("setup").get(), cr, &r);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  const int64_t initial = seed_.applications().new_received().natural_person().value();

  std::atomic<int> done_ops{0};
  std::vector<Tally> tallies(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] { Client(i, &done_ops, &tallies[i]); });
  }
  // Half-way through, the last collection replica is stopped (SIGTERM: it
  // refuses new calls, finishes those in flight, exits).
  const int stopped = kCollectionReplicas - 1;
  const int stopped_port = collection_[stopped]->port();
  while (done_ops.load() < kClients * kIterations / 2) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const int ops_at_stop = done_ops.load();
  EXPECT_EQ(collection_[stopped]->Stop(), 0) << "replica " << stopped << " did not stop cleanly";
  for (std::thread& c : clients) c.join();

  Tally all;
  for (const Tally& t : tallies) {
    for (const auto& [peer, n] : t.by_peer) all.by_peer[peer] += n;
    all.acked_increments += t.acked_increments;
    all.conflicts += t.conflicts;
    all.submitted.insert(all.submitted.end(), t.submitted.begin(), t.submitted.end());
    all.failures.insert(all.failures.end(), t.failures.begin(), t.failures.end());
  }
  EXPECT_TRUE(all.failures.empty())
      << all.failures.size() << " calls failed, first: " << all.failures.front();
  EXPECT_EQ(all.acked_increments, kClients * kIterations);

  // No update lost: the counter is the seed's value plus every acknowledged
  // increment.
  v1::GetReportRequest get;
  get.set_name(kSharedReport);
  v1::Report final_report;
  ASSERT_TRUE(stub->GetReport(Ctx("check").get(), get, &final_report).ok());
  EXPECT_EQ(final_report.content().applications().new_received().natural_person().value(),
            initial + all.acked_increments);
  EXPECT_EQ(final_report.version(), 1 + all.acked_increments);
  // Every submitted report is there, SUBMITTED.
  EXPECT_EQ(all.submitted.size(), static_cast<size_t>(kClients * (kIterations / kSubmitEvery)));
  for (const std::string& name : all.submitted) {
    v1::GetReportRequest g;
    g.set_name(name);
    v1::Report r;
    ASSERT_TRUE(stub->GetReport(Ctx("check").get(), g, &r).ok()) << name;
    EXPECT_EQ(r.state(), v1::REPORT_STATE_SUBMITTED) << name;
  }

  for (int i = 0; i < kCollectionReplicas; ++i) {
    if (i != stopped) {
      EXPECT_EQ(collection_[i]->Stop(), 0);
    }
  }
  for (auto& v : validation_) EXPECT_EQ(v->Stop(), 0);

  std::cout << "scale test: " << kClients << " clients, " << kClients * kIterations
            << " increments (" << all.conflicts << " etag conflicts retried), "
            << all.submitted.size() << " reports submitted; collection replica " << stopped
            << " stopped after " << ops_at_stop << " of " << kClients * kIterations
            << " iterations\n";
  int client_calls = 0;
  for (const auto& [peer, n] : all.by_peer) client_calls += n;
  for (int i = 0; i < kCollectionReplicas; ++i) {
    const int port = i == stopped ? stopped_port : collection_[i]->port();
    const int share = all.by_peer[absl::StrCat("ipv4:127.0.0.1:", port)];
    const long long logged = LoggedCalls(absl::StrCat(dir_, "/collection-", i, ".log"));
    std::cout << "  collection replica " << i << " (port " << port << ")"
              << (i == stopped ? " [stopped mid-load]" : "") << ": " << share
              << " successful client calls (" << (client_calls ? 100 * share / client_calls : 0)
              << "%), server counted " << logged << " calls\n";
    EXPECT_GT(share, 0) << "collection replica " << i << " served nothing";
    EXPECT_GE(logged, share) << "replica " << i;
  }
  for (int i = 0; i < kValidationReplicas; ++i) {
    const long long logged = LoggedCalls(absl::StrCat(dir_, "/validation-", i, ".log"));
    std::cout << "  validation replica " << i << ": server counted " << logged << " calls\n";
    EXPECT_GT(logged, 0) << "validation replica " << i << " served nothing";
  }
}

}  // namespace
}  // namespace nianbao
