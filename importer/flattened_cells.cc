#include "importer/flattened_cells.h"

#include "format/cell_text.h"

namespace nianbao::importer {

FlatRow ReadFlattenedCells(const std::vector<std::string>& lines, size_t first, size_t n,
                           size_t end) {
  FlatRow row;
  size_t i = first;
  end = std::min(end, lines.size());
  while (row.cells.size() < n && i < end) {
    FlatCell cell{std::string(format::TrimSpaces(lines[i])), i};
    i += cell.text.empty() ? 1 : 2;
    row.cells.push_back(std::move(cell));
  }
  row.next = std::min(i, end);
  return row;
}

FlatRow ReadFlattenedCells(const std::vector<std::string>& lines, size_t first, size_t n) {
  return ReadFlattenedCells(lines, first, n, lines.size());
}

}  // namespace nianbao::importer
