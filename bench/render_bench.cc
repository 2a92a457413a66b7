// The render path the collection service's RenderReport runs, in-process,
// for both examples: building the neutral Document from a report, then each
// renderer plugin (text, html, pdf) through the plugin host — serialize the
// RenderRequest, the dlopen'ed plugin parses and paints it. The renderers'
// internals have their own benchmarks (plugins/text/text_render_bench,
// bench/pdf_render_benchmark); this one compares the formats on one path.
//
//   build/bench/render_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <string>

#include "benchmark/benchmark.h"
#include "renderers/document_builder.h"
#include "renderers/renderer.h"
#include "report/report_io.h"

namespace nianbao::bench {
namespace {

v1::AnnualReport Load(const std::string& name) {
  v1::AnnualReport report;
  if (!report::ReadMessageFile(std::string(NIANBAO_SOURCE_DIR "/examples/") + name, std::nullopt,
                               &report)
           .ok()) {
    std::abort();
  }
  return report;
}

void BM_BuildDocument(benchmark::State& state, const std::string& example) {
  const v1::AnnualReport report = Load(example);
  for (auto _ : state) benchmark::DoNotOptimize(renderers::BuildDocument(report));
}

// Document built once, as RenderReport would if it cached it; the render
// alone through the host.
void BM_Render(benchmark::State& state, const std::string& format, const std::string& example) {
  const v1::AnnualReport report = Load(example);
  auto document = renderers::BuildDocument(report);
  if (!document.ok()) std::abort();
  renderers::Renderer renderer(renderers::PluginRegistry::Create({}, nullptr));
  auto first = renderer.RenderDocument(report, *document, format);  // warm: fonts, ICU data
  if (!first.ok()) {
    state.SkipWithError(std::string(first.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto out = renderer.RenderDocument(report, *document, format);
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes"] = static_cast<double>(first->bytes.size());
}

const std::string kSeed = "hongqiao-2020.json";
const std::string kCity = "example-city-2022.json";

BENCHMARK_CAPTURE(BM_BuildDocument, seed, kSeed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BuildDocument, city2021, kCity)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Render, text_seed, std::string("text"), kSeed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Render, text_city2021, std::string("text"), kCity)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Render, html_seed, std::string("html"), kSeed)->Unit(benchmark::kMicrosecond);
// Exactly 1 and 11 iterations, for bench/callgrind_count.sh.
BENCHMARK_CAPTURE(BM_Render, html_seed, std::string("html"), kSeed)->Iterations(1);
BENCHMARK_CAPTURE(BM_Render, html_seed, std::string("html"), kSeed)->Iterations(11);
BENCHMARK_CAPTURE(BM_Render, html_city2021, std::string("html"), kCity)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Render, pdf_seed, std::string("pdf"), kSeed)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Render, pdf_city2021, std::string("pdf"), kCity)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nianbao::bench

BENCHMARK_MAIN();
