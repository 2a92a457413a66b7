// The rule engine in-process on the examples (Google Benchmark). Aim: below
// 20 µs per report. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "google/protobuf/arena.h"
#include "nianbao/v1/report.pb.h"
#include "nianbao/v1/validation.pb.h"
#include "report/report_io.h"
#include "services/validation/rule.h"
#include "services/validation/rule_context.h"
#include "services/validation/rule_engine.h"

namespace {

nianbao::v1::AnnualReport Load(const char* name) {
  nianbao::v1::AnnualReport r;
  auto s = nianbao::report::ReadMessageFile(std::string(NIANBAO_SOURCE_DIR "/examples/") + name,
                                            std::nullopt, &r);
  if (!s.ok()) {
    std::cerr << s << "\n";
    std::abort();
  }
  return r;
}

void Run(benchmark::State& state, const nianbao::v1::AnnualReport& report,
         const nianbao::v1::AnnualReport* previous) {
  nianbao::v1::ValidateReportResponse response;
  nianbao::validation::Validate(report, previous, &response);  // warm the layouts
  for (auto _ : state) {
    nianbao::validation::Validate(report, previous, &response);
    benchmark::DoNotOptimize(response.error_count());
  }
  state.counters["violations"] = response.violations_size();
}

void BM_ValidateSeed(benchmark::State& state) {
  static const auto report = Load("hongqiao-2020.json");
  Run(state, report, nullptr);
}
BENCHMARK(BM_ValidateSeed);
// Exactly 1 and 11 iterations, for bench/callgrind_count.sh (instructions of
// one steady-state validation, stable under machine load).
BENCHMARK(BM_ValidateSeed)->Iterations(1);
BENCHMARK(BM_ValidateSeed)->Iterations(11);

void BM_ValidateSeedWithPrevious(benchmark::State& state) {
  static const auto report = Load("hongqiao-2020.json");
  static const auto previous = [] {
    auto p = Load("hongqiao-2020.json");
    p.set_year(2019);
    return p;
  }();
  Run(state, report, &previous);
}
BENCHMARK(BM_ValidateSeedWithPrevious);

void BM_ValidateCity2022(benchmark::State& state) {
  static const auto report = Load("example-city-2022.json");
  Run(state, report, nullptr);
}
BENCHMARK(BM_ValidateCity2022);

// A broken report: every violation is formatted (labels, zh/en messages).
void BM_ValidateBrokenSeed(benchmark::State& state) {
  static const auto report = [] {
    auto r = Load("hongqiao-2020.json");
    r.mutable_applications()->mutable_new_received()->mutable_total()->set_value(1);
    r.mutable_review_litigation()->mutable_reconsideration()->mutable_upheld()->set_value(3);
    return r;
  }();
  Run(state, report, nullptr);
}
BENCHMARK(BM_ValidateBrokenSeed);

// For scale: what the server spends parsing the same report off the wire.
void BM_ParseSeedRequest(benchmark::State& state) {
  nianbao::v1::ValidateReportRequest request;
  *request.mutable_report() = Load("hongqiao-2020.json");
  const std::string wire = request.SerializeAsString();
  for (auto _ : state) {
    nianbao::v1::ValidateReportRequest parsed;
    benchmark::DoNotOptimize(parsed.ParseFromString(wire));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * wire.size()));
}
BENCHMARK(BM_ParseSeedRequest);

// The same parse into an arena, as nianbao-validation-server does.
void BM_ParseSeedRequestArena(benchmark::State& state) {
  nianbao::v1::ValidateReportRequest request;
  *request.mutable_report() = Load("hongqiao-2020.json");
  const std::string wire = request.SerializeAsString();
  google::protobuf::ArenaOptions options;
  options.start_block_size = 32 << 10;
  for (auto _ : state) {
    google::protobuf::Arena arena(options);
    auto* parsed =
        google::protobuf::Arena::CreateMessage<nianbao::v1::ValidateReportRequest>(&arena);
    benchmark::DoNotOptimize(parsed->ParseFromString(wire));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * wire.size()));
}
BENCHMARK(BM_ParseSeedRequestArena);

// Where the time goes: building the context (fetching every cell once), and
// each rule on its own over a prepared context. The prose rules share one
// scan of the narrative (cached in the context), so the prose scan is timed
// with the first prose rule on a fresh context each iteration.
void BM_Context(benchmark::State& state) {
  static const auto report = Load("hongqiao-2020.json");
  for (auto _ : state) {
    nianbao::validation::RuleContext ctx(report, nullptr);
    benchmark::DoNotOptimize(&ctx);
  }
}
BENCHMARK(BM_Context);

void BM_Rule(benchmark::State& state, const nianbao::validation::Rule* rule) {
  static const auto report = Load("hongqiao-2020.json");
  nianbao::v1::ValidateReportResponse response;
  for (auto _ : state) {
    nianbao::validation::RuleContext ctx(report, nullptr);
    nianbao::validation::Findings out(response.mutable_violations());
    rule->check(*rule, ctx, out);
    response.clear_violations();
  }
}

const int kRegistered = [] {
  for (const nianbao::validation::Rule* r : nianbao::validation::AllRules()) {
    if (r->check == nullptr) continue;
    benchmark::RegisterBenchmark((std::string("BM_Rule/") + r->id).c_str(), BM_Rule, r);
  }
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
