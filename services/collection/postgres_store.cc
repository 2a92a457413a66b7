#include "services/collection/postgres_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/collection/resource_names.h"
#include "services/collection/store_rows.h"

namespace nianbao::collection {
namespace {

// Numbered migrations; schema_migrations records those applied. Append,
// never edit: a database in the field has run the old ones.
const std::vector<std::pair<int, const char*>>& Migrations() {
  static const auto* migrations = new std::vector<std::pair<int, const char*>>{
      {1, R"sql(
CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  code TEXT NOT NULL,
  level INTEGER NOT NULL,
  etag TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL
);
CREATE INDEX agencies_by_parent ON agencies (parent_id, id);
CREATE TABLE reports (
  agency_id TEXT NOT NULL REFERENCES agencies (id),
  year INTEGER NOT NULL,
  state INTEGER NOT NULL,
  edition INTEGER NOT NULL,
  aggregated BOOLEAN NOT NULL,
  version BIGINT NOT NULL,
  etag TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  last_actor TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (agency_id, year)
);
CREATE INDEX reports_by_year ON reports (year, state);
CREATE TABLE report_versions (
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  version BIGINT NOT NULL,
  actor TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  change INTEGER NOT NULL,
  changed_fields TEXT NOT NULL,
  state INTEGER NOT NULL,
  comment TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (agency_id, year, version)
);
CREATE TABLE create_requests (
  request_id TEXT PRIMARY KEY,
  report_name TEXT NOT NULL
);
)sql"},
      {2, R"sql(
CREATE TABLE violation_reviews (
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  review BYTEA NOT NULL,
  PRIMARY KEY (agency_id, year, fingerprint)
);
)sql"},
  };
  return *migrations;
}

// Parameters of one statement: text values, and binary for bytea.
class Params {
 public:
  Params& Add(absl::string_view s) {
    values_.emplace_back(s);
    formats_.push_back(0);
    return *this;
  }
  Params& Add(int64_t v) { return Add(absl::StrCat(v)); }
  Params& Add(int v) { return Add(absl::StrCat(v)); }
  Params& AddBool(bool b) { return Add(b ? "t" : "f"); }
  Params& AddBytes(std::string b) {
    values_.push_back(std::move(b));
    formats_.push_back(1);
    return *this;
  }
  int size() const { return static_cast<int>(values_.size()); }
  int count() const { return size(); }

  // Pointers valid while this object lives and is not changed.
  void Fill(std::vector<const char*>* v, std::vector<int>* len) const {
    for (const std::string& s : values_) {
      v->push_back(s.c_str());
      len->push_back(static_cast<int>(s.size()));
    }
  }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> values_;
  std::vector<int> formats_;
};

// A query result, cleared on scope exit.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const { return PQntuples(r_); }
  int affected() const {
    int n = 0;
    return absl::SimpleAtoi(PQcmdTuples(r_), &n) ? n : 0;
  }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  int64_t Int(int row, int col) const {
    int64_t v = 0;
    return absl::SimpleAtoi(Text(row, col), &v) ? v : 0;
  }
  bool Bool(int row, int col) const { return Text(row, col) == "t"; }
  // A value as sent, for results asked in binary format (bytea unescaped).
  absl::string_view Raw(int row, int col) const {
    return absl::string_view(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  std::string Bytes(int row, int col) const {
    size_t n = 0;
    unsigned char* b =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &n);
    std::string out(reinterpret_cast<const char*>(b), n);
    PQfreemem(b);
    return out;
  }

 private:
  PGresult* r_;
};

// result_format 1 asks for binary results (Result::Raw).
absl::StatusOr<Result> Exec(PGconn* conn, const char* sql, const Params& params = Params(),
                            int result_format = 0) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  params.Fill(&values, &lengths);
  PGresult* r = PQexecParams(conn, sql, params.size(), nullptr, values.data(), lengths.data(),
                             params.formats(), result_format);
  ExecStatusType status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(r);
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  std::string message = absl::StrCat("postgres: ", PQresultErrorMessage(r));
  std::string sqlstate = state ? state : "";
  PQclear(r);
  if (sqlstate == "23505") return absl::AlreadyExistsError(message);  // unique_violation
  if (sqlstate.rfind("23", 0) == 0) return absl::FailedPreconditionError(message);
  // serialization_failure, deadlock_detected: the caller may retry.
  if (sqlstate == "40001" || sqlstate == "40P01") return absl::AbortedError(message);
  // The server is going away or not there: connection_exception (08...),
  // admin/crash shutdown, cannot connect now (57P01..57P03). UNAVAILABLE
  // tells the caller to retry; the pool reconnects on the next Acquire.
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" ||
      sqlstate == "57P02" || sqlstate == "57P03") {
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

v1::ReportingAgency ReadAgency(const Result& r, int i) {
  v1::ReportingAgency a;
  a.set_name(AgencyName(r.Text(i, 0)));
  std::string parent = r.Text(i, 1);
  if (!parent.empty()) a.set_parent(AgencyName(parent));
  a.set_display_name(r.Text(i, 2));
  a.set_code(r.Text(i, 3));
  a.set_level(static_cast<v1::AdministrativeLevel>(r.Int(i, 4)));
  a.set_etag(r.Text(i, 5));
  *a.mutable_create_time() = FromMicros(r.Int(i, 6));
  *a.mutable_update_time() = FromMicros(r.Int(i, 7));
  return a;
}

absl::StatusOr<v1::Report> ReadReport(const Result& q, int i) {
  v1::Report r;
  r.set_name(ReportName(q.Text(i, 0), static_cast<int>(q.Int(i, 1))));
  r.set_state(static_cast<v1::ReportState>(q.Int(i, 2)));
  r.set_version(q.Int(i, 3));
  r.set_etag(q.Text(i, 4));
  *r.mutable_create_time() = FromMicros(q.Int(i, 5));
  *r.mutable_update_time() = FromMicros(q.Int(i, 6));
  r.set_last_actor(q.Text(i, 7));
  if (!r.mutable_content()->ParseFromString(q.Bytes(i, 8))) {
    return absl::DataLossError(absl::StrCat("stored content of ", r.name(), " does not parse"));
  }
  return r;
}

constexpr char kAgencyColumns[] =
    "id, parent_id, display_name, code, level, etag, create_time, update_time";
constexpr char kReportColumns[] =
    "agency_id, year, state, version, etag, create_time, update_time, last_actor, content";

// The descendants of $1 with whether each has a PUBLISHED ($3) report of
// year $2, breadth first (see ForEachDescendantReport). The walk stops below
// a published aggregated report and never comes back to $1.
constexpr char kDescendantsSql[] = R"sql(
WITH RECURSIVE tree(id, depth, path, published, expand) AS (
  SELECT a.id, 1, a.id, COALESCE(r.state = $3, false),
         NOT COALESCE(r.state = $3 AND r.aggregated, false)
  FROM agencies a LEFT JOIN reports r ON r.agency_id = a.id AND r.year = $2
  WHERE a.parent_id = $1 AND a.id <> $1
  UNION ALL
  SELECT a.id, t.depth + 1, t.path || chr(1) || a.id, COALESCE(r.state = $3, false),
         NOT COALESCE(r.state = $3 AND r.aggregated, false)
  FROM tree t JOIN agencies a ON a.parent_id = t.id
       LEFT JOIN reports r ON r.agency_id = a.id AND r.year = $2
  WHERE t.expand AND a.id <> $1
)
SELECT id, published FROM tree ORDER BY depth, path COLLATE "C"
)sql";

struct AgencyColumns {
  std::string id, parent_id;
};
absl::StatusOr<AgencyColumns> AgencyKeys(const v1::ReportingAgency& a) {
  AgencyColumns c;
  absl::StatusOr<std::string> id = ParseAgencyName(a.name());
  if (!id.ok()) return id.status();
  c.id = *id;
  if (!a.parent().empty()) {
    absl::StatusOr<std::string> parent = ParseAgencyName(a.parent());
    if (!parent.ok()) return parent.status();
    c.parent_id = *parent;
  }
  return c;
}

class PostgresTransaction : public StoreTransaction {
 public:
  explicit PostgresTransaction(PGconn* conn) : conn_(conn) {}

  absl::StatusOr<v1::ReportingAgency> GetAgency(absl::string_view agency_id) override {
    absl::StatusOr<Result> r =
        Exec(conn_, absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE id = $1").c_str(),
             Params().Add(agency_id));
    if (!r.ok()) return r.status();
    if (r->rows() == 0) {
      return absl::NotFoundError(absl::StrCat(AgencyName(agency_id), " does not exist"));
    }
    return ReadAgency(*r, 0);
  }

  absl::Status InsertAgency(const v1::ReportingAgency& a) override {
    absl::StatusOr<AgencyColumns> keys = AgencyKeys(a);
    if (!keys.ok()) return keys.status();
    Params p;
    p.Add(keys->id).Add(keys->parent_id).Add(a.display_name()).Add(a.code());
    p.Add(static_cast<int>(a.level())).Add(a.etag());
    p.Add(ToMicros(a.create_time())).Add(ToMicros(a.update_time()));
    absl::StatusOr<Result> r = Exec(conn_,
                                    "INSERT INTO agencies (id, parent_id, display_name, code, "
                                    "level, etag, create_time, update_time) "
                                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                    p);
    if (absl::IsAlreadyExists(r.status())) {
      return absl::AlreadyExistsError(absl::StrCat(a.name(), " already exists"));
    }
    return r.status();
  }

  absl::Status UpdateAgency(const v1::ReportingAgency& a,
                            absl::string_view expected_etag) override {
    absl::StatusOr<AgencyColumns> keys = AgencyKeys(a);
    if (!keys.ok()) return keys.status();
    Params p;
    p.Add(keys->parent_id).Add(a.display_name()).Add(a.code()).Add(static_cast<int>(a.level()));
    p.Add(a.etag()).Add(ToMicros(a.update_time())).Add(keys->id).Add(expected_etag);
    absl::StatusOr<Result> r = Exec(conn_,
                                    "UPDATE agencies SET parent_id = $1, display_name = $2, "
                                    "code = $3, level = $4, etag = $5, update_time = $6 "
                                    "WHERE id = $7 AND etag = $8",
                                    p);
    if (!r.ok()) return r.status();
    if (r->affected() == 1) return absl::OkStatus();
    absl::StatusOr<v1::ReportingAgency> current = GetAgency(keys->id);
    if (!current.ok()) return current.status();
    return absl::AbortedError(absl::StrCat(a.name(), " was changed since etag ", expected_etag));
  }

  absl::StatusOr<std::vector<v1::ReportingAgency>> ListAgencies(const AgencyQuery& q) override {
    Params p;
    p.Add(q.after_id);
    std::string sql =
        absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE id COLLATE \"C\" > $1");
    if (q.parent_id) {
      p.Add(*q.parent_id);
      absl::StrAppend(&sql, " AND parent_id = $", p.count());
    }
    p.Add(q.limit);
    absl::StrAppend(&sql, " ORDER BY id COLLATE \"C\" LIMIT $", p.count());
    absl::StatusOr<Result> r = Exec(conn_, sql.c_str(), p);
    if (!r.ok()) return r.status();
    std::vector<v1::ReportingAgency> out;
    for (int i = 0; i < r->rows(); ++i) out.push_back(ReadAgency(*r, i));
    return out;
  }

  absl::StatusOr<v1::Report> GetReport(absl::string_view agency_id, int year) override {
    absl::StatusOr<Result> r = Exec(
        conn_,
        absl::StrCat("SELECT ", kReportColumns, " FROM reports WHERE agency_id = $1 AND year = $2")
            .c_str(),
        Params().Add(agency_id).Add(year));
    if (!r.ok()) return r.status();
    if (r->rows() == 0) {
      return absl::NotFoundError(absl::StrCat(ReportName(agency_id, year), " does not exist"));
    }
    return ReadReport(*r, 0);
  }

  absl::Status InsertReport(const v1::Report& report, const v1::ReportVersion& version) override {
    absl::StatusOr<ReportKey> key = ParseReportName(report.name());
    if (!key.ok()) return key.status();
    absl::StatusOr<Result> r = Exec(conn_,
                                    "INSERT INTO reports (agency_id, year, state, edition, "
                                    "aggregated, version, etag, create_time, update_time, "
                                    "last_actor, content) "
                                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                                    ReportParams(*key, report));
    if (absl::IsAlreadyExists(r.status())) {
      return absl::AlreadyExistsError(absl::StrCat(report.name(), " already exists"));
    }
    if (!r.ok()) return r.status();
    return InsertVersion(*key, version);
  }

  absl::Status UpdateReport(const v1::Report& report, absl::string_view expected_etag,
                            const v1::ReportVersion& version) override {
    absl::StatusOr<ReportKey> key = ParseReportName(report.name());
    if (!key.ok()) return key.status();
    Params p = ReportParams(*key, report);
    p.Add(expected_etag);
    absl::StatusOr<Result> r = Exec(conn_,
                                    "UPDATE reports SET agency_id = $1, year = $2, state = $3, "
                                    "edition = $4, aggregated = $5, version = $6, etag = $7, "
                                    "create_time = $8, update_time = $9, last_actor = $10, "
                                    "content = $11 WHERE agency_id = $1 AND year = $2 "
                                    "AND etag = $12",
                                    p);
    if (!r.ok()) return r.status();
    if (r->affected() != 1) {
      absl::StatusOr<v1::Report> current = GetReport(key->agency_id, key->year);
      if (!current.ok()) return current.status();
      return absl::AbortedError(
          absl::StrCat(report.name(), " was changed since etag ", expected_etag));
    }
    return InsertVersion(*key, version);
  }

  absl::Status DeleteReport(absl::string_view agency_id, int year,
                            absl::string_view expected_etag) override {
    absl::StatusOr<Result> r =
        Exec(conn_, "DELETE FROM reports WHERE agency_id = $1 AND year = $2 AND etag = $3",
             Params().Add(agency_id).Add(year).Add(expected_etag));
    if (!r.ok()) return r.status();
    if (r->affected() != 1) {
      absl::StatusOr<v1::Report> current = GetReport(agency_id, year);
      if (!current.ok()) return current.status();
      return absl::AbortedError(
          absl::StrCat(ReportName(agency_id, year), " was changed since etag ", expected_etag));
    }
    if (absl::Status st =
            Exec(conn_, "DELETE FROM report_versions WHERE agency_id = $1 AND year = $2",
                 Params().Add(agency_id).Add(year))
                .status();
        !st.ok()) {
      return st;
    }
    return Exec(conn_, "DELETE FROM violation_reviews WHERE agency_id = $1 AND year = $2",
                Params().Add(agency_id).Add(year))
        .status();
  }

  absl::StatusOr<std::vector<v1::Report>> ListReports(const ReportQuery& q) override {
    Params p;
    p.Add(q.after_agency_id).Add(q.after_year);
    std::string sql =
        absl::StrCat("SELECT ", kReportColumns,
                     " FROM reports WHERE (agency_id COLLATE \"C\" > $1 OR (agency_id = $1 AND "
                     "year > $2))");
    if (q.agency_id) {
      p.Add(*q.agency_id);
      absl::StrAppend(&sql, " AND agency_id = $", p.count());
    }
    if (q.year) {
      p.Add(*q.year);
      absl::StrAppend(&sql, " AND year = $", p.count());
    }
    if (q.state) {
      p.Add(static_cast<int>(*q.state));
      absl::StrAppend(&sql, " AND state = $", p.count());
    }
    if (q.edition) {
      p.Add(static_cast<int>(*q.edition));
      absl::StrAppend(&sql, " AND edition = $", p.count());
    }
    if (q.aggregated) {
      p.AddBool(*q.aggregated);
      absl::StrAppend(&sql, " AND aggregated = $", p.count());
    }
    p.Add(q.limit);
    // COLLATE "C": the same byte order as SQLite, so page tokens mean the
    // same on both stores.
    absl::StrAppend(&sql, " ORDER BY agency_id COLLATE \"C\", year LIMIT $", p.count());
    absl::StatusOr<Result> r = Exec(conn_, sql.c_str(), p);
    if (!r.ok()) return r.status();
    std::vector<v1::Report> out;
    for (int i = 0; i < r->rows(); ++i) {
      absl::StatusOr<v1::Report> report = ReadReport(*r, i);
      if (!report.ok()) return report.status();
      out.push_back(*std::move(report));
    }
    return out;
  }

  absl::Status ForEachDescendantReport(
      absl::string_view parent_id, int year, const WireFilter* fields,
      absl::FunctionRef<absl::Status(const DescendantReport&)> fn) override {
    // The agencies, breadth first: ordered by depth, then by the path of ids
    // from the parent joined by chr(1), which sorts (in "C" order) below
    // every character of an id, so the order is that of a queue walking each
    // agency's children by id.
    absl::StatusOr<Result> tree =
        Exec(conn_, kDescendantsSql,
             Params().Add(parent_id).Add(year).Add(static_cast<int>(v1::REPORT_STATE_PUBLISHED)));
    if (!tree.ok()) return tree.status();
    // Contents are fetched a batch of published agencies at a time (one
    // query each), so at most a batch of reports is held.
    constexpr int kBatch = 256;
    ContentParser parser;
    DescendantReport at;
    for (int first = 0; first < tree->rows(); first += kBatch) {
      const int end = std::min(first + kBatch, tree->rows());
      std::string ids = "{";
      for (int i = first; i < end; ++i) {
        if (!tree->Bool(i, 1)) continue;
        // Ids are [a-z0-9-]: quoted, none needs escaping (quoting keeps an
        // id "null" from reading as NULL).
        absl::StrAppend(&ids, ids.size() > 1 ? "," : "", "\"", tree->Text(i, 0), "\"");
      }
      ids += "}";
      std::map<std::string, int> row_of;
      std::optional<Result> contents;
      if (ids.size() > 2) {
        // READ COMMITTED: this statement may see a report published or
        // withdrawn since the walk's; the state is checked again here.
        absl::StatusOr<Result> r =
            Exec(conn_,
                 "SELECT agency_id, content FROM reports WHERE year = $1 AND state = $2 "
                 "AND agency_id = ANY($3::text[])",
                 Params().Add(year).Add(static_cast<int>(v1::REPORT_STATE_PUBLISHED)).Add(ids),
                 /*result_format=*/1);  // binary: content arrives as stored, not hex
        if (!r.ok()) return r.status();
        contents.emplace(*std::move(r));
        for (int j = 0; j < contents->rows(); ++j) row_of[std::string(contents->Raw(j, 0))] = j;
      }
      for (int i = first; i < end; ++i) {
        at.agency_id = tree->Text(i, 0);
        at.published = nullptr;
        auto found = tree->Bool(i, 1) ? row_of.find(at.agency_id) : row_of.end();
        if (found != row_of.end()) {
          absl::StatusOr<const v1::AnnualReport*> parsed =
              parser.ParseStored(contents->Raw(found->second, 1), fields, at.agency_id, year);
          if (!parsed.ok()) return parsed.status();
          at.published = *parsed;
        }
        if (absl::Status st = fn(at); !st.ok()) return st;
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<v1::ReportVersion>> ListVersions(absl::string_view agency_id, int year,
                                                              int64_t after_version,
                                                              int limit) override {
    absl::StatusOr<Result> r =
        Exec(conn_,
             "SELECT version, actor, create_time, change, changed_fields, state, comment, "
             "content FROM report_versions WHERE agency_id = $1 AND year = $2 AND version > $3 "
             "ORDER BY version LIMIT $4",
             Params().Add(agency_id).Add(year).Add(after_version).Add(limit));
    if (!r.ok()) return r.status();
    std::vector<v1::ReportVersion> out;
    for (int i = 0; i < r->rows(); ++i) {
      v1::ReportVersion v;
      v.set_version(r->Int(i, 0));
      v.set_name(VersionName(agency_id, year, v.version()));
      v.set_actor(r->Text(i, 1));
      *v.mutable_create_time() = FromMicros(r->Int(i, 2));
      v.set_change(static_cast<v1::ReportChange>(r->Int(i, 3)));
      *v.mutable_changed_fields() = SplitPaths(r->Text(i, 4));
      v.set_state(static_cast<v1::ReportState>(r->Int(i, 5)));
      v.set_comment(r->Text(i, 6));
      if (!v.mutable_content()->ParseFromString(r->Bytes(i, 7))) {
        return absl::DataLossError(absl::StrCat("stored content of ", v.name(), " does not parse"));
      }
      out.push_back(std::move(v));
    }
    return out;
  }

  absl::StatusOr<std::vector<v1::ViolationReview>> ListViolationReviews(absl::string_view agency_id,
                                                                        int year) override {
    absl::StatusOr<Result> r = Exec(conn_,
                                    "SELECT review FROM violation_reviews WHERE agency_id = $1 "
                                    "AND year = $2 ORDER BY fingerprint COLLATE \"C\"",
                                    Params().Add(agency_id).Add(year));
    if (!r.ok()) return r.status();
    std::vector<v1::ViolationReview> out;
    for (int i = 0; i < r->rows(); ++i) {
      if (!out.emplace_back().ParseFromString(r->Bytes(i, 0))) {
        return absl::DataLossError(
            absl::StrCat("a stored review of ", ReportName(agency_id, year), " does not parse"));
      }
    }
    return out;
  }

  absl::Status PutViolationReview(absl::string_view agency_id, int year,
                                  const v1::ViolationReview& review) override {
    if (absl::Status st = GetReport(agency_id, year).status(); !st.ok()) return st;
    return Exec(conn_,
                "INSERT INTO violation_reviews (agency_id, year, fingerprint, review) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (agency_id, year, fingerprint) "
                "DO UPDATE SET review = EXCLUDED.review",
                Params()
                    .Add(agency_id)
                    .Add(year)
                    .Add(review.fingerprint())
                    .AddBytes(review.SerializeAsString()))
        .status();
  }

  absl::StatusOr<std::optional<std::string>> FindCreateRequest(
      absl::string_view request_id) override {
    absl::StatusOr<Result> r =
        Exec(conn_, "SELECT report_name FROM create_requests WHERE request_id = $1",
             Params().Add(request_id));
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(r->Text(0, 0));
  }

  absl::Status RecordCreateRequest(absl::string_view request_id,
                                   absl::string_view report_name) override {
    return Exec(conn_, "INSERT INTO create_requests (request_id, report_name) VALUES ($1, $2)",
                Params().Add(request_id).Add(report_name))
        .status();
  }

 private:
  static Params ReportParams(const ReportKey& key, const v1::Report& r) {
    Params p;
    p.Add(key.agency_id).Add(key.year).Add(static_cast<int>(r.state()));
    p.Add(static_cast<int>(r.content().edition())).AddBool(r.content().aggregated());
    p.Add(r.version()).Add(r.etag());
    p.Add(ToMicros(r.create_time())).Add(ToMicros(r.update_time())).Add(r.last_actor());
    p.AddBytes(r.content().SerializeAsString());
    return p;
  }

  absl::Status InsertVersion(const ReportKey& key, const v1::ReportVersion& v) {
    Params p;
    p.Add(key.agency_id).Add(key.year).Add(v.version()).Add(v.actor());
    p.Add(ToMicros(v.create_time())).Add(static_cast<int>(v.change()));
    p.Add(JoinPaths(v.changed_fields())).Add(static_cast<int>(v.state())).Add(v.comment());
    p.AddBytes(v.content().SerializeAsString());
    absl::StatusOr<Result> r = Exec(conn_,
                                    "INSERT INTO report_versions (agency_id, year, version, "
                                    "actor, create_time, change, changed_fields, state, comment, "
                                    "content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                    p);
    if (absl::IsAlreadyExists(r.status())) {
      return absl::AbortedError(absl::StrCat("version ", v.version(), " of ",
                                             ReportName(key.agency_id, key.year),
                                             " was written concurrently"));
    }
    return r.status();
  }

  PGconn* conn_;
};

class PostgresStore : public Store {
 public:
  PostgresStore(std::string conninfo, int pool_size)
      : conninfo_(std::move(conninfo)), pool_size_(pool_size) {}
  ~PostgresStore() override {
    for (PGconn* c : idle_) PQfinish(c);
  }

  absl::StatusOr<PGconn*> Connect() {
    PGconn* c = PQconnectdb(conninfo_.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      absl::Status st =
          absl::UnavailableError(absl::StrCat("cannot connect to PostgreSQL: ", PQerrorMessage(c)));
      PQfinish(c);
      return st;
    }
    // Quiet the NOTICEs of CREATE ... IF NOT EXISTS on stderr.
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    return c;
  }

  absl::Status Migrate() {
    absl::StatusOr<PGconn*> conn = Acquire();
    if (!conn.ok()) return conn.status();
    PGconn* c = *conn;
    absl::Status st = Exec(c, "BEGIN").status();
    if (st.ok()) {
      st = MigrateIn(c);
      if (st.ok()) st = Exec(c, "COMMIT").status();
      if (!st.ok()) Exec(c, "ROLLBACK").IgnoreError();
    }
    Release(c);
    return st;
  }

  absl::Status RunInTransaction(absl::FunctionRef<absl::Status(StoreTransaction&)> fn) override {
    absl::StatusOr<PGconn*> conn = Acquire();
    if (!conn.ok()) return conn.status();
    PGconn* c = *conn;
    absl::Status st = Exec(c, "BEGIN").status();
    if (absl::IsUnavailable(st)) {
      // A pooled connection may have been cut since its last use (the
      // server restarted). Nothing has run yet, so reconnect and retry
      // once: after a restart the first request succeeds, not one per
      // pooled connection.
      PQreset(c);
      if (PQstatus(c) == CONNECTION_OK) {
        PQsetNoticeProcessor(
            c, [](void*, const char*) {}, nullptr);
        st = Exec(c, "BEGIN").status();
      }
    }
    if (st.ok()) {
      PostgresTransaction tx(c);
      st = fn(tx);
      if (st.ok()) st = Exec(c, "COMMIT").status();
      if (!st.ok()) Exec(c, "ROLLBACK").IgnoreError();
    }
    Release(c);
    return st;
  }

 private:
  static absl::Status MigrateIn(PGconn* c) {
    // Replicas starting together wait here for the first to finish.
    if (absl::Status st = Exec(c, "SELECT pg_advisory_xact_lock(7236001)").status(); !st.ok()) {
      return st;
    }
    if (absl::Status st =
            Exec(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
                .status();
        !st.ok()) {
      return st;
    }
    absl::StatusOr<Result> r = Exec(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!r.ok()) return r.status();
    int64_t applied = r->Int(0, 0);
    // A database migrated by a newer release: this binary does not know the
    // schema, so it refuses rather than read or write it wrongly.
    if (applied > Migrations().back().first) {
      return absl::FailedPreconditionError(
          absl::StrCat("the database schema is at version ", applied, "; this build knows up to ",
                       Migrations().back().first, " (a newer release migrated it)"));
    }
    for (const auto& [number, sql] : Migrations()) {
      if (number <= applied) continue;
      // PQexec (not PQexecParams) runs several statements at once.
      PGresult* res = PQexec(c, sql);
      bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      std::string err = PQresultErrorMessage(res);
      PQclear(res);
      if (!ok) return absl::InternalError(absl::StrCat("migration ", number, ": ", err));
      if (absl::Status st =
              Exec(c, "INSERT INTO schema_migrations (version) VALUES ($1)", Params().Add(number))
                  .status();
          !st.ok()) {
        return st;
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PGconn*> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
    if (!idle_.empty()) {
      PGconn* c = idle_.back();
      idle_.pop_back();
      if (PQstatus(c) == CONNECTION_OK) return c;
      PQreset(c);  // a dropped connection gets one reconnect
      if (PQstatus(c) == CONNECTION_OK) return c;
      PQfinish(c);
      --open_;
    }
    ++open_;
    lock.unlock();
    absl::StatusOr<PGconn*> c = Connect();
    if (!c.ok()) {
      std::lock_guard<std::mutex> relock(mu_);
      --open_;
      cv_.notify_one();
    }
    return c;
  }

  void Release(PGconn* c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(c);
    cv_.notify_one();
  }

  const std::string conninfo_;
  const int pool_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> idle_;
  int open_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(absl::string_view conninfo,
                                                         int pool_size) {
  auto store =
      std::make_unique<PostgresStore>(std::string(conninfo), pool_size < 1 ? 1 : pool_size);
  if (absl::Status st = store->Migrate(); !st.ok()) return st;
  return store;
}

}  // namespace nianbao::collection
