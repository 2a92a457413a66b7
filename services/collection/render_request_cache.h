// The laid-out render request of a stored report, kept between renders.
//
// RenderReport builds the neutral Document from the stored report and
// serializes report + Document for the renderer on every call: ~1.6 M of
// the ~5 M instructions of an HTML render (docs/performance.md). A
// published report does not change, and sites fetch the same report's page
// and PDF again and again, so the service keeps the serialized
// RenderRequest {report, document} (without the per-call render options)
// of the reports rendered last, within a byte budget, least recently used
// out first. The renderer still paints every call.
//
// An entry serves only the content it was laid out from, compared byte for
// byte with its serialized form (kept in the entry), so a report that
// changed in any way is laid out anew, whatever its etag says.
#ifndef NIANBAO_SERVICES_COLLECTION_RENDER_REQUEST_CACHE_H_
#define NIANBAO_SERVICES_COLLECTION_RENDER_REQUEST_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::collection {

class RenderRequestCache {
 public:
  // Entries are kept while their bytes (request and content) stay within
  // `max_bytes`; 0 keeps none, and every call lays the report out.
  explicit RenderRequestCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  RenderRequestCache(const RenderRequestCache&) = delete;
  RenderRequestCache& operator=(const RenderRequestCache&) = delete;

  // The serialized RenderRequest {report: content, document} of the report
  // stored as `name` with `content`; laid out (renderers/document_builder.h)
  // when no entry holds this very content. The document builder's error
  // otherwise.
  absl::StatusOr<std::shared_ptr<const std::string>> Get(const std::string& name,
                                                         const v1::AnnualReport& content);

  struct Stats {
    int64_t hits = 0;
    int64_t misses = 0;
    size_t bytes = 0;  // held now
    size_t entries = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string name;
    std::string content;  // the serialized report it was laid out from
    std::shared_ptr<const std::string> request;
    size_t bytes() const { return name.size() + content.size() + request->size(); }
  };
  using Lru = std::list<Entry>;  // most recently used first

  void Insert(Entry entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  Lru lru_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Lru::iterator> by_name_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t misses_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_RENDER_REQUEST_CACHE_H_
