// One test suite for the Store interface, run against SQLite and PostgreSQL.
// The PostgreSQL run starts a throwaway server (tests/support); it skips,
// saying why, only when the PostgreSQL binaries are not installed.
#include "services/collection/store.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "libpq-fe.h"
#include "services/collection/resource_names.h"
#include "services/collection/store_rows.h"
#include "services/collection/store_test_backends.h"
#include "sqlite3.h"

namespace nianbao::collection {
namespace {

template <typename Backend>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::Status st = backend_.SetUp();
    if (absl::IsNotFound(st)) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(backend_.spec());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  static v1::ReportingAgency MakeAgency(const std::string& id, const std::string& parent = "") {
    v1::ReportingAgency a;
    a.set_name(AgencyName(id));
    a.set_display_name(absl::StrCat("Agency ", id));
    a.set_code(absl::StrCat("code-", id));
    a.set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
    if (!parent.empty()) a.set_parent(AgencyName(parent));
    a.set_etag(absl::StrCat("e-", id));
    *a.mutable_create_time() = FromMicros(1600000000123456);
    *a.mutable_update_time() = FromMicros(1600000000123456);
    return a;
  }

  static v1::Report MakeReport(const std::string& agency, int year, int64_t new_received) {
    v1::Report r;
    r.set_name(ReportName(agency, year));
    r.set_state(v1::REPORT_STATE_DRAFT);
    r.set_version(1);
    r.set_etag(absl::StrCat("r-", agency, "-", year, "-1"));
    r.set_last_actor("alice");
    *r.mutable_create_time() = FromMicros(1600000000000000);
    *r.mutable_update_time() = FromMicros(1600000000000000);
    r.mutable_content()->set_year(year);
    r.mutable_content()->set_edition(year >= 2021 ? v1::EDITION_2021 : v1::EDITION_2019_TRIAL);
    r.mutable_content()
        ->mutable_applications()
        ->mutable_new_received()
        ->mutable_natural_person()
        ->set_value(new_received);
    return r;
  }

  static v1::ReportVersion MakeVersion(const v1::Report& r, v1::ReportChange change) {
    v1::ReportVersion v;
    v.set_version(r.version());
    v.set_actor(r.last_actor());
    *v.mutable_create_time() = r.update_time();
    v.set_change(change);
    v.mutable_changed_fields()->add_paths("content.applications");
    v.mutable_changed_fields()->add_paths("state");
    v.set_state(r.state());
    v.set_comment("why");
    *v.mutable_content() = r.content();
    return v;
  }

  absl::Status Tx(absl::FunctionRef<absl::Status(StoreTransaction&)> fn) {
    return store_->RunInTransaction(fn);
  }

  absl::Status AddAgency(const v1::ReportingAgency& a) {
    return Tx([&](StoreTransaction& tx) { return tx.InsertAgency(a); });
  }
  absl::Status AddReport(const v1::Report& r) {
    return Tx([&](StoreTransaction& tx) {
      return tx.InsertReport(r, MakeVersion(r, v1::REPORT_CHANGE_CREATE));
    });
  }
  absl::StatusOr<v1::Report> Get(const std::string& agency, int year) {
    absl::StatusOr<v1::Report> out = absl::UnknownError("unset");
    absl::Status st = Tx([&](StoreTransaction& tx) {
      out = tx.GetReport(agency, year);
      return absl::OkStatus();
    });
    if (!st.ok()) return st;
    return out;
  }

  Backend backend_;
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE(StoreTest, StoreBackends, StoreBackendNames);

TYPED_TEST(StoreTest, AgencyRoundTripsAndDuplicateIsAlreadyExists) {
  v1::ReportingAgency a = this->MakeAgency("hongqiao", "tianjin");
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("tianjin")).ok());
  ASSERT_TRUE(this->AddAgency(a).ok());
  EXPECT_TRUE(absl::IsAlreadyExists(this->AddAgency(a)));

  ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) -> absl::Status {
                    absl::StatusOr<v1::ReportingAgency> got = tx.GetAgency("hongqiao");
                    EXPECT_TRUE(got.ok()) << got.status();
                    if (got.ok()) {
                      EXPECT_EQ(got->SerializeAsString(), a.SerializeAsString())
                          << got->DebugString();
                    }
                    EXPECT_TRUE(absl::IsNotFound(tx.GetAgency("nowhere").status()));
                    return absl::OkStatus();
                  })
                  .ok());
}

TYPED_TEST(StoreTest, AgencyUpdateChecksEtag) {
  v1::ReportingAgency a = this->MakeAgency("hongqiao");
  ASSERT_TRUE(this->AddAgency(a).ok());
  v1::ReportingAgency changed = a;
  changed.set_display_name("new name");
  changed.set_etag("e2");
  absl::Status st =
      this->Tx([&](StoreTransaction& tx) { return tx.UpdateAgency(changed, "stale"); });
  EXPECT_TRUE(absl::IsAborted(st)) << st;
  st = this->Tx([&](StoreTransaction& tx) { return tx.UpdateAgency(changed, a.etag()); });
  EXPECT_TRUE(st.ok()) << st;
  v1::ReportingAgency missing = this->MakeAgency("missing");
  st = this->Tx([&](StoreTransaction& tx) { return tx.UpdateAgency(missing, "x"); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<v1::ReportingAgency> got = tx.GetAgency("hongqiao");
        EXPECT_TRUE(got.ok());
        if (got.ok()) {
          EXPECT_EQ(got->display_name(), "new name");
          EXPECT_EQ(got->etag(), "e2");
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, ListAgenciesPagesAndFiltersByParent) {
  for (const char* id : {"d", "b-2", "a", "c", "b"}) {
    ASSERT_TRUE(this->AddAgency(this->MakeAgency(id, std::string(id) == "a" ? "" : "a")).ok());
  }
  std::vector<std::string> seen;
  AgencyQuery q;
  q.limit = 2;
  while (true) {
    std::vector<v1::ReportingAgency> page;
    ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) -> absl::Status {
                      absl::StatusOr<std::vector<v1::ReportingAgency>> r = tx.ListAgencies(q);
                      if (!r.ok()) return r.status();
                      page = *r;
                      return absl::OkStatus();
                    })
                    .ok());
    for (const auto& a : page) seen.push_back(a.name());
    if (page.size() < 2) break;
    q.after_id = *ParseAgencyName(page.back().name());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"agencies/a", "agencies/b", "agencies/b-2",
                                            "agencies/c", "agencies/d"}));
  AgencyQuery roots;
  roots.parent_id = "";
  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<std::vector<v1::ReportingAgency>> r = tx.ListAgencies(roots);
        EXPECT_TRUE(r.ok());
        if (r.ok()) {
          EXPECT_EQ(r->size(), 1u);
        }
        AgencyQuery children;
        children.parent_id = "a";
        r = tx.ListAgencies(children);
        EXPECT_TRUE(r.ok());
        if (r.ok()) {
          EXPECT_EQ(r->size(), 4u);
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, ReportRoundTripsWithVersions) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("hongqiao")).ok());
  v1::Report r = this->MakeReport("hongqiao", 2020, 40);
  ASSERT_TRUE(this->AddReport(r).ok());
  EXPECT_TRUE(absl::IsAlreadyExists(this->AddReport(r)));
  absl::StatusOr<v1::Report> got = this->Get("hongqiao", 2020);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->SerializeAsString(), r.SerializeAsString()) << got->DebugString();
  EXPECT_TRUE(absl::IsNotFound(this->Get("hongqiao", 2021).status()));

  v1::Report next = r;
  next.set_version(2);
  next.set_etag("second");
  next.set_state(v1::REPORT_STATE_SUBMITTED);
  next.mutable_content()
      ->mutable_applications()
      ->mutable_new_received()
      ->mutable_natural_person()
      ->set_value(41);
  absl::Status st = this->Tx([&](StoreTransaction& tx) {
    return tx.UpdateReport(next, "not-the-etag", this->MakeVersion(next, v1::REPORT_CHANGE_UPDATE));
  });
  EXPECT_TRUE(absl::IsAborted(st)) << st;
  st = this->Tx([&](StoreTransaction& tx) {
    return tx.UpdateReport(next, r.etag(), this->MakeVersion(next, v1::REPORT_CHANGE_UPDATE));
  });
  ASSERT_TRUE(st.ok()) << st;
  got = this->Get("hongqiao", 2020);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state(), v1::REPORT_STATE_SUBMITTED);
  EXPECT_EQ(got->content().applications().new_received().natural_person().value(), 41);

  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<std::vector<v1::ReportVersion>> v = tx.ListVersions("hongqiao", 2020, 0, 10);
        EXPECT_TRUE(v.ok()) << v.status();
        if (!v.ok()) return absl::OkStatus();
        EXPECT_EQ(v->size(), 2u);
        if (v->size() != 2u) return absl::OkStatus();
        EXPECT_EQ((*v)[0].name(), "agencies/hongqiao/reports/2020/versions/1");
        EXPECT_EQ((*v)[0].change(), v1::REPORT_CHANGE_CREATE);
        EXPECT_EQ((*v)[0].content().applications().new_received().natural_person().value(), 40);
        EXPECT_EQ((*v)[1].version(), 2);
        EXPECT_EQ((*v)[1].actor(), "alice");
        EXPECT_EQ((*v)[1].comment(), "why");
        EXPECT_EQ((*v)[1].changed_fields().paths_size(), 2);
        EXPECT_EQ((*v)[1].state(), v1::REPORT_STATE_SUBMITTED);
        absl::StatusOr<std::vector<v1::ReportVersion>> after =
            tx.ListVersions("hongqiao", 2020, 1, 10);
        EXPECT_TRUE(after.ok());
        if (after.ok()) {
          EXPECT_EQ(after->size(), 1u);
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, ListReportsFiltersAndPages) {
  for (const char* id : {"a", "b", "c"}) ASSERT_TRUE(this->AddAgency(this->MakeAgency(id)).ok());
  for (const char* id : {"a", "b", "c"}) {
    for (int year : {2020, 2021, 2022}) {
      v1::Report r = this->MakeReport(id, year, year);
      if (year == 2021 && std::string(id) != "b") r.set_state(v1::REPORT_STATE_PUBLISHED);
      if (std::string(id) == "c") r.mutable_content()->set_aggregated(true);
      ASSERT_TRUE(this->AddReport(r).ok());
    }
  }
  auto list = [&](ReportQuery q) {
    std::vector<std::string> names;
    this->Tx([&](StoreTransaction& tx) {
          absl::StatusOr<std::vector<v1::Report>> r = tx.ListReports(q);
          EXPECT_TRUE(r.ok()) << r.status();
          if (r.ok()) {
            for (const auto& x : *r) names.push_back(x.name());
          }
          return absl::OkStatus();
        })
        .IgnoreError();
    return names;
  };
  ReportQuery q;
  q.year = 2021;
  q.state = v1::REPORT_STATE_PUBLISHED;
  EXPECT_EQ(list(q),
            (std::vector<std::string>{"agencies/a/reports/2021", "agencies/c/reports/2021"}));
  q = ReportQuery();
  q.edition = v1::EDITION_2019_TRIAL;
  EXPECT_EQ(list(q).size(), 3u);
  q = ReportQuery();
  q.aggregated = true;
  EXPECT_EQ(list(q).size(), 3u);
  q = ReportQuery();
  q.agency_id = "b";
  EXPECT_EQ(list(q), (std::vector<std::string>{"agencies/b/reports/2020", "agencies/b/reports/2021",
                                               "agencies/b/reports/2022"}));
  // Paging by (agency, year).
  q = ReportQuery();
  q.limit = 4;
  std::vector<std::string> first = list(q);
  ASSERT_EQ(first.size(), 4u);
  q.after_agency_id = "b";
  q.after_year = 2020;
  q.limit = 50;
  std::vector<std::string> second = list(q);
  EXPECT_EQ(second.size(), 5u);
  EXPECT_EQ(second.front(), "agencies/b/reports/2021");
}

TYPED_TEST(StoreTest, DeleteChecksEtagAndDropsVersions) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("a")).ok());
  v1::Report r = this->MakeReport("a", 2020, 1);
  ASSERT_TRUE(this->AddReport(r).ok());
  absl::Status st = this->Tx([&](StoreTransaction& tx) { return tx.DeleteReport("a", 2020, "x"); });
  EXPECT_TRUE(absl::IsAborted(st)) << st;
  st = this->Tx([&](StoreTransaction& tx) { return tx.DeleteReport("a", 2020, r.etag()); });
  EXPECT_TRUE(st.ok()) << st;
  st = this->Tx([&](StoreTransaction& tx) { return tx.DeleteReport("a", 2020, r.etag()); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
  // A new report for the same year starts a fresh history.
  ASSERT_TRUE(this->AddReport(r).ok());
  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<std::vector<v1::ReportVersion>> v = tx.ListVersions("a", 2020, 0, 10);
        EXPECT_TRUE(v.ok());
        if (v.ok()) {
          EXPECT_EQ(v->size(), 1u);
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, ViolationReviewsAreKeptPerReportAndDeletedWithIt) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("a")).ok());
  v1::Report r = this->MakeReport("a", 2020, 1);
  ASSERT_TRUE(this->AddReport(r).ok());
  auto review = [](const std::string& fingerprint, const std::string& reason) {
    v1::ViolationReview v;
    v.set_fingerprint(fingerprint);
    v.set_decision(v1::REVIEW_DECISION_WAIVED);
    v.set_reason(reason);
    v.set_reviewer("alice");
    return v;
  };
  auto list = [&]() {
    std::vector<v1::ViolationReview> out;
    EXPECT_TRUE(this->Tx([&](StoreTransaction& tx) -> absl::Status {
                      absl::StatusOr<std::vector<v1::ViolationReview>> l =
                          tx.ListViolationReviews("a", 2020);
                      if (!l.ok()) return l.status();
                      out = *l;
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  };
  EXPECT_TRUE(list().empty());
  absl::Status st = this->Tx([&](StoreTransaction& tx) -> absl::Status {
    if (absl::Status s = tx.PutViolationReview("a", 2020, review("fp-b", "first")); !s.ok()) {
      return s;
    }
    return tx.PutViolationReview("a", 2020, review("fp-a", "second"));
  });
  ASSERT_TRUE(st.ok()) << st;
  // Same fingerprint again: the decision is replaced, not duplicated.
  st = this->Tx([&](StoreTransaction& tx) {
    return tx.PutViolationReview("a", 2020, review("fp-b", "changed my mind"));
  });
  ASSERT_TRUE(st.ok()) << st;
  std::vector<v1::ViolationReview> got = list();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].fingerprint(), "fp-a");
  EXPECT_EQ(got[1].reason(), "changed my mind");
  EXPECT_EQ(got[1].reviewer(), "alice");
  // No report, no review.
  st = this->Tx(
      [&](StoreTransaction& tx) { return tx.PutViolationReview("a", 2019, review("fp", "x")); });
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
  // Deleting the report drops its reviews: a new report starts clean.
  st = this->Tx([&](StoreTransaction& tx) { return tx.DeleteReport("a", 2020, r.etag()); });
  ASSERT_TRUE(st.ok()) << st;
  ASSERT_TRUE(this->AddReport(r).ok());
  EXPECT_TRUE(list().empty());
}

TYPED_TEST(StoreTest, FailedTransactionRollsBack) {
  absl::Status st = this->Tx([&](StoreTransaction& tx) -> absl::Status {
    if (absl::Status s = tx.InsertAgency(this->MakeAgency("a")); !s.ok()) return s;
    if (absl::Status s = tx.RecordCreateRequest("req-1", "agencies/a/reports/2020"); !s.ok()) {
      return s;
    }
    return absl::CancelledError("changed my mind");
  });
  EXPECT_TRUE(absl::IsCancelled(st));
  this->Tx([&](StoreTransaction& tx) {
        EXPECT_TRUE(absl::IsNotFound(tx.GetAgency("a").status()));
        absl::StatusOr<std::optional<std::string>> req = tx.FindCreateRequest("req-1");
        EXPECT_TRUE(req.ok());
        if (req.ok()) {
          EXPECT_FALSE(req->has_value());
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, CreateRequestsAreRemembered) {
  ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) {
                    return tx.RecordCreateRequest("req-1", "agencies/a/reports/2020");
                  })
                  .ok());
  absl::Status dup = this->Tx([&](StoreTransaction& tx) {
    return tx.RecordCreateRequest("req-1", "agencies/b/reports/2020");
  });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<std::optional<std::string>> req = tx.FindCreateRequest("req-1");
        EXPECT_TRUE(req.ok() && req->has_value());
        if (req.ok() && req->has_value()) {
          EXPECT_EQ(**req, "agencies/a/reports/2020");
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

TYPED_TEST(StoreTest, ReopeningKeepsDataAndSchema) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("a")).ok());
  this->store_.reset();
  absl::StatusOr<std::unique_ptr<Store>> again = OpenStore(this->backend_.spec());
  ASSERT_TRUE(again.ok()) << again.status();
  this->store_ = *std::move(again);
  this->Tx([&](StoreTransaction& tx) {
        EXPECT_TRUE(tx.GetAgency("a").ok());
        return absl::OkStatus();
      })
      .IgnoreError();
  // Closing really closes: SQLite refuses to close a connection with
  // prepared statements left (the store keeps some between transactions),
  // and the last close of a WAL database checkpoints and removes the log.
  const std::string spec = this->backend_.spec();
  if (spec.rfind("sqlite:", 0) == 0) {
    this->store_.reset();
    EXPECT_NE(access((spec.substr(7) + "-wal").c_str(), F_OK), 0) << "the connection stayed open";
  }
}

// Runs one SQL statement on the backend's database behind the store's back.
bool ExecRaw(const std::string& spec, const std::string& sql) {
  if (spec.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(spec.substr(7).c_str(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
  }
  PGconn* c = PQconnectdb(spec.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  PQfinish(c);
  return ok;
}

// A database migrated by a newer release (a rollback after an upgrade) is
// refused at open instead of being read with the wrong schema.
TYPED_TEST(StoreTest, RefusesASchemaNewerThanTheBuild) {
  this->store_.reset();
  ASSERT_TRUE(ExecRaw(this->backend_.spec(), "INSERT INTO schema_migrations VALUES (9999)"));
  absl::StatusOr<std::unique_ptr<Store>> again = OpenStore(this->backend_.spec());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition) << again.status();
  EXPECT_NE(again.status().message().find("9999"), std::string::npos) << again.status();
}

// Eight writers race to update one report, each from the etag it read: every
// attempt either applies or is ABORTED, and each applied one left a version.
TYPED_TEST(StoreTest, ConcurrentUpdatesWithEtagsLoseNothing) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("a")).ok());
  ASSERT_TRUE(this->AddReport(this->MakeReport("a", 2020, 0)).ok());
  std::atomic<int> applied{0}, aborted{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        absl::StatusOr<v1::Report> current = this->Get("a", 2020);
        if (!current.ok()) {
          ++other;
          continue;
        }
        v1::Report next = *current;
        next.set_version(current->version() + 1);
        next.set_etag(absl::StrCat("t", t, "-", round));
        next.set_last_actor(absl::StrCat("writer-", t));
        absl::Status st = this->Tx([&](StoreTransaction& tx) {
          return tx.UpdateReport(next, current->etag(),
                                 this->MakeVersion(next, v1::REPORT_CHANGE_UPDATE));
        });
        if (st.ok()) {
          ++applied;
        } else if (absl::IsAborted(st)) {
          ++aborted;
        } else {
          ++other;
          ADD_FAILURE() << st;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(applied + aborted, 40);
  EXPECT_GE(applied.load(), 1);
  absl::StatusOr<v1::Report> final_report = this->Get("a", 2020);
  ASSERT_TRUE(final_report.ok());
  EXPECT_EQ(final_report->version(), 1 + applied.load());
  this->Tx([&](StoreTransaction& tx) {
        absl::StatusOr<std::vector<v1::ReportVersion>> v = tx.ListVersions("a", 2020, 0, 1000);
        EXPECT_TRUE(v.ok());
        if (v.ok()) {
          EXPECT_EQ(static_cast<int>(v->size()), 1 + applied.load());
        }
        return absl::OkStatus();
      })
      .IgnoreError();
}

// The descendant walk of aggregation: breadth first with each agency's
// children in id order ("city-2"'s child comes after "city"'s, although
// "city-2/town-a" < "city/town-b" byte by byte), the published report of the
// year or none, nothing below a published aggregated report, and never back
// to the parent through a damaged tree.
TYPED_TEST(StoreTest, WalksDescendantsBreadthFirstWithTheirPublishedReports) {
  //  prov ─ city ─ town-b ─ village ─ prov (damaged: prov's parent is village)
  //       ├ city-2 ─ town-a
  //       ├ dept (draft) ─ office
  //       └ sum (published aggregated) ─ hidden
  const std::vector<std::pair<std::string, std::string>> tree = {
      {"prov", "village"},   {"city", "prov"},   {"city-2", "prov"},   {"dept", "prov"},
      {"sum", "prov"},       {"town-b", "city"}, {"town-a", "city-2"}, {"office", "dept"},
      {"village", "town-b"}, {"hidden", "sum"}};
  for (const auto& [id, parent] : tree) {
    ASSERT_TRUE(this->AddAgency(this->MakeAgency(id, parent)).ok()) << id;
  }
  auto report = [&](const std::string& id, int year, int64_t value, v1::ReportState state,
                    bool aggregated = false) {
    v1::Report r = this->MakeReport(id, year, value);
    r.set_state(state);
    r.mutable_content()->set_aggregated(aggregated);
    ASSERT_TRUE(this->AddReport(r).ok()) << id;
  };
  report("city", 2022, 1, v1::REPORT_STATE_PUBLISHED);
  report("town-a", 2022, 2, v1::REPORT_STATE_PUBLISHED);
  report("town-b", 2021, 3, v1::REPORT_STATE_PUBLISHED);  // another year: 缺报 in 2022
  report("dept", 2022, 4, v1::REPORT_STATE_DRAFT);
  report("office", 2022, 5, v1::REPORT_STATE_PUBLISHED);
  report("sum", 2022, 6, v1::REPORT_STATE_PUBLISHED, /*aggregated=*/true);
  report("hidden", 2022, 7, v1::REPORT_STATE_PUBLISHED);
  report("village", 2022, 8, v1::REPORT_STATE_SUBMITTED);

  std::vector<std::string> walked;
  ASSERT_TRUE(
      this->Tx([&](StoreTransaction& tx) {
            return tx.ForEachDescendantReport(
                "prov", 2022, nullptr, [&](const DescendantReport& d) -> absl::Status {
                  std::string seen = d.agency_id;
                  if (d.published != nullptr) {
                    absl::StrAppend(
                        &seen, "=", d.published->year(), ":",
                        d.published->applications().new_received().natural_person().value());
                  }
                  walked.push_back(seen);
                  return absl::OkStatus();
                });
          })
          .ok());
  EXPECT_EQ(walked,
            (std::vector<std::string>{"city=2022:1", "city-2", "dept", "sum=2022:6", "town-b",
                                      "town-a=2022:2", "office=2022:5", "village"}));

  // With a filter, only its fields are parsed: here the year, not the figure.
  WireFilter year_only;
  year_only.Keep({v1::AnnualReport::kYearFieldNumber});
  std::vector<std::string> years;
  ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) {
                    return tx.ForEachDescendantReport(
                        "prov", 2022, &year_only, [&](const DescendantReport& d) {
                          if (d.published != nullptr) {
                            years.push_back(absl::StrCat(
                                d.agency_id, "=", d.published->year(), ":",
                                d.published->applications().new_received().natural_person().value(),
                                d.published->has_applications() ? "+" : ""));
                          }
                          return absl::OkStatus();
                        });
                  })
                  .ok());
  EXPECT_EQ(years, (std::vector<std::string>{"city=2022:0", "sum=2022:0", "town-a=2022:0",
                                             "office=2022:0"}));

  // A leaf has no descendants; fn's error ends the walk and is returned.
  int calls = 0;
  absl::Status st = this->Tx([&](StoreTransaction& tx) {
    EXPECT_TRUE(tx.ForEachDescendantReport("office", 2022, nullptr, [&](const DescendantReport&) {
                    ++calls;
                    return absl::OkStatus();
                  }).ok());
    return tx.ForEachDescendantReport("prov", 2022, nullptr, [&](const DescendantReport&) {
      ++calls;
      return absl::CancelledError("enough");
    });
  });
  EXPECT_TRUE(absl::IsCancelled(st)) << st;
  EXPECT_EQ(calls, 1);
}

// More agencies than one batch of report reads (PostgreSQL fetches 256 at a
// time): every one is met once, in order, with its own report.
// A published report whose stored bytes were damaged behind the store's
// back ends the walk with DATA_LOSS naming the report.
TYPED_TEST(StoreTest, WalkReportsDamagedContentAsDataLoss) {
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("p", "")).ok());
  ASSERT_TRUE(this->AddAgency(this->MakeAgency("c", "p")).ok());
  v1::Report r = this->MakeReport("c", 2022, 1);
  r.set_state(v1::REPORT_STATE_PUBLISHED);
  ASSERT_TRUE(this->AddReport(r).ok());
  const std::string spec = this->backend_.spec();
  ASSERT_TRUE(ExecRaw(spec, spec.rfind("sqlite:", 0) == 0
                                ? "UPDATE reports SET content = X'FFFF' WHERE agency_id = 'c'"
                                : "UPDATE reports SET content = '\\xffff'::bytea "
                                  "WHERE agency_id = 'c'"));
  absl::Status st = this->Tx([&](StoreTransaction& tx) {
    return tx.ForEachDescendantReport("p", 2022, nullptr,
                                      [](const DescendantReport&) { return absl::OkStatus(); });
  });
  EXPECT_TRUE(absl::IsDataLoss(st)) << st;
  EXPECT_NE(st.message().find("agencies/c/reports/2022"), std::string::npos) << st;
}

TYPED_TEST(StoreTest, WalksManyDescendantsInOrder) {
  constexpr int kChildren = 600;
  ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) -> absl::Status {
                    if (absl::Status st = tx.InsertAgency(this->MakeAgency("root")); !st.ok()) {
                      return st;
                    }
                    for (int i = 0; i < kChildren; ++i) {
                      const std::string id = absl::StrFormat("c-%03d", i);
                      if (absl::Status st = tx.InsertAgency(this->MakeAgency(id, "root"));
                          !st.ok()) {
                        return st;
                      }
                      v1::Report r = this->MakeReport(id, 2022, i);
                      if (i % 3 != 0) r.set_state(v1::REPORT_STATE_PUBLISHED);
                      if (absl::Status st =
                              tx.InsertReport(r, this->MakeVersion(r, v1::REPORT_CHANGE_CREATE));
                          !st.ok()) {
                        return st;
                      }
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  std::vector<std::string> walked, expected;
  for (int i = 0; i < kChildren; ++i) {
    expected.push_back(absl::StrFormat("c-%03d", i) +
                       (i % 3 != 0 ? absl::StrCat("=", i) : std::string()));
  }
  ASSERT_TRUE(this->Tx([&](StoreTransaction& tx) {
                    return tx.ForEachDescendantReport(
                        "root", 2022, nullptr, [&](const DescendantReport& d) {
                          walked.push_back(d.published == nullptr
                                               ? d.agency_id
                                               : absl::StrCat(d.agency_id, "=",
                                                              d.published->applications()
                                                                  .new_received()
                                                                  .natural_person()
                                                                  .value()));
                          return absl::OkStatus();
                        });
                  })
                  .ok());
  EXPECT_EQ(walked, expected);
}

}  // namespace
}  // namespace nianbao::collection
