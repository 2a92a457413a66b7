// A server binary run as a child process for a test: started with
// --listen 127.0.0.1:0 --port-file F, ready once F holds the bound port,
// stopped with SIGTERM (graceful shutdown) and reaped; killed if still
// running when the object goes.
#ifndef NIANBAO_TESTS_SUPPORT_SERVER_PROCESS_H_
#define NIANBAO_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace nianbao::testing {

class ServerProcess {
 public:
  // Runs `binary` with `args` plus the listen and port-file flags; output
  // goes to `log_path`. Waits up to 30 s for the port.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const std::string& binary,
                                                              const std::vector<std::string>& args,
                                                              const std::string& work_dir,
                                                              const std::string& log_path);
  ~ServerProcess();

  int port() const { return port_; }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }
  // SIGTERM and wait; the exit status (or -1 when killed by a signal).
  int Stop();
  // Sends `signal` (e.g. SIGKILL, to crash it) and reaps the process.
  void Kill(int signal);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_SUPPORT_SERVER_PROCESS_H_
