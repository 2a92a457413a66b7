// Fuzz target: arbitrary bytes as the serialized RenderRequest handed to each
// renderer plugin (text, HTML, PDF). The ABI makes the request plain bytes, so
// a plugin must survive any of them (a Document no builder would make: spans
// past the table, empty rows, deep nesting, odd option values) and answer
// with output or an error.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (const auto& plugin : nianbao::fuzz::BuiltPlugins()) {
    plugin->Render(nianbao::fuzz::Bytes(data, size)).IgnoreError();
  }
  return 0;
}
