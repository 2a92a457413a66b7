// The PDF renderer end to end on the examples, checked with the tools a
// reader or archive would use: pdftotext (poppler), qpdf, pdffonts, pdfinfo.
#include "plugins/pdf/pdf_renderer.h"

#include "plugins/pdf/font_locator.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao::pdf {
namespace {

using ::nianbao::testing::BinaryPath;
using ::nianbao::testing::LoadExample;

v1::RenderRequest RequestFor(const v1::AnnualReport& report) {
  v1::RenderRequest request;
  *request.mutable_report() = report;
  absl::StatusOr<v1::Document> document = renderers::BuildDocument(report);
  EXPECT_TRUE(document.ok()) << document.status();
  if (document.ok()) *request.mutable_document() = *document;
  request.mutable_options()->set_deterministic(true);
  return request;
}

// Renders the example and keeps the PDF under the build tree (for pdftoppm
// and for people to look at).
std::string RenderExampleToFile(const std::string& example) {
  const v1::RenderRequest request = RequestFor(LoadExample(example));
  absl::StatusOr<std::string> pdf = RenderPdf(request);
  EXPECT_TRUE(pdf.ok()) << pdf.status();
  const std::string dir = BinaryPath("test-output/pdf");
  std::filesystem::create_directories(dir);
  // One file per test: ctest runs tests as parallel processes.
  const std::string path =
      absl::StrCat(dir, "/", example, ".",
                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), ".pdf");
  std::ofstream(path, std::ios::binary) << (pdf.ok() ? *pdf : "");
  return path;
}

// Text without any white space, and without the page numbers ("— 3 —")
// that pdftotext puts between the pages.
std::string Squeeze(const std::string& text) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, absl::ByAnyChar("\n\f"))) {
    std::string squeezed;
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '\r') squeezed.push_back(c);
    }
    // Ideographic spaces too.
    for (size_t p; (p = squeezed.find("\u3000")) != std::string::npos;) squeezed.erase(p, 3);
    if (absl::StartsWith(squeezed, "\u2014") && absl::EndsWith(squeezed, "\u2014") &&
        squeezed.size() > 6 && std::all_of(squeezed.begin() + 3, squeezed.end() - 3, [](char c) {
          return c >= '0' && c <= '9';
        })) {
      continue;
    }
    out += squeezed;
  }
  return out;
}

// Finds each of `expected` in `text` after the previous one; returns the
// first missing or out of order, or "" when all are there in order.
std::string FirstMissingInOrder(const std::string& text, const std::vector<std::string>& expected) {
  size_t at = 0;
  for (const std::string& e : expected) {
    const std::string needle = Squeeze(e);
    if (needle.empty()) continue;
    const size_t found = text.find(needle, at);
    if (found == std::string::npos) return e;
    at = found + needle.size();
  }
  return "";
}

TEST(PdfRenderer, SeedTextHasEverySentenceInReadingOrder) {
  const std::string path = RenderExampleToFile("hongqiao-2020.json");
  const auto result = nianbao::testing::Run(absl::StrCat("pdftotext -enc UTF-8 ", path, " -"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string text = Squeeze(result.output);
  const v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  const std::vector<std::string> lines = nianbao::testing::NarrativeLines(report);
  ASSERT_GT(lines.size(), 20u);
  EXPECT_EQ(FirstMissingInOrder(text, lines), "");
}

TEST(PdfRenderer, SeedTextHasEveryFigureInReadingOrder) {
  const std::string path = RenderExampleToFile("hongqiao-2020.json");
  // -layout keeps each table row on its own line, figures left to right.
  const auto result =
      nianbao::testing::Run(absl::StrCat("pdftotext -layout -enc UTF-8 ", path, " -"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string text = Squeeze(result.output);
  const v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  const v1::EditionFormat* edition = format::FindEdition(report.edition());
  ASSERT_NE(edition, nullptr);
  std::vector<std::string> figures;
  for (const format::CellRef& cell : format::Cells(*edition)) {
    figures.push_back(format::CellText(format::GetAt(report, cell.fields), *cell.column));
  }
  ASSERT_GT(figures.size(), 100u);
  // The seed's tell-tale figures, so the check cannot pass on blanks alone.
  EXPECT_NE(std::find(figures.begin(), figures.end(), "14957.701682万元"), figures.end());
  EXPECT_NE(std::find(figures.begin(), figures.end(), "减75"), figures.end());
  EXPECT_EQ(FirstMissingInOrder(text, figures), "");
}

TEST(PdfRenderer, Example2021Renders) {
  const std::string path = RenderExampleToFile("example-city-2022.json");
  const auto result = nianbao::testing::Run(absl::StrCat("pdftotext -enc UTF-8 ", path, " -"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const v1::AnnualReport report = LoadExample("example-city-2022.json");
  EXPECT_EQ(FirstMissingInOrder(Squeeze(result.output), nianbao::testing::NarrativeLines(report)),
            "");
}

TEST(PdfRenderer, QpdfFindsNoErrors) {
  for (const char* example : {"hongqiao-2020.json", "example-city-2022.json"}) {
    const std::string path = RenderExampleToFile(example);
    const auto result = nianbao::testing::Run(absl::StrCat("qpdf --check ", path));
    EXPECT_EQ(result.exit_code, 0) << example << "\n" << result.output;
    EXPECT_TRUE(absl::StrContains(result.output, "No syntax or stream encoding errors"))
        << result.output;
  }
}

TEST(PdfRenderer, PdffontsListsOnlyEmbeddedSubsets) {
  const std::string path = RenderExampleToFile("hongqiao-2020.json");
  const auto result = nianbao::testing::Run(absl::StrCat("pdffonts ", path));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // Poppler complains about malformed font data on stderr (captured too).
  EXPECT_FALSE(absl::StrContains(result.output, "Error")) << result.output;
  EXPECT_FALSE(absl::StrContains(result.output, "Warning")) << result.output;
  std::vector<std::string> rows = absl::StrSplit(result.output, '\n', absl::SkipEmpty());
  ASSERT_GE(rows.size(), 4u) << result.output;  // header, rule, body and heading faces
  for (size_t i = 2; i < rows.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(rows[i], ' ', absl::SkipEmpty());
    ASSERT_GE(f.size(), 7u) << rows[i];
    // name ... emb sub uni object ID
    const size_t n = f.size();
    EXPECT_EQ(f[n - 5], "yes") << "not embedded: " << rows[i];
    EXPECT_EQ(f[n - 4], "yes") << "not a subset: " << rows[i];
    EXPECT_EQ(f[n - 3], "yes") << "no ToUnicode: " << rows[i];
    EXPECT_NE(f[0].find('+'), std::string::npos) << "subset fonts carry a tag: " << rows[i];
  }
}

// The issue asks for at most 100 KB. With the default body face, AR PL
// UMing (a Song/Ming face, required), that cannot be met: the subset of the
// seed's characters deflates to 105 KB at libdeflate's strongest level, the
// glyph outlines alone to 103 KB (docs/performance.md, "PDF size"). The
// bound is the measured 131 607 bytes plus 2 %: it fails if any part of the
// file grows back (whole fonts, per-code maps, verbose content streams).
TEST(PdfRenderer, SeedStaysWithinItsSizeBudget) {
  const v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  absl::StatusOr<std::string> pdf = RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_LE(pdf->size(), 134250u) << "seed PDF is " << pdf->size() << " bytes";
  EXPECT_GT(pdf->size(), 5u * 1024);  // fonts and pages are really in it
}

std::string InfoField(const std::string& pdfinfo, absl::string_view field);

// pdffonts' font names, one per embedded font.
std::vector<std::string> FontNames(const std::string& path) {
  const auto result = nianbao::testing::Run(absl::StrCat("pdffonts ", path));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::vector<std::string> names;
  std::vector<std::string> rows = absl::StrSplit(result.output, '\n', absl::SkipEmpty());
  for (size_t i = 2; i < rows.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(rows[i], ' ', absl::SkipEmpty());
    if (!f.empty()) names.push_back(f[0]);
  }
  return names;
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const std::string dir = BinaryPath("test-output/pdf");
  std::filesystem::create_directories(dir);
  const std::string path = absl::StrCat(dir, "/", name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// With a Hei face for the body (a render option; the default stays UMing)
// the seed fits the 100 KB.
TEST(PdfRenderer, HeiBodyFaceFitsIn100KB) {
  v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  request.mutable_options()->set_body_font("WenQuanYi Micro Hei:lang=zh-cn");
  request.mutable_options()->set_heading_font("WenQuanYi Zen Hei:lang=zh-cn");
  absl::StatusOr<std::string> pdf = RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_LE(pdf->size(), 100u * 1024) << "seed PDF is " << pdf->size() << " bytes";
  const std::string path = WriteTemp("hei-body.pdf", *pdf);
  const std::vector<std::string> names = FontNames(path);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_TRUE(absl::StrContains(names[0], "MicroHei")) << names[0];
  EXPECT_TRUE(absl::StrContains(names[1], "ZenHei")) << names[1];
  const auto text = nianbao::testing::Run(absl::StrCat("pdftotext -enc UTF-8 ", path, " -"));
  EXPECT_EQ(FirstMissingInOrder(Squeeze(text.output), nianbao::testing::NarrativeLines(
                                                          LoadExample("hongqiao-2020.json"))),
            "");
}

// Fonts come from fontconfig by default and from the options when given,
// as a fontconfig pattern or a file path with a face index.
TEST(PdfRenderer, FontOptionsChooseTheEmbeddedFaces) {
  v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  absl::StatusOr<std::string> pdf = RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  std::vector<std::string> names = FontNames(WriteTemp("default-fonts.pdf", *pdf));
  ASSERT_EQ(names.size(), 2u);
  EXPECT_TRUE(absl::StrContains(names[0], "UMing")) << names[0];
  EXPECT_TRUE(absl::StrContains(names[1], "ZenHei")) << names[1];

  absl::StatusOr<FontFile> zen = LocateFont(kDefaultHeadingFont);
  ASSERT_TRUE(zen.ok()) << zen.status();
  request.mutable_options()->set_body_font(absl::StrCat(zen->path, ":", zen->index));
  request.mutable_options()->set_heading_font(absl::StrCat(zen->path, ":", zen->index));
  pdf = RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  names = FontNames(WriteTemp("path-fonts.pdf", *pdf));
  ASSERT_EQ(names.size(), 1u) << "one file for both roles is embedded once";
  EXPECT_TRUE(absl::StrContains(names[0], "ZenHei")) << names[0];

  // A CFF-outline face (Noto CJK) is refused with a reason, not embedded wrongly.
  request.mutable_options()->set_body_font("Noto Serif CJK SC");
  const absl::Status refused = RenderPdf(request).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
}

TEST(PdfRenderer, A4PagesWithFoliosAtTheFoot) {
  const std::string path = RenderExampleToFile("hongqiao-2020.json");
  const auto info = nianbao::testing::Run(absl::StrCat("pdfinfo ", path));
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_TRUE(absl::StrContains(InfoField(info.output, "Page size"), "(A4)"))
      << InfoField(info.output, "Page size");
  const auto text = nianbao::testing::Run(absl::StrCat("pdftotext -enc UTF-8 ", path, " -"));
  ASSERT_EQ(text.exit_code, 0) << text.output;
  std::vector<std::string> pages = absl::StrSplit(text.output, '\f', absl::SkipEmpty());
  ASSERT_EQ(std::to_string(pages.size()), InfoField(info.output, "Pages"));
  for (size_t i = 0; i < pages.size(); ++i) {
    EXPECT_TRUE(absl::StrContains(pages[i], absl::StrCat("\u2014 ", i + 1, " \u2014")))
        << "page " << i + 1;
  }
}

// The value of `field` in pdfinfo's output.
std::string InfoField(const std::string& pdfinfo, absl::string_view field) {
  for (absl::string_view line : absl::StrSplit(pdfinfo, '\n')) {
    if (absl::ConsumePrefix(&line, field) && absl::ConsumePrefix(&line, ":")) {
      return std::string(absl::StripAsciiWhitespace(line));
    }
  }
  return "";
}

TEST(PdfRenderer, InfoLanguageAndBookmarks) {
  const std::string path = RenderExampleToFile("hongqiao-2020.json");
  const v1::AnnualReport report = LoadExample("hongqiao-2020.json");
  const auto info = nianbao::testing::Run(absl::StrCat("pdfinfo ", path));
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_EQ(InfoField(info.output, "Title"), report.title());
  EXPECT_EQ(InfoField(info.output, "Author"), report.agency().name());
  EXPECT_EQ(InfoField(info.output, "Subject"), "政府信息公开工作年度报告 2020");
  EXPECT_TRUE(absl::StartsWith(InfoField(info.output, "Creator"), "nianbao pdf renderer"));
  EXPECT_FALSE(absl::StrContains(info.output, "CreationDate")) << "deterministic mode";
  const auto json = nianbao::testing::Run(absl::StrCat("qpdf --json --json-key=outlines ", path));
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const v1::EditionFormat* edition = format::FindEdition(report.edition());
  ASSERT_NE(edition, nullptr);
  for (const v1::SectionFormat& section : edition->sections()) {
    EXPECT_TRUE(absl::StrContains(json.output,
                                  absl::StrCat("\"title\": \"", format::SectionHeading(section))))
        << format::SectionHeading(section);
  }
  const auto catalog = nianbao::testing::Run(absl::StrCat("qpdf --show-object=trailer ", path,
                                                          " && qpdf --json "
                                                          "--json-key=qpdf ",
                                                          path, " | grep -c '/Lang'"));
  EXPECT_TRUE(absl::StrContains(catalog.output, "\n1")) << catalog.output;
}

TEST(PdfRenderer, DeterministicModeGivesTheSameBytes) {
  const v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  absl::StatusOr<std::string> a = RenderPdf(request);
  absl::StatusOr<std::string> b = RenderPdf(request);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a == *b);
  v1::RenderRequest dated = request;
  dated.mutable_options()->set_deterministic(false);
  absl::StatusOr<std::string> c = RenderPdf(dated);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(absl::StrContains(*c, "/CreationDate"));
  EXPECT_FALSE(absl::StrContains(*a, "/CreationDate"));
}

TEST(PdfRenderer, RendersFromSeveralThreadsAtOnce) {
  const v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  absl::StatusOr<std::string> expected = RenderPdf(request);
  ASSERT_TRUE(expected.ok());
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < outputs.size(); ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<std::string> pdf = RenderPdf(request);
      outputs[i] = pdf.ok() ? *pdf : std::string(pdf.status().message());
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& out : outputs) EXPECT_TRUE(out == *expected);
}

TEST(PdfRenderer, BuildsTheDocumentWhenTheRequestHasNone) {
  v1::RenderRequest request;
  *request.mutable_report() = LoadExample("hongqiao-2020.json");
  request.mutable_options()->set_deterministic(true);
  absl::StatusOr<std::string> pdf = RenderPdf(request);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  absl::StatusOr<std::string> with_document = RenderPdf(RequestFor(request.report()));
  ASSERT_TRUE(with_document.ok());
  EXPECT_TRUE(*pdf == *with_document);
}

TEST(PdfRenderer, RejectsBadOptions) {
  v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  request.mutable_options()->set_paper_size("A9");
  EXPECT_EQ(RenderPdf(request).status().code(), absl::StatusCode::kInvalidArgument);
  request.mutable_options()->set_paper_size("A4");
  request.mutable_options()->set_body_font("/nonexistent/font.ttc");
  EXPECT_EQ(RenderPdf(request).status().code(), absl::StatusCode::kNotFound);
}

// Subsetting re-encodes the characters (font_subset.h); the pages must look
// exactly as with the whole fonts, which libharu maps by Unicode itself.
TEST(PdfRenderer, SubsetFontsDrawTheSameGlyphsAsWholeFonts) {
  v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  const std::string dir = BinaryPath("test-output/pdf/same-glyphs");
  std::filesystem::create_directories(dir);
  std::vector<std::string> images;
  for (const char* subset : {"true", "false"}) {
    (*request.mutable_options()->mutable_extra())["subset_fonts"] = subset;
    absl::StatusOr<std::string> pdf = RenderPdf(request);
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    const std::string path = absl::StrCat(dir, "/", subset, ".pdf");
    std::ofstream(path, std::ios::binary) << *pdf;
    const auto ppm =
        nianbao::testing::Run(absl::StrCat("pdftoppm -r 40 -gray ", path, " ", dir, "/", subset,
                                           " && cat ", dir, "/", subset, "-*.pgm | md5sum"));
    ASSERT_EQ(ppm.exit_code, 0) << ppm.output;
    images.push_back(ppm.output);
    // Not two blank pages: page 1 (title and text) has ink.
    std::ifstream pgm(absl::StrCat(dir, "/", subset, "-1.pgm"), std::ios::binary);
    std::string magic;
    int width = 0, height = 0, max = 0;
    pgm >> magic >> width >> height >> max;
    pgm.get();
    std::string pixels(static_cast<size_t>(width) * static_cast<size_t>(height), '\0');
    pgm.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
    const auto dark = std::count_if(pixels.begin(), pixels.end(),
                                    [](char p) { return static_cast<unsigned char>(p) < 128; });
    EXPECT_GT(dark, 2000) << subset << ": page 1 is blank";
  }
  EXPECT_EQ(images[0], images[1]);
}

TEST(PdfRenderer, WholeFontsAreMuchLargerThanSubsets) {
  v1::RenderRequest request = RequestFor(LoadExample("hongqiao-2020.json"));
  absl::StatusOr<std::string> subset = RenderPdf(request);
  (*request.mutable_options()->mutable_extra())["subset_fonts"] = "false";
  absl::StatusOr<std::string> whole = RenderPdf(request);
  ASSERT_TRUE(subset.ok() && whole.ok());
  EXPECT_GT(whole->size(), 3 * subset->size());
}

}  // namespace
}  // namespace nianbao::pdf
