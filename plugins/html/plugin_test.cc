// Loads html.so from the build tree through the C ABI, as the plugin host
// does, and renders the seed through it.
#include <dlfcn.h>

#include <cstring>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

class HtmlPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = testing::BinaryPath("plugins/html.so");
    // RTLD_NODELETE as the host loads it (renderers/plugin_loader.cc).
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    ASSERT_NE(handle_, nullptr) << dlerror();
    auto entry = reinterpret_cast<NianbaoRendererEntryFn>(dlsym(handle_, NIANBAO_RENDERER_ENTRY));
    ASSERT_NE(entry, nullptr) << dlerror();
    plugin_ = entry();
    ASSERT_NE(plugin_, nullptr);
  }
  void TearDown() override {
    if (handle_ != nullptr) dlclose(handle_);
  }

  void* handle_ = nullptr;
  const NianbaoRendererPlugin* plugin_ = nullptr;
};

TEST_F(HtmlPluginTest, DescribesItself) {
  EXPECT_EQ(plugin_->abi_version, NIANBAO_RENDERER_ABI_VERSION);
  EXPECT_EQ(plugin_->struct_size, sizeof(NianbaoRendererPlugin));
  EXPECT_STREQ(plugin_->name, "html");
  EXPECT_STREQ(plugin_->mime_type, "text/html; charset=utf-8");
  EXPECT_STREQ(plugin_->file_extension, "html");
  EXPECT_GT(std::strlen(plugin_->description), 0u);
}

TEST_F(HtmlPluginTest, RendersTheSeed) {
  v1::RenderRequest request;
  *request.mutable_report() = testing::LoadExample("hongqiao-2020.json");
  auto doc = renderers::BuildDocument(request.report());
  ASSERT_TRUE(doc.ok()) << doc.status();
  *request.mutable_document() = *doc;
  const std::string bytes = request.SerializeAsString();
  NianbaoRenderOutput out{};
  ASSERT_EQ(plugin_->render(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &out), 0)
      << (out.error ? out.error : "");
  ASSERT_NE(out.data, nullptr);
  const std::string html(reinterpret_cast<const char*>(out.data), out.size);
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>")) << html.substr(0, 40);
  EXPECT_NE(html.find("红桥区2020年政府信息公开工作报告"), std::string::npos);
  EXPECT_EQ(out.error, nullptr);
  plugin_->free_output(&out);
  EXPECT_EQ(out.data, nullptr);
}

TEST_F(HtmlPluginTest, ReportsErrorsAsText) {
  const std::string garbage = "\xff\xff\xff not a protobuf";
  NianbaoRenderOutput out{};
  EXPECT_NE(plugin_->render(reinterpret_cast<const uint8_t*>(garbage.data()), garbage.size(), &out),
            0);
  EXPECT_EQ(out.data, nullptr);
  ASSERT_NE(out.error, nullptr);
  // The host prefixes the plugin's name; the plugin says what was wrong.
  EXPECT_NE(std::string(out.error).find("RenderRequest"), std::string::npos) << out.error;
  plugin_->free_output(&out);

  // A request that parses but holds no document.
  NianbaoRenderOutput empty{};
  EXPECT_NE(plugin_->render(nullptr, 0, &empty), 0);
  ASSERT_NE(empty.error, nullptr);
  EXPECT_NE(std::string(empty.error).find("empty"), std::string::npos) << empty.error;
  plugin_->free_output(&empty);
}

}  // namespace
}  // namespace nianbao
