#include "report/report_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace nianbao::report {
namespace {

// Collects the first textproto error with its position (1-based).
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (!message_.empty()) return;
    message_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

absl::StatusOr<Encoding> ParseEncodingName(absl::string_view name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "json") return Encoding::kJson;
  if (n == "textproto" || n == "text" || n == "txtpb" || n == "pbtxt") return Encoding::kTextproto;
  if (n == "binary" || n == "pb" || n == "binpb") return Encoding::kBinary;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown encoding \"", name, "\" (want json, textproto or binary)"));
}

absl::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kJson:
      return "json";
    case Encoding::kTextproto:
      return "textproto";
    case Encoding::kBinary:
      return "binary";
  }
  return "binary";
}

std::optional<Encoding> EncodingFromExtension(absl::string_view path) {
  const std::string p = absl::AsciiStrToLower(path);
  if (absl::EndsWith(p, ".json")) return Encoding::kJson;
  for (const char* ext : {".textproto", ".txtpb", ".pbtxt", ".textpb"}) {
    if (absl::EndsWith(p, ext)) return Encoding::kTextproto;
  }
  for (const char* ext : {".pb", ".binpb", ".bin"}) {
    if (absl::EndsWith(p, ext)) return Encoding::kBinary;
  }
  return std::nullopt;
}

Encoding DetectEncoding(absl::string_view path, absl::string_view bytes) {
  if (auto e = EncodingFromExtension(path)) return *e;
  const absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(bytes);
  if (!trimmed.empty() && trimmed[0] == '{') return Encoding::kJson;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\n' && u != '\r' && u != '\t') return Encoding::kBinary;
  }
  return Encoding::kTextproto;
}

absl::Status Parse(absl::string_view bytes, Encoding encoding, absl::string_view source,
                   google::protobuf::Message* message) {
  switch (encoding) {
    case Encoding::kJson: {
      google::protobuf::util::JsonParseOptions options;
      options.ignore_unknown_fields = false;
      auto status = google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(bytes.data(), bytes.size()), message, options);
      if (!status.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(source, ": not a valid JSON ",
                                                       message->GetDescriptor()->name(), ": ",
                                                       std::string(status.message())));
      }
      return absl::OkStatus();
    }
    case Encoding::kTextproto: {
      google::protobuf::TextFormat::Parser parser;
      FirstError errors;
      parser.RecordErrorsTo(&errors);
      google::protobuf::io::ArrayInputStream input(bytes.data(), static_cast<int>(bytes.size()));
      if (!parser.Parse(&input, message)) {
        return absl::InvalidArgumentError(absl::StrCat(source, ":", errors.message()));
      }
      return absl::OkStatus();
    }
    case Encoding::kBinary: {
      if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
          !message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return absl::InvalidArgumentError(
            absl::StrCat(source, ": not a valid binary ", message->GetDescriptor()->name()));
      }
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError("unknown encoding");
}

absl::StatusOr<std::string> Serialize(const google::protobuf::Message& message, Encoding encoding) {
  std::string out;
  switch (encoding) {
    case Encoding::kJson: {
      google::protobuf::util::JsonPrintOptions options;
      options.add_whitespace = true;
      options.preserve_proto_field_names = false;
      auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
      if (!status.ok()) return absl::InternalError(std::string(status.message()));
      return out;
    }
    case Encoding::kTextproto: {
      google::protobuf::TextFormat::Printer printer;
      printer.SetUseUtf8StringEscaping(true);
      if (!printer.PrintToString(message, &out)) {
        return absl::InternalError("could not print textproto");
      }
      return out;
    }
    case Encoding::kBinary: {
      google::protobuf::io::StringOutputStream stream(&out);
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      if (!message.SerializeToCodedStream(&coded)) {
        return absl::InternalError("could not serialize");
      }
      coded.Trim();
      return out;
    }
  }
  return absl::InternalError("unknown encoding");
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return buffer.str();
}

absl::Status WriteFile(const std::string& path, absl::string_view bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    return std::cout ? absl::OkStatus() : absl::DataLossError("cannot write standard output");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat(path, ": write error"));
  return absl::OkStatus();
}

absl::Status ReadMessageFile(const std::string& path, std::optional<Encoding> encoding,
                             google::protobuf::Message* message) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  const Encoding e = encoding ? *encoding : DetectEncoding(path, *bytes);
  return Parse(*bytes, e, path == "-" ? "<stdin>" : path, message);
}

}  // namespace nianbao::report
