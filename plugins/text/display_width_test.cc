#include "plugins/text/display_width.h"

#include "gtest/gtest.h"

namespace nianbao::text {
namespace {

TEST(DisplayWidth, HanziAndFullWidthPunctuationTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("总计"), 4);
  EXPECT_EQ(DisplayWidth("（一）"), 6);
  EXPECT_EQ(DisplayWidth("，。：；"), 8);
  EXPECT_EQ(DisplayWidth("\u3000"), 2);  // ideographic space
  EXPECT_EQ(DisplayWidth("ＡＢ１"), 6);  // full-width Latin and digits
}

TEST(DisplayWidth, AsciiAndNarrowTakeOne) {
  EXPECT_EQ(DisplayWidth("14957.701682"), 12);
  EXPECT_EQ(DisplayWidth("abc def"), 7);
  EXPECT_EQ(DisplayWidth("ｱ"), 1);  // half-width katakana
}

TEST(DisplayWidth, MixedText) { EXPECT_EQ(DisplayWidth("14957.701682万元"), 16); }

TEST(DisplayWidth, AmbiguousIsNarrowUnlessAsked) {
  // Quotes and box-drawing characters are East Asian Ambiguous.
  EXPECT_EQ(DisplayWidth("“”"), 2);
  EXPECT_EQ(DisplayWidth("│─┼"), 3);
  EXPECT_EQ(DisplayWidth("“”", /*ambiguous_wide=*/true), 4);
}

TEST(DisplayWidth, MarksAndControlsTakeNone) {
  EXPECT_EQ(DisplayWidth("e\u0301"), 1);   // combining acute
  EXPECT_EQ(DisplayWidth("a\u200bb"), 2);  // zero-width space
  EXPECT_EQ(DisplayWidth("a\tb"), 2);
}

TEST(DisplayWidth, MalformedBytesCountOneEach) {
  EXPECT_EQ(DisplayWidth("a\xff"
                         "b"),
            3);
  EXPECT_EQ(DisplayWidth("\xe6\x80"), 1);  // a truncated sequence is one U+FFFD
}

TEST(NextCodePoint, WalksUtf8) {
  const std::string s = "a总𠀀";
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(s, &i), 'a');
  EXPECT_EQ(NextCodePoint(s, &i), 0x603b);
  EXPECT_EQ(NextCodePoint(s, &i), 0x20000);
  EXPECT_EQ(i, s.size());
  EXPECT_EQ(CodePointWidth(0x20000), 2);  // CJK Extension B is wide too
}

}  // namespace
}  // namespace nianbao::text
