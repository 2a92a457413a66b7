// CollectionService: review of warnings (ListReportViolations,
// ReviewReportViolation) and the hierarchy check (CheckReportHierarchy).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/collection/aggregate.h"
#include "services/collection/collection_service.h"
#include "services/collection/descendant_reports.h"
#include "services/collection/hierarchy_check.h"
#include "services/collection/resource_names.h"
#include "services/collection/service_support.h"
#include "services/collection/violation_reviews.h"

namespace nianbao::collection {

absl::StatusOr<CollectionServiceImpl::Validated> CollectionServiceImpl::ValidateStored(
    const std::string& agency_id, int year,
    absl::FunctionRef<absl::Status(const v1::Report&)> precheck) {
  Validated out;
  std::optional<v1::AnnualReport> previous;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> r = tx.GetReport(agency_id, year);
    if (!r.ok()) return r.status();
    out.report = *std::move(r);
    absl::StatusOr<v1::Report> last = tx.GetReport(agency_id, year - 1);
    if (last.ok()) {
      previous = last->content();
    } else if (!absl::IsNotFound(last.status())) {
      return last.status();
    }
    absl::StatusOr<std::vector<v1::ViolationReview>> reviews =
        tx.ListViolationReviews(agency_id, year);
    if (!reviews.ok()) return reviews.status();
    out.reviews = *std::move(reviews);
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  if (absl::Status pre = precheck(out.report); !pre.ok()) return pre;
  absl::StatusOr<v1::ValidateReportResponse> result =
      validator_->Validate(out.report.content(), previous ? &*previous : nullptr);
  if (!result.ok()) return result.status();
  out.result = *std::move(result);
  return out;
}

grpc::Status CollectionServiceImpl::ListReportViolations(
    grpc::ServerContext* context, const v1::ListReportViolationsRequest* request,
    v1::ListReportViolationsResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(request->parent()), "parent", &bad, &key)) return bad.Build();
  absl::StatusOr<Validated> validated =
      ValidateStored(key.agency_id, key.year, [](const v1::Report&) { return absl::OkStatus(); });
  if (!validated.ok()) return ToGrpc(validated.status());
  *response = ApplyReviews(validated->result, validated->reviews);
  response->set_report_version(validated->report.version());
  return grpc::Status::OK;
}

grpc::Status CollectionServiceImpl::ReviewReportViolation(
    grpc::ServerContext* context, const v1::ReviewReportViolationRequest* request,
    v1::ReviewedViolation* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  ParseName(ParseReportName(request->name()), "name", &bad, &key);
  if (request->fingerprint().empty()) {
    bad.Add("fingerprint", "required: the Violation.fingerprint of the warning to review");
  }
  if (request->decision() != v1::REVIEW_DECISION_ACKNOWLEDGED &&
      request->decision() != v1::REVIEW_DECISION_WAIVED) {
    bad.Add("decision", "must be REVIEW_DECISION_ACKNOWLEDGED or REVIEW_DECISION_WAIVED");
  }
  if (request->reason().find_first_not_of(" \t\r\n") == std::string::npos) {
    bad.Add("reason", "required: say why, it is kept in the report's history");
  } else if (request->reason().size() > 4096) {
    bad.Add("reason", "at most 4096 bytes");
  }
  if (!bad.empty()) return bad.Build();

  // The warning must exist in the report as it is now: validate, then
  // record the decision only if the report is still the one validated.
  absl::StatusOr<Validated> validated =
      ValidateStored(key.agency_id, key.year, [&](const v1::Report& current) -> absl::Status {
        if (!request->etag().empty() && request->etag() != current.etag()) {
          return absl::AbortedError(
              absl::StrCat(current.name(), " was changed since etag ", request->etag()));
        }
        return absl::OkStatus();
      });
  if (!validated.ok()) return ToGrpc(validated.status());
  absl::StatusOr<v1::Violation> warning =
      FindReviewableWarning(validated->result, request->fingerprint());
  if (!warning.ok()) return ToGrpc(warning.status());

  const std::string& actor = caller.actor;
  const v1::Report& current = validated->report;
  v1::Report next = NextVersion(current, actor);
  v1::ViolationReview review;
  review.set_fingerprint(request->fingerprint());
  review.set_decision(request->decision());
  review.set_reason(request->reason());
  review.set_reviewer(actor);
  *review.mutable_review_time() = next.update_time();
  review.set_report_version(next.version());
  *review.mutable_violation() = *warning;
  const std::string comment =
      absl::StrCat(request->decision() == v1::REVIEW_DECISION_WAIVED ? "waived " : "acknowledged ",
                   warning->rule_id(), warning->field_path().empty() ? "" : " at ",
                   warning->field_path(), ": ", request->reason());
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    if (absl::Status u = tx.UpdateReport(next, current.etag(),
                                         MakeVersion(next, v1::REPORT_CHANGE_REVIEW, {}, comment));
        !u.ok()) {
      return u;
    }
    return tx.PutViolationReview(key.agency_id, key.year, review);
  });
  if (!st.ok()) return ToGrpc(st);
  *response->mutable_violation() = *warning;
  response->set_review_state(request->decision() == v1::REVIEW_DECISION_WAIVED
                                 ? v1::REVIEW_STATE_WAIVED
                                 : v1::REVIEW_STATE_ACKNOWLEDGED);
  *response->mutable_review() = review;
  return grpc::Status::OK;
}

grpc::Status CollectionServiceImpl::CheckReportHierarchy(
    grpc::ServerContext* context, const v1::CheckReportHierarchyRequest* request,
    v1::CheckReportHierarchyResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(request->name()), "name", &bad, &key)) return bad.Build();
  v1::Report parent;
  DescendantReports descendants;
  std::optional<ReportSum> summing;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> r = tx.GetReport(key.agency_id, key.year);
    if (!r.ok()) return r.status();
    parent = *std::move(r);
    // Each report is summed as the store reads it; none is held.
    summing.emplace(parent.content().edition(), parent.content().year());
    descendants = DescendantReports();
    return SumDescendantReports(tx, key.agency_id, key.year, &*summing, &descendants);
  });
  if (!st.ok()) return ToGrpc(st);
  for (std::string& name : descendants.published) response->add_included_reports(std::move(name));
  for (std::string& name : descendants.missing_agencies) {
    response->add_missing_agencies(std::move(name));
  }
  const v1::AnnualReport& reported = parent.content();
  absl::StatusOr<v1::AnnualReport> sum = summing->Finish();
  if (!sum.ok()) {
    response->Clear();
    return grpc::Status(
        grpc::StatusCode::FAILED_PRECONDITION,
        absl::StrCat("cannot sum the descendants' published reports: ", sum.status().message()));
  }
  absl::StatusOr<HierarchyComparison> comparison = CompareWithSum(reported, *sum);
  if (!comparison.ok()) {
    response->Clear();
    return grpc::Status(
        grpc::StatusCode::FAILED_PRECONDITION,
        absl::StrCat("cannot compare ", parent.name(), ": ", comparison.status().message()));
  }
  for (v1::CellDifference& d : comparison->differences) *response->add_differences() = std::move(d);
  response->set_compared_cells(comparison->compared_cells);
  return grpc::Status::OK;
}

}  // namespace nianbao::collection
