// Which reports roll up into a parent agency's 汇总 report: its descendants'
// published reports of a year, walking down the agency tree but not below a
// published aggregated report (that one already holds its own descendants'
// figures). Aggregation sums them; the hierarchy check compares with them.
// The store walks the tree in one query (StoreTransaction::
// ForEachDescendantReport) and each report is summed as it is read, so
// memory does not grow with the number of reports.
#ifndef NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_
#define NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/collection/aggregate.h"
#include "services/collection/store.h"

namespace nianbao::collection {

struct DescendantReports {
  // Names of the published reports of descendants, breadth first.
  std::vector<std::string> published;
  // Names ("agencies/{agency}") of descendants with no published report
  // for the year (缺报).
  std::vector<std::string> missing_agencies;
};

// Walks the descendants of `parent_id` and their reports of `year` in `tx`,
// adding each published report to `sum` in walk order and naming it in
// `out`. A store error is returned; a report `sum` refuses shows in
// sum->Finish().
absl::Status SumDescendantReports(StoreTransaction& tx, const std::string& parent_id, int year,
                                  ReportSum* sum, DescendantReports* out);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_
