// The collection service's storage: agencies, reports (one per agency and
// year) with every accepted change kept as a version, and the request ids of
// creates already done. One interface, two implementations: SQLite, the
// embedded default (sqlite_store.h), and PostgreSQL for several replicas
// (postgres_store.h). The service talks to this interface only, and one test
// suite (store_test.cc) runs against both.
//
// Concurrency is optimistic: every write of an existing row names the etag
// it read, and the write fails with ABORTED when the row has changed since.
// Several operations that must hold together run in one transaction
// (Store::RunInTransaction). Reviewers' decisions on warnings are kept per
// report, keyed by the violation's fingerprint.
#ifndef NIANBAO_SERVICES_COLLECTION_STORE_H_
#define NIANBAO_SERVICES_COLLECTION_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/collection.pb.h"
#include "services/collection/wire_filter.h"

namespace nianbao::collection {

// Which agencies ListAgencies returns, in id order.
struct AgencyQuery {
  // Only the direct children of this agency id ("" = roots), if set.
  std::optional<std::string> parent_id;
  // Only ids greater than this (the page token's position).
  std::string after_id;
  // At most this many.
  int limit = 50;
};

// Which reports ListReports returns, ordered by agency id, then year.
struct ReportQuery {
  // Only this agency's reports, if set.
  std::optional<std::string> agency_id;
  std::optional<int> year;
  std::optional<v1::ReportState> state;
  std::optional<v1::Edition> edition;
  std::optional<bool> aggregated;
  // Only reports after (after_agency_id, after_year).
  std::string after_agency_id;
  int after_year = 0;
  int limit = 50;
};

// One agency met by StoreTransaction::ForEachDescendantReport.
struct DescendantReport {
  std::string agency_id;
  // The content of its PUBLISHED report of the year; null when it has none
  // (缺报). Valid only during the call: the walk reuses the message.
  const v1::AnnualReport* published = nullptr;
};

// The operations of one transaction. Rows are identified by agency id (the
// {agency} of "agencies/{agency}") and year; the messages handed out carry
// full resource names. Failed operations leave the transaction usable unless
// the status says otherwise; Store::RunInTransaction rolls back when the
// function returns an error.
class StoreTransaction {
 public:
  virtual ~StoreTransaction() = default;

  // NOT_FOUND when there is no such agency.
  virtual absl::StatusOr<v1::ReportingAgency> GetAgency(absl::string_view agency_id) = 0;
  // Stores a new agency: name, display_name, code, level, parent,
  // create/update time, etag. ALREADY_EXISTS when the id is taken.
  virtual absl::Status InsertAgency(const v1::ReportingAgency& agency) = 0;
  // Replaces the agency named agency.name if its stored etag is
  // `expected_etag`: NOT_FOUND when absent, ABORTED when changed since.
  virtual absl::Status UpdateAgency(const v1::ReportingAgency& agency,
                                    absl::string_view expected_etag) = 0;
  virtual absl::StatusOr<std::vector<v1::ReportingAgency>> ListAgencies(
      const AgencyQuery& query) = 0;

  // NOT_FOUND when the agency has no report for `year`.
  virtual absl::StatusOr<v1::Report> GetReport(absl::string_view agency_id, int year) = 0;
  // Stores a new report (its name says agency and year) and its first
  // version. ALREADY_EXISTS when the agency has a report for that year.
  virtual absl::Status InsertReport(const v1::Report& report, const v1::ReportVersion& version) = 0;
  // Replaces the report named report.name if its stored etag is
  // `expected_etag`, and appends `version` (whose number must be the new
  // report.version). NOT_FOUND when absent, ABORTED when changed since.
  virtual absl::Status UpdateReport(const v1::Report& report, absl::string_view expected_etag,
                                    const v1::ReportVersion& version) = 0;
  // Deletes a report with its versions if its etag is `expected_etag`.
  virtual absl::Status DeleteReport(absl::string_view agency_id, int year,
                                    absl::string_view expected_etag) = 0;
  virtual absl::StatusOr<std::vector<v1::Report>> ListReports(const ReportQuery& query) = 0;
  // Versions of a report with a number above `after_version`, oldest first.
  // Walks the descendants of agency `parent_id` breadth first (each
  // agency's children in id order), calling fn with each and its PUBLISHED
  // report of `year`, if any. Does not walk below an agency whose published
  // report is aggregated (汇总: it already holds its descendants' figures),
  // nor back to `parent_id` in a damaged tree. One query finds the agencies;
  // reports are read and parsed one at a time, so memory does not grow with
  // their number. With `fields`, only those fields of each content are
  // parsed (the rest are not checked either). Returns the first error of fn,
  // which ends the walk.
  virtual absl::Status ForEachDescendantReport(
      absl::string_view parent_id, int year, const WireFilter* fields,
      absl::FunctionRef<absl::Status(const DescendantReport&)> fn) = 0;
  virtual absl::StatusOr<std::vector<v1::ReportVersion>> ListVersions(absl::string_view agency_id,
                                                                      int year,
                                                                      int64_t after_version,
                                                                      int limit) = 0;

  // Reviewers' decisions on the warnings of a report, by fingerprint.
  virtual absl::StatusOr<std::vector<v1::ViolationReview>> ListViolationReviews(
      absl::string_view agency_id, int year) = 0;
  // Stores `review`, replacing a decision with the same fingerprint. The
  // report must exist (NOT_FOUND otherwise). DeleteReport drops them.
  virtual absl::Status PutViolationReview(absl::string_view agency_id, int year,
                                          const v1::ViolationReview& review) = 0;

  // The report name a CreateReport with `request_id` made, if any.
  virtual absl::StatusOr<std::optional<std::string>> FindCreateRequest(
      absl::string_view request_id) = 0;
  // Remembers that the create with `request_id` made `report_name`.
  // ALREADY_EXISTS when the request id is known.
  virtual absl::Status RecordCreateRequest(absl::string_view request_id,
                                           absl::string_view report_name) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in one transaction: commits when it returns OK, rolls back and
  // returns its status otherwise. Safe to call from several threads.
  virtual absl::Status RunInTransaction(absl::FunctionRef<absl::Status(StoreTransaction&)> fn) = 0;
};

// Opens the store `spec` names, creating or migrating its schema:
// "sqlite:PATH" (PATH ":memory:" for a private in-memory database) or a
// libpq URI "postgres://..." / "postgresql://...".
absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view spec);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_STORE_H_
