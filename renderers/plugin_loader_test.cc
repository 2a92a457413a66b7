#include "renderers/plugin_loader.h"

#include <stdlib.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace nianbao::renderers {
namespace {

std::string MakeTempDir() {
  std::string tmpl = ::testing::TempDir() + "/plugin_loader_test.XXXXXX";
  EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
  return tmpl;
}

std::vector<std::string> Paths(const std::vector<PluginDirectory>& dirs) {
  std::vector<std::string> out;
  for (const auto& d : dirs) out.push_back(d.path);
  return out;
}

TEST(FormatName, AcceptsLowercaseDigitsDashUnderscore) {
  EXPECT_TRUE(IsValidFormatName("pdf"));
  EXPECT_TRUE(IsValidFormatName("text"));
  EXPECT_TRUE(IsValidFormatName("html-fragment_2"));
  EXPECT_FALSE(IsValidFormatName(""));
  EXPECT_FALSE(IsValidFormatName("PDF"));
  EXPECT_FALSE(IsValidFormatName("-pdf"));
  EXPECT_FALSE(IsValidFormatName("mark down"));
  EXPECT_FALSE(IsValidFormatName("../x"));
  EXPECT_FALSE(IsValidFormatName(std::string(65, 'a')));
}

TEST(PluginDirectories, FlagsThenEnvironmentThenDefaults) {
  const std::string a = MakeTempDir(), b = MakeTempDir(), c = MakeTempDir();
  const std::string env = absl::StrCat(b, "::", c);
  const auto dirs = PluginDirectories({a}, env.c_str());
  ASSERT_GE(dirs.size(), 3u);
  EXPECT_EQ(dirs[0].path, a);
  EXPECT_EQ(dirs[1].path, b);
  EXPECT_EQ(dirs[2].path, c);
  EXPECT_TRUE(dirs[0].requested && dirs[1].requested && dirs[2].requested);
  for (size_t i = 3; i < dirs.size(); ++i) EXPECT_FALSE(dirs[i].requested) << dirs[i].path;
}

TEST(PluginDirectories, DefaultsAreTheInstallationAndThisBuildTree) {
  const auto dirs = PluginDirectories({}, nullptr);
  const std::vector<std::string> paths = Paths(dirs);
  // This test runs from the build tree, so the build tree's plugins are searched.
  EXPECT_NE(std::find(paths.begin(), paths.end(), NIANBAO_BINARY_DIR "/plugins"), paths.end())
      << ::testing::PrintToString(paths);
  ASSERT_FALSE(paths.empty());
  // <build>/renderers/plugin_loader_test -> <build>/lib/nianbao/plugins
  EXPECT_EQ(paths[0], NIANBAO_BINARY_DIR "/lib/nianbao/plugins");
}

TEST(PluginDirectories, DropsRepeatsOfTheSameDirectory) {
  const std::string a = MakeTempDir();
  const std::string env = absl::StrCat(a, ":", a, "/.");
  const auto dirs = PluginDirectories({a, a + "/"}, env.c_str());
  EXPECT_EQ(std::count_if(dirs.begin(), dirs.end(),
                          [&](const PluginDirectory& d) { return d.path.rfind(a, 0) == 0; }),
            1);
}

TEST(ListPluginFiles, OnlySharedObjectsSortedByName) {
  const std::string dir = MakeTempDir();
  for (const char* name : {"b.so", "a.so", "notes.txt", "c.so.1", ".so"}) {
    std::ofstream(absl::StrCat(dir, "/", name)) << "x";
  }
  ASSERT_EQ(mkdir(absl::StrCat(dir, "/d.so").c_str(), 0755), 0);  // a directory, not a plugin
  auto files = ListPluginFiles(dir);
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_EQ(*files, (std::vector<std::string>{dir + "/a.so", dir + "/b.so"}));
  EXPECT_FALSE(ListPluginFiles(dir + "/missing").ok());
}

TEST(LoadPlugin, RefusesWhatIsNotALibrary) {
  const std::string dir = MakeTempDir();
  const std::string path = dir + "/bogus.so";
  std::ofstream(path) << "not an ELF file";
  auto plugin = LoadPlugin(path);
  ASSERT_FALSE(plugin.ok());
  EXPECT_TRUE(absl::StartsWith(plugin.status().message(), "cannot load: ")) << plugin.status();
  EXPECT_FALSE(LoadPlugin(dir + "/missing.so").ok());
}

}  // namespace
}  // namespace nianbao::renderers
