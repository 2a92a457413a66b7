// Integration: nianbao-validation-server and nianbao-collection-server as
// real processes on loopback, once on SQLite and once on a throwaway
// PostgreSQL. The whole flow: agencies, a report created, checked by the
// real rules, submitted, published, rendered by the real plugins; a wrong
// report refused with its violations; a district's 汇总 report built from
// five published reports and validated; graceful shutdown. Then the review
// of warnings (waived, kept across re-validation, reopened by a changed
// value, never lifting an ERROR) and the hierarchy check.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "format/field_path.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "nianbao/v1/validation.pb.h"
#include "report/report_io.h"
#include "tests/support/grpc_client.h"
#include "tests/support/service_pair_fixture.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

v1::AnnualReport Example(const std::string& name) {
  v1::AnnualReport r;
  absl::Status st =
      report::ReadMessageFile(testing::SourcePath("examples/" + name), std::nullopt, &r);
  EXPECT_TRUE(st.ok()) << st;
  return r;
}

v1::Count* CountAt(v1::AnnualReport* r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return static_cast<v1::Count*>(format::MutableAt(r, *chain));
}

template <typename Backend>
class CollectionServerTest : public testing::ServicePairTest<Backend> {
 protected:
  CollectionServerTest() : testing::ServicePairTest<Backend>("collection_server") {}
  using testing::ServicePairTest<Backend>::stub_;

  std::unique_ptr<grpc::ClientContext> Ctx() { return testing::TestContext("integration"); }

  void CreateAgency(const std::string& id, const std::string& parent,
                    v1::AdministrativeLevel level) {
    v1::CreateAgencyRequest req;
    req.set_agency_id(id);
    req.mutable_agency()->set_display_name(id);
    req.mutable_agency()->set_level(level);
    if (!parent.empty()) req.mutable_agency()->set_parent("agencies/" + parent);
    v1::ReportingAgency out;
    grpc::Status st = stub_->CreateAgency(Ctx().get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // Create, submit and publish; fails the test on any error.
  void Publish(const std::string& agency, const v1::AnnualReport& content) {
    v1::CreateReportRequest create;
    create.set_parent("agencies/" + agency);
    *create.mutable_report()->mutable_content() = content;
    v1::Report r;
    grpc::Status st = stub_->CreateReport(Ctx().get(), create, &r);
    ASSERT_TRUE(st.ok()) << st.error_message();
    v1::SubmitReportRequest submit;
    submit.set_name(r.name());
    st = stub_->SubmitReport(Ctx().get(), submit, &r);
    ASSERT_TRUE(st.ok()) << st.error_message() << Violations(st);
    v1::PublishReportRequest publish;
    publish.set_name(r.name());
    st = stub_->PublishReport(Ctx().get(), publish, &r);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(r.state(), v1::REPORT_STATE_PUBLISHED);
  }

  static v1::ValidateReportResponse ViolationsOf(const grpc::Status& st) {
    google::rpc::Status details;
    v1::ValidateReportResponse out;
    if (details.ParseFromString(st.error_details()) && details.details_size() > 0) {
      details.details(0).UnpackTo(&out);
    }
    return out;
  }
  static std::string Violations(const grpc::Status& st) {
    std::string text;
    const v1::ValidateReportResponse response = ViolationsOf(st);
    for (const auto& v : response.violations()) {
      absl::StrAppend(&text, "\n  ", v.rule_id(), " ", v.field_path(), " ", v.message_en());
    }
    return text;
  }
};

TYPED_TEST_SUITE(CollectionServerTest, collection::StoreBackends, collection::StoreBackendNames);

TYPED_TEST(CollectionServerTest, WholeFlowOnRealServers) {
  // The seed: created, validated by the real rules, submitted, published.
  this->CreateAgency("hongqiao", "", v1::ADMINISTRATIVE_LEVEL_COUNTY);
  this->Publish("hongqiao", Example("hongqiao-2020.json"));

  // Rendered by every plugin the server loaded.
  v1::ListRenderFormatsResponse formats;
  ASSERT_TRUE(this->stub_->ListRenderFormats(this->Ctx().get(), {}, &formats).ok());
  for (const v1::RenderFormat& f : formats.formats()) {
    v1::RenderReportRequest render;
    render.set_name("agencies/hongqiao/reports/2020");
    render.set_format(f.name());
    render.mutable_options()->set_deterministic(true);
    v1::RenderReportResponse out;
    grpc::Status st = this->stub_->RenderReport(this->Ctx().get(), render, &out);
    ASSERT_TRUE(st.ok()) << f.name() << ": " << st.error_message();
    EXPECT_GT(out.content().size(), 100u) << f.name();
    EXPECT_EQ(out.mime_type(), f.mime_type());
    EXPECT_EQ(out.file_name(), "hongqiao-2020." + f.file_extension());
  }

  // A report whose arithmetic is wrong is refused, with the violations.
  this->CreateAgency("wrong", "", v1::ADMINISTRATIVE_LEVEL_COUNTY);
  v1::AnnualReport bad = Example("example-city-2022.json");
  v1::Count* total = CountAt(&bad, "applications.new_received.total");
  total->set_value(total->value() + 1);
  v1::CreateReportRequest create;
  create.set_parent("agencies/wrong");
  *create.mutable_report()->mutable_content() = bad;
  v1::Report r;
  ASSERT_TRUE(this->stub_->CreateReport(this->Ctx().get(), create, &r).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  grpc::Status st = this->stub_->SubmitReport(this->Ctx().get(), submit, &r);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  v1::ValidateReportResponse violations = this->ViolationsOf(st);
  EXPECT_GT(violations.error_count(), 0);
  bool names_the_cell = false;
  for (const auto& v : violations.violations()) {
    names_the_cell |= v.field_path().rfind("applications.new_received", 0) == 0;
  }
  EXPECT_TRUE(names_the_cell) << this->Violations(st);

  // A district: three departments and two townships publish; the district's
  // 汇总 report is their sum and passes validation.
  this->CreateAgency("district", "", v1::ADMINISTRATIVE_LEVEL_COUNTY);
  const v1::AnnualReport city = Example("example-city-2022.json");
  int children = 0;
  for (const char* id : {"dept-a", "dept-b", "dept-c", "town-a", "town-b"}) {
    this->CreateAgency(id, "district",
                       ++children <= 3 ? v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT
                                       : v1::ADMINISTRATIVE_LEVEL_TOWNSHIP);
    v1::AnnualReport c = city;
    c.clear_agency();
    this->Publish(id, c);
  }
  // The district writes its own texts; the figures come from the sum.
  v1::AnnualReport texts;
  texts.set_year(city.year());
  for (v1::Narrative* n :
       {texts.mutable_general_situation(), texts.mutable_problems_and_improvements(),
        texts.mutable_other_matters()->mutable_narrative()}) {
    n->add_blocks()->mutable_paragraph()->set_text("本区各部门、各街道依法做好政府信息公开工作。");
  }
  create.set_parent("agencies/district");
  *create.mutable_report()->mutable_content() = texts;
  ASSERT_TRUE(this->stub_->CreateReport(this->Ctx().get(), create, &r).ok());
  v1::AggregateReportsRequest aggregate;
  aggregate.set_parent("agencies/district");
  aggregate.set_year(city.year());
  v1::AggregateReportsResponse summed;
  st = this->stub_->AggregateReports(this->Ctx().get(), aggregate, &summed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(summed.included_reports_size(), 5);
  EXPECT_EQ(summed.missing_agencies_size(), 0);
  v1::AnnualReport expected_sum = city;
  EXPECT_EQ(CountAt(summed.mutable_report()->mutable_content(),
                    "applications.new_received.natural_person")
                ->value(),
            5 * CountAt(&expected_sum, "applications.new_received.natural_person")->value());
  EXPECT_EQ(summed.report().content().general_situation().blocks_size(), 1);  // texts kept
  submit.set_name(summed.report().name());
  st = this->stub_->SubmitReport(this->Ctx().get(), submit, &r);
  EXPECT_TRUE(st.ok()) << st.error_message() << this->Violations(st);
  EXPECT_EQ(r.state(), v1::REPORT_STATE_SUBMITTED);

  // Graceful shutdown: both exit 0.
  EXPECT_EQ(this->servers_->collection().Stop(), 0);
  EXPECT_EQ(this->servers_->validation().Stop(), 0);
}

// Replaces `from` by `to` in the paragraphs of `blocks`, at any depth.
bool ReplaceInBlocks(google::protobuf::RepeatedPtrField<v1::Block>* blocks, const std::string& from,
                     const std::string& to) {
  bool replaced = false;
  for (v1::Block& b : *blocks) {
    if (b.has_subsection()) {
      replaced |= ReplaceInBlocks(b.mutable_subsection()->mutable_blocks(), from, to);
    } else if (b.has_paragraph()) {
      std::string* text = b.mutable_paragraph()->mutable_text();
      size_t at = text->find(from);
      if (at == std::string::npos) continue;
      text->replace(at, from.size(), to);
      replaced = true;
    }
  }
  return replaced;
}

// The seed with its sentence on applications saying `received` instead of
// 300: a PROSE.APPLICATIONS warning, no error.
v1::AnnualReport SeedSaying(int received) {
  v1::AnnualReport r = Example("hongqiao-2020.json");
  EXPECT_TRUE(ReplaceInBlocks(r.mutable_general_situation()->mutable_blocks(), "申请300件",
                              absl::StrCat("申请", received, "件")))
      << "the seed's sentence on applications moved";
  return r;
}

TYPED_TEST(CollectionServerTest, WarningReviewSurvivesRevalidationAndErrorsStillBlock) {
  this->CreateAgency("hongqiao", "", v1::ADMINISTRATIVE_LEVEL_COUNTY);
  v1::CreateReportRequest create;
  create.set_parent("agencies/hongqiao");
  *create.mutable_report()->mutable_content() = SeedSaying(301);
  v1::Report report;
  ASSERT_TRUE(this->stub_->CreateReport(this->Ctx().get(), create, &report).ok());

  auto list = [&]() {
    v1::ListReportViolationsRequest req;
    req.set_parent(report.name());
    v1::ListReportViolationsResponse out;
    grpc::Status st = this->stub_->ListReportViolations(this->Ctx().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  };
  auto prose_warning = [](const v1::ListReportViolationsResponse& r) {
    for (const v1::ReviewedViolation& v : r.violations()) {
      if (v.violation().rule_id() == "PROSE.APPLICATIONS") return v;
    }
    ADD_FAILURE() << "no PROSE.APPLICATIONS warning";
    return v1::ReviewedViolation();
  };

  // The real rules find the warning; nobody has decided on it.
  v1::ListReportViolationsResponse before = list();
  EXPECT_EQ(before.error_count(), 0);
  v1::ReviewedViolation warning = prose_warning(before);
  EXPECT_EQ(warning.review_state(), v1::REVIEW_STATE_OPEN);
  EXPECT_EQ(warning.violation().found(), "301");
  ASSERT_FALSE(warning.violation().fingerprint().empty());

  // Waived, with a reason; kept as a version of the report.
  v1::ReviewReportViolationRequest review;
  review.set_name(report.name());
  review.set_fingerprint(warning.violation().fingerprint());
  review.set_decision(v1::REVIEW_DECISION_WAIVED);
  review.set_reason("301 includes one application withdrawn on the day it arrived");
  v1::ReviewedViolation reviewed;
  grpc::Status st = this->stub_->ReviewReportViolation(this->Ctx().get(), review, &reviewed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(reviewed.review_state(), v1::REVIEW_STATE_WAIVED);
  EXPECT_EQ(reviewed.review().reviewer(), "integration");
  v1::ListReportVersionsRequest versions;
  versions.set_parent(report.name());
  v1::ListReportVersionsResponse history;
  ASSERT_TRUE(this->stub_->ListReportVersions(this->Ctx().get(), versions, &history).ok());
  ASSERT_EQ(history.report_versions_size(), 2);
  const v1::ReportVersion& v2 = history.report_versions(1);
  EXPECT_EQ(v2.change(), v1::REPORT_CHANGE_REVIEW);
  EXPECT_EQ(v2.actor(), "integration");
  EXPECT_NE(v2.comment().find(review.reason()), std::string::npos) << v2.comment();

  // A reason is required; an unknown fingerprint is NOT_FOUND.
  v1::ReviewReportViolationRequest no_reason = review;
  no_reason.set_reason(" ");
  EXPECT_EQ(
      this->stub_->ReviewReportViolation(this->Ctx().get(), no_reason, &reviewed).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  v1::ReviewReportViolationRequest unknown = review;
  unknown.set_fingerprint("0000000000000000");
  EXPECT_EQ(this->stub_->ReviewReportViolation(this->Ctx().get(), unknown, &reviewed).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Validated again, unchanged: still waived.
  v1::ListReportViolationsResponse again = list();
  EXPECT_EQ(prose_warning(again).review_state(), v1::REVIEW_STATE_WAIVED);
  EXPECT_EQ(again.open_warning_count(), before.open_warning_count() - 1);

  // The value changes: the warning is open again, the old waiver stale.
  v1::GetReportRequest get;
  get.set_name(report.name());
  ASSERT_TRUE(this->stub_->GetReport(this->Ctx().get(), get, &report).ok());
  v1::UpdateReportRequest update;
  *update.mutable_report() = report;
  *update.mutable_report()->mutable_content() = SeedSaying(302);
  ASSERT_TRUE(this->stub_->UpdateReport(this->Ctx().get(), update, &report).ok());
  v1::ListReportViolationsResponse changed = list();
  EXPECT_EQ(prose_warning(changed).review_state(), v1::REVIEW_STATE_OPEN);
  EXPECT_EQ(prose_warning(changed).violation().found(), "302");
  ASSERT_EQ(changed.stale_reviews_size(), 1);
  EXPECT_EQ(changed.stale_reviews(0).fingerprint(), review.fingerprint());

  // Acknowledged this time; warnings do not block submission.
  review.set_fingerprint(prose_warning(changed).violation().fingerprint());
  review.set_decision(v1::REVIEW_DECISION_ACKNOWLEDGED);
  ASSERT_TRUE(this->stub_->ReviewReportViolation(this->Ctx().get(), review, &reviewed).ok());
  v1::SubmitReportRequest submit;
  submit.set_name(report.name());
  st = this->stub_->SubmitReport(this->Ctx().get(), submit, &report);
  ASSERT_TRUE(st.ok()) << st.error_message() << this->Violations(st);

  // Last year's report turns up with a different 结转下年度: this year's
  // 上年结转 is now an ERROR (XY.CARRY_OVER). No review lifts it.
  v1::AnnualReport last_year = Example("hongqiao-2020.json");
  last_year.set_year(2019);
  CountAt(&last_year, "applications.carried_forward.natural_person")->set_value(5);
  CountAt(&last_year, "applications.carried_forward.total")->set_value(5);
  create.set_parent("agencies/hongqiao");
  *create.mutable_report()->mutable_content() = last_year;
  v1::Report previous;
  ASSERT_TRUE(this->stub_->CreateReport(this->Ctx().get(), create, &previous).ok());
  v1::ListReportViolationsResponse broken = list();
  ASSERT_GT(broken.error_count(), 0);
  std::string error_fingerprint;
  for (const v1::ReviewedViolation& v : broken.violations()) {
    if (v.violation().severity() != v1::SEVERITY_ERROR) continue;
    EXPECT_EQ(v.review_state(), v1::REVIEW_STATE_NOT_REVIEWABLE);
    error_fingerprint = v.violation().fingerprint();
  }
  review.set_fingerprint(error_fingerprint);
  review.set_decision(v1::REVIEW_DECISION_WAIVED);
  st = this->stub_->ReviewReportViolation(this->Ctx().get(), review, &reviewed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  v1::PublishReportRequest publish;
  publish.set_name(report.name());
  st = this->stub_->PublishReport(this->Ctx().get(), publish, &report);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  bool carry_over = false;
  const v1::ValidateReportResponse refused = this->ViolationsOf(st);
  for (const v1::Violation& v : refused.violations()) {
    carry_over |= v.rule_id() == "XY.CARRY_OVER";
  }
  EXPECT_TRUE(carry_over) << this->Violations(st);
}

TYPED_TEST(CollectionServerTest, HierarchyCheckListsDifferencesAndMissingReports) {
  const v1::AnnualReport city = Example("example-city-2022.json");
  this->CreateAgency("city", "", v1::ADMINISTRATIVE_LEVEL_CITY);
  for (const char* id : {"district-a", "district-b", "district-c"}) {
    this->CreateAgency(id, "city", v1::ADMINISTRATIVE_LEVEL_COUNTY);
  }
  v1::AnnualReport child = city;
  child.clear_agency();
  this->Publish("district-a", child);
  this->Publish("district-b", child);
  // district-c has not reported (缺报). The city's own 汇总 report states
  // twice the district figures except one cell.
  v1::AnnualReport own = city;
  for (const std::string& path : {std::string("applications.new_received.natural_person"),
                                  std::string("applications.new_received.total")}) {
    CountAt(&own, path)->set_value(2 * CountAt(&child, path)->value());
  }
  const std::string wrong = "review_litigation.reconsideration.upheld";
  CountAt(&own, wrong)->set_value(2 * CountAt(&child, wrong)->value() + 1);
  v1::CreateReportRequest create;
  create.set_parent("agencies/city");
  *create.mutable_report()->mutable_content() = own;
  v1::Report r;
  ASSERT_TRUE(this->stub_->CreateReport(this->Ctx().get(), create, &r).ok());

  v1::CheckReportHierarchyRequest check;
  check.set_name(r.name());
  v1::CheckReportHierarchyResponse out;
  grpc::Status st = this->stub_->CheckReportHierarchy(this->Ctx().get(), check, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.included_reports_size(), 2);
  ASSERT_EQ(out.missing_agencies_size(), 1);
  EXPECT_EQ(out.missing_agencies(0), "agencies/district-c");
  EXPECT_GT(out.compared_cells(), 100);
  bool found_wrong = false, found_natural = false;
  for (const v1::CellDifference& d : out.differences()) {
    if (d.field_path() == wrong) {
      found_wrong = true;
      EXPECT_EQ(d.reported(), std::to_string(2 * CountAt(&child, wrong)->value() + 1));
      EXPECT_EQ(d.descendants_sum(), std::to_string(2 * CountAt(&child, wrong)->value()));
    }
    found_natural |= d.field_path() == "applications.new_received.natural_person";
  }
  EXPECT_TRUE(found_wrong);
  EXPECT_FALSE(found_natural) << "a cell equal to the sum is not a difference";

  check.set_name("agencies/city/reports/1999");
  EXPECT_EQ(this->stub_->CheckReportHierarchy(this->Ctx().get(), check, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  check.set_name("not-a-report");
  EXPECT_EQ(this->stub_->CheckReportHierarchy(this->Ctx().get(), check, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace nianbao
