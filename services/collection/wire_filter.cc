#include "services/collection/wire_filter.h"

#include <algorithm>
#include <cstdint>

namespace nianbao::collection {
namespace {

bool ReadVarint(const char** p, const char* end, uint64_t* value) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    const auto byte = static_cast<uint8_t>(*(*p)++);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = v;
      return true;
    }
  }
  return false;
}

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

}  // namespace

WireFilter::WireFilter() : root_(std::make_unique<Node>()) {}
WireFilter::~WireFilter() = default;
WireFilter::WireFilter(WireFilter&&) noexcept = default;
WireFilter& WireFilter::operator=(WireFilter&&) noexcept = default;

void WireFilter::Keep(const std::vector<int>& numbers) {
  Node* at = root_.get();
  for (int n : numbers) {
    if (at->whole) return;  // an ancestor is kept whole already
    at = &at->children[n];
  }
  at->whole = true;
  at->children.clear();
  depth_ = std::max(depth_, static_cast<int>(numbers.size()));
}

bool WireFilter::Filter(absl::string_view message, std::string* out, Scratch* scratch) const {
  // One buffer per level of nesting, so filling a child never moves its
  // parent's buffer.
  if (static_cast<int>(scratch->levels.size()) < depth_ + 1) scratch->levels.resize(depth_ + 1);
  out->clear();
  return FilterInto(*root_, message.data(), message.data() + message.size(), 0, out, scratch);
}

bool WireFilter::FilterInto(const Node& node, const char* p, const char* end, int depth,
                            std::string* out, Scratch* scratch) const {
  while (p < end) {
    const char* field = p;
    uint64_t tag = 0;
    if (!ReadVarint(&p, end, &tag)) return false;
    const char* tag_end = p;
    const char* payload = nullptr;
    uint64_t length = 0;
    switch (tag & 7) {
      case 0: {  // varint
        uint64_t ignored = 0;
        if (!ReadVarint(&p, end, &ignored)) return false;
        break;
      }
      case 1:  // 64-bit
        if (end - p < 8) return false;
        p += 8;
        break;
      case 2:  // length-delimited
        if (!ReadVarint(&p, end, &length) || length > static_cast<uint64_t>(end - p)) {
          return false;
        }
        payload = p;
        p += length;
        break;
      case 5:  // 32-bit
        if (end - p < 4) return false;
        p += 4;
        break;
      default:  // groups (proto2 only) and invalid wire types
        return false;
    }
    if ((tag >> 3) == 0) return false;
    auto child = node.children.find(static_cast<int>(tag >> 3));
    if (node.whole) {
      out->append(field, p - field);
      continue;
    }
    if (child == node.children.end()) continue;
    if (child->second.whole || payload == nullptr) {
      out->append(field, p - field);
      continue;
    }
    // A message on a kept path: only its kept fields, with its new length.
    std::string& inner = scratch->levels[depth + 1];
    inner.clear();
    if (!FilterInto(child->second, payload, payload + length, depth + 1, &inner, scratch)) {
      return false;
    }
    out->append(field, tag_end - field);
    AppendVarint(inner.size(), out);
    out->append(inner);
  }
  return true;
}

}  // namespace nianbao::collection
