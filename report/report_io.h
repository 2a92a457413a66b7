// Reading and writing reports (AnnualReport, or any message) as proto3 JSON,
// textproto or binary protobuf. Errors name the source and, where the parser
// says, the line and column or the field.
#ifndef NIANBAO_REPORT_REPORT_IO_H_
#define NIANBAO_REPORT_REPORT_IO_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace nianbao::report {

enum class Encoding { kJson, kTextproto, kBinary };

// "json", "textproto", "binary" (also "text", "txtpb", "pb", "binpb").
absl::StatusOr<Encoding> ParseEncodingName(absl::string_view name);
absl::string_view EncodingName(Encoding encoding);

// The encoding a file name's extension implies (.json, .textproto/.txtpb/
// .pbtxt/.textpb, .pb/.binpb/.bin), if any.
std::optional<Encoding> EncodingFromExtension(absl::string_view path);

// The encoding of `bytes`: by `path`'s extension, else by content ('{' starts
// JSON; text without control bytes is textproto; anything else binary).
Encoding DetectEncoding(absl::string_view path, absl::string_view bytes);

// Parses `bytes` into `message`. `source` names the input in errors.
// JSON rejects unknown fields. InvalidArgument with "source:line:column: ..."
// for textproto, "source: ..." naming the field for JSON.
absl::Status Parse(absl::string_view bytes, Encoding encoding, absl::string_view source,
                   google::protobuf::Message* message);

// Serializes `message`. JSON is indented, uses the proto field names'
// lowerCamelCase form and ends with a newline; binary is deterministic.
absl::StatusOr<std::string> Serialize(const google::protobuf::Message& message, Encoding encoding);

// Whole-file helpers. "-" means standard input / output.
absl::StatusOr<std::string> ReadFile(const std::string& path);
absl::Status WriteFile(const std::string& path, absl::string_view bytes);

// Reads `path` into `message`, detecting the encoding unless given.
absl::Status ReadMessageFile(const std::string& path, std::optional<Encoding> encoding,
                             google::protobuf::Message* message);

}  // namespace nianbao::report

#endif  // NIANBAO_REPORT_REPORT_IO_H_
