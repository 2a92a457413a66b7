// What the fuzz targets share: reading a report from fuzz bytes, and loading
// the built renderer plugins once per process. Header-only so that each
// target stays one translation unit plus this.
#ifndef NIANBAO_FUZZ_FUZZ_SUPPORT_H_
#define NIANBAO_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/stubs/logging.h"
#include "nianbao/v1/report.pb.h"
#include "renderers/plugin_loader.h"
#include "report/report_io.h"

namespace nianbao::fuzz {

// protobuf logs every string that is not UTF-8 it parses; fuzz inputs are
// full of them, and the noise buries the one report that matters.
inline const bool kQuietProtobuf = [] {
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char*, int,
                                     const std::string&) {});
  return true;
}();

inline absl::string_view Bytes(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

// Parses `bytes` as a report: proto3 JSON when it starts with '{' (what the
// seeds from examples/ are), binary protobuf otherwise. False when it is not
// a report.
inline bool ParseReport(absl::string_view bytes, v1::AnnualReport* report) {
  const auto encoding =
      !bytes.empty() && bytes[0] == '{' ? report::Encoding::kJson : report::Encoding::kBinary;
  return report::Parse(bytes, encoding, "fuzz", report).ok();
}

// The text, HTML and PDF plugins of this build tree, loaded once. Aborts when
// one is missing: a fuzzer that silently renders nothing finds nothing.
inline const std::vector<std::shared_ptr<const renderers::Plugin>>& BuiltPlugins() {
  static const auto* plugins = [] {
    auto* list = new std::vector<std::shared_ptr<const renderers::Plugin>>();
    for (const char* name : {"text", "html", "pdf"}) {
      const std::string path = std::string(NIANBAO_FUZZ_PLUGIN_DIR) + "/" + name + ".so";
      auto plugin = renderers::LoadPlugin(path);
      if (!plugin.ok()) {
        fprintf(stderr, "cannot load %s: %s\n", path.c_str(),
                std::string(plugin.status().message()).c_str());
        abort();
      }
      list->push_back(*std::move(plugin));
    }
    return list;
  }();
  return *plugins;
}

// Reads fixed-size values off the front of the fuzz input; past the end it
// yields zeros, so every input decodes to something.
class InputReader {
 public:
  InputReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint32_t U32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = v << 8 | Byte();
    return v;
  }
  // Up to `max` bytes, the length taken from the input.
  std::string String(size_t max) {
    const size_t want = std::min<size_t>(Byte() % (max + 1), size_ - pos_);
    std::string s(reinterpret_cast<const char*>(data_ + pos_), want);
    pos_ += want;
    return s;
  }
  // Everything not read yet.
  std::string Rest() {
    std::string s(reinterpret_cast<const char*>(data_ + pos_), size_ - pos_);
    pos_ = size_;
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

}  // namespace nianbao::fuzz

#endif  // NIANBAO_FUZZ_FUZZ_SUPPORT_H_
