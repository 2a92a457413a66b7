#include "tests/support/postgres_server.h"

#include <arpa/inet.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"

namespace nianbao::testing {
namespace {

std::string FindBinDir() {
  if (const char* env = std::getenv("NIANBAO_PG_BIN")) return env;
  glob_t g;
  std::vector<std::string> found;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) found.push_back(g.gl_pathv[i]);
  }
  globfree(&g);
  if (found.empty()) return "";
  std::sort(found.begin(), found.end());  // newest major last (same digit count)
  std::string initdb = found.back();
  return initdb.substr(0, initdb.size() - std::string("/initdb").size());
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  std::string bin = FindBinDir();
  if (bin.empty() || access((bin + "/pg_ctl").c_str(), X_OK) != 0) {
    return absl::NotFoundError(
        "PostgreSQL binaries not found (install Debian's postgresql package, or set "
        "NIANBAO_PG_BIN)");
  }
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  s->bin_dir_ = bin;
  char tmpl[] = "/tmp/nianbao-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return absl::InternalError("mkdtemp failed");
  s->dir_ = tmpl;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      return absl::FailedPreconditionError(
          "running as root, and there is no \"postgres\" user to run PostgreSQL as");
    }
    if (chown(s->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return absl::InternalError("cannot chown the PostgreSQL folder");
    }
    s->run_as_ = "runuser -u postgres -- ";
  }
  const std::string data = s->dir_ + "/data";
  // initdb's output is redirected by this (root) process; the server's log
  // is opened by pg_ctl as the server's user, so they are separate files.
  const std::string initdb_log = s->dir_ + "/initdb.log";
  const std::string log = s->dir_ + "/server.log";
  std::string initdb =
      absl::StrCat(s->run_as_, bin, "/initdb -D ", data,
                   " -U nianbao --auth=trust --locale=C -E UTF8 --no-sync > ", initdb_log, " 2>&1");
  if (std::system(initdb.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("initdb failed:\n", ReadFile(initdb_log)));
  }
  // A port picked free may be taken before the server binds it; try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    s->port_ = FreePort();
    std::string start = absl::StrCat(
        s->run_as_, bin, "/pg_ctl -D ", data, " -l ", log, " -w -t 60 -o \"-p ", s->port_, " -k ",
        s->dir_, " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" start",
        " > /dev/null 2>&1");
    if (std::system(start.c_str()) == 0) {
      s->started_ = true;
      return s;
    }
  }
  return absl::InternalError(absl::StrCat("pg_ctl start failed:\n", ReadFile(log)));
}

PostgresServer::~PostgresServer() {
  if (started_) {
    std::string stop = absl::StrCat(run_as_, bin_dir_, "/pg_ctl -D ", dir_,
                                    "/data -m immediate -w stop > /dev/null 2>&1");
    std::system(stop.c_str());
  }
  if (!dir_.empty()) std::system(absl::StrCat("rm -rf ", dir_).c_str());
}

absl::StatusOr<std::string> PostgresServer::CreateDatabase(absl::string_view name) {
  std::string admin = absl::StrCat("postgresql://nianbao@127.0.0.1:", port_, "/postgres");
  PGconn* c = PQconnectdb(admin.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string err = PQerrorMessage(c);
    PQfinish(c);
    return absl::UnavailableError(err);
  }
  PGresult* r = PQexec(c, absl::StrCat("CREATE DATABASE \"", name, "\"").c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string err = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) return absl::InternalError(err);
  return absl::StrCat("postgresql://nianbao@127.0.0.1:", port_, "/", name);
}

absl::Status PostgresServer::StopServer() {
  std::string stop = absl::StrCat(run_as_, bin_dir_, "/pg_ctl -D ", dir_,
                                  "/data -m fast -w -t 60 stop > /dev/null 2>&1");
  if (std::system(stop.c_str()) != 0) return absl::InternalError("pg_ctl stop failed");
  started_ = false;
  return absl::OkStatus();
}

absl::Status PostgresServer::StartServer() {
  const std::string log = dir_ + "/server.log";
  std::string start = absl::StrCat(
      run_as_, bin_dir_, "/pg_ctl -D ", dir_, "/data -l ", log, " -w -t 60 -o \"-p ", port_, " -k ",
      dir_, " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" start",
      " > /dev/null 2>&1");
  if (std::system(start.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("pg_ctl start failed:\n", ReadFile(log)));
  }
  started_ = true;
  return absl::OkStatus();
}

const absl::StatusOr<std::unique_ptr<PostgresServer>>& SharedPostgresServer() {
  // Not leaked on purpose: its destructor stops the server at exit.
  static const absl::StatusOr<std::unique_ptr<PostgresServer>> server = PostgresServer::Start();
  return server;
}

}  // namespace nianbao::testing
