#include "services/collection/descendant_reports.h"

#include "services/collection/resource_names.h"

namespace nianbao::collection {

absl::Status SumDescendantReports(StoreTransaction& tx, const std::string& parent_id, int year,
                                  ReportSum* sum, DescendantReports* out) {
  return tx.ForEachDescendantReport(parent_id, year, &ReportSum::Fields(),
                                    [&](const DescendantReport& d) -> absl::Status {
                                      if (d.published == nullptr) {
                                        out->missing_agencies.push_back(AgencyName(d.agency_id));
                                        return absl::OkStatus();
                                      }
                                      out->published.push_back(ReportName(d.agency_id, year));
                                      // After a refused report the walk goes on: a store error
                                      // further on still comes first, as when all reports were read
                                      // before summing.
                                      sum->Add(*d.published);
                                      return absl::OkStatus();
                                    });
}

}  // namespace nianbao::collection
