// The renderer plugin host against real plugins: the text plugin of this
// build and the test plugins of tests/plugins, good and broken.
#include <atomic>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "renderers/plugin_loader.h"
#include "renderers/plugin_registry.h"
#include "renderers/renderer.h"
#include "tests/test_support.h"

namespace nianbao::renderers {
namespace {

const std::string kTestPlugins = NIANBAO_TEST_PLUGIN_DIR;

std::string TestPlugin(const std::string& name) { return kTestPlugins + "/" + name + ".so"; }

// A registry over the test plugins and this build tree's plugins, its log
// lines collected.
struct Loaded {
  std::shared_ptr<PluginRegistry> registry;
  std::vector<std::string> log;
};
std::unique_ptr<Loaded> LoadAll() {
  auto loaded = std::make_unique<Loaded>();
  Loaded* raw = loaded.get();
  loaded->registry = PluginRegistry::Create(
      {kTestPlugins}, [raw](absl::string_view line) { raw->log.emplace_back(line); });
  return loaded;
}

std::string ReasonFor(const PluginRegistry& registry, const std::string& path) {
  for (const RefusedPlugin& r : registry.Refused()) {
    if (r.path == path) return r.reason;
  }
  return "(not refused)";
}

TEST(PluginHost, LoadsTheGoodAndRefusesEachBrokenPluginWithItsReason) {
  auto loaded = LoadAll();
  const PluginRegistry& registry = *loaded->registry;
  for (const char* name : {"echo", "fails", "throws", "silent", "text"}) {
    EXPECT_TRUE(registry.Find(name).ok()) << name;
  }
  EXPECT_TRUE(absl::StrContains(ReasonFor(registry, TestPlugin("bad_abi")),
                                "ABI version 999, this host speaks ABI version 1"))
      << ReasonFor(registry, TestPlugin("bad_abi"));
  EXPECT_TRUE(absl::StrContains(ReasonFor(registry, TestPlugin("no_entry")),
                                "no entry symbol \"nianbao_renderer_plugin\""));
  EXPECT_TRUE(absl::StrContains(ReasonFor(registry, TestPlugin("small_struct")),
                                "descriptor size 8 is smaller"));
  EXPECT_TRUE(
      absl::StrContains(ReasonFor(registry, TestPlugin("bad_name")), "format name \"Bad Name\""));
  EXPECT_TRUE(absl::StrContains(ReasonFor(registry, TestPlugin("zz_duplicate_echo")),
                                "format \"echo\" is already provided by " + TestPlugin("echo")));
  // One log line per refused file, naming it.
  EXPECT_EQ(loaded->log.size(), 5u) << ::testing::PrintToString(loaded->log);
  for (const std::string& line : loaded->log) {
    EXPECT_TRUE(absl::StartsWith(line, "renderer plugin " + kTestPlugins + "/")) << line;
  }
  // The duplicate did not replace the first.
  EXPECT_EQ((*registry.Find("echo"))->path(), TestPlugin("echo"));
}

TEST(PluginHost, FailingPluginsGiveClearErrorsAndTheOthersKeepWorking) {
  auto loaded = LoadAll();
  Renderer renderer(loaded->registry);
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");

  auto fails = renderer.Render(report, "fails");
  ASSERT_FALSE(fails.ok());
  EXPECT_EQ(fails.status().message(),
            "renderer \"fails\" failed: the fails plugin refuses on purpose");

  auto throws = renderer.Render(report, "throws");
  ASSERT_FALSE(throws.ok());
  EXPECT_EQ(throws.status().message(),
            "renderer \"throws\" failed: the throws plugin threw on purpose");

  auto silent = renderer.Render(report, "silent");
  ASSERT_FALSE(silent.ok());
  EXPECT_TRUE(absl::StrContains(silent.status().message(), "no error message")) << silent.status();

  auto echo = renderer.Render(report, "echo");
  ASSERT_TRUE(echo.ok()) << echo.status();
  EXPECT_EQ(echo->bytes, "echo:" + report.title());
  EXPECT_EQ(echo->mime_type, "text/x-test");
  EXPECT_EQ(echo->file_extension, "test");

  auto text = renderer.Render(report, "text");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_TRUE(absl::StrContains(text->bytes, report.title()));
  EXPECT_EQ(text->mime_type, "text/plain; charset=utf-8");
  EXPECT_EQ(text->file_extension, "txt");
}

TEST(PluginHost, UnknownFormatNamesTheAvailableOnes) {
  auto loaded = LoadAll();
  auto out = Renderer(loaded->registry).Render(v1::AnnualReport(), "docx");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kNotFound);
  // Every registered format is named, in order (more in-tree plugins may exist).
  std::string available;
  for (const auto& plugin : loaded->registry->List()) {
    absl::StrAppend(&available, available.empty() ? "" : ", ", plugin->name());
  }
  EXPECT_TRUE(absl::StrContains(available, "echo, fails"));
  EXPECT_TRUE(absl::StrContains(out.status().message(), "available: " + available)) << out.status();
}

TEST(PluginHost, ConcurrentRendersAgree) {
  auto loaded = LoadAll();
  Renderer renderer(loaded->registry);
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  auto expected = renderer.Render(report, "text");
  ASSERT_TRUE(expected.ok());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto out = renderer.Render(report, t % 2 == 0 ? "text" : "echo");
        const std::string want = t % 2 == 0 ? expected->bytes : "echo:" + report.title();
        if (!out.ok() || out->bytes != want) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(PluginHost, APluginHeldOutlivesItsRegistry) {
  auto loaded = LoadAll();
  auto echo = loaded->registry->Find("echo");
  ASSERT_TRUE(echo.ok());
  std::shared_ptr<const Plugin> held = *echo;
  loaded.reset();  // registry gone; the library must stay loaded
  v1::RenderRequest request;
  request.mutable_document()->set_title("still here");
  std::string bytes;
  ASSERT_TRUE(request.SerializeToString(&bytes));
  auto out = held->Render(bytes);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, "echo:still here");
}

TEST(PluginHost, GarbageRequestIsAnErrorNotACrash) {
  auto loaded = LoadAll();
  auto text = loaded->registry->Find("text");
  ASSERT_TRUE(text.ok());
  auto out = (*text)->Render("\xff\xff\xff not a protobuf");
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "not a valid nianbao.v1.RenderRequest"))
      << out.status();
}

TEST(PluginHost, SameFileTwiceIsNotADuplicate) {
  std::vector<std::string> log;
  PluginRegistry registry([&](absl::string_view line) { log.emplace_back(line); });
  EXPECT_TRUE(registry.LoadFile(TestPlugin("echo")).ok());
  EXPECT_TRUE(registry.LoadFile(kTestPlugins + "/./echo.so").ok());
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(registry.List().size(), 1u);
}

TEST(PluginHost, MissingRequestedDirectoryIsReported) {
  std::vector<std::string> log;
  PluginRegistry registry([&](absl::string_view line) { log.emplace_back(line); });
  registry.LoadDirectory({"/nonexistent/nianbao-plugins", true});
  registry.LoadDirectory({"/nonexistent/default-plugins", false});
  ASSERT_EQ(registry.Refused().size(), 1u);
  EXPECT_EQ(registry.Refused()[0].path, "/nonexistent/nianbao-plugins");
  EXPECT_EQ(log.size(), 1u);
}

}  // namespace
}  // namespace nianbao::renderers
