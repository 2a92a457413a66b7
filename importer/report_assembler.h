// Turns a SourceDocument into an ImportResult, the same way for every source
// kind: finds the six section headings (by the format definition), reads the
// page head (title, agency, year, publisher, date), the preamble and the
// narratives, detects the edition from the table labels (warning when it is
// not the edition of the report's year), and hands each table section to the
// front end's TableReader. Afterwards every data row of the format that no
// reader found is reported.
#ifndef NIANBAO_IMPORTER_REPORT_ASSEMBLER_H_
#define NIANBAO_IMPORTER_REPORT_ASSEMBLER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "importer/cell_placer.h"
#include "importer/source_document.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// How a front end reads the tables of its source.
class TableReader {
 public:
  virtual ~TableReader() = default;
  // Texts printed in the tables of elements [from, to), for edition
  // detection.
  virtual std::vector<std::string> Texts(const SourceDocument& doc, size_t from,
                                         size_t to) const = 0;
  // Where the table of `table` starts in [from, to): the elements before it
  // are the section's summary text. `to` when there is no table.
  virtual size_t TableStart(const SourceDocument& doc, size_t from, size_t to,
                            const v1::TableFormat& table) const = 0;
  // Reads the table in [from, to) into placer's report.
  virtual void Read(const SourceDocument& doc, size_t from, size_t to,
                    const v1::EditionFormat& edition, const v1::TableFormat& table,
                    CellPlacer* placer, v1::ImportResult* result) const = 0;
};

// InvalidArgument when `doc` holds no section heading of the national format
// (not a report, or not one nianbao can read).
absl::StatusOr<v1::ImportResult> Assemble(const SourceDocument& doc, const TableReader& reader,
                                          v1::SourceFormat source_format);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_REPORT_ASSEMBLER_H_
