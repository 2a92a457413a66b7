// The collection service over gRPC on loopback, on both stores: agencies,
// reports, versions, the workflow with a ValidationService on loopback,
// carry-over, aggregation, rendering, and every error code the API promises.
// The validation service here is a scripted one (its answers and failures
// are set per test); tests/ runs the real one.
#include "services/collection/collection_service.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "format/field_path.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "services/collection/resource_names.h"
#include "services/collection/store_test_backends.h"
#include "services/collection/test_doubles.h"

namespace nianbao::collection {
namespace {

template <typename Backend>
class CollectionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::Status st = backend_.SetUp();
    if (absl::IsNotFound(st)) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(backend_.spec());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);

    int validation_port = 0;
    grpc::ServerBuilder vb;
    vb.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &validation_port);
    vb.RegisterService(&validation_);
    validation_server_ = vb.BuildAndStart();
    ASSERT_NE(validation_server_, nullptr);
    validator_ = std::make_unique<GrpcReportValidator>(absl::StrCat("127.0.0.1:", validation_port),
                                                       grpc::InsecureChannelCredentials(),
                                                       absl::Seconds(10));

    service_ = std::make_unique<CollectionServiceImpl>(store_.get(), validator_.get(), &renderer_);
    int port = 0;
    grpc::ServerBuilder b;
    b.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    b.RegisterService(service_.get());
    server_ = b.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    target_ = absl::StrCat("127.0.0.1:", port);
    channel_ = grpc::CreateChannel(target_, grpc::InsecureChannelCredentials());
    stub_ = v1::CollectionService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
    if (validation_server_) validation_server_->Shutdown();
  }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& actor = "alice") {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("x-nianbao-actor", actor);
    return c;
  }

  v1::ReportingAgency CreateAgency(
      const std::string& id, const std::string& parent = "",
      v1::AdministrativeLevel level = v1::ADMINISTRATIVE_LEVEL_COUNTY) {
    v1::CreateAgencyRequest req;
    req.set_agency_id(id);
    req.mutable_agency()->set_display_name(absl::StrCat(id, "人民政府"));
    req.mutable_agency()->set_level(level);
    if (!parent.empty()) req.mutable_agency()->set_parent(AgencyName(parent));
    v1::ReportingAgency out;
    grpc::Status st = stub_->CreateAgency(Ctx().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  grpc::Status CreateReport(const std::string& agency, const v1::AnnualReport& content,
                            v1::Report* out, const std::string& request_id = "",
                            bool prefill = false) {
    v1::CreateReportRequest req;
    req.set_parent(AgencyName(agency));
    *req.mutable_report()->mutable_content() = content;
    req.set_request_id(request_id);
    req.set_prefill_from_previous_year(prefill);
    return stub_->CreateReport(Ctx().get(), req, out);
  }

  static v1::AnnualReport Seed() {
    v1::AnnualReport r;
    absl::Status st =
        report::ReadMessageFile(SourceFile("examples/hongqiao-2020.json"), std::nullopt, &r);
    EXPECT_TRUE(st.ok()) << st;
    return r;
  }
  static std::string SourceFile(const std::string& rel) {
    return absl::StrCat(NIANBAO_SOURCE_DIR, "/", rel);
  }

  static v1::Count* CountAt(v1::AnnualReport* r, const std::string& path) {
    absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
    EXPECT_TRUE(chain.ok()) << path;
    return static_cast<v1::Count*>(format::MutableAt(r, *chain));
  }
  static int64_t ValueAt(const v1::AnnualReport& r, const std::string& path) {
    absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r.GetDescriptor(), path);
    const v1::Count* c = format::GetAs<v1::Count>(r, *chain);
    return c ? c->value() : -1;
  }

  // The google.rpc.BadRequest in an INVALID_ARGUMENT status.
  static google::rpc::BadRequest BadRequestOf(const grpc::Status& st) {
    google::rpc::Status details;
    google::rpc::BadRequest bad;
    EXPECT_TRUE(details.ParseFromString(st.error_details())) << st.error_message();
    EXPECT_EQ(details.details_size(), 1);
    if (details.details_size() == 1) {
      EXPECT_TRUE(details.details(0).UnpackTo(&bad));
    }
    return bad;
  }

  Backend backend_;
  std::unique_ptr<Store> store_;
  ScriptedValidation validation_;
  std::unique_ptr<grpc::Server> validation_server_;
  std::unique_ptr<GrpcReportValidator> validator_;
  LineRenderer renderer_;
  std::unique_ptr<CollectionServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CollectionService::Stub> stub_;
};

TYPED_TEST_SUITE(CollectionServiceTest, StoreBackends, StoreBackendNames);

TYPED_TEST(CollectionServiceTest, AgenciesAndTheirErrors) {
  v1::ReportingAgency tianjin =
      this->CreateAgency("tianjin", "", v1::ADMINISTRATIVE_LEVEL_PROVINCE);
  EXPECT_EQ(tianjin.name(), "agencies/tianjin");
  v1::ReportingAgency hongqiao = this->CreateAgency("hongqiao", "tianjin");
  EXPECT_EQ(hongqiao.parent(), "agencies/tianjin");
  EXPECT_FALSE(hongqiao.etag().empty());

  // ALREADY_EXISTS
  v1::CreateAgencyRequest dup;
  dup.set_agency_id("hongqiao");
  dup.mutable_agency()->set_display_name("again");
  v1::ReportingAgency out;
  EXPECT_EQ(this->stub_->CreateAgency(this->Ctx().get(), dup, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  // INVALID_ARGUMENT with field violations
  v1::CreateAgencyRequest bad;
  bad.set_agency_id("Not Valid");
  grpc::Status st = this->stub_->CreateAgency(this->Ctx().get(), bad, &out);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::BadRequest violations = this->BadRequestOf(st);
  ASSERT_EQ(violations.field_violations_size(), 2);
  EXPECT_EQ(violations.field_violations(0).field(), "agency_id");
  EXPECT_EQ(violations.field_violations(1).field(), "agency.display_name");
  // NOT_FOUND: a missing agency, a missing parent
  v1::GetAgencyRequest get;
  get.set_name("agencies/nowhere");
  EXPECT_EQ(this->stub_->GetAgency(this->Ctx().get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::CreateAgencyRequest orphan;
  orphan.set_agency_id("orphan");
  orphan.mutable_agency()->set_display_name("x");
  orphan.mutable_agency()->set_parent("agencies/nowhere");
  EXPECT_EQ(this->stub_->CreateAgency(this->Ctx().get(), orphan, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Update with a field mask; a stale etag is ABORTED.
  v1::UpdateAgencyRequest update;
  *update.mutable_agency() = hongqiao;
  update.mutable_agency()->set_code("12120106MB1");
  update.mutable_agency()->set_display_name("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("code");
  ASSERT_TRUE(this->stub_->UpdateAgency(this->Ctx().get(), update, &out).ok());
  EXPECT_EQ(out.code(), "12120106MB1");
  EXPECT_EQ(out.display_name(), "hongqiao人民政府");
  EXPECT_NE(out.etag(), hongqiao.etag());
  EXPECT_EQ(this->stub_->UpdateAgency(this->Ctx().get(), update, &out).error_code(),
            grpc::StatusCode::ABORTED);
  // A parent that would make a cycle is INVALID_ARGUMENT.
  v1::UpdateAgencyRequest cycle;
  cycle.mutable_agency()->set_name("agencies/tianjin");
  cycle.mutable_agency()->set_parent("agencies/hongqiao");
  cycle.mutable_update_mask()->add_paths("parent");
  st = this->stub_->UpdateAgency(this->Ctx().get(), cycle, &out);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(this->BadRequestOf(st).field_violations(0).field(), "agency.parent");

  // List, two pages, and the children of one agency.
  this->CreateAgency("hebei", "tianjin");
  v1::ListAgenciesRequest list;
  list.set_page_size(2);
  v1::ListAgenciesResponse page;
  ASSERT_TRUE(this->stub_->ListAgencies(this->Ctx().get(), list, &page).ok());
  ASSERT_EQ(page.agencies_size(), 2);
  EXPECT_EQ(page.agencies(0).name(), "agencies/hebei");
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(this->stub_->ListAgencies(this->Ctx().get(), list, &page).ok());
  ASSERT_EQ(page.agencies_size(), 1);
  EXPECT_EQ(page.agencies(0).name(), "agencies/tianjin");
  EXPECT_TRUE(page.next_page_token().empty());
  v1::ListAgenciesRequest children;
  children.set_filter("parent = \"agencies/tianjin\"");
  ASSERT_TRUE(this->stub_->ListAgencies(this->Ctx().get(), children, &page).ok());
  EXPECT_EQ(page.agencies_size(), 2);
  children.set_filter("colour = red");
  EXPECT_EQ(this->stub_->ListAgencies(this->Ctx().get(), children, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TYPED_TEST(CollectionServiceTest, ReportLifecycleWithVersionsAndWorkflow) {
  this->CreateAgency("hongqiao");
  v1::AnnualReport seed = this->Seed();
  v1::Report created;
  ASSERT_TRUE(this->CreateReport("hongqiao", seed, &created, "req-42").ok());
  EXPECT_EQ(created.name(), "agencies/hongqiao/reports/2020");
  EXPECT_EQ(created.state(), v1::REPORT_STATE_DRAFT);
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(created.last_actor(), "alice");
  // A retried create with the same request id gets the same report back...
  v1::Report again;
  ASSERT_TRUE(this->CreateReport("hongqiao", seed, &again, "req-42").ok());
  EXPECT_EQ(again.etag(), created.etag());
  // ...a new create of the same year is ALREADY_EXISTS.
  EXPECT_EQ(this->CreateReport("hongqiao", seed, &again).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  // Bad input names its fields.
  v1::AnnualReport no_year = seed;
  no_year.set_year(0);
  grpc::Status st = this->CreateReport("hongqiao", no_year, &again);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(this->BadRequestOf(st).field_violations(0).field(), "report.content.year");
  EXPECT_EQ(this->CreateReport("nowhere", seed, &again).error_code(), grpc::StatusCode::NOT_FOUND);

  // Update one table cell with a field mask and the etag.
  const std::string cell = "applications.new_received.natural_person";
  v1::UpdateReportRequest update;
  update.mutable_report()->set_name(created.name());
  update.mutable_report()->set_etag(created.etag());
  this->CountAt(update.mutable_report()->mutable_content(), cell)->set_value(999);
  update.mutable_update_mask()->add_paths("content.applications.new_received.natural_person");
  v1::Report updated;
  st = this->stub_->UpdateReport(this->Ctx("bob").get(), update, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(this->ValueAt(updated.content(), cell), 999);
  EXPECT_EQ(updated.content().title(), seed.title());  // outside the mask: kept
  EXPECT_EQ(updated.version(), 2);
  // The same etag again is stale: ABORTED.
  EXPECT_EQ(this->stub_->UpdateReport(this->Ctx().get(), update, &again).error_code(),
            grpc::StatusCode::ABORTED);
  // Output-only fields cannot be in the mask.
  v1::UpdateReportRequest sneaky = update;
  sneaky.mutable_update_mask()->clear_paths();
  sneaky.mutable_update_mask()->add_paths("state");
  st = this->stub_->UpdateReport(this->Ctx().get(), sneaky, &again);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(this->BadRequestOf(st).field_violations(0).field(), "update_mask");

  // Submit and publish through the validation service.
  v1::SubmitReportRequest submit;
  submit.set_name(created.name());
  submit.set_etag(created.etag());  // stale
  v1::Report submitted;
  EXPECT_EQ(this->stub_->SubmitReport(this->Ctx().get(), submit, &submitted).error_code(),
            grpc::StatusCode::ABORTED);
  submit.set_etag(updated.etag());
  st = this->stub_->SubmitReport(this->Ctx("carol").get(), submit, &submitted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(submitted.state(), v1::REPORT_STATE_SUBMITTED);
  EXPECT_EQ(this->validation_.calls(), 1);
  EXPECT_EQ(this->ValueAt(this->validation_.last_request().report(), cell), 999);
  // A submitted report cannot be changed, deleted or submitted again.
  update.mutable_report()->set_etag(submitted.etag());
  EXPECT_EQ(this->stub_->UpdateReport(this->Ctx().get(), update, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteReportRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  EXPECT_EQ(this->stub_->DeleteReport(this->Ctx().get(), del, &empty).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  submit.set_etag("");
  EXPECT_EQ(this->stub_->SubmitReport(this->Ctx().get(), submit, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::PublishReportRequest publish;
  publish.set_name(created.name());
  v1::Report published;
  ASSERT_TRUE(this->stub_->PublishReport(this->Ctx().get(), publish, &published).ok());
  EXPECT_EQ(published.state(), v1::REPORT_STATE_PUBLISHED);

  // Back to draft to amend, with the reason kept.
  v1::ReturnReportToDraftRequest back;
  back.set_name(created.name());
  back.set_reason("typo in 一、总体情况");
  v1::Report draft;
  ASSERT_TRUE(this->stub_->ReturnReportToDraft(this->Ctx("dave").get(), back, &draft).ok());
  EXPECT_EQ(draft.state(), v1::REPORT_STATE_DRAFT);

  v1::ListReportVersionsRequest versions;
  versions.set_parent(created.name());
  v1::ListReportVersionsResponse history;
  ASSERT_TRUE(this->stub_->ListReportVersions(this->Ctx().get(), versions, &history).ok());
  ASSERT_EQ(history.report_versions_size(), 5);
  const auto& v = history.report_versions();
  EXPECT_EQ(v[0].change(), v1::REPORT_CHANGE_CREATE);
  EXPECT_EQ(v[0].actor(), "alice");
  EXPECT_EQ(v[1].change(), v1::REPORT_CHANGE_UPDATE);
  EXPECT_EQ(v[1].actor(), "bob");
  ASSERT_EQ(v[1].changed_fields().paths_size(), 1);
  EXPECT_EQ(v[1].changed_fields().paths(0), "content.applications.new_received.natural_person");
  EXPECT_EQ(this->ValueAt(v[0].content(), cell), this->ValueAt(seed, cell));
  EXPECT_EQ(v[2].change(), v1::REPORT_CHANGE_SUBMIT);
  EXPECT_EQ(v[2].actor(), "carol");
  EXPECT_EQ(v[3].change(), v1::REPORT_CHANGE_PUBLISH);
  EXPECT_EQ(v[4].change(), v1::REPORT_CHANGE_RETURN_TO_DRAFT);
  EXPECT_EQ(v[4].comment(), "typo in 一、总体情况");
  EXPECT_EQ(v[4].actor(), "dave");
  EXPECT_TRUE(v[4].has_create_time());
  // Paged: two at a time.
  versions.set_page_size(2);
  ASSERT_TRUE(this->stub_->ListReportVersions(this->Ctx().get(), versions, &history).ok());
  EXPECT_EQ(history.report_versions_size(), 2);
  versions.set_page_token(history.next_page_token());
  ASSERT_TRUE(this->stub_->ListReportVersions(this->Ctx().get(), versions, &history).ok());
  EXPECT_EQ(history.report_versions(0).version(), 3);

  // A draft can be deleted; then it is gone.
  ASSERT_TRUE(this->stub_->DeleteReport(this->Ctx().get(), del, &empty).ok());
  v1::GetReportRequest get;
  get.set_name(created.name());
  EXPECT_EQ(this->stub_->GetReport(this->Ctx().get(), get, &again).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name("agencies/hongqiao/reports/twenty");
  EXPECT_EQ(this->stub_->GetReport(this->Ctx().get(), get, &again).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TYPED_TEST(CollectionServiceTest, PublishIsRefusedWhileErrorsRemain) {
  this->CreateAgency("hongqiao");
  v1::Report r;
  ASSERT_TRUE(this->CreateReport("hongqiao", this->Seed(), &r).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  ASSERT_TRUE(this->stub_->SubmitReport(this->Ctx().get(), submit, &r).ok());

  v1::ValidateReportResponse errors;
  v1::Violation* v = errors.add_violations();
  v->set_rule_id("T3.RECONCILE");
  v->set_severity(v1::SEVERITY_ERROR);
  v->set_field_path("applications.results.total.total");
  errors.set_error_count(1);
  this->validation_.Answer(errors);
  v1::PublishReportRequest publish;
  publish.set_name(r.name());
  v1::Report out;
  grpc::Status st = this->stub_->PublishReport(this->Ctx().get(), publish, &out);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  v1::ValidateReportResponse carried;
  ASSERT_TRUE(details.details(0).UnpackTo(&carried));
  ASSERT_EQ(carried.violations_size(), 1);
  EXPECT_EQ(carried.violations(0).rule_id(), "T3.RECONCILE");

  v1::GetReportRequest get;
  get.set_name(r.name());
  ASSERT_TRUE(this->stub_->GetReport(this->Ctx().get(), get, &out).ok());
  EXPECT_EQ(out.state(), v1::REPORT_STATE_SUBMITTED);
  // Warnings alone do not block.
  v1::ValidateReportResponse warnings;
  warnings.add_violations()->set_severity(v1::SEVERITY_WARNING);
  warnings.set_warning_count(1);
  this->validation_.Answer(warnings);
  ASSERT_TRUE(this->stub_->PublishReport(this->Ctx().get(), publish, &out).ok());
  EXPECT_EQ(out.state(), v1::REPORT_STATE_PUBLISHED);
}

TYPED_TEST(CollectionServiceTest, ValidationOutagesAreRetriedThenReported) {
  this->CreateAgency("hongqiao");
  v1::Report r;
  ASSERT_TRUE(this->CreateReport("hongqiao", this->Seed(), &r).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  // Two UNAVAILABLE answers: the service config's retry policy hides them.
  this->validation_.FailNext(2);
  grpc::Status st = this->stub_->SubmitReport(this->Ctx().get(), submit, &r);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(this->validation_.calls(), 3);
  // More outages than attempts: the caller sees UNAVAILABLE, nothing changes.
  this->validation_.FailNext(100);
  v1::PublishReportRequest publish;
  publish.set_name(r.name());
  v1::Report out;
  EXPECT_EQ(this->stub_->PublishReport(this->Ctx().get(), publish, &out).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(this->validation_.calls(), 3 + 4);
}

TYPED_TEST(CollectionServiceTest, LastYearsReportIsPassedAndCarriedOver) {
  this->CreateAgency("hongqiao");
  v1::AnnualReport y2019 = this->Seed();
  y2019.set_year(2019);
  this->CountAt(&y2019, "applications.carried_forward.natural_person")->set_value(6);
  this->CountAt(&y2019, "applications.carried_forward.total")->set_value(6);
  this->CountAt(&y2019, "proactive_disclosure_2019.administrative_licensing.previous_year_items")
      ->set_value(100);
  this->CountAt(&y2019, "proactive_disclosure_2019.administrative_licensing.change")->set_value(-7);
  v1::Report last, now;
  ASSERT_TRUE(this->CreateReport("hongqiao", y2019, &last).ok());
  v1::AnnualReport y2020;
  y2020.set_year(2020);
  ASSERT_TRUE(this->CreateReport("hongqiao", y2020, &now, "", /*prefill=*/true).ok());
  EXPECT_EQ(now.content().edition(), v1::EDITION_2019_TRIAL);  // from the year
  EXPECT_EQ(this->ValueAt(now.content(), "applications.carried_over.natural_person"), 6);
  EXPECT_EQ(this->ValueAt(now.content(), "applications.carried_over.total"), 6);
  EXPECT_EQ(this->ValueAt(now.content(),
                          "proactive_disclosure_2019.administrative_licensing.previous_year_items"),
            93);
  EXPECT_EQ(now.content().agency().name(), "hongqiao人民政府");

  v1::SubmitReportRequest submit;
  submit.set_name(now.name());
  ASSERT_TRUE(this->stub_->SubmitReport(this->Ctx().get(), submit, &now).ok());
  v1::ValidateReportRequest sent = this->validation_.last_request();
  ASSERT_TRUE(sent.has_previous_report());
  EXPECT_EQ(sent.previous_report().year(), 2019);
  EXPECT_EQ(sent.report().year(), 2020);
}

TYPED_TEST(CollectionServiceTest, ListReportsFilters) {
  this->CreateAgency("a");
  this->CreateAgency("b");
  for (const char* agency : {"a", "b"}) {
    for (int year : {2020, 2021, 2022}) {
      v1::AnnualReport c;
      c.set_year(year);
      v1::Report r;
      ASSERT_TRUE(this->CreateReport(agency, c, &r).ok());
    }
  }
  v1::SubmitReportRequest submit;
  submit.set_name("agencies/b/reports/2021");
  v1::Report r;
  ASSERT_TRUE(this->stub_->SubmitReport(this->Ctx().get(), submit, &r).ok());

  v1::ListReportsRequest list;
  list.set_parent("agencies/-");
  list.set_filter("year = 2021 AND state = SUBMITTED");
  v1::ListReportsResponse resp;
  ASSERT_TRUE(this->stub_->ListReports(this->Ctx().get(), list, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 1);
  EXPECT_EQ(resp.reports(0).name(), "agencies/b/reports/2021");
  list.set_filter("edition = EDITION_2021");
  ASSERT_TRUE(this->stub_->ListReports(this->Ctx().get(), list, &resp).ok());
  EXPECT_EQ(resp.reports_size(), 4);
  list.set_parent("agencies/a");
  list.set_filter("");
  list.set_page_size(2);
  ASSERT_TRUE(this->stub_->ListReports(this->Ctx().get(), list, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 2);
  list.set_page_token(resp.next_page_token());
  ASSERT_TRUE(this->stub_->ListReports(this->Ctx().get(), list, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 1);
  EXPECT_EQ(resp.reports(0).name(), "agencies/a/reports/2022");
  // A token from another query is refused.
  list.set_parent("agencies/b");
  EXPECT_EQ(this->stub_->ListReports(this->Ctx().get(), list, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  list.set_page_token("");
  list.set_filter("state = SHREDDED");
  EXPECT_EQ(this->stub_->ListReports(this->Ctx().get(), list, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// A district with three departments and two townships; one department has
// not published. The district's 汇总 report sums the published ones.
TYPED_TEST(CollectionServiceTest, AggregatesPublishedReportsOfDescendants) {
  this->CreateAgency("district");
  const std::vector<std::string> children = {"dept-education", "dept-health", "dept-housing",
                                             "town-a", "town-b"};
  const std::vector<int64_t> natural = {12, 30, 101, 4, 0};
  for (size_t i = 0; i < children.size(); ++i) {
    this->CreateAgency(
        children[i], "district",
        i < 3 ? v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT : v1::ADMINISTRATIVE_LEVEL_TOWNSHIP);
    v1::AnnualReport c;
    c.set_year(2022);
    this->CountAt(&c, "applications.new_received.natural_person")->set_value(natural[i]);
    this->CountAt(&c, "applications.new_received.total")->set_value(natural[i]);
    v1::Report r;
    ASSERT_TRUE(this->CreateReport(children[i], c, &r).ok());
    if (children[i] == "dept-housing") continue;  // left as a draft
    v1::SubmitReportRequest submit;
    submit.set_name(r.name());
    ASSERT_TRUE(this->stub_->SubmitReport(this->Ctx().get(), submit, &r).ok());
    v1::PublishReportRequest publish;
    publish.set_name(r.name());
    ASSERT_TRUE(this->stub_->PublishReport(this->Ctx().get(), publish, &r).ok());
  }
  v1::AggregateReportsRequest agg;
  agg.set_parent("agencies/district");
  agg.set_year(2022);
  v1::AggregateReportsResponse resp;
  grpc::Status st = this->stub_->AggregateReports(this->Ctx().get(), agg, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.report().name(), "agencies/district/reports/2022");
  EXPECT_TRUE(resp.report().content().aggregated());
  EXPECT_EQ(resp.report().content().edition(), v1::EDITION_2021);
  EXPECT_EQ(this->ValueAt(resp.report().content(), "applications.new_received.natural_person"),
            12 + 30 + 4 + 0);
  EXPECT_EQ(resp.included_reports_size(), 4);
  ASSERT_EQ(resp.missing_agencies_size(), 1);
  EXPECT_EQ(resp.missing_agencies(0), "agencies/dept-housing");

  // Once the last department publishes, aggregating again updates the draft.
  v1::SubmitReportRequest submit;
  submit.set_name("agencies/dept-housing/reports/2022");
  v1::Report r;
  ASSERT_TRUE(this->stub_->SubmitReport(this->Ctx().get(), submit, &r).ok());
  v1::PublishReportRequest publish;
  publish.set_name(r.name());
  ASSERT_TRUE(this->stub_->PublishReport(this->Ctx().get(), publish, &r).ok());
  ASSERT_TRUE(this->stub_->AggregateReports(this->Ctx().get(), agg, &resp).ok());
  EXPECT_EQ(this->ValueAt(resp.report().content(), "applications.new_received.natural_person"),
            147);
  EXPECT_EQ(resp.report().version(), 2);
  EXPECT_EQ(resp.missing_agencies_size(), 0);

  agg.set_parent("agencies/nowhere");
  EXPECT_EQ(this->stub_->AggregateReports(this->Ctx().get(), agg, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Eight clients, each on its own connection, update one report at once,
// each round from the etag it just read: every update applies or is
// ABORTED, and every applied one is a stored version (none lost).
TYPED_TEST(CollectionServiceTest, ConcurrentEtagUpdatesLoseNothing) {
  this->CreateAgency("hongqiao");
  v1::Report r;
  ASSERT_TRUE(this->CreateReport("hongqiao", this->Seed(), &r).ok());
  const std::string cell = "applications.new_received.natural_person";
  std::atomic<int> applied{0}, aborted{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&, i] {
      auto stub = v1::CollectionService::NewStub(
          grpc::CreateChannel(this->target_, grpc::InsecureChannelCredentials()));
      for (int round = 0; round < 5; ++round) {
        v1::GetReportRequest get;
        get.set_name(r.name());
        v1::Report current;
        if (!stub->GetReport(this->Ctx().get(), get, &current).ok()) {
          ++other;
          continue;
        }
        v1::UpdateReportRequest update;
        update.mutable_report()->set_name(r.name());
        update.mutable_report()->set_etag(current.etag());
        // Distinct per client and round, so every applied update is a change.
        this->CountAt(update.mutable_report()->mutable_content(), cell)
            ->set_value(10000 + i * 100 + round);
        update.mutable_update_mask()->add_paths("content." + cell);
        v1::Report out;
        grpc::Status st =
            stub->UpdateReport(this->Ctx(absl::StrCat("client-", i)).get(), update, &out);
        if (st.ok()) {
          ++applied;
        } else if (st.error_code() == grpc::StatusCode::ABORTED) {
          ++aborted;
        } else {
          ++other;
          ADD_FAILURE() << st.error_message();
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(applied + aborted, 40);
  EXPECT_GE(applied.load(), 1);
  v1::ListReportVersionsRequest versions;
  versions.set_parent(r.name());
  versions.set_page_size(1000);
  v1::ListReportVersionsResponse history;
  ASSERT_TRUE(this->stub_->ListReportVersions(this->Ctx().get(), versions, &history).ok());
  EXPECT_EQ(history.report_versions_size(), 1 + applied.load());
  // The report holds the last applied value.
  v1::GetReportRequest get;
  get.set_name(r.name());
  v1::Report last;
  ASSERT_TRUE(this->stub_->GetReport(this->Ctx().get(), get, &last).ok());
  EXPECT_EQ(last.version(), 1 + applied.load());
  EXPECT_EQ(this->ValueAt(last.content(), cell),
            this->ValueAt(history.report_versions().rbegin()->content(), cell));
}

TYPED_TEST(CollectionServiceTest, RendersThroughTheRenderer) {
  this->CreateAgency("hongqiao");
  v1::Report r;
  ASSERT_TRUE(this->CreateReport("hongqiao", this->Seed(), &r).ok());
  v1::ListRenderFormatsResponse formats;
  ASSERT_TRUE(this->stub_->ListRenderFormats(this->Ctx().get(), {}, &formats).ok());
  ASSERT_EQ(formats.formats_size(), 1);
  v1::RenderReportRequest render;
  render.set_name(r.name());
  render.set_format("lines");
  v1::RenderReportResponse out;
  grpc::Status st = this->stub_->RenderReport(this->Ctx().get(), render, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.mime_type(), "text/plain");
  EXPECT_EQ(out.file_name(), "hongqiao-2020.txt");
  EXPECT_EQ(out.content().rfind(this->Seed().title(), 0), 0u);

  // Rendered again after a change: the new content, not a kept layout.
  v1::UpdateReportRequest update;
  update.mutable_report()->set_name(r.name());
  update.mutable_report()->set_etag(r.etag());
  update.mutable_report()->mutable_content()->set_title("新标题");
  update.mutable_update_mask()->add_paths("content.title");
  v1::Report updated;
  st = this->stub_->UpdateReport(this->Ctx().get(), update, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  st = this->stub_->RenderReport(this->Ctx().get(), render, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.content().rfind("新标题\n", 0), 0u);

  render.set_format("docx");
  st = this->stub_->RenderReport(this->Ctx().get(), render, &out);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(this->BadRequestOf(st).field_violations(0).field(), "format");
}

}  // namespace
}  // namespace nianbao::collection
