// A plain HTML rendering of a Document for the importer's tests — headings,
// paragraphs and tables with rowspan/colspan exactly as the document builder
// lays them out — so the HTML front end is tested on nianbao's own table
// layouts and on variants edited from them, independent of the HTML plugin.
#ifndef NIANBAO_TESTS_DOCUMENT_HTML_H_
#define NIANBAO_TESTS_DOCUMENT_HTML_H_

#include <string>

#include "nianbao/v1/document.pb.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::testing {

std::string DocumentHtml(const v1::Document& document);

// BuildDocument + DocumentHtml; fails the test when the report has no edition.
std::string ReportHtml(const v1::AnnualReport& report);

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_DOCUMENT_HTML_H_
