// Small pieces every CollectionService handler uses (the caller's identity
// comes from authorizer.h): new etags and times, the next version of a report and its history entry,
// and resource-name parsing into a BadRequest. The handlers live in several
// files (collection_service*.cc); these keep them consistent.
#ifndef NIANBAO_SERVICES_COLLECTION_SERVICE_SUPPORT_H_
#define NIANBAO_SERVICES_COLLECTION_SERVICE_SUPPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "nianbao/v1/collection.pb.h"
#include "services/collection/grpc_errors.h"

namespace nianbao::collection {

// A fresh random etag.
std::string NewEtag();

// Now, at microsecond precision (what the stores keep).
google::protobuf::Timestamp Now();

// "DRAFT", "SUBMITTED", "PUBLISHED" for messages.
const char* StateName(v1::ReportState s);

// The history entry of `report`'s current version.
v1::ReportVersion MakeVersion(const v1::Report& report, v1::ReportChange change,
                              const std::vector<std::string>& changed, const std::string& comment);

// `current` moved on by one version: new etag, time, actor.
v1::Report NextVersion(const v1::Report& current, const std::string& actor);

// Parses a resource name into `out`, or adds a violation for `field`.
template <typename T>
bool ParseName(absl::StatusOr<T> parsed, const std::string& field, BadRequestBuilder* bad, T* out) {
  if (!parsed.ok()) {
    bad->Add(field, std::string(parsed.status().message()));
    return false;
  }
  *out = *std::move(parsed);
  return true;
}

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_SERVICE_SUPPORT_H_
