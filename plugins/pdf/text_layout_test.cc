#include "plugins/pdf/text_layout.h"

#include "gtest/gtest.h"
#include "plugins/pdf/font_locator.h"
#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {
namespace {

class TextLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto font = GetFont(*LocateFont(kDefaultBodyFont));
    ASSERT_TRUE(font.ok()) << font.status();
    font_ = *font;
  }
  std::shared_ptr<const Font> font_;
};

constexpr char32_t kParagraph[] =
    U"本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制，"
    U"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    U"政府信息公开行政复议、行政诉讼情况等六部分。本报告中所列数据的统计期限自"
    U"2020年1月1日起至2020年12月31日止。";

TEST_F(TextLayoutTest, JustifiedLinesFillTheMeasureWithATwoCharacterIndent) {
  TextStyle style;
  style.size = 16;
  style.alignment = v1::ALIGNMENT_JUSTIFY;
  style.first_indent = 32;
  const double width = 442;
  const std::vector<SetLine> lines = SetText(kParagraph, *font_, style, width);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_DOUBLE_EQ(lines[0].x, 32);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const double start = lines[i].x;
    // Painted width: advances plus the spacing after all but the last glyph.
    const double painted = font_->Width(lines[i].text, 16) +
                           lines[i].char_space * static_cast<double>(lines[i].text.size() - 1);
    EXPECT_NEAR(start + painted, width, 0.01) << ToUtf8(lines[i].text);
    EXPECT_GE(lines[i].char_space, 0);
    EXPECT_LT(lines[i].char_space, 16) << "a line stretched by a whole character";
  }
  EXPECT_EQ(lines.back().char_space, 0) << "the last line keeps natural spacing";
  EXPECT_EQ(lines.back().x, 0);
}

TEST_F(TextLayoutTest, CentredTitlesBreakIntoEvenLines) {
  TextStyle style;
  style.size = 22;
  style.alignment = v1::ALIGNMENT_CENTER;
  style.balance = true;
  const std::u32string title = U"天津市红桥区人民政府2020年政府信息公开工作年度报告";
  const std::vector<SetLine> lines = SetText(title, *font_, style, 442);
  ASSERT_EQ(lines.size(), 2u);
  // Within one character of each other, not a full line and a stub.
  EXPECT_LE(std::abs(lines[0].width - lines[1].width), 22.01)
      << ToUtf8(lines[0].text) << " / " << ToUtf8(lines[1].text);
  for (const SetLine& line : lines) {
    EXPECT_NEAR(line.x + line.width / 2, 221, 0.01) << ToUtf8(line.text);
  }
}

TEST_F(TextLayoutTest, EndAlignedTextKeepsItsRightIndent) {
  TextStyle style;
  style.size = 16;
  style.alignment = v1::ALIGNMENT_END;
  style.right_indent = 32;
  const std::vector<SetLine> lines = SetText(U"示例市人民政府办公室", *font_, style, 442);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NEAR(lines[0].x + lines[0].width, 442 - 32, 0.01);
}

}  // namespace
}  // namespace nianbao::pdf
