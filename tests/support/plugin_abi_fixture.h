// A gtest fixture for a renderer plugin's own test: dlopens one built plugin
// the way the host does (RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE, as in
// renderers/plugin_loader.cc), calls its entry and gives the raw descriptor.
// Nothing of the host's checks stands in between, so the test sees exactly
// what the plugin exports through the C ABI (include/nianbao/renderer_plugin.h).
#ifndef NIANBAO_TESTS_SUPPORT_PLUGIN_ABI_FIXTURE_H_
#define NIANBAO_TESTS_SUPPORT_PLUGIN_ABI_FIXTURE_H_

#include <string>

#include "gtest/gtest.h"
#include "nianbao/renderer_plugin.h"

namespace nianbao::testing {

class PluginAbiTest : public ::testing::Test {
 protected:
  // `plugin_path`: relative to the build tree, e.g. "plugins/html.so".
  explicit PluginAbiTest(std::string plugin_path);

  void SetUp() override;
  void TearDown() override;

  // Expects the descriptor of this ABI version and size, with these
  // name, MIME type and file extension and a non-empty version and
  // description.
  void ExpectDescribes(const std::string& name, const std::string& mime_type,
                       const std::string& file_extension) const;

  // Renders `request` (a serialized RenderRequest) and expects success:
  // 0, output, no error text; releases it with the plugin's free_output,
  // which must clear it. The output, or "" after a failed expectation.
  std::string ExpectRenders(const std::string& request) const;

  // Renders `request` and expects failure: non-zero, no output, an error
  // text containing `error_part`; releases it with free_output.
  void ExpectRenderFails(const std::string& request, const std::string& error_part) const;

  void* handle_ = nullptr;
  const NianbaoRendererPlugin* plugin_ = nullptr;

 private:
  const std::string plugin_path_;
};

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_PLUGIN_ABI_FIXTURE_H_
