// A renderer "plugin" for plugin_output_fuzzer whose every answer comes from
// the fuzz input: its descriptor (ABI version, size, names, missing
// functions) and what render() returns (status, output bytes, claimed size,
// error text). The fuzzer hands it the input through the exported
// nianbao_fuzz_fake_plugin_set() before loading it.
//
// It lies only in ways the host can detect: it never claims more output bytes
// than it allocated, and its strings are NUL-terminated (as the C ABI
// requires and no host could check).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "nianbao/renderer_plugin.h"

namespace {

std::string input;
size_t pos = 0;
NianbaoRendererPlugin descriptor;
std::string name, version, description, mime_type, file_extension;

uint8_t Byte() { return pos < input.size() ? static_cast<uint8_t>(input[pos++]) : 0; }
uint32_t U32() {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = v << 8 | Byte();
  return v;
}
std::string String() {
  size_t want = Byte() % 80;
  if (want > input.size() - pos) want = input.size() - pos;
  std::string s = input.substr(pos, want);
  pos += want;
  // The C ABI's strings end at the first NUL.
  return s.substr(0, s.find('\0'));
}

int Render(const uint8_t*, size_t, NianbaoRenderOutput* out) {
  const uint8_t how = Byte();
  const int rc = (how & 1) ? static_cast<int>(U32()) : 0;
  if (how & 2) {
    const std::string bytes = String();
    out->data = static_cast<uint8_t*>(malloc(bytes.size() + 1));
    memcpy(out->data, bytes.data(), bytes.size());
    out->size = (how & 4) ? Byte() % (bytes.size() + 1) : bytes.size();
  } else if (how & 4) {
    out->size = U32();  // a size without data
  }
  if (how & 8) {
    const std::string error = String();
    out->error = strdup(error.c_str());
  }
  return rc;
}

void FreeOutput(NianbaoRenderOutput* out) {
  free(out->data);
  free(out->error);
  out->data = nullptr;
  out->error = nullptr;
}

}  // namespace

extern "C" NIANBAO_RENDERER_EXPORT void nianbao_fuzz_fake_plugin_set(const uint8_t* data,
                                                                     size_t size) {
  input.assign(reinterpret_cast<const char*>(data), size);
  pos = 0;
  const uint8_t flags = Byte();
  descriptor.abi_version = (flags & 1) ? U32() : NIANBAO_RENDERER_ABI_VERSION;
  descriptor.struct_size = (flags & 2) ? U32() : sizeof(NianbaoRendererPlugin);
  name = String();
  version = String();
  description = String();
  mime_type = String();
  file_extension = String();
  const uint8_t nulls = Byte();
  descriptor.name = (nulls & 1) ? nullptr : name.c_str();
  descriptor.version = (nulls & 2) ? nullptr : version.c_str();
  descriptor.description = (nulls & 4) ? nullptr : description.c_str();
  descriptor.mime_type = (nulls & 8) ? nullptr : mime_type.c_str();
  descriptor.file_extension = (nulls & 16) ? nullptr : file_extension.c_str();
  descriptor.render = (nulls & 32) ? nullptr : Render;
  descriptor.free_output = (nulls & 64) ? nullptr : FreeOutput;
}

extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &descriptor;
}
