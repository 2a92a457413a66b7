// How long importing takes: the seed's scraped text (flattened tables), and
// the 2021 example rendered by the text plugin (box-drawn tables) and by the
// HTML plugin (gumbo, rowspan/colspan grids) and the PDF plugin (poppler,
// tables from ruling lines). Numbers go in
// docs/performance.md.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "benchmark/benchmark.h"
#include "importer/importer.h"
#include "nianbao/v1/render.pb.h"
#include "plugins/html/html_renderer.h"
#include "plugins/pdf/pdf_renderer.h"
#include "plugins/text/text_renderer.h"
#include "renderers/document_builder.h"
#include "report/report_io.h"

namespace nianbao {
namespace {

v1::RenderRequest Request(const char* name) {
  v1::RenderRequest request;
  const auto s = report::ReadMessageFile(std::string(NIANBAO_SOURCE_DIR "/examples/") + name,
                                         std::nullopt, request.mutable_report());
  if (!s.ok()) std::abort();
  auto document = renderers::BuildDocument(request.report());
  if (!document.ok()) std::abort();
  *request.mutable_document() = *document;
  return request;
}

void Import(benchmark::State& state, const std::string& bytes, const char* name) {
  for (auto _ : state) {
    auto result = importer::ImportReport(bytes, name, v1::SOURCE_FORMAT_UNSPECIFIED);
    if (!result.ok()) std::abort();
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(state.iterations() * bytes.size());
}

void BM_ImportSeedText(benchmark::State& state) {
  std::ifstream in(NIANBAO_SHARED_DIR "/seed/hongqiao-2020-annual-report.txt");
  if (!in) {
    state.SkipWithError("seed not found");
    return;
  }
  std::stringstream text;
  text << in.rdbuf();
  Import(state, text.str(), "seed.txt");
}
BENCHMARK(BM_ImportSeedText)->Unit(benchmark::kMillisecond);

void BM_ImportTextPlugin(benchmark::State& state) {
  auto text = text::RenderText(Request("example-city-2022.json"));
  if (!text.ok()) std::abort();
  Import(state, *text, "city.txt");
}
BENCHMARK(BM_ImportTextPlugin)->Unit(benchmark::kMillisecond);

void BM_ImportHtmlPlugin(benchmark::State& state) {
  auto html = html::RenderHtml(Request("example-city-2022.json"));
  if (!html.ok()) std::abort();
  Import(state, *html, "city.html");
}
BENCHMARK(BM_ImportHtmlPlugin)->Unit(benchmark::kMillisecond);

void BM_ImportPdfPlugin(benchmark::State& state) {
  auto pdf = pdf::RenderPdf(Request("example-city-2022.json"));
  if (!pdf.ok()) std::abort();
  Import(state, *pdf, "city.pdf");
}
BENCHMARK(BM_ImportPdfPlugin)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nianbao

BENCHMARK_MAIN();
