#include "plugins/text/line_breaker.h"

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "plugins/text/display_width.h"

namespace nianbao::text {
namespace {

class LineBreakerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = LineBreaker::Create();
    ASSERT_TRUE(b.ok()) << b.status();
    breaker_ = *std::move(b);
  }
  std::unique_ptr<LineBreaker> breaker_;
};

void ExpectFits(const std::vector<std::string>& lines, int width) {
  for (const std::string& line : lines) EXPECT_LE(DisplayWidth(line), width) << line;
}

TEST_F(LineBreakerTest, WrapsChineseBetweenCharacters) {
  const std::string text = "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。";
  const auto lines = breaker_->Wrap(text, 20);
  ExpectFits(lines, 20);
  EXPECT_GT(lines.size(), 1u);
  EXPECT_EQ(absl::StrJoin(lines, ""), text);
}

TEST_F(LineBreakerTest, KeepsClosingPunctuationOffTheLineStart) {
  // Width 10 would put "，" at the start of line 2 if cut blindly.
  const auto lines = breaker_->Wrap("一二三四五，六七八九十", 10);
  ExpectFits(lines, 10);
  for (const std::string& line : lines) EXPECT_NE(line.rfind("，", 0), 0u) << line;
  EXPECT_EQ(absl::StrJoin(lines, ""), "一二三四五，六七八九十");
}

TEST_F(LineBreakerTest, BreaksLatinAtSpacesAndDropsThem) {
  const auto lines = breaker_->Wrap("the quick brown fox", 10);
  EXPECT_EQ(lines, (std::vector<std::string>{"the quick", "brown fox"}));
}

TEST_F(LineBreakerTest, CutsAPieceWiderThanTheLine) {
  const auto lines = breaker_->Wrap("https://example.gov.cn/xxgk/2020", 10);
  ExpectFits(lines, 10);
  EXPECT_EQ(absl::StrJoin(lines, ""), "https://example.gov.cn/xxgk/2020");
}

TEST_F(LineBreakerTest, AWideCharacterInANarrowLineGetsALineAlone) {
  const auto lines = breaker_->Wrap("总计", 1);
  EXPECT_EQ(lines, (std::vector<std::string>{"总", "计"}));
}

TEST_F(LineBreakerTest, NewlinesEndLines) {
  EXPECT_EQ(breaker_->Wrap("甲\n乙\r\n\n丙", 40), (std::vector<std::string>{"甲", "乙", "", "丙"}));
}

TEST_F(LineBreakerTest, FirstLineMayBeNarrower) {
  const auto lines = breaker_->Wrap("一二三四五六七八九十", 12, 8);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "一二三四");
  EXPECT_EQ(lines[1], "五六七八九十");
}

TEST_F(LineBreakerTest, EmptyTextIsOneEmptyLine) {
  EXPECT_EQ(breaker_->Wrap("", 10), (std::vector<std::string>{""}));
}

TEST_F(LineBreakerTest, SegmentWidths) {
  const auto segments = breaker_->Segments("申请 300件");
  EXPECT_GE(WidestSegment(segments), 2);
  EXPECT_EQ(WidestCharacter("a总b"), 2);
  int total = 0;
  for (const Segment& s : segments) total += s.width + s.space_width;
  EXPECT_EQ(total, DisplayWidth("申请 300件"));
}

}  // namespace
}  // namespace nianbao::text
