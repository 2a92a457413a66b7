// AggregateReports over N stored, published reports (1k, 10k, 50k): the
// whole RPC through an in-process gRPC channel to CollectionServiceImpl on a
// SQLite store file — walk the agency tree, read and parse every report,
// sum every cell, store the parent's new version. The store is filled once
// per N by direct store inserts (stored_reports.h); filling is timed too and
// reported as the fill_s counter. One untimed call comes first (process-wide
// set-up, and the parent's report is created); each timed call updates it.
// process_cpu_ms is the CPU of the whole process per call. Also the pure
// summation (SumReports) for scale.
//
//   build/bench/aggregate_bench
//   NIANBAO_BENCH_STORE=postgresql://... build/bench/aggregate_bench   (an empty database)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/stored_reports.h"
#include "benchmark/benchmark.h"
#include "grpcpp/grpcpp.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "report/report_io.h"
#include "services/collection/aggregate.h"
#include "services/collection/collection_service.h"

namespace nianbao::bench {
namespace {

v1::AnnualReport Seed() {
  v1::AnnualReport report;
  if (!report::ReadMessageFile(NIANBAO_SOURCE_DIR "/examples/hongqiao-2020.json", std::nullopt,
                               &report)
           .ok()) {
    std::abort();
  }
  return report;
}

// Aggregation never validates; any call here is a bug in the benchmark.
class NoValidator final : public collection::ReportValidator {
 public:
  absl::StatusOr<v1::ValidateReportResponse> Validate(const v1::AnnualReport&,
                                                      const v1::AnnualReport*) override {
    return absl::InternalError("not used by AggregateReports");
  }
};

double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

void BM_AggregateReports(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  // NIANBAO_BENCH_STORE=postgres://... runs on that (empty) PostgreSQL
  // database instead of a fresh SQLite file; each N gets its own root agency.
  const char* pg = std::getenv("NIANBAO_BENCH_STORE");
  const std::string path = absl::StrCat("/tmp/nianbao-aggregate-bench-", getpid(), "-", n, ".db");
  const std::string root = pg != nullptr ? absl::StrCat("province-", n) : "province";
  if (pg == nullptr) std::remove(path.c_str());
  auto store = collection::OpenStore(pg != nullptr ? std::string(pg) : "sqlite:" + path);
  if (!store.ok()) {
    state.SkipWithError(std::string(store.status().message()).c_str());
    return;
  }
  const v1::AnnualReport seed = Seed();
  const absl::Time fill_start = absl::Now();
  if (absl::Status s = StorePublishedReports(**store, root, seed, n); !s.ok()) {
    state.SkipWithError(std::string(s.message()).c_str());
    return;
  }
  const double fill_s = absl::ToDoubleSeconds(absl::Now() - fill_start);

  NoValidator validator;
  collection::CollectionServiceImpl service(store->get(), &validator, nullptr);
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  builder.SetMaxSendMessageSize(64 << 20);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  auto stub = v1::CollectionService::NewStub(server->InProcessChannel(args));

  v1::AggregateReportsRequest request;
  request.set_parent("agencies/" + root);
  request.set_year(seed.year());
  // One call before timing, as a running server has made: the first call
  // in a process also builds the format definition and the summing plans,
  // and creates the parent's report (later calls update it).
  {
    grpc::ClientContext context;
    v1::AggregateReportsResponse response;
    grpc::Status st = stub->AggregateReports(&context, request, &response);
    // (The timed loop then does not run; the cleanup below still does.)
    if (!st.ok()) state.SkipWithError(st.error_message().c_str());
  }
  int included = 0;
  // CPU of the whole process (the server thread does the work; the
  // benchmark's CPU column is the client thread's): steadier than wall time
  // on a shared machine.
  const double cpu_start = ProcessCpuSeconds();
  for (auto _ : state) {
    grpc::ClientContext context;
    v1::AggregateReportsResponse response;
    grpc::Status st = stub->AggregateReports(&context, request, &response);
    if (!st.ok()) {
      state.SkipWithError(st.error_message().c_str());
      break;
    }
    included = response.included_reports_size();
  }
  if (state.iterations() > 0) {
    state.counters["process_cpu_ms"] =
        (ProcessCpuSeconds() - cpu_start) * 1e3 / static_cast<double>(state.iterations());
  }
  state.counters["reports"] = included;
  state.counters["fill_s"] = fill_s;
  state.counters["per_report_us"] = benchmark::Counter(
      static_cast<double>(n) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  server->Shutdown();
  store->reset();
  if (pg == nullptr) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
}
BENCHMARK(BM_AggregateReports)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

// The summation alone, over N in-memory copies of the seed.
void BM_SumReports(benchmark::State& state) {
  const v1::AnnualReport seed = Seed();
  std::vector<const v1::AnnualReport*> inputs(static_cast<size_t>(state.range(0)), &seed);
  for (auto _ : state) {
    auto sum = collection::SumReports(inputs, seed.edition(), seed.year());
    if (!sum.ok()) state.SkipWithError("sum failed");
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumReports)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nianbao::bench

BENCHMARK_MAIN();
