// Conversions between the stores' columns and the resource messages, shared
// by sqlite_store and postgres_store so both encode a row the same way.
// Times are stored as microseconds since the epoch; a version's changed
// fields as its FieldMask paths joined by ','.
#ifndef NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_
#define NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/timestamp.pb.h"

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

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_STORE_ROWS_H_
