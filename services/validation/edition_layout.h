// The shape of one edition's tables as the rules need it: which cells sum to
// which total, which rows reconcile, which paths belong only to the other
// edition. Built once per edition from the format definition (no label or
// path is spelled here), so running the rules does no name lookups.
#ifndef NIANBAO_SERVICES_VALIDATION_EDITION_LAYOUT_H_
#define NIANBAO_SERVICES_VALIDATION_EDITION_LAYOUT_H_

#include <string>
#include <vector>

#include "format/field_path.h"
#include "format/format_definition.h"
#include "nianbao/v1/format.pb.h"

namespace nianbao::validation {

using format::CellRef;

// `total` must equal the sum of `parts`.
struct SumCheck {
  const CellRef* total = nullptr;
  std::vector<const CellRef*> parts;
};

// Table 3, one column: first + second = results_total + carried_forward.
struct ReconcileCheck {
  const CellRef* first = nullptr;            // 一 (new this year)
  const CellRef* second = nullptr;           // 二 (carried over from last year)
  const CellRef* results_total = nullptr;    // （七） (total of the results)
  const CellRef* carried_forward = nullptr;  // 四 (carried forward to next year)
};

// Table 2 (2019 edition), one row: a count of items and its signed change.
struct ItemChange {
  const CellRef* items = nullptr;
  const CellRef* change = nullptr;
};

// A subtree of AnnualReport that only the other edition uses.
struct ForeignField {
  std::string path;
  format::FieldChain chain;
  const CellRef* sample = nullptr;           // a cell inside it (for table/row labels)
  const v1::EditionFormat* owner = nullptr;  // the edition that uses it
};

// A section and where its text and table live.
struct SectionSlots {
  const v1::SectionFormat* section = nullptr;
  format::FieldChain narrative;
  const v1::TableFormat* table = nullptr;  // for table sections
  format::FieldChain table_chain;
};

struct EditionLayout {
  const v1::EditionFormat* edition = nullptr;
  const std::vector<CellRef>* cells = nullptr;  // format::Cells(*edition)
  const v1::TableFormat* t2 = nullptr;
  const v1::TableFormat* t3 = nullptr;
  const v1::TableFormat* t4 = nullptr;

  std::vector<SumCheck> t3_row_sums;                 // per data row: total column = the others
  std::vector<SumCheck> t3_results_sums;             // per column: results total row = result rows
  std::vector<ReconcileCheck> t3_reconcile;          // per column
  std::vector<SumCheck> t4_group_sums;               // per group: total = the four outcomes
  std::vector<ItemChange> t2_item_changes;           // blocks with a signed change column
  std::vector<const CellRef*> t2_first_block_cells;  // 第二十条第（一）项, reading order
  std::vector<ForeignField> foreign;                 // other edition's fields
  std::vector<SectionSlots> sections;

  // For cell i, the default instance of each message along its FieldChain:
  // Reflection::GetMessage returns exactly that object for an unset field,
  // so one call per level both reads and tests presence.
  std::vector<std::vector<const google::protobuf::Message*>> defaults;
  // For cell i, the Reflection of the message each field of its FieldChain
  // is read from: looked up once here, because Message::GetReflection()
  // costs a once-flag check and a TLS lookup on every call.
  std::vector<std::vector<const google::protobuf::Reflection*>> reflections;
  // For cell i, how many leading fields of its chain (the row prefix, not
  // the cell's own field) equal those of cell i-1's: RuleContext reuses the
  // messages it reached along them instead of walking from the root again.
  std::vector<size_t> shared_prefix;
  // The longest FieldChain of any cell.
  size_t max_depth = 0;

  // Index of `cell` in *cells.
  size_t IndexOf(const CellRef* cell) const { return static_cast<size_t>(cell - cells->data()); }
};

// The layout of `edition`, or nullptr for an unknown edition. Lives forever.
const EditionLayout* LayoutFor(v1::Edition edition);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_EDITION_LAYOUT_H_
