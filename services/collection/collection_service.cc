#include "services/collection/collection_service.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "format/format_definition.h"
#include "google/protobuf/util/field_mask_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/collection/aggregate.h"
#include "services/collection/carry_over.h"
#include "services/collection/changed_fields.h"
#include "services/collection/content_checks.h"
#include "services/collection/descendant_reports.h"
#include "services/collection/grpc_errors.h"
#include "services/collection/list_requests.h"
#include "services/collection/resource_names.h"
#include "services/collection/service_support.h"
#include "services/collection/violation_reviews.h"

namespace nianbao::collection {
namespace {

using google::protobuf::util::FieldMaskUtil;

// The agency block printed in a report, from the registry entry.
void FillAgencyBlock(StoreTransaction& tx, const v1::ReportingAgency& agency,
                     v1::AnnualReport* content) {
  v1::Agency* block = content->mutable_agency();
  if (block->name().empty()) block->set_name(agency.display_name());
  if (block->code().empty()) block->set_code(agency.code());
  if (block->level() == v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED) block->set_level(agency.level());
  if (!agency.parent().empty() && block->parent_name().empty()) {
    absl::StatusOr<std::string> parent_id = ParseAgencyName(agency.parent());
    if (parent_id.ok()) {
      absl::StatusOr<v1::ReportingAgency> parent = tx.GetAgency(*parent_id);
      if (parent.ok()) {
        block->set_parent_name(parent->display_name());
        if (block->parent_code().empty()) block->set_parent_code(parent->code());
      }
    }
  }
}

absl::StatusOr<v1::ReportState> ParseState(const std::string& s) {
  v1::ReportState state;
  if (v1::ReportState_Parse(s, &state) || v1::ReportState_Parse("REPORT_STATE_" + s, &state)) {
    return state;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown state \"", s, "\""));
}

// Display name and code are a line each, not documents.
void CheckAgencyTexts(const v1::ReportingAgency& agency, BadRequestBuilder* bad) {
  if (agency.display_name().size() > kMaxAgencyFieldBytes) {
    bad->Add("agency.display_name", absl::StrCat("at most ", kMaxAgencyFieldBytes, " bytes"));
  }
  if (agency.code().size() > kMaxAgencyFieldBytes) {
    bad->Add("agency.code", absl::StrCat("at most ", kMaxAgencyFieldBytes, " bytes"));
  }
}

}  // namespace

CollectionServiceImpl::CollectionServiceImpl(Store* store, ReportValidator* validator,
                                             const ReportRenderer* renderer,
                                             const services::TokenFile* tokens,
                                             size_t render_cache_bytes)
    : store_(store),
      validator_(validator),
      renderer_(renderer),
      render_cache_(render_cache_bytes),
      authz_(store, tokens) {}

// ---------------------------------------------------------------- agencies

grpc::Status CollectionServiceImpl::CreateAgency(grpc::ServerContext* context,
                                                 const v1::CreateAgencyRequest* request,
                                                 v1::ReportingAgency* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  if (!IsValidAgencyId(request->agency_id())) {
    bad.Add("agency_id", "1-63 of a-z, 0-9 and '-', starting with a letter, not ending with '-'");
  }
  if (request->agency().display_name().empty()) {
    bad.Add("agency.display_name", "required");
  }
  CheckAgencyTexts(request->agency(), &bad);
  if (!v1::AdministrativeLevel_IsValid(request->agency().level())) {
    bad.Add("agency.level", "unknown level");
  }
  std::string parent_id;
  if (!request->agency().parent().empty()) {
    ParseName(ParseAgencyName(request->agency().parent()), "agency.parent", &bad, &parent_id);
  }
  if (!bad.empty()) return bad.Build();

  v1::ReportingAgency agency = request->agency();
  agency.set_name(AgencyName(request->agency_id()));
  *agency.mutable_create_time() = Now();
  *agency.mutable_update_time() = agency.create_time();
  agency.set_etag(NewEtag());
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    if (!parent_id.empty()) {
      if (absl::Status p = tx.GetAgency(parent_id).status(); !p.ok()) return p;
    }
    return tx.InsertAgency(agency);
  });
  if (!st.ok()) return ToGrpc(st);
  *response = agency;
  return grpc::Status::OK;
}

grpc::Status CollectionServiceImpl::GetAgency(grpc::ServerContext* context,
                                              const v1::GetAgencyRequest* request,
                                              v1::ReportingAgency* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  std::string id;
  if (!ParseName(ParseAgencyName(request->name()), "name", &bad, &id)) return bad.Build();
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::ReportingAgency> a = tx.GetAgency(id);
    if (!a.ok()) return a.status();
    *response = *a;
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::ListAgencies(grpc::ServerContext* context,
                                                 const v1::ListAgenciesRequest* request,
                                                 v1::ListAgenciesResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  AgencyQuery query;
  absl::StatusOr<int> size = PageSize(request->page_size());
  if (!size.ok()) bad.Add("page_size", std::string(size.status().message()));
  absl::StatusOr<std::map<std::string, std::string>> filter =
      ParseFilter(request->filter(), {"parent"});
  if (!filter.ok()) {
    bad.Add("filter", std::string(filter.status().message()));
  } else if (auto it = filter->find("parent"); it != filter->end()) {
    if (it->second.empty()) {
      query.parent_id = "";
    } else {
      std::string parent;
      if (ParseName(ParseAgencyName(it->second), "filter", &bad, &parent)) query.parent_id = parent;
    }
  }
  const std::string key = absl::StrCat("agencies|", request->filter());
  if (!request->page_token().empty()) {
    absl::StatusOr<std::vector<std::string>> token = DecodePageToken(request->page_token(), key);
    if (!token.ok() || token->size() != 1) {
      bad.Add("page_token",
              token.ok() ? "corrupt page token" : std::string(token.status().message()));
    } else {
      query.after_id = (*token)[0];
    }
  }
  if (!bad.empty()) return bad.Build();
  query.limit = *size + 1;  // one more tells whether there is a next page
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    // Pages of the store, keeping the agencies the caller's scope covers
    // until one more than a page is found (which says there is a next page).
    std::vector<v1::ReportingAgency> kept;
    std::map<std::string, bool> memo;
    while (static_cast<int>(kept.size()) <= *size) {
      absl::StatusOr<std::vector<v1::ReportingAgency>> list = tx.ListAgencies(query);
      if (!list.ok()) return list.status();
      const std::string last = list->empty() ? "" : list->back().name();
      for (v1::ReportingAgency& a : *list) {
        absl::StatusOr<bool> covered =
            Authorizer::Covers(tx, caller, *ParseAgencyName(a.name()), &memo);
        if (!covered.ok()) return covered.status();
        if (*covered && static_cast<int>(kept.size()) <= *size) kept.push_back(std::move(a));
      }
      if (static_cast<int>(list->size()) < query.limit) break;
      query.after_id = *ParseAgencyName(last);
    }
    const std::vector<v1::ReportingAgency>* list = &kept;
    for (int i = 0; i < static_cast<int>(list->size()) && i < *size; ++i) {
      *response->add_agencies() = (*list)[i];
    }
    if (static_cast<int>(list->size()) > *size) {
      response->set_next_page_token(
          EncodePageToken(key, {*ParseAgencyName(response->agencies().rbegin()->name())}));
    }
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::UpdateAgency(grpc::ServerContext* context,
                                                 const v1::UpdateAgencyRequest* request,
                                                 v1::ReportingAgency* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  std::string id;
  ParseName(ParseAgencyName(request->agency().name()), "agency.name", &bad, &id);
  static const std::set<std::string> kMutable = {"display_name", "code", "level", "parent"};
  std::vector<std::string> paths(request->update_mask().paths().begin(),
                                 request->update_mask().paths().end());
  if (paths.empty()) paths.assign(kMutable.begin(), kMutable.end());
  for (const std::string& p : paths) {
    if (!kMutable.count(p)) bad.Add("update_mask", absl::StrCat("\"", p, "\" cannot be updated"));
  }
  auto updates = [&](const char* f) {
    return std::find(paths.begin(), paths.end(), f) != paths.end();
  };
  if (updates("display_name") && request->agency().display_name().empty()) {
    bad.Add("agency.display_name", "required");
  }
  CheckAgencyTexts(request->agency(), &bad);
  if (updates("level") && !v1::AdministrativeLevel_IsValid(request->agency().level())) {
    bad.Add("agency.level", "unknown level");
  }
  std::string new_parent;
  if (updates("parent") && !request->agency().parent().empty()) {
    ParseName(ParseAgencyName(request->agency().parent()), "agency.parent", &bad, &new_parent);
  }
  if (!bad.empty()) return bad.Build();

  grpc::Status cycle;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::ReportingAgency> current = tx.GetAgency(id);
    if (!current.ok()) return current.status();
    if (!request->agency().etag().empty() && request->agency().etag() != current->etag()) {
      return absl::AbortedError(
          absl::StrCat(current->name(), " was changed since etag ", request->agency().etag()));
    }
    v1::ReportingAgency next = *current;
    if (updates("display_name")) next.set_display_name(request->agency().display_name());
    if (updates("code")) next.set_code(request->agency().code());
    if (updates("level")) next.set_level(request->agency().level());
    if (updates("parent")) {
      next.set_parent(request->agency().parent());
      // Walk up from the new parent: reaching this agency would make a cycle.
      std::string at = new_parent;
      for (int depth = 0; !at.empty(); ++depth) {
        if (at == id || depth > 1000) {
          BadRequestBuilder b;
          b.Add("agency.parent", "would make the agency its own ancestor");
          cycle = b.Build();
          return absl::InvalidArgumentError("cycle");
        }
        absl::StatusOr<v1::ReportingAgency> up = tx.GetAgency(at);
        if (!up.ok()) return up.status();
        at = up->parent().empty() ? "" : *ParseAgencyName(up->parent());
      }
    }
    next.set_etag(NewEtag());
    *next.mutable_update_time() = Now();
    if (absl::Status u = tx.UpdateAgency(next, current->etag()); !u.ok()) return u;
    *response = next;
    return absl::OkStatus();
  });
  if (!cycle.ok()) return cycle;
  return ToGrpc(st);
}

// ---------------------------------------------------------------- reports

grpc::Status CollectionServiceImpl::CreateReport(grpc::ServerContext* context,
                                                 const v1::CreateReportRequest* request,
                                                 v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  std::string agency_id;
  ParseName(ParseAgencyName(request->parent()), "parent", &bad, &agency_id);
  const v1::AnnualReport& content = request->report().content();
  if (!request->report().has_content()) {
    bad.Add("report.content", "required");
  } else if (content.year() < 1900 || content.year() > 9999) {
    bad.Add("report.content.year", "required, 1900-9999");
  }
  v1::Edition edition = content.edition();
  if (edition == v1::EDITION_UNSPECIFIED) edition = format::EditionForYear(content.year());
  if (request->report().has_content() && format::FindEdition(edition) == nullptr) {
    bad.Add("report.content.edition", "unknown, and no edition applies to the year");
  }
  if (request->request_id().size() > 200) bad.Add("request_id", "at most 200 characters");
  if (!bad.empty()) return bad.Build();
  CheckStorableContent(content, "report.content", &bad);
  if (!bad.empty()) return bad.Build();

  const std::string name = ReportName(agency_id, content.year());
  // A create retried with the same request id returns what the first made.
  auto replay = [&]() -> std::optional<grpc::Status> {
    if (request->request_id().empty()) return std::nullopt;
    std::optional<grpc::Status> out;
    absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
      absl::StatusOr<std::optional<std::string>> made = tx.FindCreateRequest(request->request_id());
      if (!made.ok()) return made.status();
      if (!made->has_value()) return absl::OkStatus();
      absl::StatusOr<ReportKey> key = ParseReportName(**made);
      if (!key.ok()) return key.status();
      if (key->agency_id != agency_id) {
        // The id made another agency's report: say nothing about it.
        out = grpc::Status(grpc::StatusCode::ALREADY_EXISTS,
                           "request_id was already used by another request");
        return absl::OkStatus();
      }
      absl::StatusOr<v1::Report> r = tx.GetReport(key->agency_id, key->year);
      if (!r.ok()) return r.status();
      *response = *r;
      out = grpc::Status::OK;
      return absl::OkStatus();
    });
    if (!st.ok()) return ToGrpc(st);
    return out;
  };
  if (std::optional<grpc::Status> again = replay()) return *again;

  const std::string actor = caller.actor;
  v1::Report report;
  report.set_name(name);
  *report.mutable_content() = content;
  report.mutable_content()->set_edition(edition);
  report.set_state(v1::REPORT_STATE_DRAFT);
  report.set_version(1);
  report.set_etag(NewEtag());
  *report.mutable_create_time() = Now();
  *report.mutable_update_time() = report.create_time();
  report.set_last_actor(actor);
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::ReportingAgency> agency = tx.GetAgency(agency_id);
    if (!agency.ok()) return agency.status();
    v1::Report r = report;
    FillAgencyBlock(tx, *agency, r.mutable_content());
    std::string comment;
    if (request->prefill_from_previous_year()) {
      absl::StatusOr<v1::Report> previous = tx.GetReport(agency_id, content.year() - 1);
      if (previous.ok()) {
        std::vector<std::string> filled =
            PrefillFromPreviousYear(previous->content(), r.mutable_content());
        comment = absl::StrCat(filled.size(), " carry-over cells filled from ", previous->name());
      } else if (absl::IsNotFound(previous.status())) {
        comment = "no report of the previous year to carry over from";
      } else {
        return previous.status();
      }
    }
    std::vector<std::string> changed = ChangedFields(v1::AnnualReport(), r.content(), "content");
    if (absl::Status s =
            tx.InsertReport(r, MakeVersion(r, v1::REPORT_CHANGE_CREATE, changed, comment));
        !s.ok()) {
      return s;
    }
    if (!request->request_id().empty()) {
      if (absl::Status s = tx.RecordCreateRequest(request->request_id(), name); !s.ok()) return s;
    }
    *response = r;
    return absl::OkStatus();
  });
  if (absl::IsAlreadyExists(st)) {
    // A concurrent retry of the same request may have won the race.
    if (std::optional<grpc::Status> again = replay()) return *again;
  }
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::GetReport(grpc::ServerContext* context,
                                              const v1::GetReportRequest* request,
                                              v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(request->name()), "name", &bad, &key)) return bad.Build();
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> r = tx.GetReport(key.agency_id, key.year);
    if (!r.ok()) return r.status();
    *response = *r;
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::ListReports(grpc::ServerContext* context,
                                                const v1::ListReportsRequest* request,
                                                v1::ListReportsResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportQuery query;
  if (request->parent() != "agencies/-") {
    std::string id;
    if (ParseName(ParseAgencyName(request->parent()), "parent", &bad, &id)) query.agency_id = id;
  }
  absl::StatusOr<int> size = PageSize(request->page_size());
  if (!size.ok()) bad.Add("page_size", std::string(size.status().message()));
  absl::StatusOr<std::map<std::string, std::string>> filter =
      ParseFilter(request->filter(), {"year", "state", "edition", "aggregated"});
  if (!filter.ok()) {
    bad.Add("filter", std::string(filter.status().message()));
  } else {
    for (const auto& [k, v] : *filter) {
      if (k == "year") {
        int year;
        if (absl::SimpleAtoi(v, &year)) {
          query.year = year;
        } else {
          bad.Add("filter", absl::StrCat("year \"", v, "\" is not a number"));
        }
      } else if (k == "state") {
        absl::StatusOr<v1::ReportState> s = ParseState(v);
        if (s.ok()) {
          query.state = *s;
        } else {
          bad.Add("filter", std::string(s.status().message()));
        }
      } else if (k == "edition") {
        v1::Edition e;
        if (v1::Edition_Parse(v, &e)) {
          query.edition = e;
        } else {
          bad.Add("filter", absl::StrCat("unknown edition \"", v, "\""));
        }
      } else if (k == "aggregated") {
        if (v == "true" || v == "false") {
          query.aggregated = v == "true";
        } else {
          bad.Add("filter", "aggregated is true or false");
        }
      }
    }
  }
  const std::string key = absl::StrCat("reports|", request->parent(), "|", request->filter());
  if (!request->page_token().empty()) {
    absl::StatusOr<std::vector<std::string>> token = DecodePageToken(request->page_token(), key);
    if (!token.ok() || token->size() != 2 || !absl::SimpleAtoi((*token)[1], &query.after_year)) {
      bad.Add("page_token",
              token.ok() ? "corrupt page token" : std::string(token.status().message()));
    } else {
      query.after_agency_id = (*token)[0];
    }
  }
  if (!bad.empty()) return bad.Build();
  query.limit = *size + 1;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    if (query.agency_id) {
      if (absl::Status a = tx.GetAgency(*query.agency_id).status(); !a.ok()) return a;
    }
    // Pages of the store, keeping the reports the caller's scope covers
    // (all of them for one agency the authorizer let through) until one
    // more than a page is found.
    std::vector<v1::Report> kept;
    std::map<std::string, bool> memo;
    while (static_cast<int>(kept.size()) <= *size) {
      absl::StatusOr<std::vector<v1::Report>> page = tx.ListReports(query);
      if (!page.ok()) return page.status();
      const std::string last_name = page->empty() ? "" : page->back().name();
      for (v1::Report& r : *page) {
        absl::StatusOr<bool> covered =
            Authorizer::Covers(tx, caller, ParseReportName(r.name())->agency_id, &memo);
        if (!covered.ok()) return covered.status();
        if (*covered && static_cast<int>(kept.size()) <= *size) kept.push_back(std::move(r));
      }
      if (static_cast<int>(page->size()) < query.limit) break;
      ReportKey last = *ParseReportName(last_name);
      query.after_agency_id = last.agency_id;
      query.after_year = last.year;
    }
    const std::vector<v1::Report>* list = &kept;
    for (int i = 0; i < static_cast<int>(list->size()) && i < *size; ++i) {
      *response->add_reports() = (*list)[i];
    }
    if (static_cast<int>(list->size()) > *size) {
      ReportKey last = *ParseReportName(response->reports().rbegin()->name());
      response->set_next_page_token(
          EncodePageToken(key, {last.agency_id, absl::StrCat(last.year)}));
    }
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::UpdateReport(grpc::ServerContext* context,
                                                 const v1::UpdateReportRequest* request,
                                                 v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  ParseName(ParseReportName(request->report().name()), "report.name", &bad, &key);
  google::protobuf::FieldMask mask = request->update_mask();
  if (mask.paths().empty()) mask.add_paths("content");
  for (const std::string& p : mask.paths()) {
    if (p != "content" && !absl::StartsWith(p, "content.")) {
      bad.Add("update_mask",
              absl::StrCat("\"", p, "\" is output only; only content.* is writable"));
    } else if (!FieldMaskUtil::GetFieldDescriptors(v1::Report::descriptor(), p, nullptr)) {
      bad.Add("update_mask", absl::StrCat("\"", p, "\" is not a field of Report"));
    }
  }
  if (!bad.empty()) return bad.Build();
  if (FieldMaskUtil::IsPathInFieldMask("content.year", mask) &&
      request->report().content().year() != key.year) {
    bad.Add("report.content.year", absl::StrCat("must stay ", key.year, ", the year of the name"));
    return bad.Build();
  }

  const std::string actor = caller.actor;
  grpc::Status impossible;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> current = tx.GetReport(key.agency_id, key.year);
    if (!current.ok()) return current.status();
    if (!request->report().etag().empty() && request->report().etag() != current->etag()) {
      return absl::AbortedError(absl::StrCat(current->name(), " was changed since etag ",
                                             request->report().etag(), "; read it again"));
    }
    if (current->state() != v1::REPORT_STATE_DRAFT) {
      return absl::FailedPreconditionError(
          absl::StrCat(current->name(), " is ", StateName(current->state()),
                       "; only a DRAFT can be changed (ReturnReportToDraft first)"));
    }
    v1::Report next = NextVersion(*current, actor);
    FieldMaskUtil::MergeOptions options;
    // A cell absent in the request is cleared: blank is a value too.
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(request->report(), mask, options, &next);
    // Checked after the merge: a masked update can make content impossible
    // together with what was stored.
    BadRequestBuilder content_bad;
    CheckStorableContent(next.content(), "report.content", &content_bad);
    if (!content_bad.empty()) {
      impossible = content_bad.Build();
      return absl::InvalidArgumentError("impossible content");
    }
    std::vector<std::string> changed = ChangedFields(current->content(), next.content(), "content");
    if (changed.empty()) {  // nothing to keep as a version
      *response = *current;
      return absl::OkStatus();
    }
    if (absl::Status u = tx.UpdateReport(next, current->etag(),
                                         MakeVersion(next, v1::REPORT_CHANGE_UPDATE, changed, ""));
        !u.ok()) {
      return u;
    }
    *response = next;
    return absl::OkStatus();
  });
  if (!impossible.ok()) return impossible;
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::DeleteReport(grpc::ServerContext* context,
                                                 const v1::DeleteReportRequest* request,
                                                 google::protobuf::Empty* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(request->name()), "name", &bad, &key)) return bad.Build();
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> current = tx.GetReport(key.agency_id, key.year);
    if (!current.ok()) return current.status();
    if (!request->etag().empty() && request->etag() != current->etag()) {
      return absl::AbortedError(
          absl::StrCat(current->name(), " was changed since etag ", request->etag()));
    }
    if (current->state() != v1::REPORT_STATE_DRAFT) {
      return absl::FailedPreconditionError(absl::StrCat(
          current->name(), " is ", StateName(current->state()), "; only a DRAFT can be deleted"));
    }
    return tx.DeleteReport(key.agency_id, key.year, current->etag());
  });
  return ToGrpc(st);
}

grpc::Status CollectionServiceImpl::ListReportVersions(grpc::ServerContext* context,
                                                       const v1::ListReportVersionsRequest* request,
                                                       v1::ListReportVersionsResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  ParseName(ParseReportName(request->parent()), "parent", &bad, &key);
  absl::StatusOr<int> size = PageSize(request->page_size());
  if (!size.ok()) bad.Add("page_size", std::string(size.status().message()));
  int64_t after = 0;
  const std::string token_key = absl::StrCat("versions|", request->parent());
  if (!request->page_token().empty()) {
    absl::StatusOr<std::vector<std::string>> token =
        DecodePageToken(request->page_token(), token_key);
    if (!token.ok() || token->size() != 1 || !absl::SimpleAtoi((*token)[0], &after)) {
      bad.Add("page_token", "not a page token of this report's versions");
    }
  }
  if (!bad.empty()) return bad.Build();
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    if (absl::Status r = tx.GetReport(key.agency_id, key.year).status(); !r.ok()) return r;
    absl::StatusOr<std::vector<v1::ReportVersion>> list =
        tx.ListVersions(key.agency_id, key.year, after, *size + 1);
    if (!list.ok()) return list.status();
    for (int i = 0; i < static_cast<int>(list->size()) && i < *size; ++i) {
      *response->add_report_versions() = (*list)[i];
    }
    if (static_cast<int>(list->size()) > *size) {
      response->set_next_page_token(EncodePageToken(
          token_key, {absl::StrCat(response->report_versions().rbegin()->version())}));
    }
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

// ---------------------------------------------------------------- workflow

grpc::Status CollectionServiceImpl::Advance(const Caller& caller, const std::string& name,
                                            const std::string& etag, v1::ReportState from,
                                            v1::ReportState to, v1::ReportChange change,
                                            v1::Report* response) {
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(name), "name", &bad, &key)) return bad.Build();

  absl::StatusOr<Validated> validated =
      ValidateStored(key.agency_id, key.year, [&](const v1::Report& current) -> absl::Status {
        if (!etag.empty() && etag != current.etag()) {
          return absl::AbortedError(absl::StrCat(current.name(), " was changed since etag ", etag));
        }
        if (current.state() != from) {
          return absl::FailedPreconditionError(absl::StrCat(current.name(), " is ",
                                                            StateName(current.state()),
                                                            "; this step needs ", StateName(from)));
        }
        return absl::OkStatus();
      });
  if (!validated.ok()) return ToGrpc(validated.status());
  const v1::Report& current = validated->report;
  const v1::ValidateReportResponse* result = &validated->result;
  // Reviews never lift an ERROR: they only settle warnings.
  if (result->error_count() > 0) {
    return StatusWithDetail(
        grpc::StatusCode::FAILED_PRECONDITION,
        absl::StrCat(current.name(), " has ", result->error_count(),
                     " validation errors; fix them before it can be ",
                     to == v1::REPORT_STATE_PUBLISHED ? "published" : "submitted"),
        *result);
  }
  const v1::ListReportViolationsResponse reviewed = ApplyReviews(*result, validated->reviews);
  v1::Report next = NextVersion(current, caller.actor);
  next.set_state(to);
  std::string comment = absl::StrCat(
      "validated: ", result->error_count(), " errors, ", result->warning_count(), " warnings (",
      reviewed.open_warning_count(), " not reviewed), ", result->info_count(), " notes");
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) {
    return tx.UpdateReport(next, current.etag(), MakeVersion(next, change, {"state"}, comment));
  });
  if (!st.ok()) return ToGrpc(st);
  *response = next;
  return grpc::Status::OK;
}

grpc::Status CollectionServiceImpl::SubmitReport(grpc::ServerContext* context,
                                                 const v1::SubmitReportRequest* request,
                                                 v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  return Advance(caller, request->name(), request->etag(), v1::REPORT_STATE_DRAFT,
                 v1::REPORT_STATE_SUBMITTED, v1::REPORT_CHANGE_SUBMIT, response);
}

grpc::Status CollectionServiceImpl::PublishReport(grpc::ServerContext* context,
                                                  const v1::PublishReportRequest* request,
                                                  v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  return Advance(caller, request->name(), request->etag(), v1::REPORT_STATE_SUBMITTED,
                 v1::REPORT_STATE_PUBLISHED, v1::REPORT_CHANGE_PUBLISH, response);
}

grpc::Status CollectionServiceImpl::ReturnReportToDraft(
    grpc::ServerContext* context, const v1::ReturnReportToDraftRequest* request,
    v1::Report* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  if (!ParseName(ParseReportName(request->name()), "name", &bad, &key)) return bad.Build();
  const std::string actor = caller.actor;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> current = tx.GetReport(key.agency_id, key.year);
    if (!current.ok()) return current.status();
    if (!request->etag().empty() && request->etag() != current->etag()) {
      return absl::AbortedError(
          absl::StrCat(current->name(), " was changed since etag ", request->etag()));
    }
    if (current->state() == v1::REPORT_STATE_DRAFT) {
      return absl::FailedPreconditionError(absl::StrCat(current->name(), " is already a DRAFT"));
    }
    v1::Report next = NextVersion(*current, actor);
    next.set_state(v1::REPORT_STATE_DRAFT);
    if (absl::Status u = tx.UpdateReport(
            next, current->etag(),
            MakeVersion(next, v1::REPORT_CHANGE_RETURN_TO_DRAFT, {"state"}, request->reason()));
        !u.ok()) {
      return u;
    }
    *response = next;
    return absl::OkStatus();
  });
  return ToGrpc(st);
}

// ---------------------------------------------------------------- aggregation

grpc::Status CollectionServiceImpl::AggregateReports(grpc::ServerContext* context,
                                                     const v1::AggregateReportsRequest* request,
                                                     v1::AggregateReportsResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  std::string parent_id;
  ParseName(ParseAgencyName(request->parent()), "parent", &bad, &parent_id);
  const int year = request->year();
  const v1::Edition edition = format::EditionForYear(year);
  if (year < 1900 || year > 9999 || format::FindEdition(edition) == nullptr) {
    bad.Add("year", "no edition of the format applies to this year");
  }
  if (!bad.empty()) return bad.Build();
  const std::string actor = caller.actor;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::ReportingAgency> parent = tx.GetAgency(parent_id);
    if (!parent.ok()) return parent.status();
    // Each report is summed as the store reads it; none is held.
    ReportSum summing(edition, year);
    DescendantReports descendants;
    if (absl::Status w = SumDescendantReports(tx, parent_id, year, &summing, &descendants);
        !w.ok()) {
      return w;
    }
    const size_t included = descendants.published.size();
    for (std::string& name : descendants.published) {
      response->add_included_reports(std::move(name));
    }
    for (std::string& name : descendants.missing_agencies) {
      response->add_missing_agencies(std::move(name));
    }
    absl::StatusOr<v1::AnnualReport> sum = summing.Finish();
    if (!sum.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot sum the published reports: ", sum.status().message()));
    }

    absl::StatusOr<v1::Report> existing = tx.GetReport(parent_id, year);
    if (!existing.ok() && !absl::IsNotFound(existing.status())) return existing.status();
    v1::Report next;
    if (existing.ok()) {
      if (existing->state() != v1::REPORT_STATE_DRAFT) {
        return absl::FailedPreconditionError(
            absl::StrCat(existing->name(), " is ", StateName(existing->state()),
                         "; return it to DRAFT before aggregating again"));
      }
      next = NextVersion(*existing, actor);
      // Keep the parent's own texts; replace every figure with the sums.
      v1::AnnualReport* c = next.mutable_content();
      c->clear_proactive_disclosure_2019();
      c->clear_proactive_disclosure_2021();
      c->clear_applications();
      c->clear_review_litigation();
      c->mutable_other_matters()->clear_processing_fees();
      c->MergeFrom(*sum);
    } else {
      next.set_name(ReportName(parent_id, year));
      *next.mutable_content() = *sum;
      next.set_state(v1::REPORT_STATE_DRAFT);
      next.set_version(1);
      next.set_etag(NewEtag());
      *next.mutable_create_time() = Now();
      *next.mutable_update_time() = next.create_time();
      next.set_last_actor(actor);
    }
    FillAgencyBlock(tx, *parent, next.mutable_content());
    const std::string comment =
        absl::StrCat("sum of ", included, " published reports; ", response->missing_agencies_size(),
                     " agencies without one");
    if (existing.ok()) {
      std::vector<std::string> changed =
          ChangedFields(existing->content(), next.content(), "content");
      if (absl::Status u =
              tx.UpdateReport(next, existing->etag(),
                              MakeVersion(next, v1::REPORT_CHANGE_AGGREGATE, changed, comment));
          !u.ok()) {
        return u;
      }
    } else {
      std::vector<std::string> changed =
          ChangedFields(v1::AnnualReport(), next.content(), "content");
      if (absl::Status i = tx.InsertReport(
              next, MakeVersion(next, v1::REPORT_CHANGE_AGGREGATE, changed, comment));
          !i.ok()) {
        return i;
      }
    }
    *response->mutable_report() = next;
    return absl::OkStatus();
  });
  if (!st.ok()) {
    response->Clear();
    return ToGrpc(st);
  }
  return grpc::Status::OK;
}

// ---------------------------------------------------------------- rendering

grpc::Status CollectionServiceImpl::RenderReport(grpc::ServerContext* context,
                                                 const v1::RenderReportRequest* request,
                                                 v1::RenderReportResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  BadRequestBuilder bad;
  ReportKey key;
  ParseName(ParseReportName(request->name()), "name", &bad, &key);
  const v1::RenderFormat* format = nullptr;
  std::vector<v1::RenderFormat> formats;
  if (renderer_ != nullptr) formats = renderer_->Formats();
  for (const v1::RenderFormat& f : formats) {
    if (f.name() == request->format()) format = &f;
  }
  if (renderer_ == nullptr) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        "this server has no renderer plugins (see --plugin-dir)");
  }
  if (format == nullptr) {
    std::string known;
    for (const v1::RenderFormat& f : formats)
      absl::StrAppend(&known, known.empty() ? "" : ", ", f.name());
    bad.Add("format", absl::StrCat("unknown format \"", request->format(), "\"; loaded: ", known));
  }
  if (!bad.empty()) return bad.Build();
  v1::Report report;
  absl::Status st = store_->RunInTransaction([&](StoreTransaction& tx) -> absl::Status {
    absl::StatusOr<v1::Report> r = tx.GetReport(key.agency_id, key.year);
    if (!r.ok()) return r.status();
    report = *std::move(r);
    return absl::OkStatus();
  });
  if (!st.ok()) return ToGrpc(st);
  // The stored report laid out as the renderer's request, kept between
  // renders of unchanged content (render_request_cache.h); the call's render
  // options are appended as field 3 (a serialized message may be extended
  // by appending fields).
  absl::StatusOr<std::shared_ptr<const std::string>> laid_out =
      render_cache_.Get(report.name(), report.content());
  if (!laid_out.ok()) {
    return grpc::Status(
        grpc::StatusCode::FAILED_PRECONDITION,
        absl::StrCat("cannot lay out ", report.name(), ": ", laid_out.status().message()));
  }
  std::string render = **laid_out;
  v1::RenderRequest options;
  *options.mutable_options() = request->options();
  options.AppendToString(&render);
  absl::StatusOr<std::string> bytes = renderer_->RenderSerialized(format->name(), render);
  if (!bytes.ok()) {
    // A render that ran out of time (an isolated worker killed at its
    // deadline) says so; every other renderer failure is the server's.
    return grpc::Status(absl::IsDeadlineExceeded(bytes.status())
                            ? grpc::StatusCode::DEADLINE_EXCEEDED
                            : grpc::StatusCode::INTERNAL,
                        absl::StrCat(format->name(), " renderer: ", bytes.status().message()));
  }
  response->set_content(*std::move(bytes));
  response->set_mime_type(format->mime_type());
  response->set_file_name(
      absl::StrCat(key.agency_id, "-", key.year, ".", format->file_extension()));
  return grpc::Status::OK;
}

grpc::Status CollectionServiceImpl::ListRenderFormats(grpc::ServerContext* context,
                                                      const v1::ListRenderFormatsRequest* request,
                                                      v1::ListRenderFormatsResponse* response) {
  Caller caller;
  if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
  if (renderer_ == nullptr) return grpc::Status::OK;
  for (const v1::RenderFormat& f : renderer_->Formats()) *response->add_formats() = f;
  return grpc::Status::OK;
}

}  // namespace nianbao::collection
