#include "plugins/html/html_table.h"

#include <string>

#include "gtest/gtest.h"

namespace nianbao::html {
namespace {

v1::TableCell* AddCell(v1::TableRow* row, v1::CellRole role, int column, const std::string& text,
                       const std::string& id = "") {
  v1::TableCell* cell = row->add_cells();
  cell->set_role(role);
  cell->set_column(column);
  cell->set_row_span(1);
  cell->set_column_span(1);
  cell->set_text(text);
  cell->set_id(id);
  return cell;
}

TEST(AppendTableTest, HeaderRowsGoInTheadAndFiguresNameTheirHeaders) {
  v1::Table table;
  table.set_id("T9");
  table.set_caption("<caption & co>");
  table.add_columns()->set_weight(4);
  table.add_columns()->set_numeric(true);
  table.set_header_rows(1);
  v1::TableRow* head = table.add_rows();
  head->set_header(true);
  AddCell(head, v1::CELL_ROLE_NOTE, 0, "note");
  AddCell(head, v1::CELL_ROLE_COLUMN_HEADER, 1, "自然人", "h1");
  v1::TableRow* body = table.add_rows();
  AddCell(body, v1::CELL_ROLE_ROW_HEADER, 0, "（一）予以公开", "r1");
  v1::TableCell* figure = AddCell(body, v1::CELL_ROLE_UNSPECIFIED, 1, "<83>");
  figure->add_header_ids("r1");
  figure->add_header_ids("h1");
  figure->set_alignment(v1::ALIGNMENT_CENTER);

  std::string out;
  AppendTable(table, &out);
  EXPECT_EQ(out,
            "<section class=\"nb-table-scroll\" tabindex=\"0\" aria-labelledby=\"T9-caption\">\n"
            "<table id=\"T9\" class=\"nb-table nb-min-12\">\n"
            "<caption id=\"T9-caption\">&lt;caption &amp; co&gt;</caption>\n"
            "<colgroup><col class=\"nb-col-w4\"><col class=\"nb-col-figure\"></colgroup>\n"
            "<thead>\n"
            "<tr><td class=\"nb-note\">note</td><th id=\"h1\" scope=\"col\">自然人</th></tr>\n"
            "</thead>\n"
            "<tbody>\n"
            "<tr><th id=\"r1\" scope=\"row\">（一）予以公开</th>"
            "<td headers=\"r1 h1\" class=\"nb-align-center\">&lt;83&gt;</td></tr>\n"
            "</tbody>\n"
            "</table>\n"
            "</section>\n");
}

TEST(AppendTableTest, BlocksWithTheirOwnHeadingGetATbodyEachAndNameTheHeading) {
  v1::Table table;
  table.set_id("T2");
  table.set_caption("c");
  table.add_columns()->set_weight(5);
  table.add_columns()->set_numeric(true);
  for (const std::string b : {"a", "b"}) {
    v1::TableRow* heading_row = table.add_rows();
    heading_row->set_header(true);
    heading_row->set_block_start(true);
    v1::TableCell* heading =
        AddCell(heading_row, v1::CELL_ROLE_BLOCK_HEADING, 0, "第二十条" + b, "bh-" + b);
    heading->set_column_span(2);
    v1::TableRow* header = table.add_rows();
    header->set_header(true);
    AddCell(header, v1::CELL_ROLE_COLUMN_HEADER, 0, "信息内容", "info-" + b);
    AddCell(header, v1::CELL_ROLE_COLUMN_HEADER, 1, "数量", "n-" + b);
    v1::TableRow* row = table.add_rows();
    AddCell(row, v1::CELL_ROLE_ROW_HEADER, 0, "规章", "r-" + b);
    v1::TableCell* figure = AddCell(row, v1::CELL_ROLE_UNSPECIFIED, 1, "1");
    figure->add_header_ids("r-" + b);
    figure->add_header_ids("n-" + b);
  }
  std::string out;
  AppendTable(table, &out);
  EXPECT_EQ(out.find("<thead>"), std::string::npos);
  size_t tbodies = 0;
  for (size_t at = out.find("<tbody class=\"nb-block\">"); at != std::string::npos;
       at = out.find("<tbody class=\"nb-block\">", at + 1)) {
    ++tbodies;
  }
  EXPECT_EQ(tbodies, 2u);
  EXPECT_NE(out.find("<th id=\"bh-a\" scope=\"col\" colspan=\"2\" class=\"nb-block-heading\">"
                     "第二十条a</th>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<td headers=\"bh-a r-a n-a\">1</td>"), std::string::npos) << out;
  EXPECT_NE(out.find("<td headers=\"bh-b r-b n-b\">1</td>"), std::string::npos) << out;
}

}  // namespace
}  // namespace nianbao::html
