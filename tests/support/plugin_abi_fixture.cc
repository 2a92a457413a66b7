#include "tests/support/plugin_abi_fixture.h"

#include <dlfcn.h>

#include <cstdint>
#include <cstring>
#include <utility>

#include "tests/test_support.h"

namespace nianbao::testing {

PluginAbiTest::PluginAbiTest(std::string plugin_path) : plugin_path_(std::move(plugin_path)) {}

void PluginAbiTest::SetUp() {
  const std::string path = BinaryPath(plugin_path_);
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  ASSERT_NE(handle_, nullptr) << dlerror();
  auto entry = reinterpret_cast<NianbaoRendererEntryFn>(dlsym(handle_, NIANBAO_RENDERER_ENTRY));
  ASSERT_NE(entry, nullptr) << dlerror();
  plugin_ = entry();
  ASSERT_NE(plugin_, nullptr);
}

void PluginAbiTest::TearDown() {
  if (handle_ != nullptr) dlclose(handle_);
}

void PluginAbiTest::ExpectDescribes(const std::string& name, const std::string& mime_type,
                                    const std::string& file_extension) const {
  EXPECT_EQ(plugin_->abi_version, NIANBAO_RENDERER_ABI_VERSION);
  EXPECT_EQ(plugin_->struct_size, sizeof(NianbaoRendererPlugin));
  EXPECT_STREQ(plugin_->name, name.c_str());
  EXPECT_STREQ(plugin_->mime_type, mime_type.c_str());
  EXPECT_STREQ(plugin_->file_extension, file_extension.c_str());
  EXPECT_GT(std::strlen(plugin_->version), 0u);
  EXPECT_GT(std::strlen(plugin_->description), 0u);
}

std::string PluginAbiTest::ExpectRenders(const std::string& request) const {
  NianbaoRenderOutput out{};
  const int rc =
      plugin_->render(reinterpret_cast<const uint8_t*>(request.data()), request.size(), &out);
  EXPECT_EQ(rc, 0) << (out.error != nullptr ? out.error : "");
  EXPECT_EQ(out.error, nullptr);
  EXPECT_NE(out.data, nullptr);
  const std::string bytes =
      out.data != nullptr ? std::string(reinterpret_cast<const char*>(out.data), out.size) : "";
  plugin_->free_output(&out);
  EXPECT_EQ(out.data, nullptr);
  return rc == 0 ? bytes : "";
}

void PluginAbiTest::ExpectRenderFails(const std::string& request,
                                      const std::string& error_part) const {
  NianbaoRenderOutput out{};
  EXPECT_NE(plugin_->render(reinterpret_cast<const uint8_t*>(request.data()), request.size(), &out),
            0);
  EXPECT_EQ(out.data, nullptr);
  EXPECT_NE(out.error, nullptr);
  if (out.error != nullptr) {
    EXPECT_NE(std::string(out.error).find(error_part), std::string::npos) << out.error;
  }
  plugin_->free_output(&out);
}

}  // namespace nianbao::testing
