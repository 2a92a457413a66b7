// What changed between two versions of a message, as field paths: the
// "what" of a report's version history. Table cells (Count, Amount) and
// repeated fields are reported whole; other messages are descended into.
#ifndef NIANBAO_SERVICES_COLLECTION_CHANGED_FIELDS_H_
#define NIANBAO_SERVICES_COLLECTION_CHANGED_FIELDS_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace nianbao::collection {

// Paths (prefixed with `prefix` + "." when prefix is not empty) of the
// fields whose values differ between `before` and `after` (same type).
std::vector<std::string> ChangedFields(const google::protobuf::Message& before,
                                       const google::protobuf::Message& after,
                                       const std::string& prefix);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_CHANGED_FIELDS_H_
