// How the PDF front end reads a table section: ruled tables arrive as grids
// (importer/pdf_layout.h) and go to GridTableReader; a section whose table
// has no usable ruling lines (no grid among its elements) is rebuilt from
// its positioned text runs (importer/borderless_table.h) first, then read by
// the same GridTableReader — labels, edition, blanks and marks alike.
#ifndef NIANBAO_IMPORTER_PDF_TABLE_READER_H_
#define NIANBAO_IMPORTER_PDF_TABLE_READER_H_

#include "importer/grid_table_reader.h"

namespace nianbao::importer {

class PdfTableReader : public TableReader {
 public:
  // Without a grid, also every run's own text: an unruled table's labels are
  // runs of its lines.
  std::vector<std::string> Texts(const SourceDocument& doc, size_t from, size_t to) const override;
  size_t TableStart(const SourceDocument& doc, size_t from, size_t to,
                    const v1::TableFormat& table) const override;
  void Read(const SourceDocument& doc, size_t from, size_t to, const v1::EditionFormat& edition,
            const v1::TableFormat& table, CellPlacer* placer,
            v1::ImportResult* result) const override;

 private:
  GridTableReader grids_;
};

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PDF_TABLE_READER_H_
