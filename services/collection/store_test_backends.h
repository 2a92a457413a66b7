// The two store backends as test parameters: each SetUp gives a fresh,
// empty database (a temporary SQLite file, or a new database on the shared
// throwaway PostgreSQL server) and its --store spec. PostgresBackend::SetUp
// returns NOT_FOUND when PostgreSQL is not installed; tests skip then.
#ifndef NIANBAO_SERVICES_COLLECTION_STORE_TEST_BACKENDS_H_
#define NIANBAO_SERVICES_COLLECTION_STORE_TEST_BACKENDS_H_

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/support/postgres_server.h"

namespace nianbao::collection {

// Gives each test a fresh, empty store; Reopen opens the same data again.
class SqliteBackend {
 public:
  static constexpr const char* kName = "sqlite";
  absl::Status SetUp() {
    char tmpl[] = "/tmp/nianbao-store-test-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return absl::InternalError("mkdtemp");
    dir_ = tmpl;
    spec_ = absl::StrCat("sqlite:", dir_, "/store.db");
    return absl::OkStatus();
  }
  ~SqliteBackend() {
    if (!dir_.empty()) std::system(absl::StrCat("rm -rf ", dir_).c_str());
  }
  const std::string& spec() const { return spec_; }

 private:
  std::string dir_, spec_;
};

class PostgresBackend {
 public:
  static constexpr const char* kName = "postgres";
  absl::Status SetUp() {
    const auto& server = testing::SharedPostgresServer();
    if (!server.ok()) return server.status();
    static std::atomic<int> counter{0};
    absl::StatusOr<std::string> uri =
        (*server)->CreateDatabase(absl::StrCat("store_test_", counter++));
    if (!uri.ok()) return uri.status();
    spec_ = *uri;
    return absl::OkStatus();
  }
  const std::string& spec() const { return spec_; }

 private:
  std::string spec_;
};

using StoreBackends = ::testing::Types<SqliteBackend, PostgresBackend>;
class StoreBackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kName;
  }
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_STORE_TEST_BACKENDS_H_
