#include "services/collection/exact_decimal.h"

#include "gtest/gtest.h"

namespace nianbao::collection {
namespace {

std::string Sum(const char* a, const char* b) {
  absl::StatusOr<ExactDecimal> x = ParseExactDecimal(a);
  absl::StatusOr<ExactDecimal> y = ParseExactDecimal(b);
  EXPECT_TRUE(x.ok() && y.ok());
  absl::StatusOr<ExactDecimal> s = AddExact(*x, *y);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? ExactDecimalText(*s) : "";
}

TEST(ExactDecimalTest, AddsKeepingTheLargerPrecision) {
  EXPECT_EQ(Sum("14957.701682", "2.02"), "14959.721682");
  EXPECT_EQ(Sum("0.1", "0.2"), "0.3");  // exactly, unlike double
  EXPECT_EQ(Sum("251000", "0.50"), "251000.50");
  EXPECT_EQ(Sum("-3.5", "1.25"), "-2.25");
  EXPECT_EQ(Sum("0.05", "-0.05"), "0.00");
  EXPECT_EQ(Sum("0.001", "0"), "0.001");
}

TEST(ExactDecimalTest, RejectsMalformedAndOverflowingInput) {
  for (const char* bad : {"", ".", "1.", ".5", "1.2.3", "12a", "+1", "1e5", "--1"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(ParseExactDecimal(bad).status())) << bad;
  }
  EXPECT_TRUE(absl::IsOutOfRange(ParseExactDecimal(std::string(40, '9')).status()));
  absl::StatusOr<ExactDecimal> big = ParseExactDecimal(std::string(38, '9'));
  ASSERT_TRUE(big.ok());
  EXPECT_TRUE(absl::IsOutOfRange(AddExact(*big, *big).status()));
}

TEST(ExactDecimalTest, ChangesUnitByPowersOfTen) {
  absl::StatusOr<ExactDecimal> wan = ParseExactDecimal("1.23456");
  ASSERT_TRUE(wan.ok());
  absl::StatusOr<ExactDecimal> yuan = ScaleByPowerOfTen(*wan, 4);  // 万元 → 元
  ASSERT_TRUE(yuan.ok());
  EXPECT_EQ(ExactDecimalText(*yuan), "12345.6");
  absl::StatusOr<ExactDecimal> back = ScaleByPowerOfTen(*yuan, -4);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ExactDecimalText(*back), "1.23456");
  absl::StatusOr<ExactDecimal> whole = ParseExactDecimal("3");
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(ExactDecimalText(*ScaleByPowerOfTen(*whole, 4)), "30000");
  EXPECT_EQ(ExactDecimalText(*ScaleByPowerOfTen(*whole, -4)), "0.0003");
}

}  // namespace
}  // namespace nianbao::collection
