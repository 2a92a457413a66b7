#include "services/common/token_file.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace nianbao::services {
namespace {

std::string Hex(absl::string_view token) {
  const TokenHash h = HashToken(token);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

void Write(const std::string& path, const std::string& text) {
  // Written to a new file and renamed, as a Kubernetes Secret update does.
  std::ofstream(path + ".new") << text;
  std::rename((path + ".new").c_str(), path.c_str());
}

TEST(TokenFileTest, HashIsSha256) {
  // sha256("test"), as `printf %s test | sha256sum` prints it.
  EXPECT_EQ(Hex("test"), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
}

TEST(TokenFileTest, ParsesScopes) {
  auto entries = ParseTokenFile("# comment\n\n" + Hex("a") + " alice agencies=hongqiao,district\n" +
                                "sha256:" + Hex("b") + "\tops\tadmin\n");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].second.name, "alice");
  EXPECT_FALSE((*entries)[0].second.admin);
  EXPECT_EQ((*entries)[0].second.agencies, (std::vector<std::string>{"hongqiao", "district"}));
  EXPECT_TRUE((*entries)[1].second.admin);
}

TEST(TokenFileTest, RejectsMalformedLines) {
  for (const std::string& text :
       {std::string("abc alice admin"), Hex("a") + " alice", Hex("a") + " alice everything",
        Hex("a") + " alice agencies=", Hex("a") + " a admin\n" + Hex("a") + " b admin",
        Hex("a").substr(1) + "g alice admin"}) {
    EXPECT_FALSE(ParseTokenFile(text).ok()) << text;
  }
}

TEST(TokenFileTest, AuthenticatesBearerHeaders) {
  const std::string path = ::testing::TempDir() + "/tokens_auth";
  Write(path, Hex("s3cret") + " alice agencies=hongqiao\n" + Hex("root") + " ops admin\n");
  auto file = TokenFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  std::optional<Principal> p = (*file)->AuthenticateHeader("Bearer s3cret");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "alice");
  EXPECT_TRUE((*file)->AuthenticateHeader("bearer root")->admin);
  EXPECT_FALSE((*file)->AuthenticateHeader("Bearer s3cre").has_value());
  EXPECT_FALSE((*file)->AuthenticateHeader("Bearer ").has_value());
  EXPECT_FALSE((*file)->AuthenticateHeader("Basic s3cret").has_value());
  EXPECT_FALSE((*file)->AuthenticateHeader("s3cret").has_value());
  // The hash itself is not a token.
  EXPECT_FALSE((*file)->AuthenticateHeader("Bearer " + Hex("s3cret")).has_value());
}

TEST(TokenFileTest, ReloadsWhenChangedAndKeepsOldEntriesOnError) {
  const std::string path = ::testing::TempDir() + "/tokens_reload";
  Write(path, Hex("old") + " alice admin\n");
  auto file = TokenFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Authenticate("old").has_value());
  Write(path, Hex("new") + " bob admin\n");
  // Checks happen at most once a second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_FALSE((*file)->Authenticate("old").has_value());
  ASSERT_TRUE((*file)->Authenticate("new").has_value());
  Write(path, "this is not a token file\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE((*file)->Authenticate("new").has_value());
}

TEST(TokenFileTest, MissingFile) {
  EXPECT_FALSE(TokenFile::Open(::testing::TempDir() + "/no-such-token-file").ok());
}

}  // namespace
}  // namespace nianbao::services
