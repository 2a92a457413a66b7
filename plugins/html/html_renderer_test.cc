#include "plugins/html/html_renderer.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao::html {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

v1::RenderRequest RequestFor(const v1::AnnualReport& report) {
  v1::RenderRequest request;
  *request.mutable_report() = report;
  auto doc = renderers::BuildDocument(report);
  EXPECT_TRUE(doc.ok()) << doc.status();
  if (doc.ok()) *request.mutable_document() = *doc;
  return request;
}

std::string Render(const v1::RenderRequest& request) {
  absl::StatusOr<std::string> html = RenderHtml(request);
  EXPECT_TRUE(html.ok()) << html.status();
  return html.ok() ? *html : "";
}

// The data cell of `doc` whose figure comes from `path`.
const v1::TableCell* FindData(const v1::Document& doc, const std::string& path) {
  for (const auto& block : doc.blocks()) {
    if (!block.has_table()) continue;
    for (const auto& row : block.table().rows()) {
      for (const auto& cell : row.cells()) {
        if (cell.field_path() == path) return &cell;
      }
    }
  }
  return nullptr;
}

TEST(RenderHtmlTest, SeedIsAStandaloneChinesePageWithoutScript) {
  const std::string html = Render(RequestFor(testing::LoadExample("hongqiao-2020.json")));
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
      << html.substr(0, 80);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(html.find("<title>红桥区2020年政府信息公开工作报告</title>"), std::string::npos);
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_EQ(Count(html, "<h1>"), 1u);
  EXPECT_EQ(Count(html, "<h2 "), 6u);  // the six sections
  EXPECT_NE(html.find("<h2 id=\"section-1\"><span class=\"nb-number\">一、</span>总体情况</h2>"),
            std::string::npos);
  // The seed's 总体情况 has numbered subsections: headings one level down.
  EXPECT_NE(html.find("<h3 id=\"section-1-1\"><span class=\"nb-number\">(一)</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<style>\n.nianbao-report {"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
}

TEST(RenderHtmlTest, EveryTableHasCaptionScrollRegionAndHeaders) {
  for (const char* name : {"hongqiao-2020.json", "example-city-2022.json"}) {
    SCOPED_TRACE(name);
    const std::string html = Render(RequestFor(testing::LoadExample(name)));
    EXPECT_EQ(Count(html, "<table "), 3u);
    EXPECT_EQ(Count(html, "<caption "), 3u);
    EXPECT_EQ(Count(html, "<section class=\"nb-table-scroll\" tabindex=\"0\" aria-labelledby=\""),
              3u);
    // Tables 3 and 4 repeat their merged headers in <thead>; table 2's
    // blocks each carry their own, in their own <tbody>.
    EXPECT_EQ(Count(html, "<thead>"), 2u);
    EXPECT_NE(html.find("rowspan=\""), std::string::npos);
    EXPECT_NE(html.find("colspan=\""), std::string::npos);
  }
}

TEST(RenderHtmlTest, FiguresNameEveryHeaderThatDescribesThem) {
  const v1::RenderRequest request = RequestFor(testing::LoadExample("hongqiao-2020.json"));
  const std::string html = Render(request);
  const v1::TableCell* disclosed =
      FindData(request.document(), "applications.results.disclosed.natural_person");
  ASSERT_NE(disclosed, nullptr);
  ASSERT_GE(disclosed->header_ids_size(), 2);
  EXPECT_NE(html.find(absl::StrCat("<td headers=\"", absl::StrJoin(disclosed->header_ids(), " "),
                                   "\" class=\"nb-align-center\">83</td>")),
            std::string::npos);
  for (const std::string& id : disclosed->header_ids()) {
    EXPECT_NE(html.find(absl::StrCat("<th id=\"", id, "\"")), std::string::npos) << id;
  }
}

TEST(RenderHtmlTest, TableTwoBlocksGetTheirOwnBodyAndHeading) {
  const v1::RenderRequest request = RequestFor(testing::LoadExample("hongqiao-2020.json"));
  const std::string html = Render(request);
  const v1::Table* t2 = nullptr;
  for (const auto& b : request.document().blocks()) {
    if (b.has_table() && b.table().header_rows() == 0) t2 = &b.table();
  }
  ASSERT_NE(t2, nullptr);
  std::vector<std::string> heading_ids;
  for (const auto& row : t2->rows()) {
    for (const auto& cell : row.cells()) {
      if (cell.role() == v1::CELL_ROLE_BLOCK_HEADING) heading_ids.push_back(cell.id());
    }
  }
  ASSERT_GE(heading_ids.size(), 4u);
  const size_t start = html.find(absl::StrCat("<table id=\"", t2->id(), "\""));
  const size_t end = html.find("</table>", start);
  const std::string table = html.substr(start, end - start);
  EXPECT_EQ(Count(table, "<tbody class=\"nb-block\">"), heading_ids.size());
  for (const std::string& id : heading_ids) {
    // The heading is a header cell, and the figures below it name it first.
    EXPECT_NE(table.find(absl::StrCat("<th id=\"", id, "\" scope=\"col\"")), std::string::npos);
    EXPECT_NE(table.find(absl::StrCat("<td headers=\"", id, " ")), std::string::npos) << id;
  }
}

TEST(RenderHtmlTest, ReportTextIsEscapedNeverMarkup) {
  v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  report.set_title("<script>alert('title')</script>");
  report.mutable_agency()->set_name("\"><img src=x onerror=alert(1)>");
  report.mutable_preamble()->add_blocks()->mutable_paragraph()->set_text(
      "</p><script>document.title='pwned'</script>&amp;");
  v1::Subsection* sub = report.mutable_closing()->add_blocks()->mutable_subsection();
  sub->set_number("<b>");
  sub->set_title("\"><img src=x onerror=alert(2)>");
  const std::string html = Render(RequestFor(report));
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_EQ(Count(html, "<img"), 0u);
  EXPECT_EQ(Count(html, "<b>"), 0u);
  EXPECT_NE(html.find("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"),
            std::string::npos);
  EXPECT_NE(html.find("<meta name=\"author\" content=\"&quot;&gt;&lt;img src=x "
                      "onerror=alert(1)&gt;\">"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;/p&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"
                      "&amp;amp;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;</span>&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
            std::string::npos);
}

TEST(RenderHtmlTest, FragmentIsAnArticleWithItsOwnLanguage) {
  v1::RenderRequest request = RequestFor(testing::LoadExample("example-city-2022.json"));
  request.mutable_options()->set_fragment(true);
  const std::string html = Render(request);
  EXPECT_EQ(html.find("<!DOCTYPE"), std::string::npos);
  EXPECT_EQ(html.find("<html"), std::string::npos);
  EXPECT_EQ(html.find("<body"), std::string::npos);
  EXPECT_TRUE(absl::StartsWith(html, "<style>")) << html.substr(0, 40);
  EXPECT_NE(html.find("<article class=\"nianbao-report\" lang=\"zh-CN\">"), std::string::npos);
  EXPECT_TRUE(absl::EndsWith(html, "</article>\n"));
}

TEST(RenderHtmlTest, StylesheetCanBeLinkedOrLeftOut) {
  v1::RenderRequest request = RequestFor(testing::LoadExample("hongqiao-2020.json"));
  request.mutable_options()->set_stylesheet(v1::STYLESHEET_MODE_LINK);
  request.mutable_options()->set_stylesheet_href("/css/report.css?v=1&x=\"");
  std::string html = Render(request);
  EXPECT_EQ(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"/css/report.css?v=1&amp;x=&quot;\">\n"
                      "</head>"),
            std::string::npos);

  request.mutable_options()->set_stylesheet(v1::STYLESHEET_MODE_NONE);
  html = Render(request);
  EXPECT_EQ(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<table "), std::string::npos);
}

TEST(RenderHtmlTest, LinkWithoutHrefAndEmptyDocumentAreRejected) {
  v1::RenderRequest request = RequestFor(testing::LoadExample("hongqiao-2020.json"));
  request.mutable_options()->set_stylesheet(v1::STYLESHEET_MODE_LINK);
  EXPECT_EQ(RenderHtml(request).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderHtml(v1::RenderRequest()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RenderHtmlTest, HeadingLevelsNeverSkip) {
  v1::RenderRequest request;
  request.mutable_document()->set_title("T");
  auto add = [&](int level, const std::string& text) {
    v1::Heading* h = request.mutable_document()->add_blocks()->mutable_heading();
    h->set_level(level);
    h->set_text(text);
  };
  add(3, "a");  // under the title: h2, not h4
  add(3, "b");  // a sibling: h2 still
  add(1, "c");  // a section: h2
  add(2, "d");  // its subsection: h3
  add(9, "e");  // deep: one below, h4
  const std::string html = Render(request);
  EXPECT_NE(html.find("<h2>a</h2>\n<h2>b</h2>\n<h2>c</h2>\n<h3>d</h3>\n<h4>e</h4>"),
            std::string::npos)
      << html;
}

}  // namespace
}  // namespace nianbao::html
