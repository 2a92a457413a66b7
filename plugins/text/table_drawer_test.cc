#include "plugins/text/table_drawer.h"

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "plugins/text/display_width.h"

namespace nianbao::text {
namespace {

v1::TableCell* AddCell(v1::TableRow* row, const std::string& text, int column, int row_span = 1,
                       int column_span = 1, v1::CellRole role = v1::CELL_ROLE_ROW_HEADER) {
  v1::TableCell* cell = row->add_cells();
  cell->set_text(text);
  cell->set_column(column);
  cell->set_row_span(row_span);
  cell->set_column_span(column_span);
  cell->set_role(role);
  cell->set_alignment(role == v1::CELL_ROLE_COLUMN_HEADER ? v1::ALIGNMENT_CENTER
                                                          : v1::ALIGNMENT_CENTER);
  return cell;
}

v1::Table Grid(int columns) {
  v1::Table t;
  t.set_id("T");
  for (int c = 0; c < columns; ++c) t.add_columns()->set_weight(1);
  return t;
}

class TableDrawerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = LineBreaker::Create();
    ASSERT_TRUE(b.ok()) << b.status();
    breaker_ = *std::move(b);
  }
  std::vector<std::string> Draw(const v1::Table& t, int width) {
    auto lines = DrawTable(t, width, *breaker_);
    EXPECT_TRUE(lines.ok()) << lines.status();
    return lines.ok() ? *lines : std::vector<std::string>{};
  }
  std::unique_ptr<LineBreaker> breaker_;
};

void ExpectEqualWidths(const std::vector<std::string>& lines) {
  ASSERT_FALSE(lines.empty());
  const int width = DisplayWidth(lines[0]);
  for (const std::string& line : lines) EXPECT_EQ(DisplayWidth(line), width) << line;
}

TEST_F(TableDrawerTest, HeaderSpanningColumns) {
  v1::Table t = Grid(2);
  AddCell(t.add_rows(), "A", 0, 1, 2, v1::CELL_ROLE_COLUMN_HEADER);
  v1::TableRow* r = t.add_rows();
  AddCell(r, "x", 0);
  AddCell(r, "1", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  EXPECT_EQ(absl::StrJoin(Draw(t, 100), "\n"),
            "┌───────┐\n"
            "│   A   │\n"
            "├───┬───┤\n"
            "│ x │ 1 │\n"
            "└───┴───┘");
}

TEST_F(TableDrawerTest, LabelSpanningRowsIsCentredVertically) {
  v1::Table t = Grid(2);
  v1::TableRow* r0 = t.add_rows();
  AddCell(r0, "L", 0, 2, 1);
  AddCell(r0, "1", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  AddCell(t.add_rows(), "2", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  EXPECT_EQ(absl::StrJoin(Draw(t, 100), "\n"),
            "┌───┬───┐\n"
            "│   │ 1 │\n"
            "│ L ├───┤\n"
            "│   │ 2 │\n"
            "└───┴───┘");
}

TEST_F(TableDrawerTest, FiguresAreRightAlignedAndWideTextMeasuredByDisplayWidth) {
  v1::Table t = Grid(2);
  v1::TableRow* r0 = t.add_rows();
  AddCell(r0, "总计", 0);
  AddCell(r0, "7", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  v1::TableRow* r1 = t.add_rows();
  AddCell(r1, "其他", 0);
  AddCell(r1, "1234", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  const auto lines = Draw(t, 100);
  ExpectEqualWidths(lines);
  EXPECT_EQ(lines[1], "│ 总计 │    7 │");
  EXPECT_EQ(lines[3], "│ 其他 │ 1234 │");
}

TEST_F(TableDrawerTest, BlankCellsAndUncoveredPlacesStayEmpty) {
  v1::Table t = Grid(3);
  v1::TableRow* r = t.add_rows();
  AddCell(r, "a", 0);
  AddCell(r, "", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);  // column 2 uncovered
  const auto lines = Draw(t, 100);
  EXPECT_EQ(absl::StrJoin(lines, "\n"),
            "┌───┬───┬───┐\n"
            "│ a │   │   │\n"
            "└───┴───┴───┘");
}

TEST_F(TableDrawerTest, NarrowsLabelsToFitAndNeverCutsFigures) {
  v1::Table t = Grid(4);
  v1::TableRow* h = t.add_rows();
  AddCell(h, "要求行政机关确认或重新出具已获取信息", 0, 1, 1, v1::CELL_ROLE_COLUMN_HEADER);
  AddCell(h, "社会公益组织", 1, 1, 1, v1::CELL_ROLE_COLUMN_HEADER);
  AddCell(h, "法律服务机构", 2, 1, 1, v1::CELL_ROLE_COLUMN_HEADER);
  AddCell(h, "采购总金额", 3, 1, 1, v1::CELL_ROLE_COLUMN_HEADER);
  v1::TableRow* r = t.add_rows();
  AddCell(r, "信访举报投诉类申请", 0);
  AddCell(r, "12345", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  AddCell(r, "0", 2, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  AddCell(r, "14957.701682万元", 3, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  for (int width : {100, 60, 40, 30}) {
    SCOPED_TRACE(width);
    const auto lines = Draw(t, width);
    ExpectEqualWidths(lines);
    EXPECT_LE(DisplayWidth(lines[0]), width);
    const std::string all = absl::StrJoin(lines, "\n");
    EXPECT_NE(all.find("12345"), std::string::npos);
    EXPECT_NE(all.find("14957.701682万元"), std::string::npos);
  }
}

TEST_F(TableDrawerTest, DrawnWiderThanTheLineOnlyWhenFiguresCannotFit) {
  v1::Table t = Grid(2);
  v1::TableRow* r = t.add_rows();
  AddCell(r, "1234567890", 0, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  AddCell(r, "1234567890", 1, 1, 1, v1::CELL_ROLE_UNSPECIFIED);
  const auto lines = Draw(t, 20);
  ExpectEqualWidths(lines);
  EXPECT_EQ(DisplayWidth(lines[0]), 23);  // padding dropped, figures kept whole
}

TEST_F(TableDrawerTest, RefusesMalformedGrids) {
  v1::Table overlap = Grid(2);
  v1::TableRow* r = overlap.add_rows();
  AddCell(r, "a", 0, 1, 2);
  AddCell(r, "b", 1);
  EXPECT_FALSE(DrawTable(overlap, 100, *breaker_).ok());

  v1::Table outside = Grid(2);
  AddCell(outside.add_rows(), "a", 1, 1, 2);
  EXPECT_FALSE(DrawTable(outside, 100, *breaker_).ok());

  v1::Table too_tall = Grid(1);
  AddCell(too_tall.add_rows(), "a", 0, 3, 1);
  EXPECT_FALSE(DrawTable(too_tall, 100, *breaker_).ok());
}

}  // namespace
}  // namespace nianbao::text
