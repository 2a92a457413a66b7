// The text front end. Two forms of table: drawn with box characters
// (importer/box_table.h), or flattened as web pages scrape to — headings and
// paragraphs one per line, and tables flattened to one cell per line, where a
// figure is a line followed by one blank separator line and an empty cell is
// a single blank line (importer/flattened_cells.h). Rows are found by their
// official labels; each row's cells are then read by that rule, so the
// number of cells (from the format definition) fixes which line is which
// column. A row whose lines do not fit the rule is reported, not guessed.
#ifndef NIANBAO_IMPORTER_TEXT_IMPORTER_H_
#define NIANBAO_IMPORTER_TEXT_IMPORTER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "importer/report_assembler.h"
#include "importer/source_document.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// One element per line (blank lines included; UTF-8 BOM and CR dropped).
SourceDocument TextLines(absl::string_view text);

// Plain text whose tables are drawn with box-drawing characters (the text
// plugin's output, "copy as text" tools): blocks of non-blank lines are
// paragraphs (wrapped lines joined), runs of box lines are tables (grids).
SourceDocument BoxTextDocument(const SourceDocument& lines);

// Reads tables flattened one cell per line.
class FlatTextTableReader : public TableReader {
 public:
  std::vector<std::string> Texts(const SourceDocument& doc, size_t from, size_t to) const override;
  size_t TableStart(const SourceDocument& doc, size_t from, size_t to,
                    const v1::TableFormat& table) const override;
  void Read(const SourceDocument& doc, size_t from, size_t to, const v1::EditionFormat& edition,
            const v1::TableFormat& table, CellPlacer* placer,
            v1::ImportResult* result) const override;
};

// Imports a report from text: with box-drawn tables when the text has any
// (read by GridTableReader), else with tables flattened one cell per line.
// InvalidArgument when the text holds no section of the national format.
absl::StatusOr<v1::ImportResult> ImportText(absl::string_view text);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_TEXT_IMPORTER_H_
