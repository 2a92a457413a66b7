// Conversions between the stores' columns and the resource messages, shared
// by sqlite_store and postgres_store so both encode a row the same way.
// Times are stored as microseconds since the epoch; a version's changed
// fields as its FieldMask paths joined by ','.
#ifndef NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_
#define NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "nianbao/v1/report.pb.h"
#include "services/collection/resource_names.h"
#include "services/collection/wire_filter.h"

namespace nianbao::collection {

inline int64_t ToMicros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

inline google::protobuf::Timestamp FromMicros(int64_t micros) {
  google::protobuf::Timestamp t;
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  t.set_seconds(seconds);
  t.set_nanos(static_cast<int32_t>(rest * 1000));
  return t;
}

inline std::string JoinPaths(const google::protobuf::FieldMask& mask) {
  return absl::StrJoin(mask.paths(), ",");
}

inline google::protobuf::FieldMask SplitPaths(const std::string& joined) {
  google::protobuf::FieldMask mask;
  for (absl::string_view p : absl::StrSplit(joined, ',', absl::SkipEmpty())) {
    mask.add_paths(std::string(p));
  }
  return mask;
}

// Parses stored report contents one after another (a descendant walk reads
// thousands) into arena memory that is reused: a parsed report is a tree of
// hundreds of small messages, and allocating and freeing them one by one
// cost more than parsing. Not thread-safe.
class ContentParser {
 public:
  ContentParser() : block_(new char[kBlockSize]), arena_(Options(block_.get())) {}

  // The parsed content of `bytes` (only the `fields` kept, if not null),
  // valid until the next call; null when the bytes do not parse.
  const v1::AnnualReport* Parse(const void* bytes, size_t size, const WireFilter* fields) {
    arena_.Reset();  // keeps the first block; later ones go back to malloc
    auto* report = google::protobuf::Arena::CreateMessage<v1::AnnualReport>(&arena_);
    // Bytes that are not wire format are parsed whole, to fail as before.
    if (fields != nullptr &&
        fields->Filter(absl::string_view(static_cast<const char*>(bytes), size), &kept_,
                       &scratch_)) {
      bytes = kept_.data();
      size = kept_.size();
    }
    return report->ParseFromArray(bytes, static_cast<int>(size)) ? report : nullptr;
  }

  // The stored content of the report of `agency_id` for `year`, as Parse
  // does; DATA_LOSS naming the report when it does not parse.
  absl::StatusOr<const v1::AnnualReport*> ParseStored(absl::string_view bytes,
                                                      const WireFilter* fields,
                                                      absl::string_view agency_id, int year) {
    const v1::AnnualReport* report = Parse(bytes.data(), bytes.size(), fields);
    if (report == nullptr) {
      return absl::DataLossError(
          absl::StrCat("stored content of ", ReportName(agency_id, year), " does not parse"));
    }
    return report;
  }

 private:
  // Enough for a report with long narratives; a larger one spills into
  // further blocks.
  static constexpr size_t kBlockSize = 256 << 10;
  static google::protobuf::ArenaOptions Options(char* block) {
    google::protobuf::ArenaOptions o;
    o.initial_block = block;
    o.initial_block_size = kBlockSize;
    return o;
  }
  std::unique_ptr<char[]> block_;
  google::protobuf::Arena arena_;
  std::string kept_;
  WireFilter::Scratch scratch_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_
