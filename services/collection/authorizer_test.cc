// Agency-scoped access through the real service on loopback, with a token
// file: every method of CollectionService (enumerated from its descriptor,
// so a new RPC is covered the day it is added) refuses another agency's
// resources with the same PERMISSION_DENIED whether or not they exist and
// changes nothing; lists are filtered; a scope covers descendants; the
// actor in the history is the token's principal.
#include "services/collection/authorizer.h"

#include <fstream>
#include <memory>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "services/collection/resource_names.h"
#include "services/collection/test_doubles.h"

namespace nianbao::collection {
namespace {

std::string HashLine(const std::string& token, const std::string& rest) {
  const services::TokenHash h = services::HashToken(token);
  return absl::StrCat(
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(h.data()), h.size())),
      " ", rest, "\n");
}

class AuthorizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = ::testing::TempDir() + "/authorizer_tokens";
    std::ofstream(path) << "# test tokens\n"
                        << HashLine("root-token", "root admin")
                        << HashLine("a-token", "a-clerk agencies=a")
                        << HashLine("district-token", "district-clerk agencies=district");
    auto tokens = services::TokenFile::Open(path);
    ASSERT_TRUE(tokens.ok()) << tokens.status();
    tokens_ = *std::move(tokens);
    ASSERT_TRUE(server_.Start("sqlite::memory:", tokens_.get()).ok());
    channel_ = grpc::CreateChannel(server_.target, grpc::InsecureChannelCredentials());
    stub_ = v1::CollectionService::NewStub(channel_);

    // a, b, district (with a department below it), each with a 2020 report.
    for (auto [id, parent] : std::vector<std::pair<std::string, std::string>>{
             {"a", ""}, {"b", ""}, {"district", ""}, {"dept", "district"}}) {
      v1::CreateAgencyRequest req;
      req.set_agency_id(id);
      req.mutable_agency()->set_display_name(id);
      if (!parent.empty()) req.mutable_agency()->set_parent(AgencyName(parent));
      v1::ReportingAgency out;
      ASSERT_TRUE(stub_->CreateAgency(Ctx("root-token").get(), req, &out).ok());
      v1::CreateReportRequest create;
      create.set_parent(AgencyName(id));
      *create.mutable_report()->mutable_content() = Seed();
      v1::Report r;
      grpc::Status st = stub_->CreateReport(Ctx("root-token").get(), create, &r);
      ASSERT_TRUE(st.ok()) << st.error_message();
    }
  }

  static v1::AnnualReport Seed() {
    v1::AnnualReport r;
    absl::Status st = report::ReadMessageFile(
        absl::StrCat(NIANBAO_SOURCE_DIR, "/examples/hongqiao-2020.json"), std::nullopt, &r);
    EXPECT_TRUE(st.ok()) << st;
    r.clear_agency();
    return r;
  }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto c = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) c->AddMetadata("authorization", "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c;
  }

  // Calls `method` of CollectionService with `request`, as bytes.
  grpc::Status Call(const google::protobuf::MethodDescriptor* method,
                    const google::protobuf::Message& request, grpc::ClientContext* ctx) {
    const std::string path = absl::StrCat("/", method->service()->full_name(), "/", method->name());
    grpc::internal::RpcMethod rpc(path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC);
    grpc::Slice slice(request.SerializeAsString());
    grpc::ByteBuffer in(&slice, 1), out;
    return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
        channel_.get(), rpc, ctx, in, &out);
  }

  // Every report, as the admin sees it (name -> etag).
  std::map<std::string, std::string> Snapshot() {
    v1::ListReportsRequest req;
    req.set_parent("agencies/-");
    v1::ListReportsResponse out;
    EXPECT_TRUE(stub_->ListReports(Ctx("root-token").get(), req, &out).ok());
    std::map<std::string, std::string> etags;
    for (const v1::Report& r : out.reports()) etags[r.name()] = r.etag();
    v1::ListAgenciesRequest areq;
    v1::ListAgenciesResponse aout;
    EXPECT_TRUE(stub_->ListAgencies(Ctx("root-token").get(), areq, &aout).ok());
    for (const v1::ReportingAgency& a : aout.agencies()) etags[a.name()] = a.etag();
    return etags;
  }

  // A request for `method` whose every checked field names something of
  // `agency`, except field `odd` (if any) which names `odd_agency`.
  static std::unique_ptr<google::protobuf::Message> RequestFor(
      const google::protobuf::MethodDescriptor* method, const std::string& agency,
      const std::string& odd = "", const std::string& odd_agency = "") {
    std::unique_ptr<google::protobuf::Message> m(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(method->input_type())
            ->New());
    for (const AccessRule& rule : AccessRules().at(method->input_type()->full_name())) {
      const std::string& who = rule.field == odd ? odd_agency : agency;
      const std::string value =
          rule.access == Access::kReport ? ReportName(who, 2020) : AgencyName(who);
      google::protobuf::Message* at = m.get();
      std::vector<std::string> parts = absl::StrSplit(rule.field, '.');
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        at =
            at->GetReflection()->MutableMessage(at, at->GetDescriptor()->FindFieldByName(parts[i]));
      }
      at->GetReflection()->SetString(at, at->GetDescriptor()->FindFieldByName(parts.back()), value);
    }
    // Fields the handlers need past the access check.
    if (method->name() == "CreateAgency") {
      m->GetReflection()->SetString(m.get(), m->GetDescriptor()->FindFieldByName("agency_id"),
                                    "newcomer");
    }
    return m;
  }

  std::unique_ptr<services::TokenFile> tokens_;
  LoopbackCollection server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CollectionService::Stub> stub_;
};

TEST_F(AuthorizerTest, EveryMethodHasAnAccessRuleOnRealFields) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::CollectionService::service_full_name());
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = service->method(i);
    auto it = AccessRules().find(m->input_type()->full_name());
    ASSERT_NE(it, AccessRules().end()) << m->name() << " has no rule in authorizer.cc";
    for (const AccessRule& rule : it->second) {
      const google::protobuf::Descriptor* d = m->input_type();
      const google::protobuf::FieldDescriptor* f = nullptr;
      for (absl::string_view part : absl::StrSplit(rule.field, '.')) {
        ASSERT_NE(d, nullptr) << m->name() << " " << rule.field;
        f = d->FindFieldByName(std::string(part));
        ASSERT_NE(f, nullptr) << m->name() << " " << rule.field;
        d = f->message_type();
      }
      EXPECT_EQ(f->type(), google::protobuf::FieldDescriptor::TYPE_STRING) << rule.field;
    }
  }
}

TEST_F(AuthorizerTest, EveryMethodRefusesAnotherAgencyAndLeaksNothing) {
  const std::map<std::string, std::string> before = Snapshot();
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::CollectionService::service_full_name());
  int checked = 0;
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = service->method(i);
    const std::vector<AccessRule>& rules = AccessRules().at(m->input_type()->full_name());
    for (const AccessRule& rule : rules) {
      // This field out of scope (an existing agency, then one that does not
      // exist), every other field in scope: refused the same way.
      std::string message;
      for (const std::string other : {"b", "nowhere"}) {
        std::unique_ptr<google::protobuf::Message> req = RequestFor(m, "a", rule.field, other);
        grpc::Status st = Call(m, *req, Ctx("a-token").get());
        EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << m->name() << " " << rule.field << "=" << other << ": " << st.error_message();
        EXPECT_TRUE(st.error_details().empty()) << m->name();
        EXPECT_FALSE(absl::StrContains(st.error_message(), other)) << st.error_message();
        if (message.empty()) {
          message = st.error_message();
        } else {
          EXPECT_EQ(st.error_message(), message) << m->name();
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 2 * 13);
  EXPECT_EQ(Snapshot(), before) << "a refused call changed the store";
}

TEST_F(AuthorizerTest, EveryMethodNeedsAKnownToken) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::CollectionService::service_full_name());
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = service->method(i);
    std::unique_ptr<google::protobuf::Message> req = RequestFor(m, "a");
    for (const std::string& token : {std::string(), std::string("wrong-token")}) {
      grpc::Status st = Call(m, *req, Ctx(token).get());
      EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << m->name();
    }
    // Saying who one is no longer counts.
    auto ctx = Ctx("");
    ctx->AddMetadata("x-nianbao-actor", "root");
    EXPECT_EQ(Call(m, *req, ctx.get()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    // A token sent twice is ambiguous.
    ctx = Ctx("a-token");
    ctx->AddMetadata("authorization", "Bearer root-token");
    EXPECT_EQ(Call(m, *req, ctx.get()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
}

TEST_F(AuthorizerTest, ScopedCallerWorksOnItsOwnReportsAndIsTheActor) {
  v1::GetReportRequest get;
  get.set_name("agencies/a/reports/2020");
  v1::Report r;
  ASSERT_TRUE(stub_->GetReport(Ctx("a-token").get(), get, &r).ok());
  v1::UpdateReportRequest update;
  *update.mutable_report() = r;
  update.mutable_report()->mutable_content()->set_title("a 的年报");
  update.mutable_update_mask()->add_paths("content.title");
  auto ctx = Ctx("a-token");
  ctx->AddMetadata("x-nianbao-actor", "someone-else");
  grpc::Status st = stub_->UpdateReport(ctx.get(), update, &r);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(r.last_actor(), "a-clerk");
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  st = stub_->SubmitReport(Ctx("a-token").get(), submit, &r);
  ASSERT_TRUE(st.ok()) << st.error_message();
  v1::RenderReportRequest render;
  render.set_name(r.name());
  render.set_format("lines");
  v1::RenderReportResponse rendered;
  ASSERT_TRUE(stub_->RenderReport(Ctx("a-token").get(), render, &rendered).ok());
  v1::ListReportVersionsRequest versions;
  versions.set_parent(r.name());
  v1::ListReportVersionsResponse history;
  ASSERT_TRUE(stub_->ListReportVersions(Ctx("a-token").get(), versions, &history).ok());
  ASSERT_EQ(history.report_versions_size(), 3);
  EXPECT_EQ(history.report_versions(0).actor(), "root");
  EXPECT_EQ(history.report_versions(1).actor(), "a-clerk");
  EXPECT_EQ(history.report_versions(2).actor(), "a-clerk");
}

TEST_F(AuthorizerTest, AScopeCoversDescendantAgencies) {
  v1::GetReportRequest get;
  get.set_name("agencies/dept/reports/2020");
  v1::Report r;
  EXPECT_TRUE(stub_->GetReport(Ctx("district-token").get(), get, &r).ok());
  // ... but not upwards: the department's clerk would not see the district.
  EXPECT_EQ(stub_->GetReport(Ctx("a-token").get(), get, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::AggregateReportsRequest aggregate;
  aggregate.set_parent("agencies/district");
  aggregate.set_year(2020);
  v1::AggregateReportsResponse summed;
  grpc::Status st = stub_->AggregateReports(Ctx("district-token").get(), aggregate, &summed);
  // The district has a draft of its own: aggregation ran (and named the
  // department, whose report is not published) rather than being refused.
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(summed.missing_agencies_size(), 1);
  EXPECT_EQ(summed.report().last_actor(), "district-clerk");
  // A new agency below one's own is fine; a root agency or one below
  // another's is not; nor is moving one's agency away.
  v1::CreateAgencyRequest create;
  create.set_agency_id("dept2");
  create.mutable_agency()->set_display_name("dept2");
  create.mutable_agency()->set_parent("agencies/district");
  v1::ReportingAgency agency;
  ASSERT_TRUE(stub_->CreateAgency(Ctx("district-token").get(), create, &agency).ok());
  create.set_agency_id("dept3");
  create.mutable_agency()->clear_parent();
  EXPECT_EQ(stub_->CreateAgency(Ctx("district-token").get(), create, &agency).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::UpdateAgencyRequest move;
  move.mutable_agency()->set_name("agencies/dept2");
  move.mutable_agency()->set_display_name("dept2");
  move.mutable_agency()->set_parent("agencies/b");
  EXPECT_EQ(stub_->UpdateAgency(Ctx("district-token").get(), move, &agency).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  move.mutable_update_mask()->add_paths("display_name");  // parent not touched
  EXPECT_TRUE(stub_->UpdateAgency(Ctx("district-token").get(), move, &agency).ok());
}

TEST_F(AuthorizerTest, ListsAreFilteredToTheScope) {
  for (int page_size : {0, 1}) {
    v1::ListReportsRequest req;
    req.set_parent("agencies/-");
    req.set_page_size(page_size);
    std::set<std::string> seen;
    do {
      v1::ListReportsResponse out;
      ASSERT_TRUE(stub_->ListReports(Ctx("district-token").get(), req, &out).ok());
      for (const v1::Report& r : out.reports()) seen.insert(r.name());
      req.set_page_token(out.next_page_token());
    } while (!req.page_token().empty());
    EXPECT_EQ(seen, (std::set<std::string>{"agencies/dept/reports/2020",
                                           "agencies/district/reports/2020"}));
  }
  v1::ListReportsRequest other;
  other.set_parent("agencies/b");
  v1::ListReportsResponse out;
  EXPECT_EQ(stub_->ListReports(Ctx("a-token").get(), other, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListAgenciesRequest agencies;
  v1::ListAgenciesResponse listed;
  ASSERT_TRUE(stub_->ListAgencies(Ctx("a-token").get(), agencies, &listed).ok());
  ASSERT_EQ(listed.agencies_size(), 1);
  EXPECT_EQ(listed.agencies(0).name(), "agencies/a");
  EXPECT_TRUE(listed.next_page_token().empty());
  agencies.set_filter("parent = \"agencies/district\"");
  ASSERT_TRUE(stub_->ListAgencies(Ctx("a-token").get(), agencies, &listed).ok());
  EXPECT_EQ(listed.agencies_size(), 0);

  // The admin sees everything.
  EXPECT_EQ(Snapshot().size(), 8u);
}

TEST_F(AuthorizerTest, ARequestIdOfAnotherAgencyRevealsNothing) {
  v1::CreateReportRequest create;
  create.set_parent("agencies/b");
  *create.mutable_report()->mutable_content() = Seed();
  create.mutable_report()->mutable_content()->set_year(2021);
  create.set_request_id("shared-id");
  v1::Report r;
  ASSERT_TRUE(stub_->CreateReport(Ctx("root-token").get(), create, &r).ok());
  create.set_parent("agencies/a");
  v1::Report mine;
  grpc::Status st = stub_->CreateReport(Ctx("a-token").get(), create, &mine);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_FALSE(absl::StrContains(st.error_message(), "agencies/b")) << st.error_message();
  EXPECT_TRUE(mine.name().empty());
}

}  // namespace
}  // namespace nianbao::collection
