// What every front end (text, HTML, PDF) reduces a published report to
// before the report is assembled: block-level texts in reading order
// (headings, paragraphs, and for flattened text every line, blank ones
// included) and tables as grids with spans expanded. Each piece keeps where
// it came from.
#ifndef NIANBAO_IMPORTER_SOURCE_DOCUMENT_H_
#define NIANBAO_IMPORTER_SOURCE_DOCUMENT_H_

#include <string>
#include <vector>

#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// One cell of an expanded table grid. A cell spanning several rows or
// columns appears in each position it covers; only its top-left position has
// `origin` set.
struct GridCell {
  std::string text;
  size_t line = 0;  // source line index (from 0), where known
  int row = 0;      // position of the cell's origin in the grid
  int column = 0;
  int row_span = 1;
  int column_span = 1;
  bool origin = true;
  bool header = false;  // printed as a header cell (<th>)
  bool filler = false;  // no cell was printed here (a row shorter than the table)
  v1::PageBox box;      // PDF sources
};

// A table: rows of equal length after expansion.
struct Grid {
  std::vector<std::vector<GridCell>> rows;
  size_t line = 0;
};

// A run of text on one baseline with no wide gap inside (PDF sources): what
// a table without ruling lines is rebuilt from (importer/borderless_table.h).
// Points from the page's top-left corner.
struct TextRun {
  std::string text;
  int page = 0;
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  double center_x() const { return x + width / 2; }
  double center_y() const { return y + height / 2; }
};

// One element in reading order: text, or (table >= 0) a table.
struct SourceElement {
  std::string text;
  size_t line = 0;  // source line index (from 0)
  int table = -1;   // index into SourceDocument::tables
  v1::PageBox box;  // PDF sources
  // PDF sources: the runs the text was made of, every line's, in order.
  std::vector<TextRun> runs;
};

struct SourceDocument {
  std::vector<SourceElement> elements;
  std::vector<Grid> tables;
  // The agency as the file's metadata names it (HTML <meta name="author">,
  // PDF Author), where present.
  std::string author;
};

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_SOURCE_DOCUMENT_H_
