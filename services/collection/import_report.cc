// CollectionService.ImportReport: a published report's bytes (text, HTML,
// PDF) through the importer (importer/importer.h) into a DRAFT, created the
// same way as CreateReport (agency details filled from the store, the name
// from the imported year, idempotency by request_id).
#include "importer/importer.h"
#include "services/collection/collection_service.h"
#include "services/collection/grpc_errors.h"
#include "services/collection/resource_names.h"

namespace nianbao::collection {

namespace {
constexpr size_t kMaxImportBytes = 10 << 20;
}  // namespace

grpc::Status CollectionServiceImpl::ImportReport(grpc::ServerContext* context,
                                                 const v1::ImportReportRequest* request,
                                                 v1::ImportReportResponse* response) {
  // CreateReport checks again for the stored draft; validate_only needs
  // the agency in scope too, or it would be an open import service.
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  if (!ParseAgencyName(request->parent()).ok()) bad.Add("parent", "\"agencies/{agency}\"");
  if (request->content().empty()) {
    bad.Add("content", "required");
  } else if (request->content().size() > kMaxImportBytes) {
    bad.Add("content", "at most 10 MiB");
  }
  if (!v1::SourceFormat_IsValid(request->source_format())) {
    bad.Add("source_format", "unknown");
  }
  if (!bad.empty()) return bad.Build();

  absl::StatusOr<v1::ImportResult> imported =
      importer::ImportReport(request->content(), request->file_name(), request->source_format());
  if (!imported.ok()) {
    bad.Add("content", std::string(imported.status().message()));
    return bad.Build();
  }
  if (imported->report().year() == 0) {
    bad.Add("content", "the report's year could not be read");
    return bad.Build();
  }
  *response->mutable_import_result() = *imported;
  if (request->validate_only()) {
    *response->mutable_report()->mutable_content() = imported->report();
    return grpc::Status::OK;
  }
  v1::CreateReportRequest create;
  create.set_parent(request->parent());
  *create.mutable_report()->mutable_content() = imported->report();
  create.set_request_id(request->request_id());
  return CreateReport(context, &create, response->mutable_report());
}

}  // namespace nianbao::collection
