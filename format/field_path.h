// Dotted field paths over protobuf messages, e.g.
// "applications.results.disclosed.natural_person".
//
// The format definition names every table cell by such a path; validation,
// the document builder and importers use these functions to reach the cell in
// an AnnualReport without spelling field names in code.
#ifndef NIANBAO_FORMAT_FIELD_PATH_H_
#define NIANBAO_FORMAT_FIELD_PATH_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace nianbao::format {

using FieldChain = std::vector<const google::protobuf::FieldDescriptor*>;

// Resolves `path` against `root`: every segment must name a singular message
// field. An empty path resolves to an empty chain. InvalidArgument names the
// segment that does not resolve.
absl::StatusOr<FieldChain> ResolvePath(const google::protobuf::Descriptor* root,
                                       absl::string_view path);

// The message at the end of `chain` inside `root`, or nullptr when any
// message along the way is unset. `chain` must come from ResolvePath on
// root's descriptor.
const google::protobuf::Message* GetAt(const google::protobuf::Message& root,
                                       const FieldChain& chain);

// Like GetAt, but creates every message along the way.
google::protobuf::Message* MutableAt(google::protobuf::Message* root, const FieldChain& chain);

// Clears the last field of `chain` inside `root` (leaves the parents).
void ClearAt(google::protobuf::Message* root, const FieldChain& chain);

// Typed access: the message at `chain` as T, or nullptr when unset.
template <typename T>
const T* GetAs(const google::protobuf::Message& root, const FieldChain& chain) {
  return static_cast<const T*>(GetAt(root, chain));
}

}  // namespace nianbao::format

#endif  // NIANBAO_FORMAT_FIELD_PATH_H_
