// A throwaway PostgreSQL server for tests: initdb into a temporary folder,
// start it on a free 127.0.0.1 port (unix socket in the same folder), hand
// out fresh databases, stop and delete everything at destruction.
//
// PostgreSQL refuses to run as root, and CI runs as root: then initdb and the
// server run as the "postgres" user (runuser), in a folder owned by it.
// The binaries come from Debian's postgresql package
// (/usr/lib/postgresql/<major>/bin) or $NIANBAO_PG_BIN.
#ifndef NIANBAO_TESTS_SUPPORT_POSTGRES_SERVER_H_
#define NIANBAO_TESTS_SUPPORT_POSTGRES_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::testing {

class PostgresServer {
 public:
  // Starts a server. NOT_FOUND when the PostgreSQL binaries are not
  // installed (tests skip then, saying so); other errors carry the log.
  static absl::StatusOr<std::unique_ptr<PostgresServer>> Start();
  ~PostgresServer();

  // Creates an empty database and returns its libpq URI
  // ("postgresql://nianbao@127.0.0.1:PORT/NAME").
  absl::StatusOr<std::string> CreateDatabase(absl::string_view name);

  int port() const { return port_; }

  // Stops the server ("fast": clients are disconnected) and starts it again
  // on the same port and data, for fault tests.
  absl::Status StopServer();
  absl::Status StartServer();

 private:
  PostgresServer() = default;
  std::string bin_dir_;
  std::string dir_;
  std::string run_as_;  // "runuser -u postgres -- " when root, else ""
  int port_ = 0;
  bool started_ = false;
};

// One server per test process, started on first use and stopped (its folder
// deleted) when the process exits normally.
const absl::StatusOr<std::unique_ptr<PostgresServer>>& SharedPostgresServer();

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_POSTGRES_SERVER_H_
