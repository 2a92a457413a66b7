// Loads the built pdf.so the way the host does (dlopen + the entry symbol)
// and renders through the C ABI.
#include <dlfcn.h>

#include <string>

#include "gtest/gtest.h"
#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"
#include "tests/support/plugin_abi_fixture.h"
#include "tests/test_support.h"

namespace {

class PdfPluginTest : public nianbao::testing::PluginAbiTest {
 protected:
  PdfPluginTest() : PluginAbiTest("plugins/pdf.so") {}
};

TEST_F(PdfPluginTest, DescribesItself) { ExpectDescribes("pdf", "application/pdf", "pdf"); }

TEST_F(PdfPluginTest, RendersTheSeed) {
  nianbao::v1::RenderRequest request;
  *request.mutable_report() = nianbao::testing::LoadExample("hongqiao-2020.json");
  request.mutable_options()->set_deterministic(true);
  const std::string pdf = ExpectRenders(request.SerializeAsString());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST_F(PdfPluginTest, ReportsErrorsAsText) {
  ExpectRenderFails("\xff\xff\xff not a request", "RenderRequest");

  nianbao::v1::RenderRequest request;
  *request.mutable_report() = nianbao::testing::LoadExample("hongqiao-2020.json");
  request.mutable_options()->set_paper_size("A9");
  ExpectRenderFails(request.SerializeAsString(), "paper_size");
}

TEST_F(PdfPluginTest, ExportsOnlyTheEntry) {
  EXPECT_EQ(dlsym(handle_, "_ZN7nianbao3pdf9RenderPdfERKNS_2v113RenderRequestE"), nullptr);
}

}  // namespace
