#include "services/collection/hierarchy_check.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "services/collection/aggregate.h"

namespace nianbao::collection {
namespace {

// A cell as printed in the report ("" when blank).
std::string Printed(const google::protobuf::Message* cell, const SummedCell& where) {
  if (where.cell != nullptr) return format::CellText(cell, *where.cell->column);
  if (where.kind == v1::CELL_KIND_AMOUNT) {
    return format::AmountText(static_cast<const v1::Amount*>(cell), where.header_unit);
  }
  return format::CountText(static_cast<const v1::Count*>(cell), where.kind);
}

}  // namespace

absl::StatusOr<HierarchyComparison> CompareWithSum(const v1::AnnualReport& reported,
                                                   const v1::AnnualReport& sum) {
  const std::vector<SummedCell>& cells = SummedCells(reported.edition());
  if (cells.empty()) {
    return absl::InvalidArgumentError("the hierarchy check needs a report of a known edition");
  }
  HierarchyComparison out;
  for (const SummedCell& where : cells) {
    const google::protobuf::Message* mine = format::GetAt(reported, where.chain);
    const google::protobuf::Message* theirs = format::GetAt(sum, where.chain);
    absl::StatusOr<bool> same = SameFigure(mine, theirs, where.kind, where.header_unit);
    if (!same.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(where.path, ": ", same.status().message()));
    }
    ++out.compared_cells;
    if (*same) continue;
    v1::CellDifference& d = out.differences.emplace_back();
    d.set_field_path(where.path);
    if (where.cell != nullptr) {
      d.set_table_label(where.cell->table->caption());
      d.set_row_label(format::RowLabel(*where.cell->row));
      d.set_column_label(format::ColumnLabel(*where.cell->column));
    }
    d.set_reported(Printed(mine, where));
    d.set_descendants_sum(Printed(theirs, where));
  }
  return out;
}

}  // namespace nianbao::collection
