#include "tests/support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"

namespace nianbao::testing {

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, const std::vector<std::string>& args, const std::string& work_dir,
    const std::string& log_path) {
  static int counter = 0;
  const std::string port_file = absl::StrCat(work_dir, "/port-", getpid(), "-", counter++);
  unlink(port_file.c_str());
  std::vector<std::string> argv = {binary, "--listen", "127.0.0.1:0", "--port-file", port_file};
  argv.insert(argv.end(), args.begin(), args.end());
  std::unique_ptr<ServerProcess> p(new ServerProcess());
  p->pid_ = fork();
  if (p->pid_ < 0) return absl::InternalError("fork failed");
  if (p->pid_ == 0) {
    // Die with the test, even when it crashes before stopping us.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    std::vector<char*> cargs;
    for (std::string& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    execv(binary.c_str(), cargs.data());
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(port_file);
    if (in >> p->port_ && p->port_ > 0) return p;
    int status;
    if (waitpid(p->pid_, &status, WNOHANG) == p->pid_) {
      p->pid_ = -1;
      std::ifstream log(log_path);
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      return absl::InternalError(absl::StrCat(binary, " exited at start (",
                                              WIFSIGNALED(status)
                                                  ? absl::StrCat("signal ", WTERMSIG(status))
                                                  : absl::StrCat("status ", WEXITSTATUS(status)),
                                              "):\n", text));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return absl::DeadlineExceededError(absl::StrCat(binary, " did not report its port"));
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  kill(pid_, signal);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace nianbao::testing
