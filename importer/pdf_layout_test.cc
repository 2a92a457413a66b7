#include "importer/pdf_layout.h"

#include "gtest/gtest.h"
#include "importer/pdf_words_for_tests.h"

namespace nianbao::importer {
namespace {

// A ruled frame: walls at xs and ys, all cells separate except where
// `skip_vertical` leaves out the wall at xs[1] in the first row.
void Frame(PdfPage* page, const std::vector<double>& xs, const std::vector<double>& ys,
           bool skip_vertical = false) {
  for (double y : ys) page->rules.push_back({xs.front(), y, xs.back(), y});
  for (size_t i = 0; i < xs.size(); ++i) {
    if (skip_vertical && i == 1) {
      page->rules.push_back({xs[i], ys[1], xs[i], ys.back()});
    } else {
      page->rules.push_back({xs[i], ys.front(), xs[i], ys.back()});
    }
  }
}

TEST(PdfLayoutTest, ParagraphsJoinAcrossLinesAndPagesAndFoliosAreDropped) {
  PdfPage p1{1, 600, 800, {}, {}};
  p1.words.push_back(PlacedWord("标题", 250, 100, 16));
  // Indented first line, running to the right margin (500).
  p1.words.push_back(
      PlacedWord("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
                 120, 150));
  p1.words.push_back(PlacedWord(
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", 100,
      165));
  p1.words.push_back(PlacedWord(
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", 100,
      180));
  p1.words.push_back(PlacedWord("—", 280, 760));  // folio in the bottom margin
  p1.words.push_back(PlacedWord("1", 292, 760));
  p1.words.push_back(PlacedWord("—", 300, 760));
  PdfPage p2{2, 600, 800, {}, {}};
  p2.words.push_back(PlacedWord("续完。", 100, 60));
  p2.words.push_back(PlacedWord("另一段。", 120, 75));
  const SourceDocument doc = PdfPagesDocument({p1, p2});
  ASSERT_EQ(doc.elements.size(), 3u);
  EXPECT_EQ(doc.elements[0].text, "标题");
  EXPECT_EQ(doc.elements[1].text.substr(doc.elements[1].text.size() - 9), "续完。");
  EXPECT_EQ(doc.elements[1].box.page(), 1);
  EXPECT_EQ(doc.elements[2].text, "另一段。");
  EXPECT_EQ(doc.elements[2].box.page(), 2);
}

TEST(PdfLayoutTest, TablesFromRulesWithSpansAndContinuationWithoutRepeatedHeader) {
  PdfPage p1{1, 600, 800, {}, {}};
  // Header row: one cell spanning both columns; then a body row.
  Frame(&p1, {100, 200, 300}, {600, 620, 640}, /*skip_vertical=*/true);
  p1.words.push_back(PlacedWord("表头", 140, 605));
  p1.words.push_back(PlacedWord("甲", 110, 625));
  p1.words.push_back(PlacedWord("20", 210, 625));
  PdfPage p2{2, 600, 800, {}, {}};
  Frame(&p2, {100, 200, 300}, {60, 80, 100, 120}, /*skip_vertical=*/true);
  p2.words.push_back(PlacedWord("表头", 140, 65));  // repeated header
  p2.words.push_back(PlacedWord("乙", 110, 85));
  p2.words.push_back(PlacedWord("3", 210, 85));
  p2.words.push_back(PlacedWord("丙", 110, 105));
  const SourceDocument doc = PdfPagesDocument({p1, p2});
  ASSERT_EQ(doc.elements.size(), 1u);
  ASSERT_EQ(doc.tables.size(), 1u);
  const Grid& g = doc.tables[0];
  ASSERT_EQ(g.rows.size(), 4u);
  EXPECT_EQ(g.rows[0][0].text, "表头");
  EXPECT_EQ(g.rows[0][0].column_span, 2);
  EXPECT_FALSE(g.rows[0][1].origin);
  EXPECT_EQ(g.rows[1][1].text, "20");
  EXPECT_EQ(g.rows[1][1].box.page(), 1);
  EXPECT_EQ(g.rows[2][0].text, "乙");
  EXPECT_EQ(g.rows[2][1].text, "3");
  EXPECT_EQ(g.rows[2][1].row, 2);
  EXPECT_EQ(g.rows[2][1].box.page(), 2);
  EXPECT_EQ(g.rows[3][1].text, "");
}

TEST(PdfLayoutTest, ContinuationWithOtherInnerWallsAndARowCutByThePageBreak) {
  PdfPage p1{1, 600, 800, {}, {}};
  Frame(&p1, {100, 200, 300}, {700, 720, 740});
  p1.words.push_back(PlacedWord("甲", 110, 705));
  p1.words.push_back(PlacedWord("1", 210, 705));
  p1.words.push_back(PlacedWord("乙", 110, 725));  // cut by the page break
  p1.words.push_back(PlacedWord("2", 210, 725));
  PdfPage p2{2, 600, 800, {}, {}};
  // The continuation splits the label column at 150.
  Frame(&p2, {100, 150, 200, 300}, {0, 15, 35}, /*skip_vertical=*/true);
  p2.words.push_back(PlacedWord("乙", 110, 3));
  p2.words.push_back(PlacedWord("2", 210, 3));
  p2.words.push_back(PlacedWord("丙", 110, 20));
  p2.words.push_back(PlacedWord("丁", 160, 20));
  p2.words.push_back(PlacedWord("3", 210, 20));
  const SourceDocument doc = PdfPagesDocument({p1, p2});
  ASSERT_EQ(doc.tables.size(), 1u);
  const Grid& g = doc.tables[0];
  ASSERT_EQ(g.rows.size(), 3u);
  ASSERT_EQ(g.rows[0].size(), 3u);
  EXPECT_EQ(g.rows[0][0].text, "甲");
  EXPECT_EQ(g.rows[0][0].column_span, 2);
  EXPECT_EQ(g.rows[1][0].text, "乙");
  EXPECT_EQ(g.rows[2][0].text, "丙");
  EXPECT_EQ(g.rows[2][1].text, "丁");
  EXPECT_EQ(g.rows[2][2].text, "3");
  EXPECT_EQ(g.rows[2][2].row, 2);
}

TEST(PdfLayoutTest, CharactersSplitAtCellWalls) {
  PdfPage p{1, 600, 800, {}, {}};
  Frame(&p, {100, 130, 160}, {100, 120});
  // One "word" across the wall at 130 (poppler joins close glyphs).
  p.words.push_back(PlacedWord("1020", 120, 105));
  const SourceDocument doc = PdfPagesDocument({p});
  ASSERT_EQ(doc.tables.size(), 1u);
  EXPECT_EQ(doc.tables[0].rows[0][0].text, "10");
  EXPECT_EQ(doc.tables[0].rows[0][1].text, "20");
}

}  // namespace
}  // namespace nianbao::importer

namespace nianbao::importer {
namespace {

TEST(PdfLayoutTest, UnruledTableLinesKeepTheirRunsAndAreNeverFoliosOrProse) {
  PdfPage p{1, 600, 800, {}, {}};
  // A row of an unruled table at the page's foot: label and figures, the
  // first figure 4 points from the label (closer than a word space), the
  // rest far apart. Not a folio, not joined to the line above.
  p.words.push_back(
      PlacedWord("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
                 100, 700));
  p.words.push_back(PlacedWord("甲乙", 100, 760));
  p.words.push_back(PlacedWord("10", 124, 760));
  p.words.push_back(PlacedWord("11", 300, 760));
  p.words.push_back(PlacedWord("5", 400, 760));
  // A row of figures only (table 4) in the bottom margin: no page number.
  p.words.push_back(PlacedWord("6", 100, 780));
  p.words.push_back(PlacedWord("10", 200, 780));
  p.words.push_back(PlacedWord("11", 300, 780));
  const SourceDocument doc = PdfPagesDocument({p});
  ASSERT_EQ(doc.elements.size(), 3u);
  EXPECT_EQ(doc.elements[2].runs.size(), 3u);
  const auto& runs = doc.elements[1].runs;
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].text, "甲乙");
  EXPECT_EQ(runs[1].text, "10");
  EXPECT_DOUBLE_EQ(runs[1].x, 124);
  EXPECT_EQ(runs[1].page, 1);
  EXPECT_EQ(runs[3].text, "5");
}

TEST(PdfLayoutTest, ProducerAutospaceBetweenChineseAndDigitsIsNoSpace) {
  PdfPage p{1, 600, 800, {}, {}};
  p.words.push_back(PlacedWord("第", 100, 100, 10, /*space_after=*/true));
  p.words.push_back(PlacedWord("711", 112, 100, 10, /*space_after=*/true));
  p.words.push_back(PlacedWord("号", 129.5, 100));
  EXPECT_EQ(PdfPagesDocument({p}).elements[0].text, "第 711 号");
  PdfLayoutOptions autospace;
  autospace.cjk_latin_autospace = true;
  EXPECT_EQ(PdfPagesDocument({p}, autospace).elements[0].text, "第711号");
}

}  // namespace
}  // namespace nianbao::importer
