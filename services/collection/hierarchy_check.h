// The hierarchy check (层级核对): a parent agency's own 汇总 report against
// the sum of its descendants' published reports, cell by cell. A pure
// function; the service picks the reports (descendant_reports.h) and sums
// them (aggregate.h).
#ifndef NIANBAO_SERVICES_COLLECTION_HIERARCHY_CHECK_H_
#define NIANBAO_SERVICES_COLLECTION_HIERARCHY_CHECK_H_

#include <vector>

#include "absl/status/statusor.h"
#include "nianbao/v1/collection.pb.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::collection {

struct HierarchyComparison {
  // Cells where `reported` and `sum` state different figures, in format order.
  std::vector<v1::CellDifference> differences;
  // How many cells were compared.
  int compared_cells = 0;
};

// Compares every figure aggregation sums (aggregate.h SummedCells) of
// `reported` with `sum`, both of `reported`'s edition. Blank and 0 are the
// same figure here; 万元 and 元 are converted. INVALID_ARGUMENT for an unknown
// edition or an amount that does not parse.
absl::StatusOr<HierarchyComparison> CompareWithSum(const v1::AnnualReport& reported,
                                                   const v1::AnnualReport& sum);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_HIERARCHY_CHECK_H_
