#include "importer/cell_placer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "importer/diagnostics.h"

namespace nianbao::importer {

v1::Provenance CellPlacer::Describe(const format::CellRef& cell, v1::Provenance where) {
  where.set_table_id(cell.table->id());
  where.set_row_label(format::RowLabel(*cell.row));
  where.set_column_label(format::ColumnLabel(*cell.column));
  where.set_field_path(cell.path);
  return where;
}

bool CellPlacer::Place(const format::CellRef& cell, absl::string_view text, v1::Provenance where) {
  const std::string printed(format::TrimSpaces(text));
  where.set_text(printed);
  where = Describe(cell, std::move(where));
  if (!filled_.insert(cell.path).second) {
    AddDiagnostic(
        result_, kCellDuplicate, v1::SEVERITY_ERROR,
        absl::StrCat("该单元格重复出现，保留第一次的值，忽略“", printed, "”"),
        absl::StrCat("cell printed twice; kept the first value, ignored \"", printed, "\""),
        std::move(where));
    return false;
  }
  v1::AnnualReport* report = result_->mutable_report();
  absl::Status status;
  bool stored = false;
  if (cell.column->kind() == v1::CELL_KIND_AMOUNT) {
    auto amount = format::ParseAmount(printed, cell.column->header_unit());
    status = amount.status();
    if (amount.ok() && amount->has_value()) {
      format::MutableAt(report, cell.fields)->CopyFrom(**amount);
      stored = true;
    }
  } else {
    auto count = format::ParseCount(printed, cell.column->kind());
    status = count.status();
    if (count.ok() && count->has_value()) {
      if (cell.column->kind() != v1::CELL_KIND_SIGNED_COUNT && (*count)->value() < 0) {
        status = absl::InvalidArgumentError("negative figure in an unsigned column");
      } else {
        format::MutableAt(report, cell.fields)->CopyFrom(**count);
        stored = true;
      }
    }
  }
  if (!status.ok()) {
    filled_.erase(cell.path);
    AddDiagnostic(result_, kCellUnparsable, v1::SEVERITY_ERROR,
                  absl::StrCat("无法识别的数值“", printed, "”，该单元格未导入"),
                  absl::StrCat("cannot read \"", printed, "\" as a figure (", status.message(),
                               "); cell not imported"),
                  std::move(where));
    return false;
  }
  ++placed_;
  AddDiagnostic(result_, kCellImported, v1::SEVERITY_INFO,
                printed.empty() ? "空白单元格" : absl::StrCat("导入“", printed, "”"),
                printed.empty() ? "blank cell" : absl::StrCat("imported \"", printed, "\""),
                std::move(where));
  return stored || printed.empty();
}

void CellPlacer::TouchRow(const v1::TableFormat& table, const v1::TableBlock& block,
                          const v1::RowFormat& row) {
  touched_.insert(&row);
  std::vector<std::string> parts;
  for (const std::string* p : {&table.field(), &block.field(), &row.field()}) {
    if (!p->empty()) parts.push_back(*p);
  }
  auto chain = format::ResolvePath(v1::AnnualReport::descriptor(), absl::StrJoin(parts, "."));
  if (chain.ok()) format::MutableAt(result_->mutable_report(), *chain);
}

void CellPlacer::Unplaced(absl::string_view text, v1::Provenance where, absl::string_view why_zh,
                          absl::string_view why_en) {
  where.set_text(std::string(format::TrimSpaces(text)));
  AddDiagnostic(
      result_, kCellUnplaced, v1::SEVERITY_ERROR, absl::StrCat("无法确定位置，未导入：", why_zh),
      absl::StrCat("cannot place with certainty, not imported: ", why_en), std::move(where));
}

}  // namespace nianbao::importer
