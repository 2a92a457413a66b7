#include "importer/box_table.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(BoxTableTest, SpansFromTheWalls) {
  const std::vector<std::string> lines = {
      "┌──────┬─────────────┐", "│      │  法人或其他 │", "│ 自然 ├──────┬──────┤",
      "│  人  │ 商业 │ 科研 │", "│      │ 企业 │ 机构 │", "├──────┼──────┼──────┤",
      "│   12 │      │  减3 │", "└──────┴──────┴──────┘",
  };
  const Grid grid = ParseBoxTable(lines, 40);
  ASSERT_EQ(grid.rows.size(), 3u);
  ASSERT_EQ(grid.rows[0].size(), 3u);
  const GridCell& person = grid.rows[0][0];
  EXPECT_EQ(person.text, "自然\n人");
  EXPECT_EQ(person.row_span, 2);
  EXPECT_EQ(person.line, 42u);
  EXPECT_FALSE(grid.rows[1][0].origin);
  EXPECT_EQ(grid.rows[0][1].text, "法人或其他");
  EXPECT_EQ(grid.rows[0][1].column_span, 2);
  EXPECT_EQ(grid.rows[1][1].text, "商业\n企业");
  EXPECT_EQ(grid.rows[2][0].text, "12");
  EXPECT_EQ(grid.rows[2][1].text, "");
  EXPECT_EQ(grid.rows[2][2].text, "减3");
  EXPECT_EQ(grid.rows[2][2].line, 46u);
}

TEST(BoxTableTest, WideCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayColumns(U'汉'), 2);
  EXPECT_EQ(DisplayColumns(U'（'), 2);
  EXPECT_EQ(DisplayColumns(U'“'), 1);
  EXPECT_EQ(DisplayColumns(U'│'), 1);
  EXPECT_EQ(DisplayColumns(U'7'), 1);
  EXPECT_TRUE(IsBoxLine("  ┌──┐"));
  EXPECT_FALSE(IsBoxLine("一、总体情况"));
}

}  // namespace
}  // namespace nianbao::importer
