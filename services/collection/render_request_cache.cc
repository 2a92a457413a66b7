#include "services/collection/render_request_cache.h"

#include <utility>

#include "google/protobuf/arena.h"
#include "nianbao/v1/render.pb.h"
#include "renderers/document_builder.h"

namespace nianbao::collection {

absl::StatusOr<std::shared_ptr<const std::string>> RenderRequestCache::Get(
    const std::string& name, const v1::AnnualReport& content) {
  // The key is the content itself; without a budget there is nothing to
  // look up.
  std::string serialized = max_bytes_ > 0 ? content.SerializeAsString() : std::string();
  {
    absl::MutexLock lock(&mu_);
    auto it = max_bytes_ > 0 ? by_name_.find(name) : by_name_.end();
    if (it != by_name_.end() && it->second->content == serialized) {
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->request;
    }
    ++misses_;
  }
  // Laid out without the lock: two first renders of one report may both do
  // it, and the second insert replaces the first.
  //
  // On a per-call arena: the Document is thousands of small messages and
  // strings, and building them with malloc, then destroying them, costs as
  // much as building them.
  google::protobuf::ArenaOptions arena_options;
  arena_options.start_block_size = 64 << 10;
  arena_options.max_block_size = 1 << 20;
  google::protobuf::Arena arena(arena_options);
  auto* request = google::protobuf::Arena::CreateMessage<v1::RenderRequest>(&arena);
  if (absl::Status built = renderers::BuildDocument(content, request->mutable_document());
      !built.ok()) {
    return built;
  }
  *request->mutable_report() = content;
  auto bytes = std::make_shared<const std::string>(request->SerializeAsString());
  if (max_bytes_ > 0) {
    absl::MutexLock lock(&mu_);
    Insert(Entry{name, std::move(serialized), bytes});
  }
  return bytes;
}

void RenderRequestCache::Insert(Entry entry) {
  if (auto it = by_name_.find(entry.name); it != by_name_.end()) {
    bytes_ -= it->second->bytes();
    lru_.erase(it->second);
    by_name_.erase(it);
  }
  if (entry.bytes() > max_bytes_) return;  // would evict everything for itself
  bytes_ += entry.bytes();
  lru_.push_front(std::move(entry));
  by_name_[lru_.front().name] = lru_.begin();
  while (bytes_ > max_bytes_) {
    const Entry& last = lru_.back();
    bytes_ -= last.bytes();
    by_name_.erase(last.name);
    lru_.pop_back();
  }
}

RenderRequestCache::Stats RenderRequestCache::stats() const {
  absl::MutexLock lock(&mu_);
  return Stats{hits_, misses_, bytes_, lru_.size()};
}

}  // namespace nianbao::collection
