// Aggregation (汇总): the figures of a parent agency's summary report are the
// sums of its descendants' published reports, cell by cell, over every data
// cell the format definition lists for the edition (format::Cells) plus the
// 2021 edition's information processing fees. A pure function: the service
// decides which reports go in and stores what comes out.
//
// Counts are added with overflow checks; amounts are added exactly (see
// exact_decimal.h), converting 元/万元 where the inputs differ. A cell stays
// blank only where every input is blank (and keeps the mark, e.g. "/", when
// all inputs printed the same one); a blank beside figures counts as 0.
#ifndef NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_
#define NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::collection {

// The sum of `reports` (all of `edition` and `year`) as a report with only
// year, edition, aggregated=true and the table figures set. INVALID_ARGUMENT
// when an input has another edition or year, or an amount's unit cannot be
// reconciled; OUT_OF_RANGE when a sum overflows.
absl::StatusOr<v1::AnnualReport> SumReports(const std::vector<const v1::AnnualReport*>& reports,
                                            v1::Edition edition, int year);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_
