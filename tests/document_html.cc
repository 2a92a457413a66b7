#include "tests/document_html.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "renderers/document_builder.h"

namespace nianbao::testing {
namespace {

std::string Escape(const std::string& s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\n", "<br>"}});
}

}  // namespace

std::string DocumentHtml(const v1::Document& document) {
  std::string out =
      absl::StrCat("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
                   "<title>", Escape(document.title()), "</title></head>\n<body>\n", "<h1>",
                   Escape(document.title()), "</h1>\n");
  for (const v1::DocBlock& block : document.blocks()) {
    if (block.has_heading()) {
      const int level = std::min(block.heading().level() + 1, 6);
      absl::StrAppend(&out, "<h", level, ">", Escape(block.heading().number()),
                      Escape(block.heading().text()), "</h", level, ">\n");
    } else if (block.has_paragraph()) {
      absl::StrAppend(&out, "<p>", Escape(block.paragraph().text()), "</p>\n");
    } else if (block.has_table()) {
      absl::StrAppend(&out, "<table border=\"1\">\n");
      for (const v1::TableRow& row : block.table().rows()) {
        absl::StrAppend(&out, "<tr>");
        for (const v1::TableCell& cell : row.cells()) {
          const char* tag = cell.role() == v1::CELL_ROLE_UNSPECIFIED ? "td" : "th";
          absl::StrAppend(&out, "<", tag);
          if (cell.row_span() > 1) absl::StrAppend(&out, " rowspan=\"", cell.row_span(), "\"");
          if (cell.column_span() > 1)
            absl::StrAppend(&out, " colspan=\"", cell.column_span(), "\"");
          absl::StrAppend(&out, ">", Escape(cell.text()), "</", tag, ">");
        }
        absl::StrAppend(&out, "</tr>\n");
      }
      absl::StrAppend(&out, "</table>\n");
    }
  }
  absl::StrAppend(&out, "</body></html>\n");
  return out;
}

std::string ReportHtml(const v1::AnnualReport& report) {
  auto document = renderers::BuildDocument(report);
  EXPECT_TRUE(document.ok()) << document.status();
  return document.ok() ? DocumentHtml(*document) : "";
}

}  // namespace nianbao::testing
