#include "format/field_path.h"

#include "gtest/gtest.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::format {
namespace {

TEST(FieldPathTest, ResolvesAndReads) {
  v1::AnnualReport report;
  report.mutable_applications()
      ->mutable_results()
      ->mutable_disclosed()
      ->mutable_natural_person()
      ->set_value(83);
  auto chain =
      ResolvePath(v1::AnnualReport::descriptor(), "applications.results.disclosed.natural_person");
  ASSERT_TRUE(chain.ok()) << chain.status();
  ASSERT_EQ(chain->size(), 4u);
  const auto* count = GetAs<v1::Count>(report, *chain);
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->value(), 83);
}

TEST(FieldPathTest, UnsetIsNull) {
  v1::AnnualReport report;
  auto chain = ResolvePath(v1::AnnualReport::descriptor(), "applications.new_received.total");
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(GetAt(report, *chain), nullptr);
  MutableAt(&report, *chain);
  EXPECT_NE(GetAt(report, *chain), nullptr);
  ClearAt(&report, *chain);
  EXPECT_EQ(GetAt(report, *chain), nullptr);
  EXPECT_TRUE(report.applications().has_new_received());  // parents stay
}

TEST(FieldPathTest, RejectsBadSegments) {
  auto missing = ResolvePath(v1::AnnualReport::descriptor(), "applications.nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);
  EXPECT_FALSE(ResolvePath(v1::AnnualReport::descriptor(), "year").ok());  // not a message
  EXPECT_FALSE(ResolvePath(v1::AnnualReport::descriptor(), "title.x").ok());
  EXPECT_TRUE(ResolvePath(v1::AnnualReport::descriptor(), "")->empty());
}

}  // namespace
}  // namespace nianbao::format
