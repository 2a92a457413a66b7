#include "cli/args.h"

#include "gtest/gtest.h"

namespace nianbao::cli {
namespace {

TEST(ArgsTest, ParsesFlagsAndPositionals) {
  auto args = Args::Parse({"in.json", "--to", "binary", "-o=out.pb", "--json"},
                          {{"--to", "to"}, {"-o", "output"}}, {{"--json", "json"}});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->positional(), std::vector<std::string>{"in.json"});
  EXPECT_EQ(args->Get("to"), "binary");
  EXPECT_EQ(args->Get("output"), "out.pb");
  EXPECT_TRUE(args->Has("json"));
  EXPECT_FALSE(args->Has("other"));
}

TEST(ArgsTest, RejectsUnknownAndMissingValues) {
  EXPECT_FALSE(Args::Parse({"--nope"}, {}, {}).ok());
  EXPECT_FALSE(Args::Parse({"--to"}, {{"--to", "to"}}, {}).ok());
  EXPECT_FALSE(Args::Parse({"--json=1"}, {}, {{"--json", "json"}}).ok());
}

TEST(ArgsTest, DoubleDashEndsFlagsAndDashIsPositional) {
  auto args = Args::Parse({"-", "--", "--to"}, {{"--to", "to"}}, {});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->positional(), (std::vector<std::string>{"-", "--to"}));
}

TEST(ArgsTest, RepeatedValuesKeepOrder) {
  auto args = Args::Parse({"--p", "a", "--p", "b"}, {{"--p", "p"}}, {});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->GetAll("p"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(args->Get("p"), "b");
}

}  // namespace
}  // namespace nianbao::cli
