// Reads tables that arrive as grids (HTML tables with rowspan/colspan
// expanded; PDF tables rebuilt from coordinates). Header rows are the rows
// whose every cell is a header label of the current block; each grid column
// is then matched to a data column by its stack of header labels (leaf and
// groups, importer/label_matcher.h). A body row is matched by the label cells
// left of the data (innermost first); its cells go to the matched columns.
// Rows the format does not have (provincial additions), columns that match no
// label, and cells spanning several data columns or rows are reported, never
// placed.
#ifndef NIANBAO_IMPORTER_GRID_TABLE_READER_H_
#define NIANBAO_IMPORTER_GRID_TABLE_READER_H_

#include "importer/report_assembler.h"

namespace nianbao::importer {

class GridTableReader : public TableReader {
 public:
  std::vector<std::string> Texts(const SourceDocument& doc, size_t from, size_t to) const override;
  size_t TableStart(const SourceDocument& doc, size_t from, size_t to,
                    const v1::TableFormat& table) const override;
  void Read(const SourceDocument& doc, size_t from, size_t to, const v1::EditionFormat& edition,
            const v1::TableFormat& table, CellPlacer* placer,
            v1::ImportResult* result) const override;
};

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_GRID_TABLE_READER_H_
