// A projection of serialized protobuf messages: copies, from the wire bytes
// of a message, only the fields on given paths of field numbers, so that
// parsing the copy reads those fields and nothing else. Aggregation reads
// ~250 table cells of each stored report; parsing whole reports spent most
// of its time on the narratives (copying them and checking their UTF-8).
//
// Parsing the projection gives, for every field on a path, what parsing the
// whole message gives (same values, same presence of every message along the
// way); the fields left out are neither parsed nor checked.
#ifndef NIANBAO_SERVICES_COLLECTION_WIRE_FILTER_H_
#define NIANBAO_SERVICES_COLLECTION_WIRE_FILTER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace nianbao::collection {

class WireFilter {
 public:
  WireFilter();
  ~WireFilter();
  WireFilter(WireFilter&&) noexcept;
  WireFilter& operator=(WireFilter&&) noexcept;

  // Keeps the field reached by `numbers` from the root (each but the last a
  // message field), whole, with the messages along the way.
  void Keep(const std::vector<int>& numbers);

  // Scratch space of Filter, reusable across calls.
  struct Scratch {
    std::vector<std::string> levels;
  };
  // Replaces *out with the kept fields of `message` (serialized). False when
  // the bytes are not protobuf wire format; *out is then unspecified.
  bool Filter(absl::string_view message, std::string* out, Scratch* scratch) const;

 private:
  struct Node {
    bool whole = false;
    std::map<int, Node> children;
  };
  bool FilterInto(const Node& node, const char* p, const char* end, int depth, std::string* out,
                  Scratch* scratch) const;
  std::unique_ptr<Node> root_;
  int depth_ = 0;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_WIRE_FILTER_H_
