// Table cells in the flattened text that web pages scrape to: one cell per
// line, where a FIGURE is a line followed by one blank separator line and an
// EMPTY cell is a single blank line. Given how many cells a row has (from the
// format definition) this rule reads them back without guessing.
#ifndef NIANBAO_IMPORTER_FLATTENED_CELLS_H_
#define NIANBAO_IMPORTER_FLATTENED_CELLS_H_

#include <string>
#include <vector>

namespace nianbao::importer {

struct FlatCell {
  std::string text;  // trimmed; "" for an empty cell
  size_t line = 0;   // index into the lines
};

struct FlatRow {
  std::vector<FlatCell> cells;  // fewer than asked when the lines ran out
  size_t next = 0;              // index of the first line after the row
};

// Reads up to `n` cells starting at lines[first] (for a labelled row: the
// line after the label's own separator, i.e. label + 2), stopping at `end`.
FlatRow ReadFlattenedCells(const std::vector<std::string>& lines, size_t first, size_t n,
                           size_t end);
FlatRow ReadFlattenedCells(const std::vector<std::string>& lines, size_t first, size_t n);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_FLATTENED_CELLS_H_
