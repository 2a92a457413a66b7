// Tables printed without ruling lines (LibreOffice's PDF of an HTML page drops
// the table borders) rebuilt from positioned text alone, into the same grids
// GridTableReader reads for ruled tables:
//
// - Cells: runs stacked at line pitch with overlapping x are one cell's lines
//   (a label broken over lines); rows of a table are farther apart (cell
//   padding). A cell cut by a page break (the rest printed under the repeated
//   header of the next page, at the same x centre) is joined again.
// - Blocks by their headings; each block's header is the cells at its top
//   that are header labels of the block (importer/label_matcher.h).
// - Columns from the header: the leaf header cells (no header cell below
//   them) left to right. Whether a printed group is above a leaf is checked
//   against the format definition: its text must lie over the leaves whose
//   groups name it. A figure may only be in column k if it lies between the
//   leaf texts of columns k-1 and k+1 (a cell's content never reaches into a
//   neighbour's header); the figures of a row, left to right, take increasing
//   columns. A figure left with more than one possible column becomes a cell
//   spanning them, which the grid reader reports as unplaced: never guessed.
// - Rows from the innermost row labels (a label with no other label to its
//   right at its height; outer labels group rows): a figure belongs to the
//   row whose label's vertical extent holds the figure's centre. Figures
//   with no such label form a row of their own, reported as unknown.
//   Tables without label columns (table 4) take their rows from the figures'
//   bands.
#ifndef NIANBAO_IMPORTER_BORDERLESS_TABLE_H_
#define NIANBAO_IMPORTER_BORDERLESS_TABLE_H_

#include <vector>

#include "importer/source_document.h"
#include "nianbao/v1/format.pb.h"

namespace nianbao::importer {

// The table `table` rebuilt from `runs` (every run of the table's part of
// the document, in reading order, each line's runs left to right): a document of block headings
// (text elements) and grids, for GridTableReader. Runs that are the caption are left out.
SourceDocument BorderlessTable(const std::vector<TextRun>& runs, const v1::TableFormat& table);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_BORDERLESS_TABLE_H_
