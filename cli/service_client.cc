#include "cli/service_client.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "nianbao/v1/validation.pb.h"
#include "report/report_io.h"

namespace nianbao::cli {

const std::map<std::string, std::string> kServiceValueFlags = {{"--server", "server"},
                                                               {"--tls-ca", "tls-ca"},
                                                               {"--token-file", "token-file"},
                                                               {"--actor", "actor"},
                                                               {"--deadline", "deadline"}};

const char kServiceFlagsUsage[] =
    "  --server ADDR    collection service, e.g. 127.0.0.1:50052 (default $NIANBAO_SERVER)\n"
    "  --tls-ca PEM     use TLS, trusting this CA\n"
    "  --token-file F   bearer token to authenticate with, read from F\n"
    "                   (default $NIANBAO_TOKEN)\n"
    "  --actor NAME     who is acting, kept in the version history (default $USER;\n"
    "                   a server with tokens records the token's principal instead)\n"
    "  --deadline SEC   per-call deadline in seconds (default 60)\n";

absl::StatusOr<ServiceClient> ServiceClient::FromArgs(const Args& args) {
  std::string server = args.GetOr("server", "");
  if (server.empty() && std::getenv("NIANBAO_SERVER") != nullptr)
    server = std::getenv("NIANBAO_SERVER");
  if (server.empty()) return absl::InvalidArgumentError("--server is required");
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
  if (auto ca = args.Get("tls-ca")) {
    absl::StatusOr<std::string> pem = report::ReadFile(*ca);
    if (!pem.ok()) return pem.status();
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = *pem;
    creds = grpc::SslCredentials(options);
  }
  ServiceClient client;
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(256 << 20);
  client.stub_ =
      v1::CollectionService::NewStub(grpc::CreateCustomChannel(server, creds, channel_args));
  if (auto f = args.Get("token-file")) {
    absl::StatusOr<std::string> token = report::ReadFile(*f);
    if (!token.ok()) return token.status();
    client.token_ = std::string(absl::StripAsciiWhitespace(*token));
    if (client.token_.empty()) return absl::InvalidArgumentError(*f + " holds no token");
  } else if (const char* env = std::getenv("NIANBAO_TOKEN"); env != nullptr) {
    client.token_ = std::string(absl::StripAsciiWhitespace(env));
  }
  const char* user = std::getenv("USER");
  client.actor_ = args.GetOr("actor", user ? user : "");
  if (auto d = args.Get("deadline")) {
    if (!absl::SimpleAtod(*d, &client.deadline_seconds_) || client.deadline_seconds_ <= 0) {
      return absl::InvalidArgumentError("--deadline takes a positive number of seconds");
    }
  }
  return client;
}

std::unique_ptr<grpc::ClientContext> ServiceClient::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(deadline_seconds_ * 1000)));
  if (!token_.empty()) context->AddMetadata("authorization", "Bearer " + token_);
  if (!actor_.empty()) context->AddMetadata("x-nianbao-actor", actor_);
  return context;
}

void PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  std::cout << json;
  if (json.empty() || json.back() != '\n') std::cout << "\n";
}

int ReportFailure(const std::string& what, const grpc::Status& status) {
  std::cerr << "nianbao: " << what << ": " << static_cast<int>(status.error_code()) << " "
            << status.error_message() << "\n";
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad;
      v1::ValidateReportResponse validation;
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          std::cerr << "  " << v.field() << ": " << v.description() << "\n";
        }
      } else if (any.UnpackTo(&validation)) {
        for (const auto& v : validation.violations()) {
          std::cerr << "  " << v1::Severity_Name(v.severity()) << " " << v.rule_id() << " "
                    << v.field_path() << ": " << v.message_zh() << "\n";
        }
      }
    }
  }
  return kExitFailed;
}

}  // namespace nianbao::cli
