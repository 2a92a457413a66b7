#include "format/cell_text.h"

#include <limits>

#include "gtest/gtest.h"

namespace nianbao::format {
namespace {

using v1::CELL_KIND_COUNT;
using v1::CELL_KIND_SIGNED_COUNT;

std::string RoundTrip(absl::string_view text, v1::CellKind kind) {
  auto parsed = ParseCount(text, kind);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
  if (!parsed.ok()) return "<error>";
  return parsed->has_value() ? CountText(&**parsed, kind) : "";
}

TEST(CellTextTest, CountsRoundTrip) {
  for (const char* t : {"0", "285", "20119", "/", "—", "-", ""}) {
    EXPECT_EQ(RoundTrip(t, CELL_KIND_COUNT), t);
  }
  for (const char* t : {"减75", "增19", "+19", "-417", "6", "0"}) {
    EXPECT_EQ(RoundTrip(t, CELL_KIND_SIGNED_COUNT), t);
  }
}

TEST(CellTextTest, ParsesWhatReportsPrint) {
  auto spaced = ParseCount("      50", CELL_KIND_COUNT);
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ((*spaced)->value(), 50);
  auto wide = ParseCount("\u3000１２３", CELL_KIND_COUNT);
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ((*wide)->value(), 123);
  auto dash = ParseCount("——", CELL_KIND_COUNT);
  ASSERT_TRUE(dash.ok());
  EXPECT_EQ((*dash)->mark(), v1::BLANK_MARK_DASH);
  auto minus = ParseCount("减75", CELL_KIND_SIGNED_COUNT);
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ((*minus)->value(), -75);
  EXPECT_EQ((*minus)->sign_style(), v1::SIGN_STYLE_CHINESE);
}

TEST(CellTextTest, RejectsGarbageAndOverflow) {
  EXPECT_FALSE(ParseCount("12a", CELL_KIND_COUNT).ok());
  EXPECT_FALSE(ParseCount("-5", CELL_KIND_COUNT).ok());  // only signed columns take a sign
  EXPECT_FALSE(ParseCount("减", CELL_KIND_SIGNED_COUNT).ok());
  EXPECT_FALSE(ParseCount("99999999999999999999", CELL_KIND_COUNT).ok());
  auto min = ParseCount("-9223372036854775808", CELL_KIND_SIGNED_COUNT);
  ASSERT_TRUE(min.ok());
  EXPECT_EQ((*min)->value(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(CountText(&**min, CELL_KIND_SIGNED_COUNT), "-9223372036854775808");
  v1::Count c;
  c.set_value(std::numeric_limits<int64_t>::min());
  c.set_sign_style(v1::SIGN_STYLE_CHINESE);
  EXPECT_EQ(CountText(&c, CELL_KIND_SIGNED_COUNT), "减9223372036854775808");
}

TEST(CellTextTest, AmountsKeepPrecisionAndUnit) {
  auto a = ParseAmount("14957.701682万元", v1::CURRENCY_UNIT_UNSPECIFIED);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->decimal(), "14957.701682");
  EXPECT_EQ((*a)->unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  EXPECT_EQ(AmountText(&**a, v1::CURRENCY_UNIT_UNSPECIFIED), "14957.701682万元");
  // In a column whose header states 万元 the unit is not repeated.
  EXPECT_EQ(AmountText(&**a, v1::CURRENCY_UNIT_WAN_YUAN), "14957.701682");
  auto yuan = ParseAmount("251000元", v1::CURRENCY_UNIT_UNSPECIFIED);
  ASSERT_TRUE(yuan.ok());
  EXPECT_EQ(AmountText(&**yuan, v1::CURRENCY_UNIT_UNSPECIFIED), "251000元");
  auto header = ParseAmount("2.020", v1::CURRENCY_UNIT_WAN_YUAN);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ((*header)->decimal(), "2.020");
  EXPECT_EQ((*header)->unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  EXPECT_FALSE(ParseAmount("1.2.3", v1::CURRENCY_UNIT_YUAN).ok());
  EXPECT_FALSE(ParseAmount("万元", v1::CURRENCY_UNIT_YUAN).ok());
}

TEST(CellTextTest, BlankIsNotZero) {
  v1::Count zero;
  zero.set_value(0);
  EXPECT_FALSE(IsBlank(&zero));
  EXPECT_TRUE(IsBlank(nullptr));
  v1::Count slash;
  slash.set_mark(v1::BLANK_MARK_SLASH);
  EXPECT_TRUE(IsBlank(&slash));
  EXPECT_EQ(CountValue(&slash), 0);
  EXPECT_EQ(CountText(nullptr, CELL_KIND_COUNT), "");
  EXPECT_EQ(CountText(&zero, CELL_KIND_COUNT), "0");
}

}  // namespace
}  // namespace nianbao::format
