// Third-party printers: nianbao's HTML page printed to PDF or re-saved as
// HTML by other tools imports back to the original report — every figure and
// blank cell. The files are made at test time from the current HTML
// renderer's output; a case is skipped (with a message) only when its tool is
// not installed (scripts/install-deps.sh installs them all).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "plugins/html/html_renderer.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

bool Installed(const std::string& tool) {
  return testing::Run("command -v " + tool + " >/dev/null 2>&1").exit_code == 0;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Printer {
  const char* name;
  const char* tool;
  // Shell command; {in} the HTML page, {out} the file to write, {dir} a
  // private directory.
  const char* command;
  const char* output;  // file name written into {dir}
};

// LibreOffice runs with a private profile so parallel tests do not share one.
const Printer kPrinters[] = {
    {"chromium_pdf", "chromium",
     "chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
     "--user-data-dir={dir}/chromium --print-to-pdf={out} file://{in}",
     "out.pdf"},
    {"chromium_dom", "chromium",
     "chromium --headless --no-sandbox --disable-gpu --user-data-dir={dir}/chromium "
     "--dump-dom file://{in} > {out}",
     "out.html"},
    {"wkhtmltopdf", "wkhtmltopdf", "wkhtmltopdf --quiet {in} {out}", "out.pdf"},
    {"libreoffice_html", "soffice",
     "soffice -env:UserInstallation=file://{dir}/lo-profile --headless --convert-to html "
     "--outdir {dir}/lo {in} && mv {dir}/lo/report.html {out}",
     "out.html"},
    // Writer/Web drops the table borders: the tables are rebuilt from text
    // positions alone (importer/borderless_table.h).
    {"libreoffice_pdf", "soffice",
     "soffice -env:UserInstallation=file://{dir}/lo-profile --headless --convert-to pdf "
     "--outdir {dir}/lo {in} && mv {dir}/lo/report.pdf {out}",
     "out.pdf"},
};

std::string Expand(std::string s, const std::string& in, const std::string& out,
                   const std::string& dir) {
  for (auto [key, value] :
       {std::pair<std::string, std::string>{"{in}", in}, {"{out}", out}, {"{dir}", dir}}) {
    for (size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), value);
  }
  return s;
}

struct Case {
  const char* example;
  const Printer* printer;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.example << " via " << c.printer->name; }

class PrinterImportTest : public ::testing::TestWithParam<Case> {};

TEST_P(PrinterImportTest, PrintedReportImportsBack) {
  const Printer& printer = *GetParam().printer;
  if (!Installed(printer.tool)) {
    GTEST_SKIP() << printer.tool << " is not installed (scripts/install-deps.sh installs it)";
  }
  const v1::AnnualReport example = testing::LoadExample(GetParam().example);
  auto document = renderers::BuildDocument(example);
  ASSERT_TRUE(document.ok()) << document.status();
  v1::RenderRequest request;
  *request.mutable_report() = example;
  *request.mutable_document() = *document;
  auto html = html::RenderHtml(request);
  ASSERT_TRUE(html.ok()) << html.status();

  std::string dir = ::testing::TempDir() + "nianbao-printer-XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::string in = dir + "/report.html";
  std::ofstream(in, std::ios::binary) << *html;
  const std::string out = dir + "/" + printer.output;
  const auto run =
      testing::Run("timeout 300 sh -c '" + Expand(printer.command, in, out, dir) + "' 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string bytes = ReadAll(out);
  ASSERT_FALSE(bytes.empty()) << printer.name << " wrote nothing: " << run.output;

  auto result = importer::ImportReport(bytes, out, v1::SOURCE_FORMAT_UNSPECIFIED);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->detected_edition(), example.edition());
  v1::AnnualReport expected = example;
  v1::AnnualReport imported = result->report();
  for (v1::AnnualReport* r : {&expected, &imported}) {
    r->clear_agency();
    r->clear_publisher();
    r->clear_publication_date();
  }
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(expected, imported)) << diff;
  for (const auto& d : result->diagnostics()) {
    EXPECT_EQ(d.severity(), v1::SEVERITY_INFO) << importer::FormatDiagnostic(d, printer.name);
  }
  testing::Run("rm -rf '" + dir + "'");
}

std::vector<Case> Cases() {
  std::vector<Case> out;
  for (const char* example : {"hongqiao-2020.json", "example-city-2022.json"}) {
    for (const Printer& p : kPrinters) out.push_back({example, &p});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Printers, PrinterImportTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = info.param.example;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name + "_" + info.param.printer->name;
                         });

}  // namespace
}  // namespace nianbao
