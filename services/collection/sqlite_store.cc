#include "services/collection/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/collection/resource_names.h"
#include "services/collection/store_rows.h"

namespace nianbao::collection {
namespace {

// Numbered migrations; the database records the highest one applied.
// Append, never edit: a database in the field has run the old ones.
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
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX agencies_by_parent ON agencies (parent_id, id);
CREATE TABLE reports (
  agency_id TEXT NOT NULL REFERENCES agencies (id),
  year INTEGER NOT NULL,
  state INTEGER NOT NULL,
  edition INTEGER NOT NULL,
  aggregated INTEGER NOT NULL,
  version INTEGER NOT NULL,
  etag TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  last_actor TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (agency_id, year)
);
CREATE INDEX reports_by_year ON reports (year, state);
CREATE TABLE report_versions (
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  actor TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  change INTEGER NOT NULL,
  changed_fields TEXT NOT NULL,
  state INTEGER NOT NULL,
  comment TEXT NOT NULL,
  content BLOB NOT NULL,
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
  review BLOB NOT NULL,
  PRIMARY KEY (agency_id, year, fingerprint)
);
)sql"},
  };
  return *migrations;
}

absl::Status SqliteError(sqlite3* db, absl::string_view what) {
  return absl::InternalError(absl::StrCat("sqlite: ", what, ": ", sqlite3_errmsg(db)));
}

// Prepared statements kept across transactions, by SQL text: preparing
// (parsing, planning) cost more than running the small queries of a walk.
// Used only inside transactions, which SqliteStore runs one at a time. The
// texts are a fixed set (queries differ only in which optional filters they
// have), so the cache stays small.
class StatementCache {
 public:
  ~StatementCache() { Clear(); }
  // Finalizes every kept statement: sqlite3_close refuses (SQLITE_BUSY) and
  // keeps the connection open while any is left.
  void Clear() {
    for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
    idle_.clear();
  }
  // A statement for `sql`: an idle cached one, else a new one.
  int Take(sqlite3* db, const std::string& sql, sqlite3_stmt** stmt) {
    auto it = idle_.find(sql);
    if (it != idle_.end()) {
      *stmt = it->second;
      idle_.erase(it);
      return SQLITE_OK;
    }
    return sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
  }
  // Resets `stmt` and keeps it (one per SQL text; a second one in use at the
  // same time, as in nested calls, is finalized).
  void Give(const std::string& sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!idle_.emplace(sql, stmt).second) sqlite3_finalize(stmt);
  }

 private:
  std::unordered_map<std::string, sqlite3_stmt*> idle_;
};

// One prepared statement, finalized (or returned to `cache`) on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    status_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  Statement(sqlite3* db, StatementCache* cache, std::string sql)
      : db_(db), cache_(cache), sql_(std::move(sql)) {
    status_ = cache_->Take(db, sql_, &stmt_);
  }
  ~Statement() {
    if (cache_ != nullptr && status_ == SQLITE_OK) {
      cache_->Give(sql_, stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Ready to run again with new parameters.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    index_ = 0;
  }

  Statement& Bind(absl::string_view s) {
    sqlite3_bind_text(stmt_, ++index_, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindBlob(const std::string& s) {
    sqlite3_bind_blob(stmt_, ++index_, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int64_t v) {
    sqlite3_bind_int64(stmt_, ++index_, v);
    return *this;
  }
  Statement& Bind(int v) { return Bind(static_cast<int64_t>(v)); }

  // Steps once: true for a row, false when done.
  absl::StatusOr<bool> Step() {
    if (status_ != SQLITE_OK) return SqliteError(db_, "prepare");
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_CONSTRAINT) {
      int ext = sqlite3_extended_errcode(db_);
      if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) {
        return absl::AlreadyExistsError(absl::StrCat("sqlite: ", sqlite3_errmsg(db_)));
      }
      return absl::FailedPreconditionError(absl::StrCat("sqlite: ", sqlite3_errmsg(db_)));
    }
    return SqliteError(db_, "step");
  }
  absl::Status Run() {
    absl::StatusOr<bool> r = Step();
    return r.ok() ? absl::OkStatus() : r.status();
  }

  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col))
             : std::string();
  }
  absl::string_view BlobView(int col) {
    const void* b = sqlite3_column_blob(stmt_, col);
    return b ? absl::string_view(static_cast<const char*>(b), sqlite3_column_bytes(stmt_, col))
             : absl::string_view();
  }
  std::string Blob(int col) {
    const void* b = sqlite3_column_blob(stmt_, col);
    return b ? std::string(static_cast<const char*>(b), sqlite3_column_bytes(stmt_, col))
             : std::string();
  }

 private:
  sqlite3* db_;
  StatementCache* cache_ = nullptr;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
  int status_;
  int index_ = 0;
};

constexpr char kAgencyColumns[] =
    "id, parent_id, display_name, code, level, etag, create_time, update_time";
constexpr char kReportColumns[] =
    "agency_id, year, state, version, etag, create_time, update_time, last_actor, content";

// The descendants of ?1 with whether each has a PUBLISHED (?3) report of
// year ?2, breadth first (see ForEachDescendantReport). The walk stops below
// a published aggregated report and never comes back to ?1.
constexpr char kDescendantsSql[] = R"sql(
WITH RECURSIVE tree(id, depth, path, published, expand) AS (
  SELECT a.id, 1, a.id, COALESCE(r.state = ?3, 0), NOT COALESCE(r.state = ?3 AND r.aggregated, 0)
  FROM agencies a LEFT JOIN reports r ON r.agency_id = a.id AND r.year = ?2
  WHERE a.parent_id = ?1 AND a.id <> ?1
  UNION ALL
  SELECT a.id, t.depth + 1, t.path || char(1) || a.id, COALESCE(r.state = ?3, 0),
         NOT COALESCE(r.state = ?3 AND r.aggregated, 0)
  FROM tree t JOIN agencies a ON a.parent_id = t.id
       LEFT JOIN reports r ON r.agency_id = a.id AND r.year = ?2
  WHERE t.expand AND a.id <> ?1
)
SELECT id, published FROM tree ORDER BY depth, path
)sql";

v1::ReportingAgency ReadAgency(Statement& s) {
  v1::ReportingAgency a;
  a.set_name(AgencyName(s.Text(0)));
  std::string parent = s.Text(1);
  if (!parent.empty()) a.set_parent(AgencyName(parent));
  a.set_display_name(s.Text(2));
  a.set_code(s.Text(3));
  a.set_level(static_cast<v1::AdministrativeLevel>(s.Int(4)));
  a.set_etag(s.Text(5));
  *a.mutable_create_time() = FromMicros(s.Int(6));
  *a.mutable_update_time() = FromMicros(s.Int(7));
  return a;
}

absl::StatusOr<v1::Report> ReadReport(Statement& s) {
  v1::Report r;
  r.set_name(ReportName(s.Text(0), static_cast<int>(s.Int(1))));
  r.set_state(static_cast<v1::ReportState>(s.Int(2)));
  r.set_version(s.Int(3));
  r.set_etag(s.Text(4));
  *r.mutable_create_time() = FromMicros(s.Int(5));
  *r.mutable_update_time() = FromMicros(s.Int(6));
  r.set_last_actor(s.Text(7));
  if (!r.mutable_content()->ParseFromString(s.Blob(8))) {
    return absl::DataLossError(absl::StrCat("stored content of ", r.name(), " does not parse"));
  }
  return r;
}

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

class SqliteTransaction : public StoreTransaction {
 public:
  SqliteTransaction(sqlite3* db, StatementCache* cache) : db_(db), cache_(cache) {}

  absl::StatusOr<v1::ReportingAgency> GetAgency(absl::string_view agency_id) override {
    Statement s(db_, cache_,
                "SELECT id, parent_id, display_name, code, level, etag, create_time, "
                "update_time FROM agencies WHERE id = ?");
    s.Bind(agency_id);
    absl::StatusOr<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::NotFoundError(absl::StrCat(AgencyName(agency_id), " does not exist"));
    return ReadAgency(s);
  }

  absl::Status InsertAgency(const v1::ReportingAgency& a) override {
    absl::StatusOr<AgencyColumns> keys = AgencyKeys(a);
    if (!keys.ok()) return keys.status();
    Statement s(db_, cache_,
                "INSERT INTO agencies (id, parent_id, display_name, code, level, etag, "
                "create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(keys->id).Bind(keys->parent_id).Bind(a.display_name()).Bind(a.code());
    s.Bind(static_cast<int>(a.level())).Bind(a.etag());
    s.Bind(ToMicros(a.create_time())).Bind(ToMicros(a.update_time()));
    absl::Status st = s.Run();
    if (absl::IsAlreadyExists(st)) {
      return absl::AlreadyExistsError(absl::StrCat(a.name(), " already exists"));
    }
    return st;
  }

  absl::Status UpdateAgency(const v1::ReportingAgency& a,
                            absl::string_view expected_etag) override {
    absl::StatusOr<AgencyColumns> keys = AgencyKeys(a);
    if (!keys.ok()) return keys.status();
    Statement s(db_, cache_,
                "UPDATE agencies SET parent_id = ?, display_name = ?, code = ?, level = ?, "
                "etag = ?, update_time = ? WHERE id = ? AND etag = ?");
    s.Bind(keys->parent_id).Bind(a.display_name()).Bind(a.code());
    s.Bind(static_cast<int>(a.level())).Bind(a.etag()).Bind(ToMicros(a.update_time()));
    s.Bind(keys->id).Bind(expected_etag);
    if (absl::Status st = s.Run(); !st.ok()) return st;
    if (sqlite3_changes(db_) == 1) return absl::OkStatus();
    absl::StatusOr<v1::ReportingAgency> current = GetAgency(keys->id);
    if (!current.ok()) return current.status();
    return absl::AbortedError(absl::StrCat(a.name(), " was changed since etag ", expected_etag));
  }

  absl::StatusOr<std::vector<v1::ReportingAgency>> ListAgencies(const AgencyQuery& q) override {
    std::string sql = absl::StrCat("SELECT ", kAgencyColumns, " FROM agencies WHERE id > ?");
    if (q.parent_id) absl::StrAppend(&sql, " AND parent_id = ?");
    absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
    Statement s(db_, cache_, sql);
    s.Bind(q.after_id);
    if (q.parent_id) s.Bind(*q.parent_id);
    s.Bind(q.limit);
    std::vector<v1::ReportingAgency> out;
    while (true) {
      absl::StatusOr<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back(ReadAgency(s));
    }
    return out;
  }

  absl::StatusOr<v1::Report> GetReport(absl::string_view agency_id, int year) override {
    Statement s(
        db_, cache_,
        absl::StrCat("SELECT ", kReportColumns, " FROM reports WHERE agency_id = ? AND year = ?"));
    s.Bind(agency_id).Bind(year);
    absl::StatusOr<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return absl::NotFoundError(absl::StrCat(ReportName(agency_id, year), " does not exist"));
    }
    return ReadReport(s);
  }

  absl::Status InsertReport(const v1::Report& r, const v1::ReportVersion& version) override {
    absl::StatusOr<ReportKey> key = ParseReportName(r.name());
    if (!key.ok()) return key.status();
    Statement s(db_, cache_,
                "INSERT INTO reports (agency_id, year, state, edition, aggregated, version, "
                "etag, create_time, update_time, last_actor, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BindReport(s, *key, r);
    absl::Status st = s.Run();
    if (absl::IsAlreadyExists(st)) {
      return absl::AlreadyExistsError(absl::StrCat(r.name(), " already exists"));
    }
    if (!st.ok()) return st;
    return InsertVersion(*key, version);
  }

  absl::Status UpdateReport(const v1::Report& r, absl::string_view expected_etag,
                            const v1::ReportVersion& version) override {
    absl::StatusOr<ReportKey> key = ParseReportName(r.name());
    if (!key.ok()) return key.status();
    Statement s(db_, cache_,
                "UPDATE reports SET agency_id = ?, year = ?, state = ?, edition = ?, "
                "aggregated = ?, version = ?, etag = ?, create_time = ?, update_time = ?, "
                "last_actor = ?, content = ? WHERE agency_id = ? AND year = ? AND etag = ?");
    BindReport(s, *key, r);
    s.Bind(key->agency_id).Bind(key->year).Bind(expected_etag);
    if (absl::Status st = s.Run(); !st.ok()) return st;
    if (sqlite3_changes(db_) != 1) {
      absl::StatusOr<v1::Report> current = GetReport(key->agency_id, key->year);
      if (!current.ok()) return current.status();
      return absl::AbortedError(absl::StrCat(r.name(), " was changed since etag ", expected_etag));
    }
    return InsertVersion(*key, version);
  }

  absl::Status DeleteReport(absl::string_view agency_id, int year,
                            absl::string_view expected_etag) override {
    Statement s(db_, cache_, "DELETE FROM reports WHERE agency_id = ? AND year = ? AND etag = ?");
    s.Bind(agency_id).Bind(year).Bind(expected_etag);
    if (absl::Status st = s.Run(); !st.ok()) return st;
    if (sqlite3_changes(db_) != 1) {
      absl::StatusOr<v1::Report> current = GetReport(agency_id, year);
      if (!current.ok()) return current.status();
      return absl::AbortedError(
          absl::StrCat(ReportName(agency_id, year), " was changed since etag ", expected_etag));
    }
    Statement v(db_, cache_, "DELETE FROM report_versions WHERE agency_id = ? AND year = ?");
    v.Bind(agency_id).Bind(year);
    if (absl::Status st = v.Run(); !st.ok()) return st;
    Statement r(db_, cache_, "DELETE FROM violation_reviews WHERE agency_id = ? AND year = ?");
    r.Bind(agency_id).Bind(year);
    return r.Run();
  }

  absl::StatusOr<std::vector<v1::Report>> ListReports(const ReportQuery& q) override {
    std::string sql = absl::StrCat("SELECT ", kReportColumns,
                                   " FROM reports WHERE (agency_id > ? OR (agency_id = ? AND "
                                   "year > ?))");
    if (q.agency_id) absl::StrAppend(&sql, " AND agency_id = ?");
    if (q.year) absl::StrAppend(&sql, " AND year = ?");
    if (q.state) absl::StrAppend(&sql, " AND state = ?");
    if (q.edition) absl::StrAppend(&sql, " AND edition = ?");
    if (q.aggregated) absl::StrAppend(&sql, " AND aggregated = ?");
    absl::StrAppend(&sql, " ORDER BY agency_id, year LIMIT ?");
    Statement s(db_, cache_, sql);
    s.Bind(q.after_agency_id).Bind(q.after_agency_id).Bind(q.after_year);
    if (q.agency_id) s.Bind(*q.agency_id);
    if (q.year) s.Bind(*q.year);
    if (q.state) s.Bind(static_cast<int>(*q.state));
    if (q.edition) s.Bind(static_cast<int>(*q.edition));
    if (q.aggregated) s.Bind(*q.aggregated ? 1 : 0);
    s.Bind(q.limit);
    std::vector<v1::Report> out;
    while (true) {
      absl::StatusOr<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      absl::StatusOr<v1::Report> r = ReadReport(s);
      if (!r.ok()) return r.status();
      out.push_back(*std::move(r));
    }
    return out;
  }

  absl::Status ForEachDescendantReport(
      absl::string_view parent_id, int year, const WireFilter* fields,
      absl::FunctionRef<absl::Status(const DescendantReport&)> fn) override {
    // The agencies, breadth first: ordered by depth, then by the path of ids
    // from the parent joined by char(1), which sorts below every character
    // of an id, so the order is that of a queue walking each agency's
    // children by id. Content is read per published agency through a cached
    // point lookup (what a join would do), not sorted along with the ids.
    Statement tree(db_, cache_, kDescendantsSql);
    tree.Bind(parent_id).Bind(year).Bind(static_cast<int>(v1::REPORT_STATE_PUBLISHED));
    Statement content(db_, cache_, "SELECT content FROM reports WHERE agency_id = ? AND year = ?");
    ContentParser parser;
    DescendantReport at;
    while (true) {
      absl::StatusOr<bool> row = tree.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      at.agency_id = tree.Text(0);
      at.published = nullptr;
      if (tree.Int(1) != 0) {
        content.Reset();
        content.Bind(at.agency_id).Bind(year);
        absl::StatusOr<bool> found = content.Step();
        if (!found.ok()) return found.status();
        if (!*found) return absl::InternalError("sqlite: a report vanished during a walk");
        absl::StatusOr<const v1::AnnualReport*> parsed =
            parser.ParseStored(content.BlobView(0), fields, at.agency_id, year);
        if (!parsed.ok()) return parsed.status();
        at.published = *parsed;
      }
      if (absl::Status st = fn(at); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<v1::ReportVersion>> ListVersions(absl::string_view agency_id, int year,
                                                              int64_t after_version,
                                                              int limit) override {
    Statement s(db_, cache_,
                "SELECT version, actor, create_time, change, changed_fields, state, "
                "comment, content FROM report_versions WHERE agency_id = ? AND year = ? "
                "AND version > ? ORDER BY version LIMIT ?");
    s.Bind(agency_id).Bind(year).Bind(after_version).Bind(limit);
    std::vector<v1::ReportVersion> out;
    while (true) {
      absl::StatusOr<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      v1::ReportVersion v;
      v.set_version(s.Int(0));
      v.set_name(VersionName(agency_id, year, v.version()));
      v.set_actor(s.Text(1));
      *v.mutable_create_time() = FromMicros(s.Int(2));
      v.set_change(static_cast<v1::ReportChange>(s.Int(3)));
      *v.mutable_changed_fields() = SplitPaths(s.Text(4));
      v.set_state(static_cast<v1::ReportState>(s.Int(5)));
      v.set_comment(s.Text(6));
      if (!v.mutable_content()->ParseFromString(s.Blob(7))) {
        return absl::DataLossError(absl::StrCat("stored content of ", v.name(), " does not parse"));
      }
      out.push_back(std::move(v));
    }
    return out;
  }

  absl::StatusOr<std::vector<v1::ViolationReview>> ListViolationReviews(absl::string_view agency_id,
                                                                        int year) override {
    Statement s(db_, cache_,
                "SELECT review FROM violation_reviews WHERE agency_id = ? AND year = ? "
                "ORDER BY fingerprint");
    s.Bind(agency_id).Bind(year);
    std::vector<v1::ViolationReview> out;
    while (true) {
      absl::StatusOr<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (!out.emplace_back().ParseFromString(s.Blob(0))) {
        return absl::DataLossError(
            absl::StrCat("a stored review of ", ReportName(agency_id, year), " does not parse"));
      }
    }
    return out;
  }

  absl::Status PutViolationReview(absl::string_view agency_id, int year,
                                  const v1::ViolationReview& review) override {
    if (absl::Status st = GetReport(agency_id, year).status(); !st.ok()) return st;
    Statement s(db_, cache_,
                "INSERT INTO violation_reviews (agency_id, year, fingerprint, review) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (agency_id, year, fingerprint) "
                "DO UPDATE SET review = excluded.review");
    s.Bind(agency_id).Bind(year).Bind(review.fingerprint()).BindBlob(review.SerializeAsString());
    return s.Run();
  }

  absl::StatusOr<std::optional<std::string>> FindCreateRequest(
      absl::string_view request_id) override {
    Statement s(db_, cache_, "SELECT report_name FROM create_requests WHERE request_id = ?");
    s.Bind(request_id);
    absl::StatusOr<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(s.Text(0));
  }

  absl::Status RecordCreateRequest(absl::string_view request_id,
                                   absl::string_view report_name) override {
    Statement s(db_, cache_, "INSERT INTO create_requests (request_id, report_name) VALUES (?, ?)");
    s.Bind(request_id).Bind(report_name);
    return s.Run();
  }

 private:
  void BindReport(Statement& s, const ReportKey& key, const v1::Report& r) {
    s.Bind(key.agency_id).Bind(key.year).Bind(static_cast<int>(r.state()));
    s.Bind(static_cast<int>(r.content().edition())).Bind(r.content().aggregated() ? 1 : 0);
    s.Bind(r.version()).Bind(r.etag());
    s.Bind(ToMicros(r.create_time())).Bind(ToMicros(r.update_time())).Bind(r.last_actor());
    s.BindBlob(r.content().SerializeAsString());
  }

  absl::Status InsertVersion(const ReportKey& key, const v1::ReportVersion& v) {
    Statement s(db_, cache_,
                "INSERT INTO report_versions (agency_id, year, version, actor, create_time, "
                "change, changed_fields, state, comment, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(key.agency_id).Bind(key.year).Bind(v.version()).Bind(v.actor());
    s.Bind(ToMicros(v.create_time())).Bind(static_cast<int>(v.change()));
    s.Bind(JoinPaths(v.changed_fields())).Bind(static_cast<int>(v.state())).Bind(v.comment());
    s.BindBlob(v.content().SerializeAsString());
    absl::Status st = s.Run();
    if (absl::IsAlreadyExists(st)) {
      return absl::AbortedError(absl::StrCat("version ", v.version(), " of ",
                                             ReportName(key.agency_id, key.year),
                                             " was written concurrently"));
    }
    return st;
  }

  sqlite3* db_;
  StatementCache* cache_;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    // Before the close, not in cache_'s destructor: members are destroyed
    // after this body runs.
    cache_.Clear();
    sqlite3_close(db_);
  }

  absl::Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      absl::Status st = absl::InternalError(absl::StrCat("sqlite: ", err ? err : "?"));
      sqlite3_free(err);
      return st;
    }
    return absl::OkStatus();
  }

  absl::Status Migrate() {
    // WAL, and synchronous=FULL: each COMMIT fsyncs the WAL before it
    // returns, so an acknowledged write survives a killed process and a
    // power cut alike (NORMAL would only survive the former).
    if (absl::Status st = Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                               "PRAGMA foreign_keys=ON; "
                               "CREATE TABLE IF NOT EXISTS schema_migrations "
                               "(version INTEGER PRIMARY KEY)");
        !st.ok()) {
      return st;
    }
    // journal_mode=WAL quietly stays "delete" where WAL cannot work (some
    // network file systems): refuse to run with weaker guarantees unnoticed.
    {
      Statement mode(db_, "PRAGMA journal_mode");
      absl::StatusOr<bool> row = mode.Step();
      if (!row.ok()) return row.status();
      Statement sync(db_, "PRAGMA synchronous");
      absl::StatusOr<bool> row2 = sync.Step();
      if (!row2.ok()) return row2.status();
      // (A private in-memory database has nothing to make durable.)
      if ((mode.Text(0) != "wal" && mode.Text(0) != "memory") || sync.Int(0) != 2) {
        return absl::FailedPreconditionError(
            absl::StrCat("sqlite: the database runs in journal_mode=", mode.Text(0),
                         ", synchronous=", sync.Int(0), "; nianbao needs WAL with FULL (2)"));
      }
    }
    return RunInTransaction([&](StoreTransaction&) -> absl::Status {
      int64_t applied = 0;
      {
        Statement s(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        absl::StatusOr<bool> row = s.Step();
        if (!row.ok()) return row.status();
        applied = s.Int(0);
      }
      // A database migrated by a newer release: refuse rather than guess.
      if (applied > Migrations().back().first) {
        return absl::FailedPreconditionError(
            absl::StrCat("the database schema is at version ", applied, "; this build knows up to ",
                         Migrations().back().first, " (a newer release migrated it)"));
      }
      for (const auto& [number, sql] : Migrations()) {
        if (number <= applied) continue;
        if (absl::Status st = Exec(sql); !st.ok()) return st;
        Statement s(db_, "INSERT INTO schema_migrations (version) VALUES (?)");
        s.Bind(number);
        if (absl::Status st = s.Run(); !st.ok()) return st;
      }
      return absl::OkStatus();
    });
  }

  absl::Status RunInTransaction(absl::FunctionRef<absl::Status(StoreTransaction&)> fn) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (absl::Status st = Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
    SqliteTransaction tx(db_, &cache_);
    absl::Status st = fn(tx);
    if (st.ok()) {
      st = Exec("COMMIT");
      if (st.ok()) return st;
    }
    Exec("ROLLBACK").IgnoreError();
    return st;
  }

 private:
  std::mutex mu_;
  sqlite3* db_;
  StatementCache cache_;  // cleared in ~SqliteStore, before the close
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path) {
  sqlite3* db = nullptr;
  std::string p(path);
  int rc = sqlite3_open_v2(
      p.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status st = absl::UnavailableError(
        absl::StrCat("cannot open SQLite database ", p, ": ", db ? sqlite3_errmsg(db) : "?"));
    sqlite3_close(db);
    return st;
  }
  sqlite3_busy_timeout(db, 5000);
  auto store = std::make_unique<SqliteStore>(db);
  if (absl::Status st = store->Migrate(); !st.ok()) return st;
  return store;
}

}  // namespace nianbao::collection
