// Who may call the collection service, and on which agencies: the ONE
// access check every handler goes through.
//
// Authentication: with a token file (--auth-tokens), a caller sends
// "authorization: Bearer TOKEN"; the token's principal becomes the actor
// recorded in the report history, and its scope (admin, or a list of
// agencies) decides what it may touch. An agency in the scope covers its
// descendants too (a provincial office reads and aggregates its
// subordinates). Without a token file, authentication is off: every caller
// is admin, and the actor comes from "x-nianbao-actor" metadata as before.
//
// Authorization: a table (AccessRules(), keyed by request message type)
// says which fields of each request name a resource and how the caller's
// scope must cover it. A handler starts with
//
//   Caller caller;
//   if (grpc::Status s = authz_.Authorize(context, *request, &caller); !s.ok()) return s;
//
// and uses caller.actor for the history; a new RPC adds its rule to the
// table (authorizer.cc). authorizer_test.cc calls EVERY method of the
// service with another agency's names and fails for a method without a rule
// or without the call. List methods, which may span agencies, filter their
// results with Covers().
//
// Outside the scope the answer is always PERMISSION_DENIED with the same
// message, whether or not the resource exists: nothing about other agencies
// leaks.
#ifndef NIANBAO_SERVICES_COLLECTION_AUTHORIZER_H_
#define NIANBAO_SERVICES_COLLECTION_AUTHORIZER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"
#include "services/collection/store.h"
#include "services/common/token_file.h"

namespace nianbao::collection {

struct Caller {
  // Recorded as the actor of the versions this call makes.
  std::string actor;
  // Everything is in scope.
  bool admin = false;
  // Agency ids whose reports (and descendants' reports) are in scope.
  std::vector<std::string> agencies;
};

// How a request field that names a resource is checked.
enum class Access {
  // "agencies/{agency}": the scope must cover the agency.
  kAgency,
  // Like kAgency; an empty value (a root agency) needs admin.
  kAgencyOrAdminIfEmpty,
  // Like kAgency; "agencies/-" (every agency) passes, and the handler
  // filters what it returns with Covers().
  kAgencyOrAll,
  // "agencies/{agency}/reports/{year}": the scope must cover the agency.
  kReport,
};

struct AccessRule {
  // Dotted path of a string field of the request ("name", "report.name").
  std::string field;
  Access access;
  // When set, the rule applies only if the request's update_mask is empty
  // or holds this path (UpdateAgency's "parent").
  std::string only_if_masked;
};

// Request message full name -> its rules. A method whose request has an
// entry with no rules is open to every authenticated caller (the handler
// filters lists); a request type without an entry is refused (INTERNAL),
// so a new RPC cannot be forgotten silently.
const std::map<std::string, std::vector<AccessRule>>& AccessRules();

class Authorizer {
 public:
  // `tokens` null = authentication off. Neither is owned.
  Authorizer(Store* store, const services::TokenFile* tokens) : store_(store), tokens_(tokens) {}

  bool enabled() const { return tokens_ != nullptr; }

  // Authenticates the call and checks every resource the request names.
  // UNAUTHENTICATED without a known bearer token; PERMISSION_DENIED outside
  // the scope; INVALID_ARGUMENT (field violation) when a field checked is
  // not a resource name.
  grpc::Status Authorize(grpc::ServerContext* context, const google::protobuf::Message& request,
                         Caller* caller) const;

  // Whether the caller's scope covers `agency_id` (itself or an ancestor is
  // in the scope). `memo` may be shared by the calls of one request.
  static absl::StatusOr<bool> Covers(StoreTransaction& tx, const Caller& caller,
                                     const std::string& agency_id,
                                     std::map<std::string, bool>* memo = nullptr);

 private:
  grpc::Status Authenticate(grpc::ServerContext* context, Caller* caller) const;

  Store* store_;
  const services::TokenFile* tokens_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_AUTHORIZER_H_
