// Fuzz target: the plugin host (loader, registry, Renderer) against a plugin
// that misbehaves as the fuzz input says (fake_plugin.cc): wrong ABI version
// or struct size, missing or malformed names and functions, failures with
// and without error text, data without size and size without data. The host
// must refuse or report every such answer, never crash, and pass good output
// through byte for byte.
#include <dlfcn.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_support.h"
#include "renderers/document_builder.h"
#include "renderers/plugin_registry.h"
#include "renderers/renderer.h"

namespace {

using SetFn = void (*)(const uint8_t*, size_t);

SetFn Setter() {
  static SetFn set = [] {
    // Held open for the process's life, so LoadPlugin's dlopen/dlclose of
    // the same file never unloads it between inputs.
    void* handle = dlopen(NIANBAO_FUZZ_FAKE_PLUGIN, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      fprintf(stderr, "cannot load %s: %s\n", NIANBAO_FUZZ_FAKE_PLUGIN, dlerror());
      abort();
    }
    return reinterpret_cast<SetFn>(dlsym(handle, "nianbao_fuzz_fake_plugin_set"));
  }();
  return set;
}

const nianbao::v1::AnnualReport& Report() {
  static const auto* report = [] {
    auto* r = new nianbao::v1::AnnualReport();
    if (!nianbao::report::ReadMessageFile(NIANBAO_SOURCE_DIR "/examples/example-city-2022.json",
                                          std::nullopt, r)
             .ok()) {
      abort();
    }
    return r;
  }();
  return *report;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "host invariant broken: %s\n", what);
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Setter()(data, size);
  auto plugin = nianbao::renderers::LoadPlugin(NIANBAO_FUZZ_FAKE_PLUGIN);
  if (!plugin.ok()) return 0;
  Check(nianbao::renderers::IsValidFormatName((*plugin)->name()), "accepted a bad format name");

  auto registry = std::make_shared<nianbao::renderers::PluginRegistry>([](absl::string_view) {});
  if (!registry->Add(*plugin).ok()) return 0;
  nianbao::renderers::Renderer renderer(registry);
  auto out = renderer.Render(Report(), (*plugin)->name());
  if (out.ok()) {
    Check(out->format == (*plugin)->name(), "output names another format");
    Check(out->mime_type == (*plugin)->mime_type(), "output has another MIME type");
  } else {
    Check(out.status().code() == absl::StatusCode::kInternal, "plugin failure not INTERNAL");
    Check(out.status().message().find((*plugin)->name()) != absl::string_view::npos,
          "plugin failure does not name the plugin");
  }
  return 0;
}
