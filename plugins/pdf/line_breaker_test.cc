#include "plugins/pdf/line_breaker.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace nianbao::pdf {
namespace {

// Every character one unit wide, like full-width Chinese text.
double Unit(char32_t) { return 1; }

std::vector<std::u32string> Lines(const std::u32string& text, double width) {
  std::vector<std::u32string> out;
  for (const LineSpan& span : BreakLines(text, Unit, width, width)) {
    out.push_back(text.substr(span.begin, span.end - span.begin));
  }
  return out;
}

std::string Join(const std::vector<std::u32string>& lines) {
  std::string out;
  for (const auto& line : lines) absl::StrAppend(&out, ToUtf8(line), "|");
  return out;
}

TEST(LineBreaker, FillsLinesToTheWidth) {
  EXPECT_EQ(Join(Lines(U"一二三四五六七八九十", 4)), "一二三四|五六七八|九十|");
}

TEST(LineBreaker, ClosingPunctuationNeverStartsALine) {
  // A plain cut after four characters would put "，" first on line two.
  EXPECT_EQ(Join(Lines(U"一二三四，五六七八。", 4)), "一二三|四，五六|七八。|");
  for (char32_t mark : std::u32string(U"，。、；：？！）》」")) {
    const std::u32string text = std::u32string(U"甲乙丙丁") + mark + U"戊己庚";
    for (const auto& line : Lines(text, 4)) {
      ASSERT_FALSE(line.empty());
      EXPECT_FALSE(IsLineStartForbidden(line.front())) << Join(Lines(text, 4));
    }
  }
}

TEST(LineBreaker, OpeningPunctuationNeverEndsALine) {
  EXPECT_EQ(Join(Lines(U"一二三（四五六）七", 4)), "一二三|（四五|六）七|");
  for (char32_t mark : std::u32string(U"（《「")) {
    const std::u32string text = std::u32string(U"甲乙丙") + mark + U"丁戊己庚";
    for (const auto& line : Lines(text, 4)) {
      EXPECT_FALSE(IsLineEndForbidden(line.back())) << Join(Lines(text, 4));
    }
  }
}

TEST(LineBreaker, KeepsEveryCharacterInOrder) {
  const std::u32string text =
      U"本年度报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）"
      U"要求编制。全年共收到申请300件，办结310件。";
  for (double width : {3.0, 5.0, 7.5, 16.0, 28.0}) {
    std::u32string joined;
    for (const LineSpan& span : BreakLines(text, Unit, width, width)) {
      EXPECT_LE(span.width, width + 1e-9) << "width " << width;
      EXPECT_EQ(span.begin, joined.size());
      joined += text.substr(span.begin, span.end - span.begin);
      ASSERT_GT(span.end, span.begin);
      if (span.end < text.size()) {
        EXPECT_FALSE(IsLineStartForbidden(text[span.end])) << "width " << width;
        EXPECT_FALSE(IsLineEndForbidden(text[span.end - 1])) << "width " << width;
      }
    }
    EXPECT_EQ(ToUtf8(joined), ToUtf8(text));
  }
}

TEST(LineBreaker, FirstLineHasItsOwnWidth) {
  // The first line of a paragraph is shorter by its indent.
  const auto spans = BreakLines(U"一二三四五六七八九十", Unit, 2, 4);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].end, 6u);
  EXPECT_TRUE(spans[2].last);
  EXPECT_FALSE(spans[0].last);
}

TEST(LineBreaker, LatinWordsBreakAtSpacesAndDropThem) {
  EXPECT_EQ(Join(Lines(U"ab cd ef", 5)), "ab cd|ef|");
}

TEST(LineBreaker, CutsARunTooLongForAnyLine) {
  EXPECT_EQ(Join(Lines(U"1234567890", 4)), "1234|5678|90|");
}

TEST(LineBreaker, HardBreaksEndLines) {
  const auto spans = BreakLines(U"一二\n三四", Unit, 10, 10);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_TRUE(spans[0].last);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[1].begin, 3u);
}

TEST(LineBreaker, WholeWordsKeepWordsTogether) {
  const std::u32string title = U"政府信息公开工作年度报告";
  // By characters alone a line of 7 cuts the word 工作.
  EXPECT_EQ(Join(Lines(title, 7)), "政府信息公开工|作年度报告|");
  const auto spans = BreakLines(title, Unit, 7, 7, /*whole_words=*/true);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(ToUtf8(title.substr(0, spans[0].end)), "政府信息公开");
}

TEST(LineBreaker, EmptyTextHasNoLines) { EXPECT_TRUE(BreakLines(U"", Unit, 4, 4).empty()); }

TEST(LineBreaker, Utf8RoundTrip) {
  const std::string text = "红桥区2020年（试行）𠀀";
  EXPECT_EQ(ToUtf8(ToUtf32(text)), text);
  EXPECT_EQ(ToUtf32(text).size(), 13u);
  EXPECT_EQ(ToUtf32("\xff"), U"\uFFFD");
}

}  // namespace
}  // namespace nianbao::pdf
