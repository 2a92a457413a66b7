#include "importer/flattened_cells.h"

#include "gtest/gtest.h"

namespace nianbao::importer {
namespace {

TEST(FlattenedCellsTest, FigureTakesTwoLinesEmptyCellOne) {
  // label, separator, "285", sep, "7", sep, empty, "4", sep, next label
  const std::vector<std::string> lines = {"一、本年新收", "", "285", "", "7", "", "", "4", "",
                                          "二、上年结转"};
  const FlatRow row = ReadFlattenedCells(lines, 2, 4);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_EQ(row.cells[0].text, "285");
  EXPECT_EQ(row.cells[1].text, "7");
  EXPECT_EQ(row.cells[2].text, "");
  EXPECT_EQ(row.cells[3].text, "4");
  EXPECT_EQ(row.cells[3].line, 7u);
  EXPECT_EQ(row.next, 9u);
}

TEST(FlattenedCellsTest, TrimsPaddingAndStopsAtTheEnd) {
  const std::vector<std::string> lines = {"\u2002\u200250", "", "  1"};
  const FlatRow row = ReadFlattenedCells(lines, 0, 5);
  ASSERT_EQ(row.cells.size(), 2u);
  EXPECT_EQ(row.cells[0].text, "50");
  EXPECT_EQ(row.cells[1].text, "1");
  EXPECT_EQ(row.next, 3u);
}

TEST(FlattenedCellsTest, AllBlankRow) {
  const std::vector<std::string> lines = {"", "", "", "next"};
  const FlatRow row = ReadFlattenedCells(lines, 0, 3);
  ASSERT_EQ(row.cells.size(), 3u);
  EXPECT_EQ(row.next, 3u);
}

}  // namespace
}  // namespace nianbao::importer
