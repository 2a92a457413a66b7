// A typed gtest fixture over ServicePair (tests/support/service_pair.h): for
// each test a fresh, empty store from `Backend` (SqliteBackend or
// PostgresBackend of services/collection/store_test_backends.h; the test is
// skipped when PostgreSQL is not installed), a fresh directory of its own
// (ctest runs tests in parallel) and both servers started on them. Use with
//   TYPED_TEST_SUITE(MyTest, collection::StoreBackends, collection::StoreBackendNames);
// A derived SetUp calls ServicePairTest<Backend>::SetUp() first and returns
// when IsSkipped() || HasFatalFailure().
#ifndef NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_FIXTURE_H_
#define NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_FIXTURE_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "services/collection/store_test_backends.h"
#include "tests/support/service_pair.h"
#include "tests/test_support.h"

namespace nianbao::testing {

template <typename Backend>
class ServicePairTest : public ::testing::Test {
 protected:
  // The test's directory is TempDir()/<dir_prefix>_<backend>_<test name>.
  explicit ServicePairTest(std::string dir_prefix) : dir_prefix_(std::move(dir_prefix)) {}

  void SetUp() override {
    absl::Status st = backend_.SetUp();
    if (absl::IsNotFound(st)) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st;
    dir_ = absl::StrCat(::testing::TempDir(), "/", dir_prefix_, "_", Backend::kName, "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    nianbao::testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
    auto servers = ServicePair::Start(backend_.spec(), dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    servers_ = *std::move(servers);
    stub_ = &servers_->stub();
  }

  Backend backend_;
  std::string dir_;
  std::unique_ptr<ServicePair> servers_;
  v1::CollectionService::Stub* stub_ = nullptr;  // servers_->stub()

 private:
  const std::string dir_prefix_;
};

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_SERVICE_PAIR_FIXTURE_H_
