// Round trips: a report rendered by nianbao's own renderers imports back to
// the same report — every figure, blank cell, blank mark and paragraph —
// except what the rendered page does not print (agency level and parent,
// publisher, publication date). The processing-fee figures come back from
// the sentence that states them.
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "plugins/html/html_renderer.h"
#include "plugins/pdf/pdf_renderer.h"
#include "plugins/text/text_renderer.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

v1::AnnualReport Printed(v1::AnnualReport r) {
  r.clear_agency();
  r.clear_publisher();
  r.clear_publication_date();
  return r;
}

struct Case {
  const char* example;
  int line_width;
};

class TextRoundTripTest : public ::testing::TestWithParam<Case> {};

TEST_P(TextRoundTripTest, TextPluginOutputImportsBack) {
  const v1::AnnualReport example = testing::LoadExample(GetParam().example);
  auto document = renderers::BuildDocument(example);
  ASSERT_TRUE(document.ok()) << document.status();
  auto text = text::RenderText(*document, GetParam().line_width);
  ASSERT_TRUE(text.ok()) << text.status();
  auto result = importer::ImportReport(*text, "report.txt", v1::SOURCE_FORMAT_UNSPECIFIED);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->detected_edition(), example.edition());
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(Printed(example), Printed(result->report()))) << diff << *text;
  for (const auto& d : result->diagnostics()) {
    EXPECT_EQ(d.severity(), v1::SEVERITY_INFO) << importer::FormatDiagnostic(d, "text");
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, TextRoundTripTest,
                         ::testing::Values(Case{"hongqiao-2020.json", 100},
                                           Case{"example-city-2022.json", 100},
                                           Case{"hongqiao-2020.json", 60},
                                           Case{"example-city-2022.json", 72}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.example;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name + "_width" + std::to_string(info.param.line_width);
                         });

class HtmlRoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(HtmlRoundTripTest, HtmlPluginPageImportsBack) {
  const v1::AnnualReport example = testing::LoadExample(GetParam());
  auto document = renderers::BuildDocument(example);
  ASSERT_TRUE(document.ok()) << document.status();
  for (bool fragment : {false, true}) {
    v1::RenderRequest request;
    *request.mutable_report() = example;
    *request.mutable_document() = *document;
    request.mutable_options()->set_fragment(fragment);
    auto html = html::RenderHtml(request);
    ASSERT_TRUE(html.ok()) << html.status();
    auto result = importer::ImportReport(*html, "report.html", v1::SOURCE_FORMAT_UNSPECIFIED);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->source_format(), v1::SOURCE_FORMAT_HTML);
    std::string diff;
    google::protobuf::util::MessageDifferencer differ;
    differ.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differ.Compare(Printed(example), Printed(result->report()))) << diff;
    if (!fragment) {
      // The page's author meta names the agency in full.
      EXPECT_EQ(result->report().agency().name(), example.agency().name());
      EXPECT_EQ(result->report().agency().level(), example.agency().level());
    }
    for (const auto& d : result->diagnostics()) {
      EXPECT_EQ(d.severity(), v1::SEVERITY_INFO) << importer::FormatDiagnostic(d, "html");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, HtmlRoundTripTest,
                         ::testing::Values("hongqiao-2020.json", "example-city-2022.json"));

class PdfRoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(PdfRoundTripTest, PdfPluginOutputImportsBack) {
  const v1::AnnualReport example = testing::LoadExample(GetParam());
  v1::RenderRequest request;
  *request.mutable_report() = example;
  request.mutable_options()->set_deterministic(true);
  auto pdf = pdf::RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  // Detected by its magic bytes, whatever the name says.
  auto result = importer::ImportReport(*pdf, "report.bin", v1::SOURCE_FORMAT_UNSPECIFIED);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->source_format(), v1::SOURCE_FORMAT_PDF);
  EXPECT_EQ(result->detected_edition(), example.edition());
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(Printed(example), Printed(result->report()))) << diff;
  // The PDF's Author names the agency in full.
  EXPECT_EQ(result->report().agency().name(), example.agency().name());
  int cells = 0;
  for (const auto& d : result->diagnostics()) {
    EXPECT_EQ(d.severity(), v1::SEVERITY_INFO) << importer::FormatDiagnostic(d, "pdf");
    if (d.code() != "CELL_IMPORTED") continue;
    ++cells;
    // Every figure says on which page and where.
    EXPECT_GT(d.provenance().box().page(), 0);
    EXPECT_GT(d.provenance().box().width(), 0);
    EXPECT_EQ(d.provenance().line(), 0);
  }
  EXPECT_GT(cells, 100);
}

INSTANTIATE_TEST_SUITE_P(Examples, PdfRoundTripTest,
                         ::testing::Values("hongqiao-2020.json", "example-city-2022.json"));

}  // namespace
}  // namespace nianbao
