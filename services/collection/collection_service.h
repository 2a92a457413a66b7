// nianbao.v1.CollectionService (proto/nianbao/v1/collection.proto): the gRPC
// service class, in the shape of gRPC's route_guide example. It checks
// requests, runs each change as one store transaction with an optimistic
// etag check, calls the validation service for Submit and Publish (never
// inside a transaction), and renders through a ReportRenderer.
#ifndef NIANBAO_SERVICES_COLLECTION_COLLECTION_SERVICE_H_
#define NIANBAO_SERVICES_COLLECTION_COLLECTION_SERVICE_H_

#include <memory>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"

#include "nianbao/v1/collection.grpc.pb.h"
#include "services/collection/authorizer.h"
#include "services/collection/render_request_cache.h"
#include "services/collection/report_renderer.h"
#include "services/collection/report_validator.h"
#include "services/collection/store.h"

namespace nianbao::collection {

class CollectionServiceImpl final : public v1::CollectionService::Service {
 public:
  // Bytes of laid-out render requests RenderReport keeps by default
  // (render_request_cache.h): ~170 seed-sized reports (46 KB each).
  static constexpr size_t kDefaultRenderCacheBytes = size_t{8} << 20;

  // `store` and `validator` are required; `renderer` may be null (then no
  // formats are listed and RenderReport is FAILED_PRECONDITION); `tokens`
  // null turns authentication off (authorizer.h). None is owned; all must
  // outlive the service. `render_cache_bytes` 0 lays every render out anew.
  CollectionServiceImpl(Store* store, ReportValidator* validator, const ReportRenderer* renderer,
                        const services::TokenFile* tokens = nullptr,
                        size_t render_cache_bytes = kDefaultRenderCacheBytes);

  grpc::Status CreateAgency(grpc::ServerContext* context, const v1::CreateAgencyRequest* request,
                            v1::ReportingAgency* response) override;
  grpc::Status GetAgency(grpc::ServerContext* context, const v1::GetAgencyRequest* request,
                         v1::ReportingAgency* response) override;
  grpc::Status ListAgencies(grpc::ServerContext* context, const v1::ListAgenciesRequest* request,
                            v1::ListAgenciesResponse* response) override;
  grpc::Status UpdateAgency(grpc::ServerContext* context, const v1::UpdateAgencyRequest* request,
                            v1::ReportingAgency* response) override;

  grpc::Status CreateReport(grpc::ServerContext* context, const v1::CreateReportRequest* request,
                            v1::Report* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status UpdateReport(grpc::ServerContext* context, const v1::UpdateReportRequest* request,
                            v1::Report* response) override;
  grpc::Status DeleteReport(grpc::ServerContext* context, const v1::DeleteReportRequest* request,
                            google::protobuf::Empty* response) override;
  grpc::Status ListReportVersions(grpc::ServerContext* context,
                                  const v1::ListReportVersionsRequest* request,
                                  v1::ListReportVersionsResponse* response) override;

  grpc::Status SubmitReport(grpc::ServerContext* context, const v1::SubmitReportRequest* request,
                            v1::Report* response) override;
  grpc::Status PublishReport(grpc::ServerContext* context, const v1::PublishReportRequest* request,
                             v1::Report* response) override;
  grpc::Status ReturnReportToDraft(grpc::ServerContext* context,
                                   const v1::ReturnReportToDraftRequest* request,
                                   v1::Report* response) override;

  grpc::Status AggregateReports(grpc::ServerContext* context,
                                const v1::AggregateReportsRequest* request,
                                v1::AggregateReportsResponse* response) override;

  grpc::Status RenderReport(grpc::ServerContext* context, const v1::RenderReportRequest* request,
                            v1::RenderReportResponse* response) override;
  grpc::Status ListRenderFormats(grpc::ServerContext* context,
                                 const v1::ListRenderFormatsRequest* request,
                                 v1::ListRenderFormatsResponse* response) override;

  // Review of warnings and the hierarchy check (collection_service_review.cc).
  grpc::Status ListReportViolations(grpc::ServerContext* context,
                                    const v1::ListReportViolationsRequest* request,
                                    v1::ListReportViolationsResponse* response) override;
  grpc::Status ReviewReportViolation(grpc::ServerContext* context,
                                     const v1::ReviewReportViolationRequest* request,
                                     v1::ReviewedViolation* response) override;
  grpc::Status CheckReportHierarchy(grpc::ServerContext* context,
                                    const v1::CheckReportHierarchyRequest* request,
                                    v1::CheckReportHierarchyResponse* response) override;

  // In import_report.cc.
  grpc::Status ImportReport(grpc::ServerContext* context, const v1::ImportReportRequest* request,
                            v1::ImportReportResponse* response) override;

 private:
  // A stored report as the validation service sees it now.
  struct Validated {
    v1::Report report;
    v1::ValidateReportResponse result;
    // The reviewers' decisions on its warnings.
    std::vector<v1::ViolationReview> reviews;
  };
  // Reads the report, last year's report of the agency and the reviews in
  // one transaction, runs `precheck` on the report (its error is returned
  // without validating), then validates outside any transaction (a remote
  // call must not hold locks). Callers that write afterwards name the etag
  // they validated.
  absl::StatusOr<Validated> ValidateStored(
      const std::string& agency_id, int year,
      absl::FunctionRef<absl::Status(const v1::Report&)> precheck);

  // Submit and Publish: validate, then move from `from` to `to`.
  grpc::Status Advance(const Caller& caller, const std::string& name, const std::string& etag,
                       v1::ReportState from, v1::ReportState to, v1::ReportChange change,
                       v1::Report* response);

  Store* store_;
  ReportValidator* validator_;
  const ReportRenderer* renderer_;
  RenderRequestCache render_cache_;
  // Every handler starts with authz_.Authorize (see authorizer.h).
  Authorizer authz_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_COLLECTION_SERVICE_H_
