#include "services/validation/numeral.h"

#include "gtest/gtest.h"

namespace nianbao::validation {
namespace {

int64_t Whole(absl::string_view s) {
  auto d = ParseNumeral(s);
  EXPECT_TRUE(d.has_value()) << s;
  if (!d) return -1;
  EXPECT_EQ(d->scale, 0) << s;
  return d->units;
}

TEST(NumeralTest, Arabic) {
  EXPECT_EQ(Whole("300"), 300);
  EXPECT_EQ(Whole("０"), 0);
  EXPECT_EQ(Whole("３００"), 300);
  auto d = ParseNumeral("53.6");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->units, 536);
  EXPECT_EQ(d->scale, 1);
}

TEST(NumeralTest, ChineseWithUnits) {
  EXPECT_EQ(Whole("三百"), 300);
  EXPECT_EQ(Whole("三百一十二"), 312);
  EXPECT_EQ(Whole("十一"), 11);
  EXPECT_EQ(Whole("十"), 10);
  EXPECT_EQ(Whole("二十"), 20);
  EXPECT_EQ(Whole("一千零五"), 1005);
  EXPECT_EQ(Whole("两万零五"), 20005);
  EXPECT_EQ(Whole("三万四千五百"), 34500);
  EXPECT_EQ(Whole("一亿两千万"), 120000000);
  EXPECT_EQ(Whole("万"), 10000);
}

TEST(NumeralTest, ChineseDigitByDigit) {
  EXPECT_EQ(Whole("二〇二〇"), 2020);
  EXPECT_EQ(Whole("二零二一"), 2021);
  EXPECT_EQ(Whole("三"), 3);
  EXPECT_EQ(Whole("〇"), 0);
}

TEST(NumeralTest, NotNumerals) {
  EXPECT_FALSE(ParseNumeral(""));
  EXPECT_FALSE(ParseNumeral("件"));
  EXPECT_FALSE(ParseNumeral("三百件"));  // the whole text must be the numeral
  EXPECT_FALSE(NumeralAt("申请", 0));
}

TEST(NumeralTest, OverflowIsNoNumber) {
  EXPECT_FALSE(ParseNumeral("99999999999999999999"));
  EXPECT_TRUE(ParseNumeral("9223372036854775807"));
}

TEST(NumeralTest, FindsNumeralInsideText) {
  const std::string text = "共收到申请三百件";
  const size_t at = text.find("三");
  auto n = NumeralAt(text, at);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value.units, 300);
  EXPECT_EQ(text.substr(n->end), "件");
}

TEST(NumeralTest, Decimals) {
  EXPECT_TRUE(SameNumber({536, 1}, {5360, 2}));
  EXPECT_FALSE(SameNumber({536, 1}, {537, 1}));
  EXPECT_EQ(DecimalString({536, 1}), "53.6");
  EXPECT_EQ(DecimalString({5, 2}), "0.05");
  EXPECT_EQ(DecimalString({300, 0}), "300");
  auto d = ParseDecimal("14957.701682");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->units, 14957701682);
  EXPECT_EQ(d->scale, 6);
  EXPECT_FALSE(ParseDecimal("1.2.3"));
}

}  // namespace
}  // namespace nianbao::validation
