// How long rendering takes: the whole path through the plugin host (build
// the Document, serialize the request, dlopen'ed text.so lays it out), the
// text layout alone, and loading the plugin directories. Numbers go in
// docs/performance.md.
#include "benchmark/benchmark.h"
#include "nianbao/v1/render.pb.h"
#include "plugins/text/text_renderer.h"
#include "renderers/document_builder.h"
#include "renderers/renderer.h"
#include "report/report_io.h"

namespace nianbao {
namespace {

v1::AnnualReport Load(const char* name) {
  v1::AnnualReport report;
  const auto s = report::ReadMessageFile(std::string(NIANBAO_SOURCE_DIR "/examples/") + name,
                                         std::nullopt, &report);
  if (!s.ok()) std::abort();
  return report;
}

void BM_RenderThroughHost(benchmark::State& state, const char* example) {
  const v1::AnnualReport report = Load(example);
  renderers::Renderer renderer(renderers::PluginRegistry::Create({}, nullptr));
  for (auto _ : state) {
    auto out = renderer.Render(report, "text");
    if (!out.ok()) state.SkipWithError("render failed");
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK_CAPTURE(BM_RenderThroughHost, seed_2020, "hongqiao-2020.json")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RenderThroughHost, city_2022, "example-city-2022.json")
    ->Unit(benchmark::kMillisecond);

void BM_TextLayoutOnly(benchmark::State& state) {
  auto document = renderers::BuildDocument(Load("hongqiao-2020.json"));
  if (!document.ok()) std::abort();
  for (auto _ : state) {
    auto text = text::RenderText(*document, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_TextLayoutOnly)->Arg(100)->Arg(60)->Unit(benchmark::kMillisecond);

void BM_BuildDocument(benchmark::State& state) {
  const v1::AnnualReport report = Load("hongqiao-2020.json");
  for (auto _ : state) benchmark::DoNotOptimize(renderers::BuildDocument(report));
}
BENCHMARK(BM_BuildDocument)->Unit(benchmark::kMicrosecond);

void BM_LoadPlugins(benchmark::State& state) {
  for (auto _ : state) {
    auto registry = renderers::PluginRegistry::Create({}, nullptr);
    benchmark::DoNotOptimize(registry->List());
  }
}
BENCHMARK(BM_LoadPlugins)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nianbao

BENCHMARK_MAIN();
