#include "plugins/html/html_table.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/html/html_escape.h"
#include "plugins/html/html_style.h"

namespace nianbao::html {
namespace {

const char* AlignClass(v1::Alignment alignment) {
  switch (alignment) {
    case v1::ALIGNMENT_START:
      return "nb-align-start";
    case v1::ALIGNMENT_CENTER:
      return "nb-align-center";
    case v1::ALIGNMENT_END:
      return "nb-align-end";
    case v1::ALIGNMENT_JUSTIFY:
      return "nb-align-justify";
    default:
      return nullptr;
  }
}

// The class attribute for a cell: its role's class and its alignment.
void AppendClass(const v1::TableCell& cell, std::string* out) {
  absl::InlinedVector<absl::string_view, 2> classes;
  if (cell.role() == v1::CELL_ROLE_BLOCK_HEADING) classes.push_back("nb-block-heading");
  if (cell.role() == v1::CELL_ROLE_NOTE) classes.push_back("nb-note");
  if (const char* align = AlignClass(cell.alignment())) classes.push_back(align);
  if (classes.empty()) return;
  absl::StrAppend(out, " class=\"", absl::StrJoin(classes, " "), "\"");
}

void AppendSpans(const v1::TableCell& cell, std::string* out) {
  if (cell.row_span() > 1) absl::StrAppend(out, " rowspan=\"", cell.row_span(), "\"");
  if (cell.column_span() > 1) absl::StrAppend(out, " colspan=\"", cell.column_span(), "\"");
}

void AppendId(const v1::TableCell& cell, std::string* out) {
  if (cell.id().empty()) return;
  out->append(" id=\"");
  AppendEscaped(cell.id(), out);
  out->append("\"");
}

// `block_heading`: id of the heading of the block the cell is in, or empty.
void AppendCell(const v1::TableCell& cell, const std::string& block_heading, std::string* out) {
  switch (cell.role()) {
    case v1::CELL_ROLE_COLUMN_HEADER:
    case v1::CELL_ROLE_BLOCK_HEADING:
      // A block heading spans the whole table and heads the columns below
      // it, like a top-level column header. "col" covers every column a
      // spanning header spans; "colgroup" would need <colgroup> elements.
      out->append("<th");
      AppendId(cell, out);
      out->append(" scope=\"col\"");
      break;
    case v1::CELL_ROLE_ROW_HEADER:
      out->append("<th");
      AppendId(cell, out);
      // Not "rowgroup" for a label spanning rows: that scope would reach to
      // the end of the <tbody>; `headers` on the figures is exact anyway.
      out->append(" scope=\"row\"");
      break;
    case v1::CELL_ROLE_NOTE:
      out->append("<td");
      AppendId(cell, out);
      break;
    default: {
      out->append("<td");
      // Views, not copies: this runs for every figure of every render.
      absl::InlinedVector<absl::string_view, 8> headers;
      if (!block_heading.empty()) headers.push_back(block_heading);
      for (const std::string& id : cell.header_ids()) {
        if (std::find(headers.begin(), headers.end(), id) == headers.end()) {
          headers.push_back(id);
        }
      }
      for (size_t k = 0; k < headers.size(); ++k) {
        out->append(k == 0 ? " headers=\"" : " ");
        AppendEscaped(headers[k], out);
      }
      if (!headers.empty()) out->append("\"");
      break;
    }
  }
  AppendSpans(cell, out);
  AppendClass(cell, out);
  out->append(">");
  AppendEscaped(cell.text(), out);
  out->append(cell.role() == v1::CELL_ROLE_COLUMN_HEADER ||
                      cell.role() == v1::CELL_ROLE_BLOCK_HEADING ||
                      cell.role() == v1::CELL_ROLE_ROW_HEADER
                  ? "</th>"
                  : "</td>");
}

}  // namespace

void AppendTable(const v1::Table& table, std::string* out) {
  const std::string id = table.id().empty() ? "table" : table.id();
  const std::string caption_id = absl::StrCat(id, "-caption");
  // A <section> named by its caption is a region landmark; tabindex lets
  // keyboard users focus it and scroll a wide table sideways.
  out->append("<section class=\"nb-table-scroll\" tabindex=\"0\" aria-labelledby=\"");
  AppendEscaped(caption_id, out);
  out->append("\">\n<table id=\"");
  AppendEscaped(id, out);
  double min_em = 0;
  for (const v1::ColumnSpec& column : table.columns()) {
    min_em += column.numeric()
                  ? kFigureColumnEm
                  : std::clamp(column.weight(), 1, kMaxColumnWeight) * kLabelEmPerWeight;
  }
  const int min_class = std::min(2 * static_cast<int>(std::ceil(min_em / 2)), kMaxTableMinEm);
  absl::StrAppend(out, "\" class=\"nb-table nb-min-", std::max(min_class, 2),
                  "\">\n<caption id=\"");
  AppendEscaped(caption_id, out);
  out->append("\">");
  AppendEscaped(table.caption(), out);
  out->append("</caption>\n");
  // Minimum column widths from the width hints: figures get room for a
  // two-character header line, labels room by weight. Together they make
  // wide tables wider than a phone, so they scroll in their region instead
  // of squeezing labels to one character a line.
  if (table.columns_size() > 0) {
    out->append("<colgroup>");
    for (const v1::ColumnSpec& column : table.columns()) {
      if (column.numeric()) {
        out->append("<col class=\"nb-col-figure\">");
      } else {
        absl::StrAppend(out, "<col class=\"nb-col-w",
                        std::clamp(column.weight(), 1, kMaxColumnWeight), "\">");
      }
    }
    out->append("</colgroup>\n");
  }

  const int header_rows = std::clamp(table.header_rows(), 0, table.rows_size());
  if (header_rows > 0) {
    out->append("<thead>\n");
    for (int r = 0; r < header_rows; ++r) {
      out->append("<tr>");
      for (const v1::TableCell& cell : table.rows(r).cells()) AppendCell(cell, "", out);
      out->append("</tr>\n");
    }
    out->append("</thead>\n");
  }
  // Body: a new <tbody> for each block, so table 2's blocks stay whole
  // (in print, and as groups for assistive technology).
  bool open = false;
  std::string block_heading;
  for (int r = header_rows; r < table.rows_size(); ++r) {
    const v1::TableRow& row = table.rows(r);
    if (!open || row.block_start()) {
      if (open) out->append("</tbody>\n");
      // Only a block that carries its own heading is kept whole on paper;
      // a long body under a repeated <thead> must break across pages.
      out->append(header_rows > 0 ? "<tbody>\n" : "<tbody class=\"nb-block\">\n");
      open = true;
      block_heading.clear();
    }
    for (const v1::TableCell& cell : row.cells()) {
      if (cell.role() == v1::CELL_ROLE_BLOCK_HEADING) block_heading = cell.id();
    }
    out->append("<tr>");
    for (const v1::TableCell& cell : row.cells()) AppendCell(cell, block_heading, out);
    out->append("</tr>\n");
  }
  if (open) out->append("</tbody>\n");
  out->append("</table>\n</section>\n");
}

}  // namespace nianbao::html
