#include "services/collection/authorizer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/collection/grpc_errors.h"
#include "services/collection/resource_names.h"

namespace nianbao::collection {
namespace {

constexpr char kActorMetadata[] = "x-nianbao-actor";

// The same answer for a resource that exists outside the scope and one that
// does not exist at all.
grpc::Status Denied(const std::string& field) {
  return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                      absl::StrCat("permission denied: the caller's scope does not cover the "
                                   "resource named in ",
                                   field));
}

// The string at dotted `path` of `message` (through singular message
// fields), or nullopt when the path is not a string field of its type.
std::optional<std::string> StringAt(const google::protobuf::Message& message,
                                    const std::string& path) {
  const google::protobuf::Message* at = &message;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const google::protobuf::FieldDescriptor* f = at->GetDescriptor()->FindFieldByName(parts[i]);
    if (f == nullptr || f->is_repeated()) return std::nullopt;
    if (i + 1 == parts.size()) {
      if (f->type() != google::protobuf::FieldDescriptor::TYPE_STRING) return std::nullopt;
      return at->GetReflection()->GetString(*at, f);
    }
    if (f->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) return std::nullopt;
    at = &at->GetReflection()->GetMessage(*at, f);
  }
  return std::nullopt;
}

// Whether the request's update_mask is empty or holds `path`.
bool MaskSelects(const google::protobuf::Message& request, const std::string& path) {
  const google::protobuf::FieldDescriptor* f =
      request.GetDescriptor()->FindFieldByName("update_mask");
  if (f == nullptr) return true;
  const auto& mask = static_cast<const google::protobuf::FieldMask&>(
      request.GetReflection()->GetMessage(request, f));
  return mask.paths().empty() ||
         std::find(mask.paths().begin(), mask.paths().end(), path) != mask.paths().end();
}

}  // namespace

const std::map<std::string, std::vector<AccessRule>>& AccessRules() {
  static const auto* rules = new std::map<std::string, std::vector<AccessRule>>{
      // Agencies. A scoped caller may add agencies below its own; a root
      // agency, or moving an agency to the root, needs admin.
      {"nianbao.v1.CreateAgencyRequest", {{"agency.parent", Access::kAgencyOrAdminIfEmpty, ""}}},
      {"nianbao.v1.GetAgencyRequest", {{"name", Access::kAgency, ""}}},
      {"nianbao.v1.ListAgenciesRequest", {}},  // filtered by the handler
      {"nianbao.v1.UpdateAgencyRequest",
       {{"agency.name", Access::kAgency, ""},
        {"agency.parent", Access::kAgencyOrAdminIfEmpty, "parent"}}},
      // Reports.
      {"nianbao.v1.CreateReportRequest", {{"parent", Access::kAgency, ""}}},
      {"nianbao.v1.GetReportRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.ListReportsRequest", {{"parent", Access::kAgencyOrAll, ""}}},
      {"nianbao.v1.UpdateReportRequest", {{"report.name", Access::kReport, ""}}},
      {"nianbao.v1.DeleteReportRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.ListReportVersionsRequest", {{"parent", Access::kReport, ""}}},
      {"nianbao.v1.SubmitReportRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.PublishReportRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.ReturnReportToDraftRequest", {{"name", Access::kReport, ""}}},
      // The parent's scope covers the descendants summed into it.
      {"nianbao.v1.AggregateReportsRequest", {{"parent", Access::kAgency, ""}}},
      {"nianbao.v1.RenderReportRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.ListRenderFormatsRequest", {}},
      {"nianbao.v1.ListReportViolationsRequest", {{"parent", Access::kReport, ""}}},
      {"nianbao.v1.ReviewReportViolationRequest", {{"name", Access::kReport, ""}}},
      // The caller's scope covers the parent, hence its descendants.
      {"nianbao.v1.CheckReportHierarchyRequest", {{"name", Access::kReport, ""}}},
      {"nianbao.v1.ImportReportRequest", {{"parent", Access::kAgency, ""}}},
  };
  return *rules;
}

grpc::Status Authorizer::Authenticate(grpc::ServerContext* context, Caller* caller) const {
  *caller = Caller();
  const auto& md = context->client_metadata();
  if (tokens_ == nullptr) {
    // Authentication off: who the caller says it is, else the TLS peer.
    caller->admin = true;
    auto it = md.find(kActorMetadata);
    if (it != md.end() && !it->second.empty()) {
      caller->actor.assign(it->second.data(), it->second.size());
      return grpc::Status::OK;
    }
    std::vector<grpc::string_ref> identity = context->auth_context()->GetPeerIdentity();
    caller->actor =
        identity.empty() ? "anonymous" : std::string(identity[0].data(), identity[0].size());
    return grpc::Status::OK;
  }
  // One message for a missing, malformed and unknown token alike.
  const grpc::Status unauthenticated(grpc::StatusCode::UNAUTHENTICATED,
                                     "a valid \"authorization: Bearer TOKEN\" is required");
  auto range = md.equal_range("authorization");
  if (range.first == range.second || std::next(range.first) != range.second) {
    return unauthenticated;
  }
  std::optional<services::Principal> p = tokens_->AuthenticateHeader(
      absl::string_view(range.first->second.data(), range.first->second.size()));
  if (!p) return unauthenticated;
  caller->actor = p->name;
  caller->admin = p->admin;
  caller->agencies = p->agencies;
  return grpc::Status::OK;
}

absl::StatusOr<bool> Authorizer::Covers(StoreTransaction& tx, const Caller& caller,
                                        const std::string& agency_id,
                                        std::map<std::string, bool>* memo) {
  if (caller.admin) return true;
  std::vector<std::string> walked;
  bool covered = false;
  std::string at = agency_id;
  // Up the parents until an agency in the scope, the root, or a known answer.
  for (int depth = 0; !at.empty() && depth < 1000; ++depth) {
    if (memo != nullptr) {
      if (auto it = memo->find(at); it != memo->end()) {
        covered = it->second;
        break;
      }
    }
    walked.push_back(at);
    if (std::find(caller.agencies.begin(), caller.agencies.end(), at) != caller.agencies.end()) {
      covered = true;
      break;
    }
    absl::StatusOr<v1::ReportingAgency> agency = tx.GetAgency(at);
    if (absl::IsNotFound(agency.status())) break;
    if (!agency.ok()) return agency.status();
    if (agency->parent().empty()) break;
    absl::StatusOr<std::string> parent = ParseAgencyName(agency->parent());
    if (!parent.ok()) break;
    at = *parent;
  }
  if (memo != nullptr) {
    for (const std::string& id : walked) (*memo)[id] = covered;
  }
  return covered;
}

grpc::Status Authorizer::Authorize(grpc::ServerContext* context,
                                   const google::protobuf::Message& request, Caller* caller) const {
  if (grpc::Status s = Authenticate(context, caller); !s.ok()) return s;
  auto rules = AccessRules().find(request.GetDescriptor()->full_name());
  if (rules == AccessRules().end()) {
    // A handler calls Authorize but nobody wrote its rule: refuse.
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        absl::StrCat("no access rule for ", request.GetDescriptor()->full_name()));
  }
  if (caller->admin) return grpc::Status::OK;

  // The agency each checked field names.
  std::vector<std::pair<std::string, std::string>> wanted;  // field, agency id
  BadRequestBuilder bad;
  for (const AccessRule& rule : rules->second) {
    if (!rule.only_if_masked.empty() && !MaskSelects(request, rule.only_if_masked)) continue;
    std::optional<std::string> value = StringAt(request, rule.field);
    if (!value) {
      return grpc::Status(grpc::StatusCode::INTERNAL,
                          absl::StrCat("the access rule names no string field ", rule.field));
    }
    absl::StatusOr<std::string> agency = absl::InvalidArgumentError("");
    switch (rule.access) {
      case Access::kAgencyOrAdminIfEmpty:
        if (value->empty()) return Denied(rule.field);
        agency = ParseAgencyName(*value);
        break;
      case Access::kAgencyOrAll:
        if (*value == "agencies/-") continue;
        agency = ParseAgencyName(*value);
        break;
      case Access::kAgency:
        agency = ParseAgencyName(*value);
        break;
      case Access::kReport: {
        absl::StatusOr<ReportKey> key = ParseReportName(*value);
        agency = key.ok() ? absl::StatusOr<std::string>(key->agency_id) : key.status();
        break;
      }
    }
    if (!agency.ok()) {
      bad.Add(rule.field, std::string(agency.status().message()));
    } else {
      wanted.emplace_back(rule.field, *agency);
    }
  }
  if (!bad.empty()) return bad.Build();
  if (wanted.empty()) return grpc::Status::OK;
  std::string denied_field;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    std::map<std::string, bool> memo;
    for (const auto& [field, agency] : wanted) {
      absl::StatusOr<bool> covered = Covers(tx, *caller, agency, &memo);
      if (!covered.ok()) return covered.status();
      if (!*covered) {
        denied_field = field;
        return absl::OkStatus();
      }
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return ToGrpc(st);
  if (!denied_field.empty()) return Denied(denied_field);
  return grpc::Status::OK;
}

}  // namespace nianbao::collection
