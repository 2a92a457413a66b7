// In-process PDF rendering of the examples, warm: fonts parsed, ICU loaded
// and the report's font subsets cached by a first render; each iteration
// then renders the whole report (layout, line breaking, tables, libharu,
// page compression) from a prepared RenderRequest. RenderUncachedSubsets
// also cuts and deflates the font subsets in every iteration.
//
//   build/bench/pdf_render_benchmark --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
//
// Instruction counts of one warm render (bench/pdf_render_callgrind.sh).
#include <string>

#include "benchmark/benchmark.h"
#include "plugins/pdf/font_subset.h"
#include "plugins/pdf/pdf_renderer.h"
#include "renderers/document_builder.h"
#include "report/report_io.h"

namespace {

nianbao::v1::RenderRequest Request(const std::string& example) {
  nianbao::v1::RenderRequest request;
  const std::string path = std::string(NIANBAO_SOURCE_DIR) + "/examples/" + example;
  absl::Status read =
      nianbao::report::ReadMessageFile(path, std::nullopt, request.mutable_report());
  if (!read.ok()) std::abort();
  auto document = nianbao::renderers::BuildDocument(request.report());
  if (!document.ok()) std::abort();
  *request.mutable_document() = *document;
  request.mutable_options()->set_deterministic(true);
  return request;
}

void RenderWarm(benchmark::State& state, const std::string& example) {
  const nianbao::v1::RenderRequest request = Request(example);
  auto first = nianbao::pdf::RenderPdf(request);  // warm-up: fonts, ICU data
  if (!first.ok()) {
    state.SkipWithError(std::string(first.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto pdf = nianbao::pdf::RenderPdf(request);
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["bytes"] = static_cast<double>(first->size());
}

// The same, but every render subsets and compresses its fonts anew, as for
// a report never rendered before (font_subset.h caches subsets by
// character set).
void RenderUncachedSubsets(benchmark::State& state, const std::string& example) {
  const nianbao::v1::RenderRequest request = Request(example);
  auto first = nianbao::pdf::RenderPdf(request);
  if (!first.ok()) {
    state.SkipWithError(std::string(first.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    nianbao::pdf::ClearSubsetCache();
    auto pdf = nianbao::pdf::RenderPdf(request);
    benchmark::DoNotOptimize(pdf);
  }
}

BENCHMARK_CAPTURE(RenderUncachedSubsets, seed, std::string("hongqiao-2020.json"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RenderWarm, seed, std::string("hongqiao-2020.json"))
    ->Unit(benchmark::kMillisecond);
// Exactly 1 and 11 iterations, for bench/callgrind_count.sh: the difference
// of the two runs' instructions divided by 10 is one warm render of the seed.
BENCHMARK_CAPTURE(RenderWarm, seed, std::string("hongqiao-2020.json"))
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RenderWarm, seed, std::string("hongqiao-2020.json"))
    ->Iterations(11)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RenderWarm, city2021, std::string("example-city-2022.json"))
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
