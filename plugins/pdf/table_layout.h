// Lays out a Document table in the official form: column widths from the
// width hints (never narrower than a cell needs), labels wrapped inside their
// cells, merged cells, borders, figures lined up on their right edge in a
// block centred in the column. A table taller than the space left breaks
// between rows, repeats its header rows on the next page, and never leaves
// a header or block-heading row at the foot of a page.
#ifndef NIANBAO_PLUGINS_PDF_TABLE_LAYOUT_H_
#define NIANBAO_PLUGINS_PDF_TABLE_LAYOUT_H_

#include <vector>

#include "nianbao/v1/document.pb.h"
#include "plugins/pdf/font.h"
#include "plugins/pdf/layout.h"
#include "plugins/pdf/page_style.h"
#include "plugins/pdf/text_layout.h"

namespace nianbao::pdf {

// A cell with its wrapped text.
struct CellBox {
  const v1::TableCell* cell = nullptr;
  int row = 0;
  int column = 0;
  int row_span = 1;
  int column_span = 1;
  std::vector<SetLine> lines;
  double needed_height = 0;  // text plus padding
};

// Sizes of a table, independent of pages.
struct TableGeometry {
  std::vector<double> column_x;  // left edges relative to the table, plus the right edge
  std::vector<double> row_height;
  std::vector<CellBox> cells;
  int header_rows = 0;  // repeated on every page
  // break_ok[i]: a page may end before row i (header_rows < i < rows).
  std::vector<bool> break_ok;
  double width() const { return column_x.back(); }
};

// The geometry points into `table`, which must outlive it.
TableGeometry MeasureTable(const v1::Table& table, const Font& font, const PageStyle& style);

// The rows one page shows: the header rows [0, header_rows), then body
// rows [begin, end).
struct TableSlice {
  int begin = 0;
  int end = 0;
};

struct TableSlicing {
  // Nothing of the table fits in the space left on the current page.
  bool start_on_next_page = false;
  std::vector<TableSlice> slices;  // one per page
};

// Cuts the table into page slices: the first gets `first_space` points of
// height (unless it starts on the next page), each later one `page_space`.
TableSlicing SliceTable(const TableGeometry& geometry, double first_space, double page_space);

// Height of the header rows plus the body rows up to the first place the
// table may break: what must fit below a heading that precedes the table.
double LeadHeight(const TableGeometry& geometry);

// Height of `slice` including the header rows.
double SliceHeight(const TableGeometry& geometry, const TableSlice& slice);

// Paints `slice` with its top-left corner at (x, top) onto `page`.
void PaintTableSlice(const TableGeometry& geometry, const TableSlice& slice, const PageStyle& style,
                     double x, double top, Page* page);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_TABLE_LAYOUT_H_
