#include "bench/stored_reports.h"

#include "absl/strings/str_cat.h"
#include "services/collection/resource_names.h"

namespace nianbao::bench {
namespace {

google::protobuf::Timestamp Fixed() {
  google::protobuf::Timestamp t;
  t.set_seconds(1600000000);
  return t;
}

v1::ReportingAgency Agency(const std::string& id, const std::string& parent) {
  v1::ReportingAgency a;
  a.set_name(collection::AgencyName(id));
  a.set_display_name(id);
  a.set_code(absl::StrCat("code-", id));
  a.set_level(parent.empty() ? v1::ADMINISTRATIVE_LEVEL_PROVINCE : v1::ADMINISTRATIVE_LEVEL_COUNTY);
  if (!parent.empty()) a.set_parent(collection::AgencyName(parent));
  a.set_etag(absl::StrCat("e-", id));
  *a.mutable_create_time() = Fixed();
  *a.mutable_update_time() = Fixed();
  return a;
}

}  // namespace

absl::Status StorePublishedReports(collection::Store& store, const std::string& parent_id,
                                   const v1::AnnualReport& content, int children) {
  return store.RunInTransaction([&](collection::StoreTransaction& tx) -> absl::Status {
    if (absl::Status s = tx.InsertAgency(Agency(parent_id, "")); !s.ok()) return s;
    v1::Report r;
    *r.mutable_content() = content;
    r.set_state(v1::REPORT_STATE_PUBLISHED);
    r.set_version(1);
    r.set_last_actor("bench");
    *r.mutable_create_time() = Fixed();
    *r.mutable_update_time() = Fixed();
    v1::ReportVersion v;
    v.set_version(1);
    v.set_actor("bench");
    *v.mutable_create_time() = Fixed();
    v.set_change(v1::REPORT_CHANGE_CREATE);
    v.set_state(v1::REPORT_STATE_PUBLISHED);
    *v.mutable_content() = content;
    for (int i = 0; i < children; ++i) {
      const std::string id = absl::StrCat(parent_id, "-", i);
      if (absl::Status s = tx.InsertAgency(Agency(id, parent_id)); !s.ok()) return s;
      r.set_name(collection::ReportName(id, content.year()));
      r.set_etag(absl::StrCat("r-", id));
      if (absl::Status s = tx.InsertReport(r, v); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
}

}  // namespace nianbao::bench
