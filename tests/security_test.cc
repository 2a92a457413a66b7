// Transport security and access control with the real servers as processes
// on loopback: a throwaway PKI made at test time (support/make_test_pki.sh),
// nianbao-validation-server requiring client certificates (mTLS),
// nianbao-collection-server over TLS presenting its client certificate to
// the validation service and authenticating callers with bearer tokens.
// Shows: plaintext refused by a TLS server (health too: one port); a client
// without a certificate, or with one from another CA, refused by the mTLS
// validation server; collection -> validation working over mTLS end to end
// (and failing without the client certificate); cross-agency Get, Update,
// Render and List refused or filtered; the CLI and the Python client with
// tokens; servers refusing to start exposed without TLS or tokens; tokens
// added and revoked by editing the file.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "nianbao/v1/validation.grpc.pb.h"
#include "report/report_io.h"
#include "services/common/token_file.h"
#include "tests/support/server_process.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

std::string Read(const std::string& path) {
  absl::StatusOr<std::string> s = report::ReadFile(path);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : "";
}

std::string TokenLine(const std::string& token, const std::string& rest) {
  const services::TokenHash h = services::HashToken(token);
  return absl::StrCat(
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(h.data()), h.size())),
      " ", rest, "\n");
}

v1::AnnualReport Seed() {
  v1::AnnualReport r;
  absl::Status st =
      report::ReadMessageFile(testing::SourcePath("examples/hongqiao-2020.json"), std::nullopt, &r);
  EXPECT_TRUE(st.ok()) << st;
  return r;
}

class SecurityTest : public ::testing::Test {
 protected:
  // One PKI per test process (ctest runs tests in parallel processes).
  static void SetUpTestSuite() {
    pki_ = new std::string(absl::StrCat(::testing::TempDir(), "/security_pki_", getpid()));
    pki_log_ = new std::string;
    auto r = testing::Run(absl::StrCat("rm -rf ", *pki_, " && ",
                                       testing::SourcePath("tests/support/make_test_pki.sh"), " ",
                                       *pki_));
    if (r.exit_code != 0) *pki_log_ = r.output.empty() ? "make_test_pki.sh failed" : r.output;
  }
  static void TearDownTestSuite() { testing::Run("rm -rf " + *pki_); }
  static std::string Pki(const std::string& file) { return *pki_ + "/" + file; }

  void SetUp() override {
    ASSERT_TRUE(pki_log_->empty()) << *pki_log_;  // a failed suite set-up fails, not skips
    dir_ = ::testing::TempDir() + "/security_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::Run("rm -rf " + dir_ + " && mkdir -p " + dir_);
    tokens_ = dir_ + "/tokens";
    std::ofstream(tokens_) << TokenLine("root-token", "root admin")
                           << TokenLine("hongqiao-token", "hongqiao-clerk agencies=hongqiao")
                           << TokenLine("other-token", "other-clerk agencies=other");
    auto validation = testing::ServerProcess::Start(
        testing::BinaryPath("services/validation/nianbao-validation-server"),
        {"--tls-cert", Pki("server.pem"), "--tls-key", Pki("server.key"), "--tls-client-ca",
         Pki("ca.pem")},
        dir_, dir_ + "/validation.log");
    ASSERT_TRUE(validation.ok()) << validation.status();
    validation_ = *std::move(validation);
    StartCollection(true);
  }

  // The collection server over TLS with tokens; `client_cert` = whether it
  // presents its certificate to the validation service.
  void StartCollection(bool client_cert) {
    collection_.reset();
    std::vector<std::string> args = {"--store",
                                     "sqlite:" + dir_ + "/collection.db",
                                     "--validation-target",
                                     validation_->target(),
                                     "--validation-tls-ca",
                                     Pki("ca.pem"),
                                     "--validation-deadline",
                                     "5",
                                     "--tls-cert",
                                     Pki("server.pem"),
                                     "--tls-key",
                                     Pki("server.key"),
                                     "--auth-tokens",
                                     tokens_};
    if (client_cert) {
      args.insert(args.end(), {"--validation-tls-cert", Pki("collection-client.pem"),
                               "--validation-tls-key", Pki("collection-client.key")});
    }
    auto collection = testing::ServerProcess::Start(
        testing::BinaryPath("services/collection/nianbao-collection-server"), args, dir_,
        dir_ + "/collection.log");
    ASSERT_TRUE(collection.ok()) << collection.status();
    collection_ = *std::move(collection);
    stub_ = v1::CollectionService::NewStub(TlsChannel(collection_->target(), ""));
  }

  // A TLS channel trusting the test CA, presenting `client` (a name in the
  // PKI, "" = no certificate).
  static std::shared_ptr<grpc::Channel> TlsChannel(const std::string& target,
                                                   const std::string& client,
                                                   const std::string& ca = "ca.pem") {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = Read(Pki(ca));
    if (!client.empty()) {
      ssl.pem_cert_chain = Read(Pki(client + ".pem"));
      ssl.pem_private_key = Read(Pki(client + ".key"));
    }
    return grpc::CreateChannel(target, grpc::SslCredentials(ssl));
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto c = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c;
  }

  grpc::Status CreateAgency(const std::string& id) {
    v1::CreateAgencyRequest req;
    req.set_agency_id(id);
    req.mutable_agency()->set_display_name(id);
    v1::ReportingAgency out;
    return stub_->CreateAgency(Ctx("root-token").get(), req, &out);
  }

  grpc::Status CreateSeedReport(const std::string& agency, const std::string& token,
                                v1::Report* out) {
    v1::CreateReportRequest req;
    req.set_parent("agencies/" + agency);
    *req.mutable_report()->mutable_content() = Seed();
    return stub_->CreateReport(Ctx(token).get(), req, out);
  }

  static std::string* pki_;
  static std::string* pki_log_;
  std::string dir_, tokens_;
  std::unique_ptr<testing::ServerProcess> validation_, collection_;
  std::unique_ptr<v1::CollectionService::Stub> stub_;
};
std::string* SecurityTest::pki_ = nullptr;
std::string* SecurityTest::pki_log_ = nullptr;

// grpc.health.v1.Health/Check over `channel` (an empty request asks about
// the server), as bytes: no generated health stubs are installed. "\x08\x01"
// is HealthCheckResponse{status: SERVING}.
grpc::Status HealthCheck(const std::shared_ptr<grpc::Channel>& channel, std::string* response) {
  grpc::internal::RpcMethod rpc("/grpc.health.v1.Health/Check",
                                grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::ByteBuffer in, out;
  grpc::Slice empty("");
  in = grpc::ByteBuffer(&empty, 1);
  grpc::Status st = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(), rpc, &ctx, in, &out);
  std::vector<grpc::Slice> slices;
  response->clear();
  if (st.ok() && out.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) response->append(s.begin(), s.end());
  }
  return st;
}

TEST_F(SecurityTest, TlsServersRefusePlaintextOnEveryServiceOfThePort) {
  for (const std::string& target : {collection_->target(), validation_->target()}) {
    std::string health;
    // Plaintext: no service of the port answers, health included.
    auto plain = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
    grpc::Status st = HealthCheck(plain, &health);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << target << st.error_message();
    auto plain_stub = v1::CollectionService::NewStub(plain);
    v1::ListRenderFormatsResponse formats;
    EXPECT_EQ(plain_stub->ListRenderFormats(Ctx("root-token").get(), {}, &formats).error_code(),
              grpc::StatusCode::UNAVAILABLE);
    // A server certificate from another CA is not trusted either.
    st = HealthCheck(TlsChannel(target, "collection-client", "rogue-ca.pem"), &health);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << target;
  }
  // Over TLS, health is served on the same port (with a client certificate
  // where the server wants one).
  std::string health;
  ASSERT_TRUE(HealthCheck(TlsChannel(collection_->target(), ""), &health).ok());
  EXPECT_EQ(health, std::string("\x08\x01", 2));
  ASSERT_TRUE(HealthCheck(TlsChannel(validation_->target(), "collection-client"), &health).ok());
  EXPECT_EQ(health, std::string("\x08\x01", 2));
}

TEST_F(SecurityTest, ValidationServerRequiresATrustedClientCertificate) {
  v1::ValidateReportRequest req;
  *req.mutable_report() = Seed();
  for (const std::string& client : {std::string(""), std::string("rogue-client")}) {
    auto stub = v1::ValidationService::NewStub(TlsChannel(validation_->target(), client));
    v1::ValidateReportResponse out;
    grpc::Status st = stub->ValidateReport(Ctx("").get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE)
        << (client.empty() ? "no certificate" : client) << ": " << st.error_message();
  }
  auto stub =
      v1::ValidationService::NewStub(TlsChannel(validation_->target(), "collection-client"));
  v1::ValidateReportResponse out;
  grpc::Status st = stub->ValidateReport(Ctx("").get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.error_count(), 0);
}

TEST_F(SecurityTest, CollectionReachesValidationOverMutualTls) {
  ASSERT_TRUE(CreateAgency("hongqiao").ok());
  v1::Report r;
  ASSERT_TRUE(CreateSeedReport("hongqiao", "hongqiao-token", &r).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  grpc::Status st = stub_->SubmitReport(Ctx("hongqiao-token").get(), submit, &r);
  ASSERT_TRUE(st.ok()) << st.error_message();
  v1::PublishReportRequest publish;
  publish.set_name(r.name());
  st = stub_->PublishReport(Ctx("hongqiao-token").get(), publish, &r);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(r.state(), v1::REPORT_STATE_PUBLISHED);
  EXPECT_EQ(r.last_actor(), "hongqiao-clerk");

  // The same server without its client certificate cannot validate: the
  // validation service refuses the handshake, Submit is UNAVAILABLE, and
  // the draft stays as it was.
  StartCollection(false);
  ASSERT_TRUE(CreateAgency("second").ok());
  ASSERT_TRUE(CreateSeedReport("second", "root-token", &r).ok());
  submit.set_name(r.name());
  v1::Report after;
  st = stub_->SubmitReport(Ctx("root-token").get(), submit, &after);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  v1::GetReportRequest get;
  get.set_name(r.name());
  ASSERT_TRUE(stub_->GetReport(Ctx("root-token").get(), get, &after).ok());
  EXPECT_EQ(after.state(), v1::REPORT_STATE_DRAFT);
  EXPECT_EQ(after.etag(), r.etag());
}

TEST_F(SecurityTest, AnotherAgencysReportsAreRefusedOrFiltered) {
  ASSERT_TRUE(CreateAgency("hongqiao").ok());
  ASSERT_TRUE(CreateAgency("other").ok());
  v1::Report mine, theirs;
  ASSERT_TRUE(CreateSeedReport("hongqiao", "hongqiao-token", &mine).ok());
  ASSERT_TRUE(CreateSeedReport("other", "other-token", &theirs).ok());

  // Get, Update and Render of the other agency's report, and of a report
  // that does not exist, are refused alike.
  std::map<std::string, std::set<std::string>> messages;  // method -> messages
  for (const std::string& name : {theirs.name(), std::string("agencies/ghost/reports/2020")}) {
    v1::GetReportRequest get;
    get.set_name(name);
    v1::Report out;
    grpc::Status st = stub_->GetReport(Ctx("hongqiao-token").get(), get, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
    messages["get"].insert(st.error_message());
    EXPECT_TRUE(out.name().empty());

    v1::UpdateReportRequest update;
    *update.mutable_report() = theirs;
    update.mutable_report()->set_name(name);
    update.mutable_report()->mutable_content()->set_title("篡改");
    st = stub_->UpdateReport(Ctx("hongqiao-token").get(), update, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
    messages["update"].insert(st.error_message());

    v1::RenderReportRequest render;
    render.set_name(name);
    render.set_format("text");
    v1::RenderReportResponse rendered;
    st = stub_->RenderReport(Ctx("hongqiao-token").get(), render, &rendered);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
    messages["render"].insert(st.error_message());
    EXPECT_TRUE(rendered.content().empty());
  }
  for (const auto& [method, texts] : messages) {
    EXPECT_EQ(texts.size(), 1u) << method << ": errors differ between existing and missing reports";
    EXPECT_FALSE(absl::StrContains(*texts.begin(), "other")) << *texts.begin();
  }

  // Their report is untouched.
  v1::GetReportRequest get;
  get.set_name(theirs.name());
  v1::Report now;
  ASSERT_TRUE(stub_->GetReport(Ctx("other-token").get(), get, &now).ok());
  EXPECT_EQ(now.etag(), theirs.etag());

  // Lists show only one's own; the admin sees both.
  auto names = [&](const std::string& token) {
    v1::ListReportsRequest req;
    req.set_parent("agencies/-");
    v1::ListReportsResponse out;
    grpc::Status st = stub_->ListReports(Ctx(token).get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::set<std::string> n;
    for (const v1::Report& r : out.reports()) n.insert(r.name());
    return n;
  };
  EXPECT_EQ(names("hongqiao-token"), std::set<std::string>{mine.name()});
  EXPECT_EQ(names("other-token"), std::set<std::string>{theirs.name()});
  EXPECT_EQ(names("root-token"), (std::set<std::string>{mine.name(), theirs.name()}));

  // The admin may render anyone's.
  v1::RenderReportRequest render;
  render.set_name(theirs.name());
  render.set_format("text");
  v1::RenderReportResponse rendered;
  grpc::Status st = stub_->RenderReport(Ctx("root-token").get(), render, &rendered);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_FALSE(rendered.content().empty());

  // No token, an unknown token: UNAUTHENTICATED.
  v1::Report out;
  EXPECT_EQ(stub_->GetReport(Ctx("").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->GetReport(Ctx("guess").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, CliAndPythonClientSendTokens) {
  ASSERT_TRUE(CreateAgency("other").ok());
  v1::Report theirs;
  ASSERT_TRUE(CreateSeedReport("other", "other-token", &theirs).ok());
  const std::string cli =
      absl::StrCat(testing::BinaryPath("cli/nianbao"), " reports get ", theirs.name(), " --server ",
                   collection_->target(), " --tls-ca ", Pki("ca.pem"));
  auto r = testing::Run("NIANBAO_TOKEN=hongqiao-token " + cli);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "permission denied")) << r.output;
  r = testing::Run("NIANBAO_TOKEN=other-token " + cli);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, theirs.etag())) << r.output;
  std::ofstream(dir_ + "/token") << "other-token\n";
  r = testing::Run(absl::StrCat("env -u NIANBAO_TOKEN ", cli, " --token-file ", dir_, "/token"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = testing::Run("env -u NIANBAO_TOKEN " + cli);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "Bearer")) << r.output;

  const std::string python = "/usr/bin/python3";
  if (testing::Run(python + " -c 'import grpc'").exit_code != 0) {
    GTEST_SKIP() << "python3-grpcio is not installed";
  }
  // The admin principal is the actor the Python client finds in the history.
  std::ofstream(dir_ + "/root-token") << "root-token\n";
  r = testing::Run(absl::StrCat(
      "env -u NIANBAO_TOKEN ", python, " ", testing::SourcePath("tests/collection_client.py"),
      " --server ", collection_->target(), " --tls-ca ", Pki("ca.pem"), " --token-file ", dir_,
      "/root-token --expect-actor root --stubs ", testing::BinaryPath("tests/python_stubs"),
      " --report ", testing::SourcePath("examples/hongqiao-2020.json"), " --format text --out ",
      dir_, "/py.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(SecurityTest, TokensAreAddedAndRevokedByEditingTheFile) {
  ASSERT_TRUE(CreateAgency("hongqiao").ok());
  v1::Report r;
  ASSERT_TRUE(CreateSeedReport("hongqiao", "hongqiao-token", &r).ok());
  v1::GetReportRequest get;
  get.set_name(r.name());
  // A new clerk replaces the old one, the way a Secret is updated (a new
  // file renamed into place).
  std::ofstream(tokens_ + ".new") << TokenLine("root-token", "root admin")
                                  << TokenLine("new-token", "new-clerk agencies=hongqiao");
  ASSERT_EQ(std::rename((tokens_ + ".new").c_str(), tokens_.c_str()), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // checked once a second
  v1::Report out;
  EXPECT_EQ(stub_->GetReport(Ctx("hongqiao-token").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The first call after a change may still be the one that noticed it.
  EXPECT_TRUE(stub_->GetReport(Ctx("new-token").get(), get, &out).ok());
}

TEST_F(SecurityTest, ServersRefuseToStartExposedWithoutTlsOrTokens) {
  const std::string validation =
      testing::BinaryPath("services/validation/nianbao-validation-server");
  const std::string collection =
      testing::BinaryPath("services/collection/nianbao-collection-server");
  // Plaintext on a non-loopback address.
  auto r = testing::Run("timeout 20 " + validation + " --listen 0.0.0.0:0");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "--tls-cert")) << r.output;
  // No token file on a non-loopback address (TLS given).
  r = testing::Run(absl::StrCat("timeout 20 ", collection, " --listen 0.0.0.0:0 --store sqlite:",
                                dir_, "/x.db --validation-target 127.0.0.1:1 --tls-cert ",
                                Pki("server.pem"), " --tls-key ", Pki("server.key")));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "--auth-tokens")) << r.output;
  // A malformed token file.
  std::ofstream(dir_ + "/bad-tokens") << "not a token line\n";
  r = testing::Run(absl::StrCat("timeout 20 ", collection, " --store sqlite:", dir_,
                                "/x.db --validation-target 127.0.0.1:1 --auth-tokens ", dir_,
                                "/bad-tokens"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(absl::StrContains(r.output, "line 1")) << r.output;
  // The server the fixture started says how it authenticates.
  EXPECT_TRUE(absl::StrContains(Read(dir_ + "/collection.log"), "bearer-token authentication"));
}

}  // namespace
}  // namespace nianbao
