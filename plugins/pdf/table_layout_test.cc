#include "plugins/pdf/table_layout.h"

#include "gtest/gtest.h"
#include "plugins/pdf/font_locator.h"
#include "plugins/pdf/line_breaker.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao::pdf {
namespace {

class TableLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto file = LocateFont(kDefaultBodyFont);
    ASSERT_TRUE(file.ok()) << file.status();
    auto font = GetFont(*file);
    ASSERT_TRUE(font.ok()) << font.status();
    font_ = *font;
    auto style = MakePageStyle(v1::RenderOptions());
    ASSERT_TRUE(style.ok());
    style_ = *style;
  }

  v1::Table Table(const std::string& example, const std::string& id) {
    auto table = renderers::BuildTable(nianbao::testing::LoadExample(example), id);
    EXPECT_TRUE(table.ok()) << table.status();
    return table.ok() ? *table : v1::Table();
  }

  std::shared_ptr<const Font> font_;
  PageStyle style_;
};

TEST_F(TableLayoutTest, FillsTheTextWidthAndTextFitsItsCells) {
  for (const char* example : {"hongqiao-2020.json", "example-city-2022.json"}) {
    for (const char* id : {"T2", "T3", "T4"}) {
      const v1::Table table = Table(example, id);
      const TableGeometry g = MeasureTable(table, *font_, style_);
      EXPECT_NEAR(g.width(), style_.text_width, 0.5) << example << " " << id;
      for (const CellBox& box : g.cells) {
        const double inner = g.column_x[static_cast<size_t>(box.column + box.column_span)] -
                             g.column_x[static_cast<size_t>(box.column)] -
                             2 * style_.cell_padding_x;
        double height = 0;
        for (int r = box.row; r < box.row + box.row_span; ++r) {
          height += g.row_height[static_cast<size_t>(r)];
        }
        EXPECT_GE(height + 0.01, box.needed_height) << id << " " << box.cell->text();
        for (const SetLine& line : box.lines) {
          EXPECT_GE(line.x, -0.01) << id << " " << box.cell->text();
          EXPECT_LE(line.x + line.width, inner + 0.01) << id << " " << box.cell->text();
        }
      }
    }
  }
}

TEST_F(TableLayoutTest, NumbersInParenthesesStayOnOneLine) {
  const v1::Table table = Table("hongqiao-2020.json", "T3");
  const TableGeometry g = MeasureTable(table, *font_, style_);
  int checked = 0;
  for (const CellBox& box : g.cells) {
    if (box.cell->text().rfind("（三）", 0) != 0) continue;
    ASSERT_FALSE(box.lines.empty());
    EXPECT_EQ(ToUtf8(box.lines[0].text).rfind("（三）", 0), 0u) << ToUtf8(box.lines[0].text);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST_F(TableLayoutTest, FiguresLineUpOnTheirRightEdge) {
  const v1::Table table = Table("hongqiao-2020.json", "T3");
  const TableGeometry g = MeasureTable(table, *font_, style_);
  // Column 9 (总计) holds figures of one to three digits.
  std::vector<double> right_edges;
  for (const CellBox& box : g.cells) {
    if (box.column != 9 || box.cell->role() != v1::CELL_ROLE_UNSPECIFIED) continue;
    for (const SetLine& line : box.lines) right_edges.push_back(line.x + line.width);
  }
  ASSERT_GT(right_edges.size(), 5u);
  for (double edge : right_edges) EXPECT_NEAR(edge, right_edges.front(), 0.01);
}

TEST_F(TableLayoutTest, BreaksRepeatHeadersAndNeverStrandHeaderRows) {
  const v1::Table table = Table("hongqiao-2020.json", "T3");
  const TableGeometry g = MeasureTable(table, *font_, style_);
  ASSERT_EQ(g.header_rows, 3);
  double header = 0;
  for (int r = 0; r < g.header_rows; ++r) header += g.row_height[static_cast<size_t>(r)];
  // A page a third of the usual height forces several breaks.
  const double page = style_.text_height / 3;
  for (double first : {page, header + 5.0, 10.0}) {
    const TableSlicing slicing = SliceTable(g, first, page);
    ASSERT_GE(slicing.slices.size(), 2u);
    int next = g.header_rows;
    for (size_t i = 0; i < slicing.slices.size(); ++i) {
      const TableSlice& s = slicing.slices[i];
      EXPECT_EQ(s.begin, next) << "rows are neither lost nor repeated";
      EXPECT_GT(s.end, s.begin) << "each page shows body rows under its header";
      const double space = (i == 0 && !slicing.start_on_next_page) ? first : page;
      EXPECT_LE(SliceHeight(g, s), space + 0.01);
      next = s.end;
    }
    EXPECT_EQ(next, table.rows_size());
  }
  EXPECT_TRUE(SliceTable(g, 10.0, page).start_on_next_page);
}

TEST_F(TableLayoutTest, BlocksOfTable2StayWhole) {
  const v1::Table table = Table("hongqiao-2020.json", "T2");
  const TableGeometry g = MeasureTable(table, *font_, style_);
  EXPECT_EQ(g.header_rows, 0);
  const TableSlicing slicing = SliceTable(g, style_.text_height / 4, style_.text_height / 4);
  ASSERT_GE(slicing.slices.size(), 2u);
  for (const TableSlice& s : slicing.slices) {
    EXPECT_TRUE(table.rows(s.begin).block_start())
        << "page starts inside a block at row " << s.begin;
    EXPECT_FALSE(table.rows(s.end - 1).header()) << "heading or header row at a page foot";
  }
}

TEST_F(TableLayoutTest, PaintsRulesAndEveryFigure) {
  const v1::Table table = Table("hongqiao-2020.json", "T4");
  const TableGeometry g = MeasureTable(table, *font_, style_);
  const TableSlicing slicing = SliceTable(g, style_.text_height, style_.text_height);
  ASSERT_EQ(slicing.slices.size(), 1u);
  Page page;
  PaintTableSlice(g, slicing.slices[0], style_, style_.left, style_.top, &page);
  EXPECT_FALSE(page.rules.empty());
  int figures = 0;
  for (const TextRun& run : page.runs) {
    EXPECT_GE(run.x, style_.left);
    EXPECT_LE(run.y, style_.top);
    if (ToUtf8(run.text) == "10" || ToUtf8(run.text) == "11" || ToUtf8(run.text) == "5") ++figures;
  }
  EXPECT_EQ(figures, 6);  // 10, 10, 11, 11, 5, 5: each group's 维持 and 总计
}

// Every merged header cell of the official forms is one box: no rule of
// the painted table crosses its inside.
TEST_F(TableLayoutTest, MergedHeaderCellsAreUndivided) {
  for (const char* example : {"hongqiao-2020.json", "example-city-2022.json"}) {
    for (const char* id : {"T2", "T3", "T4"}) {
      const v1::Table table = Table(example, id);
      const TableGeometry g = MeasureTable(table, *font_, style_);
      const TableSlicing slicing = SliceTable(g, 1e6, 1e6);  // one tall page
      ASSERT_EQ(slicing.slices.size(), 1u);
      Page page;
      const double top = 1e6;
      PaintTableSlice(g, slicing.slices[0], style_, 0, top, &page);
      std::vector<double> row_top(g.row_height.size() + 1, top);
      for (size_t r = 0; r < g.row_height.size(); ++r)
        row_top[r + 1] = row_top[r] - g.row_height[r];
      int merged = 0;
      for (const CellBox& box : g.cells) {
        if (box.cell->role() == v1::CELL_ROLE_UNSPECIFIED) continue;
        if (box.row_span == 1 && box.column_span == 1) continue;
        ++merged;
        const double left = g.column_x[static_cast<size_t>(box.column)] + 0.01;
        const double right = g.column_x[static_cast<size_t>(box.column + box.column_span)] - 0.01;
        const double cell_top = row_top[static_cast<size_t>(box.row)] - 0.01;
        const double bottom = row_top[static_cast<size_t>(box.row + box.row_span)] + 0.01;
        for (const Rule& r : page.rules) {
          const bool crosses = std::max(r.x1, r.x2) > left && std::min(r.x1, r.x2) < right &&
                               std::max(r.y1, r.y2) > bottom && std::min(r.y1, r.y2) < cell_top &&
                               // a rule on the cell's own edge lies outside the shrunk box
                               !(r.x1 == r.x2 && (r.x1 <= left || r.x1 >= right)) &&
                               !(r.y1 == r.y2 && (r.y1 <= bottom || r.y1 >= cell_top));
          EXPECT_FALSE(crosses) << example << " " << id << ": a rule crosses \"" << box.cell->text()
                                << "\"";
        }
      }
      if (std::string(id) != "T4") {
        EXPECT_GT(merged, 0) << example << " " << id;
      }
    }
  }
}

}  // namespace
}  // namespace nianbao::pdf
