// Puts printed cell text into the report at the cell the format definition
// names, and says so: every figure placed gets a CELL_IMPORTED diagnostic
// with its provenance; text that does not parse for its column, or a cell
// already filled, is reported and not stored. The placer never decides WHERE
// a cell goes — the front ends do, from the labels — it only stores.
#ifndef NIANBAO_IMPORTER_CELL_PLACER_H_
#define NIANBAO_IMPORTER_CELL_PLACER_H_

#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "format/format_definition.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

class CellPlacer {
 public:
  explicit CellPlacer(v1::ImportResult* result) : result_(result) {}

  // Parses `text` as `cell`'s column kind and stores it (a blank stores
  // nothing: the cell stays absent). `where` gets the cell's table, row,
  // column, field path and text filled in. False when not stored.
  bool Place(const format::CellRef& cell, absl::string_view text, v1::Provenance where);

  // Creates the message of `row` so that a row printed with only blank
  // cells is present and empty, as the row was printed.
  void TouchRow(const v1::TableFormat& table, const v1::TableBlock& block,
                const v1::RowFormat& row);

  // Reports `text` found in a table but not placed (ERROR CELL_UNPLACED).
  void Unplaced(absl::string_view text, v1::Provenance where, absl::string_view why_zh,
                absl::string_view why_en);

  // Provenance naming `cell` (table, row, column, field path).
  static v1::Provenance Describe(const format::CellRef& cell, v1::Provenance where);

  // Whether TouchRow was called for `row`.
  bool Touched(const v1::RowFormat& row) const { return touched_.count(&row) > 0; }

  int placed() const { return placed_; }

 private:
  v1::ImportResult* result_;
  std::set<std::string> filled_;
  std::set<const v1::RowFormat*> touched_;
  int placed_ = 0;
};

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_CELL_PLACER_H_
