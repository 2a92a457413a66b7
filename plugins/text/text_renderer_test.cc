#include "plugins/text/text_renderer.h"

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "plugins/text/display_width.h"

namespace nianbao::text {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  EXPECT_EQ(lines.back(), "") << "output ends with a newline";
  lines.pop_back();
  return lines;
}

v1::Document SmallDocument() {
  v1::Document doc;
  doc.set_title("某区2020年政府信息公开工作年度报告");
  auto* h = doc.add_blocks()->mutable_heading();
  h->set_level(1);
  h->set_number("一、");
  h->set_text("总体情况");
  auto* p = doc.add_blocks()->mutable_paragraph();
  p->set_text(std::string(30, 'x') +
              "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。");
  p->set_alignment(v1::ALIGNMENT_JUSTIFY);
  auto* sub = doc.add_blocks()->mutable_heading();
  sub->set_level(2);
  sub->set_number("（一）");
  sub->set_text("主动公开");
  auto* sig = doc.add_blocks()->mutable_paragraph();
  sig->set_text("某区人民政府办公室");
  sig->set_role(v1::PARAGRAPH_ROLE_SIGNATURE);
  sig->set_alignment(v1::ALIGNMENT_END);
  return doc;
}

TEST(RenderText, LaysOutTitleHeadingsParagraphsAndSignature) {
  auto text = RenderText(SmallDocument(), 40);
  ASSERT_TRUE(text.ok()) << text.status();
  const auto lines = Lines(*text);
  ASSERT_GE(lines.size(), 8u);
  // Title centred in 40 columns.
  EXPECT_EQ(lines[0], "   某区2020年政府信息公开工作年度报告");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "一、总体情况");
  EXPECT_EQ(lines[3], "");
  // First-line indent of two characters; every line within the width.
  EXPECT_EQ(lines[4].substr(0, 5), "    x");
  for (const std::string& line : lines) EXPECT_LE(DisplayWidth(line), 40) << line;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "    （一）主动公开"), lines.end());
  // Signature flush right.
  EXPECT_EQ(lines.back(), std::string(40 - 18, ' ') + "某区人民政府办公室");
}

TEST(RenderText, LineWidthFromTheRequestDefaultsTo100) {
  v1::RenderRequest request;
  auto* p = request.mutable_document()->add_blocks()->mutable_paragraph();
  p->set_text(std::string(150, 'a') + " " + std::string(150, 'b'));
  p->set_alignment(v1::ALIGNMENT_START);
  auto text = RenderText(request);
  ASSERT_TRUE(text.ok());
  for (const std::string& line : Lines(*text)) EXPECT_LE(DisplayWidth(line), 100);
  EXPECT_EQ(Lines(*text)[0], std::string(100, 'a'));
  request.mutable_options()->set_line_width(60);
  text = RenderText(request);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Lines(*text)[0], std::string(60, 'a'));
}

// Found by the bad-input catalogue: 2^31-1 columns kept the renderer busy
// for minutes padding lines.
TEST(RenderText, HugeLineWidthIsCappedAtTheMaximum) {
  v1::RenderRequest request;
  auto* p = request.mutable_document()->add_blocks()->mutable_paragraph();
  p->set_text(std::string(3000, 'a'));
  p->set_alignment(v1::ALIGNMENT_CENTER);
  request.mutable_options()->set_line_width(2147483647);
  auto text = RenderText(request);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Lines(*text)[0], std::string(kMaxLineWidth, 'a'));
}

TEST(RenderText, CaptionOnlyWhenTheHeadingDoesNotSayIt) {
  v1::Document doc;
  auto* h = doc.add_blocks()->mutable_heading();
  h->set_level(1);
  h->set_number("二、");
  h->set_text("主动公开政府信息情况");
  auto* t = doc.add_blocks()->mutable_table();
  t->set_caption("主动公开政府信息情况");
  t->add_columns();
  auto* cell = t->add_rows()->add_cells();
  cell->set_text("规章");
  cell->set_role(v1::CELL_ROLE_ROW_HEADER);
  auto* t2 = doc.add_blocks()->mutable_table();
  *t2 = *t;
  t2->set_caption("附表");
  auto text = RenderText(doc, 100);
  ASSERT_TRUE(text.ok());
  const auto lines = Lines(*text);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "主动公开政府信息情况"), 0);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find("附表") != std::string::npos; }),
            1);
}

TEST(RenderText, MalformedTableIsAnError) {
  v1::Document doc;
  auto* t = doc.add_blocks()->mutable_table();
  t->add_columns();
  auto* cell = t->add_rows()->add_cells();
  cell->set_column(3);
  EXPECT_FALSE(RenderText(doc, 100).ok());
}

}  // namespace
}  // namespace nianbao::text
