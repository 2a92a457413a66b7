#include "services/collection/descendant_reports.h"

#include <deque>
#include <set>

#include "services/collection/resource_names.h"

namespace nianbao::collection {

absl::StatusOr<DescendantReports> FindDescendantReports(StoreTransaction& tx,
                                                        const std::string& parent_id, int year) {
  DescendantReports out;
  std::deque<std::string> queue = {parent_id};
  // The store keeps the parents a tree; `seen` guards against a damaged one.
  std::set<std::string> seen = {parent_id};
  while (!queue.empty()) {
    std::string at = queue.front();
    queue.pop_front();
    AgencyQuery q;
    q.parent_id = at;
    q.limit = 1000;
    while (true) {
      absl::StatusOr<std::vector<v1::ReportingAgency>> children = tx.ListAgencies(q);
      if (!children.ok()) return children.status();
      for (const v1::ReportingAgency& child : *children) {
        absl::StatusOr<std::string> id = ParseAgencyName(child.name());
        if (!id.ok()) return id.status();
        if (!seen.insert(*id).second) continue;
        absl::StatusOr<v1::Report> r = tx.GetReport(*id, year);
        if (!r.ok() && !absl::IsNotFound(r.status())) return r.status();
        const bool published = r.ok() && r->state() == v1::REPORT_STATE_PUBLISHED;
        if (!published || !r->content().aggregated()) queue.push_back(*id);
        if (published) {
          out.published.push_back(*std::move(r));  // moved, not copied: there may be 10k+
        } else {
          out.missing_agencies.push_back(child.name());
        }
      }
      if (static_cast<int>(children->size()) < q.limit) break;
      q.after_id = *ParseAgencyName(children->back().name());
    }
  }
  return out;
}

}  // namespace nianbao::collection
