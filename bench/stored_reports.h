// Fills a collection store fast for the benchmarks: agencies and published
// reports written straight through the Store API in one transaction, not
// RPC by RPC (the service's create/submit/publish path validates each
// report, which is not what the aggregation or render benchmarks measure).
#ifndef NIANBAO_BENCH_STORED_REPORTS_H_
#define NIANBAO_BENCH_STORED_REPORTS_H_

#include <string>

#include "absl/status/status.h"
#include "nianbao/v1/report.pb.h"
#include "services/collection/store.h"

namespace nianbao::bench {

// Stores agency `parent_id` (a root) and `children` agencies below it named
// "<parent_id>-<i>", each with a PUBLISHED report of `content`'s year whose
// figures are `content`'s. The first child's report can be read back as
// ReportName(parent_id + "-0", year).
absl::Status StorePublishedReports(collection::Store& store, const std::string& parent_id,
                                   const v1::AnnualReport& content, int children);

}  // namespace nianbao::bench

#endif  // NIANBAO_BENCH_STORED_REPORTS_H_
