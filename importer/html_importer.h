// The HTML front end: a published web page parsed with gumbo (an HTML5
// parser), never with regular expressions. Block-level elements (headings,
// paragraphs, divs, list items) become text elements in reading order; a
// table becomes a grid with rowspan/colspan expanded — except a layout table
// holding other tables, whose cells are read as blocks. Scripts and styles
// are skipped. Tables are then read by GridTableReader.
#ifndef NIANBAO_IMPORTER_HTML_IMPORTER_H_
#define NIANBAO_IMPORTER_HTML_IMPORTER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "importer/source_document.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// The page as a SourceDocument. Lines are those of the HTML source.
SourceDocument HtmlDocument(absl::string_view html);

// Imports a report from an HTML page (UTF-8). InvalidArgument when the page
// holds no section of the national format.
absl::StatusOr<v1::ImportResult> ImportHtml(absl::string_view html);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_HTML_IMPORTER_H_
