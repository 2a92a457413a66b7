// The ReportRenderer the collection server uses by default: renders run in
// a pool of supervised nianbao-render-worker processes
// (render_worker_main.cc), so a renderer plugin that crashes, hangs or leaks
// takes down one worker, never the server, and never blocks the renders on
// the other workers.
//
// Workers are started once and reused (no process spawn per render). Each
// render takes an idle worker, or waits for one, within its deadline. When
// a worker dies (SIGSEGV, SIGXCPU, abort...) the render fails with INTERNAL;
// when the deadline passes the worker is killed (SIGKILL) and the render
// fails with DEADLINE_EXCEEDED; either way a new worker is started in its
// place before the call returns. A worker whose resident memory has grown
// past half its address-space limit (a leaking plugin) is retired and
// replaced after its render, which still succeeds.
#ifndef NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_POOL_H_
#define NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_POOL_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/collection/report_renderer.h"

namespace nianbao::collection {

struct RenderWorkerOptions {
  // The nianbao-render-worker executable.
  std::string worker_binary;
  // Passed to each worker as --plugin-dir (NIANBAO_PLUGIN_PATH is inherited).
  std::vector<std::string> plugin_dirs;
  // How many workers, i.e. how many renders run at once. At least 1.
  int workers = 1;
  // Each render, waiting for a free worker included.
  absl::Duration deadline = absl::Seconds(30);
  // RLIMIT_AS of each worker, in MiB; 0 = unlimited. A worker whose resident
  // memory exceeds half of it after a render is replaced.
  uint64_t memory_limit_mb = 0;
  // RLIMIT_CPU budget of each render, in seconds; 0 = none.
  uint32_t cpu_limit_seconds = 0;
  // How long a new worker may take to load its plugins and say hello.
  absl::Duration start_timeout = absl::Seconds(30);
};

// Counters, for tests and logs.
struct RenderWorkerStats {
  int64_t started = 0;    // workers started, the first ones included
  int64_t crashed = 0;    // died during a render
  int64_t timed_out = 0;  // killed at the deadline
  int64_t recycled = 0;   // retired for their memory
};

class RenderWorkerPool final : public ReportRenderer {
 public:
  // Starts the first worker (its formats become this pool's) and the
  // others. Fails when a worker cannot start or load.
  static absl::StatusOr<std::unique_ptr<RenderWorkerPool>> Start(RenderWorkerOptions options);
  ~RenderWorkerPool() override;

  RenderWorkerPool(const RenderWorkerPool&) = delete;
  RenderWorkerPool& operator=(const RenderWorkerPool&) = delete;

  std::vector<v1::RenderFormat> Formats() const override { return formats_; }
  // NOT_FOUND for an unknown format, the plugin's error code and text when
  // it fails, INTERNAL when the worker died, DEADLINE_EXCEEDED when it did
  // not answer in time (or no worker came free).
  absl::StatusOr<std::string> RenderSerialized(absl::string_view name,
                                               const std::string& request) const override;

  RenderWorkerStats stats() const;

 private:
  struct Worker {
    pid_t pid = -1;
    int fd = -1;
  };

  explicit RenderWorkerPool(RenderWorkerOptions options) : options_(std::move(options)) {}

  // Starts one worker and reads its hello; the formats it offers go to
  // `formats` when not null.
  absl::StatusOr<Worker> Spawn(bool log_plugins, std::vector<v1::RenderFormat>* formats) const;
  // An idle worker, a newly started one when the pool is below size, or
  // DEADLINE_EXCEEDED when none comes free before `deadline`.
  absl::StatusOr<Worker> Acquire(absl::Time deadline) const;
  void Release(Worker w) const;
  // Kills and reaps `w`, then starts its replacement. Returns how `w`
  // ended, for the error message ("killed by signal 11 (Segmentation fault)").
  std::string Replace(Worker w) const;

  const RenderWorkerOptions options_;
  std::vector<v1::RenderFormat> formats_;
  mutable absl::Mutex mu_;
  mutable std::vector<Worker> idle_ ABSL_GUARDED_BY(mu_);
  mutable int live_ ABSL_GUARDED_BY(mu_) = 0;  // idle + busy + being started
  mutable RenderWorkerStats stats_ ABSL_GUARDED_BY(mu_);
};

// Where nianbao-render-worker is: beside the running executable (the build
// tree and an installation both put it there).
std::string DefaultRenderWorkerBinary();

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_RENDER_WORKER_POOL_H_
