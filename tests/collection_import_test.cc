// Integration: CollectionService.ImportReport on a real
// nianbao-collection-server on loopback, on SQLite and on PostgreSQL. A report rendered as
// PDF and as HTML is uploaded; validate_only returns the imported report and
// its diagnostics and stores nothing; a real import stores a DRAFT with every
// figure; unusable input is INVALID_ARGUMENT with a field violation on
// content.
#include <memory>
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "plugins/html/html_renderer.h"
#include "plugins/pdf/pdf_renderer.h"
#include "renderers/document_builder.h"
#include "tests/support/service_pair_fixture.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

template <typename Backend>
class CollectionImportTest : public testing::ServicePairTest<Backend> {
 protected:
  CollectionImportTest() : testing::ServicePairTest<Backend>("collection_import") {}
  using testing::ServicePairTest<Backend>::stub_;

  void SetUp() override {
    testing::ServicePairTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    v1::CreateAgencyRequest req;
    req.set_agency_id("city");
    req.mutable_agency()->set_display_name(example_.agency().name());
    req.mutable_agency()->set_level(example_.agency().level());
    v1::ReportingAgency out;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->CreateAgency(&ctx, req, &out).ok());
  }

  std::string Pdf() {
    v1::RenderRequest request;
    *request.mutable_report() = example_;
    auto pdf = pdf::RenderPdf(request);
    EXPECT_TRUE(pdf.ok()) << pdf.status();
    return pdf.ok() ? *pdf : "";
  }

  static google::rpc::BadRequest BadRequestOf(const grpc::Status& st) {
    google::rpc::Status details;
    google::rpc::BadRequest out;
    if (details.ParseFromString(st.error_details())) {
      for (const auto& any : details.details()) {
        if (any.UnpackTo(&out)) break;
      }
    }
    return out;
  }

  // Only what a printed report carries.
  static v1::AnnualReport Figures(v1::AnnualReport r) {
    r.clear_agency();
    r.clear_publisher();
    r.clear_publication_date();
    return r;
  }

  const v1::AnnualReport example_ = testing::LoadExample("example-city-2022.json");
};

TYPED_TEST_SUITE(CollectionImportTest, collection::StoreBackends, collection::StoreBackendNames);

TYPED_TEST(CollectionImportTest, ValidateOnlyReturnsTheReportAndStoresNothing) {
  v1::ImportReportRequest req;
  req.set_parent("agencies/city");
  req.set_content(this->Pdf());
  req.set_validate_only(true);
  v1::ImportReportResponse resp;
  grpc::ClientContext ctx;
  grpc::Status st = this->stub_->ImportReport(&ctx, req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.import_result().source_format(), v1::SOURCE_FORMAT_PDF);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      this->Figures(this->example_), this->Figures(resp.report().content())));
  EXPECT_TRUE(resp.report().name().empty());
  int cells = 0;
  for (const auto& d : resp.import_result().diagnostics()) {
    EXPECT_EQ(d.severity(), v1::SEVERITY_INFO) << d.code() << " " << d.message_en();
    if (d.code() == "CELL_IMPORTED" && d.provenance().box().page() > 0) ++cells;
  }
  EXPECT_GT(cells, 100);
  v1::GetReportRequest get;
  get.set_name("agencies/city/reports/2022");
  v1::Report stored;
  grpc::ClientContext ctx2;
  EXPECT_EQ(this->stub_->GetReport(&ctx2, get, &stored).error_code(), grpc::StatusCode::NOT_FOUND);
}

TYPED_TEST(CollectionImportTest, ImportStoresADraftAndRefusesASecondForTheYear) {
  auto document = renderers::BuildDocument(this->example_);
  ASSERT_TRUE(document.ok());
  v1::RenderRequest render;
  *render.mutable_report() = this->example_;
  *render.mutable_document() = *document;
  auto html = html::RenderHtml(render);
  ASSERT_TRUE(html.ok());
  v1::ImportReportRequest req;
  req.set_parent("agencies/city");
  req.set_content(*html);
  req.set_source_format(v1::SOURCE_FORMAT_HTML);
  v1::ImportReportResponse resp;
  grpc::ClientContext ctx;
  grpc::Status st = this->stub_->ImportReport(&ctx, req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.report().name(), "agencies/city/reports/2022");
  EXPECT_EQ(resp.report().state(), v1::REPORT_STATE_DRAFT);
  EXPECT_FALSE(resp.import_result().diagnostics().empty());

  v1::GetReportRequest get;
  get.set_name("agencies/city/reports/2022");
  v1::Report stored;
  grpc::ClientContext ctx2;
  ASSERT_TRUE(this->stub_->GetReport(&ctx2, get, &stored).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(this->Figures(this->example_),
                                                                 this->Figures(stored.content())));
  // The agency block comes from the store.
  EXPECT_EQ(stored.content().agency().name(), this->example_.agency().name());

  req.set_content(this->Pdf());
  req.clear_source_format();
  grpc::ClientContext ctx3;
  EXPECT_EQ(this->stub_->ImportReport(&ctx3, req, &resp).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TYPED_TEST(CollectionImportTest, UnusableInputIsInvalidArgumentOnContent) {
  const std::pair<std::string, v1::SourceFormat> cases[] = {
      {"", v1::SOURCE_FORMAT_UNSPECIFIED},
      {"%PDF-1.4 not really", v1::SOURCE_FORMAT_UNSPECIFIED},
      {"<html><body><p>hello</p></body></html>", v1::SOURCE_FORMAT_HTML},
      {std::string(10 * 1024 * 1024 + 1, 'x'), v1::SOURCE_FORMAT_TEXT},
  };
  for (const auto& [content, format] : cases) {
    v1::ImportReportRequest req;
    req.set_parent("agencies/city");
    req.set_content(content);
    req.set_source_format(format);
    v1::ImportReportResponse resp;
    grpc::ClientContext ctx;
    grpc::Status st = this->stub_->ImportReport(&ctx, req, &resp);
    ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << content.substr(0, 40);
    const google::rpc::BadRequest bad = this->BadRequestOf(st);
    ASSERT_GT(bad.field_violations_size(), 0) << content.substr(0, 40);
    EXPECT_EQ(bad.field_violations(0).field(), "content");
  }
  v1::ImportReportRequest req;
  req.set_parent("nope");
  req.set_content(this->Pdf());
  v1::ImportReportResponse resp;
  grpc::ClientContext ctx;
  grpc::Status st = this->stub_->ImportReport(&ctx, req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(this->BadRequestOf(st).field_violations(0).field(), "parent");
}

}  // namespace
}  // namespace nianbao
