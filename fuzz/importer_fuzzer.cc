// Fuzz target: the importer (text and HTML; the kind is detected from the
// bytes as `nianbao import` does) on arbitrary bytes. It must reject or
// import, never crash; what it imports must serialize.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "importer/importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes = nianbao::fuzz::Bytes(data, size);
  auto format = nianbao::importer::DetectSourceFormat("", bytes);
  // PDF goes through poppler, which is not ours to fuzz here.
  if (format == nianbao::v1::SOURCE_FORMAT_PDF) return 0;
  auto result = nianbao::importer::ImportReport(bytes, "", format);
  if (result.ok()) {
    std::string out;
    result->SerializeToString(&out);
  }
  return 0;
}
