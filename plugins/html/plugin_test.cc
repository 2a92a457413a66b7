// Loads html.so from the build tree through the C ABI, as the plugin host
// does, and renders the seed through it.
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "nianbao/renderer_plugin.h"
#include "nianbao/v1/render.pb.h"
#include "renderers/document_builder.h"
#include "tests/support/plugin_abi_fixture.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

class HtmlPluginTest : public testing::PluginAbiTest {
 protected:
  HtmlPluginTest() : PluginAbiTest("plugins/html.so") {}
};

TEST_F(HtmlPluginTest, DescribesItself) {
  ExpectDescribes("html", "text/html; charset=utf-8", "html");
}

TEST_F(HtmlPluginTest, RendersTheSeed) {
  v1::RenderRequest request;
  *request.mutable_report() = testing::LoadExample("hongqiao-2020.json");
  auto doc = renderers::BuildDocument(request.report());
  ASSERT_TRUE(doc.ok()) << doc.status();
  *request.mutable_document() = *doc;
  const std::string html = ExpectRenders(request.SerializeAsString());
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>")) << html.substr(0, 40);
  EXPECT_NE(html.find("红桥区2020年政府信息公开工作报告"), std::string::npos);
}

TEST_F(HtmlPluginTest, ReportsErrorsAsText) {
  // The host prefixes the plugin's name; the plugin says what was wrong.
  ExpectRenderFails("\xff\xff\xff not a protobuf", "RenderRequest");

  // A request that parses but holds no document.
  NianbaoRenderOutput empty{};
  EXPECT_NE(plugin_->render(nullptr, 0, &empty), 0);
  ASSERT_NE(empty.error, nullptr);
  EXPECT_NE(std::string(empty.error).find("empty"), std::string::npos) << empty.error;
  plugin_->free_output(&empty);
}

}  // namespace
}  // namespace nianbao
