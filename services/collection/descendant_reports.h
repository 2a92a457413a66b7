// Which reports roll up into a parent agency's 汇总 report: its descendants'
// published reports of a year, walking down the agency tree but not below a
// published aggregated report (that one already holds its own descendants'
// figures). Aggregation sums them; the hierarchy check compares with them.
#ifndef NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_
#define NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nianbao/v1/collection.pb.h"
#include "services/collection/store.h"

namespace nianbao::collection {

struct DescendantReports {
  // Published reports of descendants, breadth first.
  std::vector<v1::Report> published;
  // Names ("agencies/{agency}") of descendants with no published report
  // for the year (缺报).
  std::vector<std::string> missing_agencies;
};

// The descendants of `parent_id` and their reports of `year`, read in `tx`.
absl::StatusOr<DescendantReports> FindDescendantReports(StoreTransaction& tx,
                                                        const std::string& parent_id, int year);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_DESCENDANT_REPORTS_H_
