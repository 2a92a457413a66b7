#include "importer/borderless_table.h"

#include <string>
#include <vector>

#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "importer/label_matcher.h"

namespace nianbao::importer {
namespace {

// Synthetic pages set the way LibreOffice prints nianbao's HTML tables: no
// rules, header labels centred over their columns, figures left-aligned at
// the column's left edge, labels vertically centred in their rows. Every
// label is read from the format definition.

const v1::TableFormat& Table(v1::Edition edition, const char* id) {
  return *format::FindTable(*format::FindEdition(edition), id);
}

// Bytes of the first `n` code points of `s`.
size_t Prefix(const std::string& s, int n) {
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n-- == 0) break;
  }
  return i;
}

constexpr double kSize = 8;  // points per Chinese character

// A run of `text` set from (x, y); ASCII takes half a Chinese character.
TextRun At(const std::string& text, double x, double y, int page = 1) {
  double width = 0;
  for (size_t i = 0; i < text.size();) {
    const bool ascii = static_cast<unsigned char>(text[i]) < 0x80;
    width += ascii ? kSize / 2 : kSize;
    i += ascii ? 1 : 3;
  }
  return {text, page, x, y, width, kSize * 1.3};
}

// `text` centred over [left, right).
TextRun Centred(const std::string& text, double left, double right, double y, int page = 1) {
  TextRun r = At(text, 0, y, page);
  r.x = (left + right) / 2 - r.width / 2;
  return r;
}

// A layout of one block: label area [0, kLabels), data columns kColumn wide.
constexpr double kLabels = 320, kColumn = 70;
double Left(int k) { return kLabels + k * kColumn; }

// The block's header: its label-area header cell, the column groups (one
// line per level, each centred over its columns) and the leaves; returns
// the y below it.
double Header(const v1::TableBlock& block, double y, std::vector<TextRun>* runs, int page = 1) {
  runs->push_back(Centred(block.header(0).text(), 0, kLabels, y, page));
  int depth = 0;
  for (const auto& c : block.columns()) depth = std::max(depth, c.groups_size());
  for (int level = 0; level < depth; ++level) {
    for (int k = 0; k < block.columns_size();) {
      if (block.columns(k).groups_size() <= level) {
        ++k;
        continue;
      }
      const std::string& name = block.columns(k).groups(level);
      int end = k;
      while (end < block.columns_size() && block.columns(end).groups_size() > level &&
             block.columns(end).groups(level) == name) {
        ++end;
      }
      runs->push_back(Centred(name, Left(k), Left(end), y + 20 * level, page));
      k = end;
    }
  }
  for (int k = 0; k < block.columns_size(); ++k) {
    runs->push_back(Centred(block.columns(k).label(), Left(k), Left(k + 1), y + 20 * depth, page));
  }
  return y + 20 * depth + 30;
}

std::vector<std::string> Texts(const std::vector<GridCell>& row) {
  std::vector<std::string> out;
  for (const GridCell& c : row) out.push_back(c.text);
  return out;
}

TEST(BorderlessTableTest, BlocksHeadersRowsAndFiguresByColumn) {
  const v1::TableFormat& t2 = Table(v1::EDITION_2019_TRIAL, "T2");
  const v1::TableBlock& b0 = t2.blocks(0);
  const v1::TableBlock& b1 = t2.blocks(1);
  std::vector<TextRun> runs;
  runs.push_back(Centred(t2.caption(), 0, 400, 10));
  runs.push_back(Centred(b0.heading(), 0, 400, 30));
  double y = Header(b0, 50, &runs);
  runs.push_back(At(b0.rows(0).label(), 20, y));
  runs.push_back(At("0", Left(0) + 1.3, y - 1));
  runs.push_back(At("12", Left(1) + 1.3, y - 1));
  runs.push_back(At("1", Left(2) + 1.3, y - 1));
  y += 30;
  runs.push_back(Centred(b1.heading(), 0, 400, y));
  y = Header(b1, y + 20, &runs);
  runs.push_back(At(b1.rows(0).label(), 20, y));
  runs.push_back(At("484", Left(0) + 1.3, y - 1));
  // A sign set in another font: two runs 2.4 points apart are one figure.
  runs.push_back(At("减", Left(1) + 1.3, y));
  runs.push_back(At("75", Left(1) + 1.3 + kSize + 2.4, y - 1));
  // Blank cell in the last column.

  const SourceDocument doc = BorderlessTable(runs, t2);
  ASSERT_EQ(doc.elements.size(), 4u);
  EXPECT_TRUE(MatchesBlockHeading(b0, doc.elements[0].text));
  ASSERT_EQ(doc.elements[1].table, 0);
  EXPECT_TRUE(MatchesBlockHeading(b1, doc.elements[2].text));
  ASSERT_EQ(doc.elements[3].table, 1);

  const Grid& g0 = doc.tables[0];
  ASSERT_EQ(g0.rows.size(), 2u);
  EXPECT_EQ(Texts(g0.rows[0]),
            (std::vector<std::string>{b0.header(0).text(), b0.columns(0).label(),
                                      b0.columns(1).label(), b0.columns(2).label()}));
  EXPECT_EQ(Texts(g0.rows[1]), (std::vector<std::string>{b0.rows(0).label(), "0", "12", "1"}));
  // Provenance: page and the printed figure's box.
  EXPECT_EQ(g0.rows[1][2].box.page(), 1);
  EXPECT_NEAR(g0.rows[1][2].box.x(), Left(1) + 1.3, 0.05);

  const Grid& g1 = doc.tables[1];
  ASSERT_EQ(g1.rows.size(), 2u);
  EXPECT_EQ(Texts(g1.rows[1]), (std::vector<std::string>{b1.rows(0).label(), "484", "减75", ""}));
  // The blank cell stays blank, with the column's place in the row as box.
  const GridCell& blank = g1.rows[1][3];
  EXPECT_EQ(blank.column_span, 1);
  EXPECT_FALSE(blank.filler);
  EXPECT_EQ(blank.box.page(), 1);
  EXPECT_GT(blank.box.width(), 0);
}

TEST(BorderlessTableTest, FigureBetweenTwoHeadersAloneInItsRowIsNotPlaced) {
  // Block 八: two data columns, the second header short and centred; a
  // left-aligned figure under it lies left of its header text, between both.
  const v1::TableFormat& t2 = Table(v1::EDITION_2019_TRIAL, "T2");
  const v1::TableBlock& b3 = t2.blocks(3);
  ASSERT_EQ(b3.columns_size(), 2);
  std::vector<TextRun> runs;
  runs.push_back(Centred(b3.heading(), 0, 400, 10));
  runs.push_back(Centred(b3.header(0).text(), 0, kLabels, 30));
  runs.push_back(Centred(b3.columns(0).label(), Left(0), Left(1), 30));
  runs.push_back(Centred(b3.columns(1).label(), Left(1), Left(4), 30));
  // With the first column's figure beside it, order decides: certain.
  runs.push_back(At(b3.rows(0).label(), 20, 60));
  runs.push_back(At("15", Left(0) + 1.3, 59));
  runs.push_back(At("0", Left(1) + 1.3, 59));
  const SourceDocument with = BorderlessTable(runs, t2);
  ASSERT_EQ(with.tables.size(), 1u);
  EXPECT_EQ(Texts(with.tables[0].rows[1]),
            (std::vector<std::string>{b3.rows(0).label(), "15", "0"}));
  EXPECT_EQ(with.tables[0].rows[1][2].column_span, 1);

  // Alone, it may be either column's: a cell spanning both (reported by the
  // grid reader as unplaced), never a guess.
  runs.erase(runs.end() - 2);
  const SourceDocument alone = BorderlessTable(runs, t2);
  const auto& row = alone.tables[0].rows[1];
  EXPECT_EQ(row[1].text, "0");
  EXPECT_EQ(row[1].column_span, 2);
  EXPECT_TRUE(row[1].origin);
  EXPECT_EQ(row[2].text, "0");
  EXPECT_FALSE(row[2].origin);
}

TEST(BorderlessTableTest, GroupsMultiLineLabelsOuterLabelsAndCutCells) {
  const v1::TableFormat& t3 = Table(v1::EDITION_2021, "T3");
  const v1::TableBlock& b = t3.blocks(0);
  // Rows: a group label (outer, left) over two children; the second child's
  // label broken over two lines with its figures centred between them, and
  // cut by the page break after its first line.
  int group = -1;
  for (int i = 0; i + 2 < b.rows_size() && group < 0; ++i) {
    if (format::IsGroupRow(b, i) && !format::IsGroupRow(b, i + 1) &&
        !format::IsGroupRow(b, i + 2)) {
      group = i;
    }
  }
  ASSERT_GE(group, 0);
  const std::string first = format::RowLabel(b.rows(group + 1));
  const std::string second = format::RowLabel(b.rows(group + 2));
  const size_t cut_at = Prefix(second, 4);
  const std::string head = second.substr(0, cut_at), rest = second.substr(cut_at);

  std::vector<TextRun> runs;
  runs.push_back(Centred(t3.caption(), 0, 600, 10));
  double y = Header(b, 30, &runs);
  runs.push_back(At(format::RowLabel(b.rows(group)), 5, y + 8));  // outer, spans both
  runs.push_back(At(first, 100, y));
  runs.push_back(At("7", Left(0) + 1.3, y - 1));
  runs.push_back(At("3", Left(b.columns_size() - 1) + 1.3, y - 1));
  y += 30;
  runs.push_back(At(head, 100, y));
  runs.push_back(At("5", Left(0) + 1.3, y));
  // Page 2: the header again, then the rest of the cut label.
  const double y2 = Header(b, 30, &runs, 2);
  // At the x centre of the cut label's first line.
  const TextRun cut = At(head, 100, y);
  TextRun tail = At(rest, 0, y2, 2);
  tail.x = cut.center_x() - tail.width / 2;
  runs.push_back(tail);

  const SourceDocument doc = BorderlessTable(runs, t3);
  ASSERT_EQ(doc.tables.size(), 1u);
  const Grid& g = doc.tables[0];
  // Header rows, then exactly the two child rows: the outer label is no row,
  // the repeated header and the cut label's rest are not rows either.
  std::vector<const std::vector<GridCell>*> body;
  for (const auto& row : g.rows) {
    if (!row.front().header) body.push_back(&row);
  }
  ASSERT_EQ(body.size(), 2u);
  EXPECT_TRUE(MatchesRow(b.rows(group + 1), (*body[0])[0].text));
  EXPECT_TRUE(MatchesRow(b.rows(group + 2), (*body[1])[0].text)) << (*body[1])[0].text;
  EXPECT_EQ((*body[0])[1].text, "7");
  EXPECT_EQ(body[0]->back().text, "3");
  EXPECT_EQ((*body[1])[1].text, "5");
  // Every data column's header path names its groups and its label.
  for (int k = 0; k < b.columns_size(); ++k) {
    std::vector<std::string> path;
    for (const auto& row : g.rows) {
      if (row.front().header) path.push_back(row[1 + k].text);
    }
    EXPECT_EQ(MatchColumn(b, path), k);
  }
}

TEST(BorderlessTableTest, TableWithoutLabelColumnsTakesRowsFromFigureBands) {
  const v1::TableFormat& t4 = Table(v1::EDITION_2021, "T4");
  const v1::TableBlock& b = t4.blocks(0);
  std::vector<TextRun> runs;
  // No label area: the header's leaves are the columns from x = 0.
  int depth = 0;
  for (const auto& c : b.columns()) depth = std::max(depth, c.groups_size());
  auto left = [](int k) { return k * 40.0; };
  for (int level = 0; level < depth; ++level) {
    for (int k = 0; k < b.columns_size();) {
      if (b.columns(k).groups_size() <= level) {
        ++k;
        continue;
      }
      int end = k;
      while (end < b.columns_size() && b.columns(end).groups_size() > level &&
             b.columns(end).groups(level) == b.columns(k).groups(level)) {
        ++end;
      }
      runs.push_back(Centred(b.columns(k).groups(level), left(k), left(end), 20.0 * level));
      k = end;
    }
  }
  for (int k = 0; k < b.columns_size(); ++k) {
    // Leaves two characters a line, as narrow columns break them.
    const std::string& label = b.columns(k).label();
    for (int line = 0; line * 6 < static_cast<int>(label.size()); ++line) {
      runs.push_back(
          Centred(label.substr(line * 6, 6), left(k), left(k + 1), 20.0 * depth + 11 * line));
    }
  }
  runs.push_back(At("6", left(0) + 1, 20.0 * depth + 40));
  runs.push_back(At("10", left(4) + 1, 20.0 * depth + 40));
  const SourceDocument doc = BorderlessTable(runs, t4);
  ASSERT_EQ(doc.tables.size(), 1u);
  const Grid& g = doc.tables[0];
  ASSERT_FALSE(g.rows.back().front().header);
  ASSERT_EQ(static_cast<int>(g.rows.back().size()), b.columns_size());
  EXPECT_EQ(g.rows.back()[0].text, "6");
  EXPECT_EQ(g.rows.back()[4].text, "10");
  EXPECT_EQ(g.rows.back()[1].text, "");
  for (int k = 0; k < b.columns_size(); ++k) {
    std::vector<std::string> path;
    for (const auto& row : g.rows) {
      if (row.front().header) path.push_back(row[k].text);
    }
    EXPECT_EQ(MatchColumn(b, path), k) << k;
  }
}

}  // namespace
}  // namespace nianbao::importer
