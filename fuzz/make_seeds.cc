// Writes the fuzzers' seed corpora from example reports (scripts/fuzz.sh):
//   <out>/report/<name>.json and .binpb     report_validate_fuzzer, render_fuzzer
//   <out>/request/<name>.binpb              plugin_request_fuzzer (RenderRequest)
//   <out>/import/<name>.txt and .html       importer_fuzzer (as the plugins print it)
// Usage: nianbao_fuzz_seeds <out-dir> <report.json>...
#include <cstdio>
#include <filesystem>
#include <string>

#include "nianbao/v1/render.pb.h"
#include "plugins/html/html_renderer.h"
#include "plugins/text/text_renderer.h"
#include "renderers/document_builder.h"
#include "report/report_io.h"

namespace {

bool Write(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  auto status = nianbao::report::WriteFile(path.string(), bytes);
  if (!status.ok()) fprintf(stderr, "%s\n", std::string(status.message()).c_str());
  return status.ok();
}

bool Seeds(const std::filesystem::path& out, const std::string& json_path) {
  using nianbao::report::Encoding;
  nianbao::v1::RenderRequest request;
  auto status =
      nianbao::report::ReadMessageFile(json_path, Encoding::kJson, request.mutable_report());
  auto document = nianbao::renderers::BuildDocument(request.report());
  if (!status.ok() || !document.ok()) {
    fprintf(stderr, "%s: cannot build a document\n", json_path.c_str());
    return false;
  }
  *request.mutable_document() = *std::move(document);
  const std::string stem = std::filesystem::path(json_path).stem();
  auto json = nianbao::report::Serialize(request.report(), Encoding::kJson);
  auto text = nianbao::text::RenderText(request);
  auto html = nianbao::html::RenderHtml(request);
  return json.ok() && text.ok() && html.ok() && Write(out / "report" / (stem + ".json"), *json) &&
         Write(out / "report" / (stem + ".binpb"), request.report().SerializeAsString()) &&
         Write(out / "request" / (stem + ".binpb"), request.SerializeAsString()) &&
         Write(out / "import" / (stem + ".txt"), *text) &&
         Write(out / "import" / (stem + ".html"), *html);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <out-dir> <report.json>...\n", argv[0]);
    return 2;
  }
  for (int i = 2; i < argc; ++i) {
    if (!Seeds(argv[1], argv[i])) return 1;
  }
  return 0;
}
