// nianbao import FILE [--from auto|text|html|pdf] [-o OUT] [--diagnostics D.json] [-v]
//
// Imports a published report (scraped web text, HTML page, PDF) into the
// report schema. Warnings and errors go to standard error, one line each
// with where in the source they are; --diagnostics writes every diagnostic,
// the provenance of each imported figure included, as an ImportResult-style
// JSON list.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "nianbao/v1/import.pb.h"
#include "report/report_io.h"

namespace nianbao::cli {

namespace {
constexpr char kUsage[] =
    "usage: nianbao import FILE [--from auto|text|html|pdf] [-o OUT] [--diagnostics D.json] [-v]\n"
    "  FILE           published report: scraped text, HTML page or PDF ('-' for standard input)\n"
    "  --from         kind of FILE; default auto (from the extension, else the content)\n"
    "  -o             output report (json, textproto or binary by extension); default stdout\n"
    "  --diagnostics  write every diagnostic (with each figure's provenance) as JSON\n"
    "  -v             also print the provenance of every imported figure to stderr\n"
    "exit status: 0 imported; 1 imported, but some content could not be placed (errors);\n"
    "             2 usage error or unusable input\n";
}  // namespace

int RunImport(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {{"--from", "from"},
       {"-o", "output"},
       {"--output", "output"},
       {"--diagnostics", "diagnostics"}},
      {{"--help", "help"}, {"-h", "help"}, {"-v", "verbose"}, {"--verbose", "verbose"}});
  if (!args.ok()) {
    std::cerr << "nianbao import: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    std::cerr << "nianbao import: expected one input file\n" << kUsage;
    return kExitUsage;
  }
  auto from = importer::ParseSourceFormatName(args->GetOr("from", "auto"));
  if (!from.ok()) {
    std::cerr << "nianbao import: --from: " << from.status().message() << "\n";
    return kExitUsage;
  }
  const std::string& input = args->positional()[0];
  auto bytes = report::ReadFile(input);
  if (!bytes.ok()) {
    std::cerr << "nianbao import: " << bytes.status().message() << "\n";
    return kExitUsage;
  }
  auto result = importer::ImportReport(*bytes, input, *from);
  if (!result.ok()) {
    std::cerr << "nianbao import: " << input << ": " << result.status().message() << "\n";
    return kExitUsage;
  }
  int errors = 0;
  for (const v1::ImportDiagnostic& d : result->diagnostics()) {
    errors += d.severity() == v1::SEVERITY_ERROR;
    if (d.severity() != v1::SEVERITY_INFO || args->Has("verbose")) {
      std::cerr << importer::FormatDiagnostic(d, input) << "\n";
    }
  }

  const std::string output = args->GetOr("output", "-");
  const report::Encoding encoding =
      report::EncodingFromExtension(output).value_or(report::Encoding::kJson);
  auto out = report::Serialize(result->report(), encoding);
  if (!out.ok()) {
    std::cerr << "nianbao import: " << out.status().message() << "\n";
    return kExitFailed;
  }
  if (auto s = report::WriteFile(output, *out); !s.ok()) {
    std::cerr << "nianbao import: " << s.message() << "\n";
    return kExitFailed;
  }
  if (auto path = args->Get("diagnostics")) {
    v1::ImportResult diagnostics_only;
    *diagnostics_only.mutable_diagnostics() = result->diagnostics();
    diagnostics_only.set_source_format(result->source_format());
    diagnostics_only.set_detected_edition(result->detected_edition());
    auto json = report::Serialize(diagnostics_only, report::Encoding::kJson);
    if (!json.ok() || !report::WriteFile(*path, *json).ok()) {
      std::cerr << "nianbao import: cannot write " << *path << "\n";
      return kExitFailed;
    }
  }
  return errors > 0 ? kExitFailed : kExitOk;
}

}  // namespace nianbao::cli
