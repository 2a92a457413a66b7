// Loads the built pdf.so the way the host does (dlopen + the entry symbol)
// and renders through the C ABI.
#include <dlfcn.h>

#include <cstring>
#include <string>

#include "gtest/gtest.h"
#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"
#include "tests/test_support.h"

namespace {

class PdfPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = nianbao::testing::BinaryPath("plugins/pdf.so");
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

TEST_F(PdfPluginTest, DescribesItself) {
  EXPECT_EQ(plugin_->abi_version, NIANBAO_RENDERER_ABI_VERSION);
  EXPECT_EQ(plugin_->struct_size, sizeof(NianbaoRendererPlugin));
  EXPECT_STREQ(plugin_->name, "pdf");
  EXPECT_STREQ(plugin_->mime_type, "application/pdf");
  EXPECT_STREQ(plugin_->file_extension, "pdf");
  EXPECT_GT(std::strlen(plugin_->version), 0u);
}

TEST_F(PdfPluginTest, RendersTheSeed) {
  nianbao::v1::RenderRequest request;
  *request.mutable_report() = nianbao::testing::LoadExample("hongqiao-2020.json");
  request.mutable_options()->set_deterministic(true);
  const std::string bytes = request.SerializeAsString();
  NianbaoRenderOutput out{};
  ASSERT_EQ(plugin_->render(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &out), 0)
      << (out.error != nullptr ? out.error : "");
  ASSERT_NE(out.data, nullptr);
  EXPECT_EQ(out.error, nullptr);
  const std::string pdf(reinterpret_cast<const char*>(out.data), out.size);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  plugin_->free_output(&out);
  EXPECT_EQ(out.data, nullptr);
}

TEST_F(PdfPluginTest, ReportsErrorsAsText) {
  const std::string garbage = "\xff\xff\xff not a request";
  NianbaoRenderOutput out{};
  EXPECT_NE(plugin_->render(reinterpret_cast<const uint8_t*>(garbage.data()), garbage.size(), &out),
            0);
  ASSERT_NE(out.error, nullptr);
  EXPECT_NE(std::string(out.error).find("RenderRequest"), std::string::npos) << out.error;
  EXPECT_EQ(out.data, nullptr);
  plugin_->free_output(&out);

  nianbao::v1::RenderRequest request;
  *request.mutable_report() = nianbao::testing::LoadExample("hongqiao-2020.json");
  request.mutable_options()->set_paper_size("A9");
  const std::string bytes = request.SerializeAsString();
  NianbaoRenderOutput bad{};
  EXPECT_NE(plugin_->render(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &bad), 0);
  ASSERT_NE(bad.error, nullptr);
  EXPECT_NE(std::string(bad.error).find("paper_size"), std::string::npos) << bad.error;
  plugin_->free_output(&bad);
}

TEST_F(PdfPluginTest, ExportsOnlyTheEntry) {
  EXPECT_EQ(dlsym(handle_, "_ZN7nianbao3pdf9RenderPdfERKNS_2v113RenderRequestE"), nullptr);
}

}  // namespace
