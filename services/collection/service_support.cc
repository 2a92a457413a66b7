#include "services/collection/service_support.h"

#include "absl/random/random.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"

namespace nianbao::collection {

std::string NewEtag() {
  absl::BitGen gen;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(gen));
}

google::protobuf::Timestamp Now() {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::GetCurrentTimeNanos() /
                                                                  1000 * 1000);
}

const char* StateName(v1::ReportState s) {
  switch (s) {
    case v1::REPORT_STATE_DRAFT:
      return "DRAFT";
    case v1::REPORT_STATE_SUBMITTED:
      return "SUBMITTED";
    case v1::REPORT_STATE_PUBLISHED:
      return "PUBLISHED";
    default:
      return "UNSPECIFIED";
  }
}

v1::ReportVersion MakeVersion(const v1::Report& report, v1::ReportChange change,
                              const std::vector<std::string>& changed, const std::string& comment) {
  v1::ReportVersion v;
  v.set_version(report.version());
  v.set_actor(report.last_actor());
  *v.mutable_create_time() = report.update_time();
  v.set_change(change);
  for (const std::string& p : changed) v.mutable_changed_fields()->add_paths(p);
  v.set_state(report.state());
  v.set_comment(comment);
  *v.mutable_content() = report.content();
  return v;
}

v1::Report NextVersion(const v1::Report& current, const std::string& actor) {
  v1::Report next = current;
  next.set_version(current.version() + 1);
  next.set_etag(NewEtag());
  *next.mutable_update_time() = Now();
  next.set_last_actor(actor);
  return next;
}

}  // namespace nianbao::collection
