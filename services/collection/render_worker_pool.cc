#include "services/collection/render_worker_pool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/collection/render_worker_protocol.h"

extern char** environ;

namespace nianbao::collection {
namespace {

namespace wire = worker;

// Kills `pid` (a no-op if it already died) and reaps it; says how it ended.
std::string KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    const char* what = sigdescr_np(WTERMSIG(status));
    return absl::StrCat("killed by signal ", WTERMSIG(status), " (", what ? what : "?", ")");
  }
  if (WIFEXITED(status)) return absl::StrCat("exited with status ", WEXITSTATUS(status));
  return "ended";
}

std::string ToString(absl::Duration d) { return absl::FormatDuration(d); }

}  // namespace

std::string DefaultRenderWorkerBinary() {
  char buffer[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return "nianbao-render-worker";
  std::string exe(buffer, static_cast<size_t>(n));
  return exe.substr(0, exe.rfind('/') + 1) + "nianbao-render-worker";
}

absl::StatusOr<std::unique_ptr<RenderWorkerPool>> RenderWorkerPool::Start(
    RenderWorkerOptions options) {
  if (options.workers < 1) options.workers = 1;
  std::unique_ptr<RenderWorkerPool> pool(new RenderWorkerPool(std::move(options)));
  // The first worker logs refused plugin files and tells the formats.
  absl::StatusOr<Worker> first = pool->Spawn(/*log_plugins=*/true, &pool->formats_);
  if (!first.ok()) return first.status();
  {
    absl::MutexLock lock(&pool->mu_);
    pool->live_ = 1;
  }
  pool->Release(*first);
  for (int i = 1; i < pool->options_.workers; ++i) {
    absl::StatusOr<Worker> w = pool->Spawn(false, nullptr);
    if (!w.ok()) return w.status();
    {
      absl::MutexLock lock(&pool->mu_);
      ++pool->live_;
    }
    pool->Release(*w);
  }
  return pool;
}

RenderWorkerPool::~RenderWorkerPool() {
  // Only idle workers are left: the server has stopped taking renders.
  absl::MutexLock lock(&mu_);
  for (Worker& w : idle_) {
    close(w.fd);
    KillAndReap(w.pid);
  }
  idle_.clear();
  std::cerr << "nianbao: render workers started " << stats_.started << ", crashed "
            << stats_.crashed << ", timed out " << stats_.timed_out << ", replaced for memory "
            << stats_.recycled << "\n";
}

absl::StatusOr<RenderWorkerPool::Worker> RenderWorkerPool::Spawn(
    bool log_plugins, std::vector<v1::RenderFormat>* formats) const {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    return absl::UnavailableError(absl::StrCat("socketpair: ", strerror(errno)));
  }
  // The child end becomes the worker's fd 0; dup2 onto itself would keep
  // FD_CLOEXEC, so keep it off 0..2.
  int child = sv[1];
  if (child < 3) {
    child = fcntl(sv[1], F_DUPFD_CLOEXEC, 3);
    close(sv[1]);
  }
  std::vector<std::string> args = {options_.worker_binary};
  if (log_plugins) args.push_back("--log-plugins");
  for (const std::string& d : options_.plugin_dirs) {
    args.push_back("--plugin-dir");
    args.push_back(d);
  }
  if (options_.memory_limit_mb > 0) {
    args.push_back("--memory-limit-mb");
    args.push_back(absl::StrCat(options_.memory_limit_mb));
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child, 0);
  // The server blocks SIGTERM/SIGINT in every thread for its graceful
  // shutdown; the worker must not inherit that mask.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGTERM, SIGINT, SIGPIPE, SIGXCPU, SIGHUP, SIGCHLD}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  // posix_spawn (vfork + exec in glibc) is safe in a process full of threads.
  const int rc =
      posix_spawn(&pid, options_.worker_binary.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(child);
  if (rc != 0) {
    close(sv[0]);
    return absl::UnavailableError(
        absl::StrCat("cannot start ", options_.worker_binary, ": ", strerror(rc)));
  }
  Worker w{pid, sv[0]};

  const absl::Time deadline = absl::Now() + options_.start_timeout;
  wire::ResponseHeader h{};
  std::string hello;
  absl::Status st = wire::ReadAll(w.fd, reinterpret_cast<char*>(&h), sizeof h, deadline);
  if (st.ok() && h.payload_size > wire::kMaxPayload) st = absl::InternalError("bad hello");
  if (st.ok()) {
    hello.resize(h.payload_size);
    st = wire::ReadAll(w.fd, hello.data(), hello.size(), deadline);
  }
  v1::ListRenderFormatsResponse parsed;
  if (st.ok() && !parsed.ParseFromString(hello)) st = absl::InternalError("unreadable hello");
  if (!st.ok()) {
    close(w.fd);
    const std::string how = KillAndReap(w.pid);
    return absl::UnavailableError(absl::StrCat("render worker ", options_.worker_binary,
                                               " did not start (", st.message(), "): ", how));
  }
  if (formats != nullptr) formats->assign(parsed.formats().begin(), parsed.formats().end());
  absl::MutexLock lock(&mu_);
  ++stats_.started;
  return w;
}

absl::StatusOr<RenderWorkerPool::Worker> RenderWorkerPool::Acquire(absl::Time deadline) const {
  {
    absl::MutexLock lock(&mu_);
    struct Ready {
      const RenderWorkerPool* pool;
      bool operator()() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return !pool->idle_.empty() || pool->live_ < pool->options_.workers;
      }
    } ready{this};
    if (!mu_.AwaitWithDeadline(absl::Condition(&ready), deadline)) {
      return absl::DeadlineExceededError(absl::StrCat("no render worker came free within ",
                                                      ToString(options_.deadline), " (",
                                                      options_.workers, " workers, all busy)"));
    }
    if (!idle_.empty()) {
      Worker w = idle_.back();
      idle_.pop_back();
      return w;
    }
    ++live_;  // a slot left empty by a failed replacement: fill it now
  }
  absl::StatusOr<Worker> w = Spawn(false, nullptr);
  if (!w.ok()) {
    absl::MutexLock lock(&mu_);
    --live_;
  }
  return w;
}

void RenderWorkerPool::Release(Worker w) const {
  absl::MutexLock lock(&mu_);
  idle_.push_back(w);
}

std::string RenderWorkerPool::Replace(Worker w) const {
  close(w.fd);
  const std::string how = KillAndReap(w.pid);
  absl::StatusOr<Worker> fresh = Spawn(false, nullptr);
  if (fresh.ok()) {
    Release(*fresh);
  } else {
    // Leave the slot empty; the next Acquire tries again.
    std::cerr << "nianbao: " << fresh.status().message() << "\n";
    absl::MutexLock lock(&mu_);
    --live_;
  }
  return how;
}

absl::StatusOr<std::string> RenderWorkerPool::RenderSerialized(absl::string_view name,
                                                               const std::string& bytes) const {
  if (name.size() > wire::kMaxFormatName) {
    return absl::NotFoundError(absl::StrCat("no renderer for format \"", name, "\""));
  }
  const absl::Time deadline = absl::Now() + options_.deadline;
  // Header and format name in one buffer, the request in another: one
  // writev, no copy of the request.
  std::string head(sizeof(wire::RequestHeader), '\0');
  const wire::RequestHeader h{static_cast<uint32_t>(name.size()), options_.cpu_limit_seconds,
                              bytes.size()};
  memcpy(head.data(), &h, sizeof h);
  head.append(name.data(), name.size());

  absl::StatusOr<Worker> acquired = Acquire(deadline);
  if (!acquired.ok()) return acquired.status();
  const Worker w = *acquired;

  wire::ResponseHeader r{};
  std::string payload;
  absl::Status st = wire::WriteAll(w.fd, head, bytes, deadline);
  if (st.ok()) st = wire::ReadAll(w.fd, reinterpret_cast<char*>(&r), sizeof r, deadline);
  if (st.ok() && r.payload_size > wire::kMaxPayload) {
    st = absl::InternalError("the worker sent an oversized response");
  }
  if (st.ok()) {
    payload.resize(r.payload_size);
    st = wire::ReadAll(w.fd, payload.data(), payload.size(), deadline);
  }
  if (!st.ok()) {
    const bool timed_out = absl::IsDeadlineExceeded(st);
    {
      absl::MutexLock lock(&mu_);
      ++(timed_out ? stats_.timed_out : stats_.crashed);
    }
    const std::string how = Replace(w);
    std::cerr << "nianbao: render worker " << w.pid << " (format " << name << ") "
              << (timed_out ? "timed out, " : "") << how << "; replaced\n";
    if (timed_out) {
      return absl::DeadlineExceededError(
          absl::StrCat("no result within ", ToString(options_.deadline), "; worker process ", w.pid,
                       " was killed and replaced"));
    }
    return absl::InternalError(absl::StrCat(
        "the worker process ", w.pid, " died during the render (", how, "); it was replaced"));
  }
  if (options_.memory_limit_mb > 0 && r.rss_mib > options_.memory_limit_mb / 2) {
    {
      absl::MutexLock lock(&mu_);
      ++stats_.recycled;
    }
    Replace(w);
    std::cerr << "nianbao: render worker " << w.pid << " (format " << name << ") grew to "
              << r.rss_mib << " MiB; replaced\n";
  } else {
    Release(w);
  }
  if (r.code != 0) return absl::Status(static_cast<absl::StatusCode>(r.code), payload);
  return payload;
}

RenderWorkerStats RenderWorkerPool::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

}  // namespace nianbao::collection
