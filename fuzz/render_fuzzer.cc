// Fuzz target: a report (proto3 JSON or binary) through the document builder
// and then each renderer plugin of this build (text, HTML, PDF), in process
// through the plugin C ABI as the host calls it. A plugin may refuse a
// report with an error; it must not crash or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz/fuzz_support.h"
#include "nianbao/v1/render.pb.h"
#include "renderers/document_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& plugins = nianbao::fuzz::BuiltPlugins();
  nianbao::v1::RenderRequest request;
  if (!nianbao::fuzz::ParseReport(nianbao::fuzz::Bytes(data, size), request.mutable_report())) {
    return 0;
  }
  auto document = nianbao::renderers::BuildDocument(request.report());
  if (!document.ok()) return 0;
  *request.mutable_document() = *std::move(document);
  std::string serialized;
  if (!request.SerializeToString(&serialized)) abort();
  for (const auto& plugin : plugins) plugin->Render(serialized).IgnoreError();
  return 0;
}
