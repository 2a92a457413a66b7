// nianbao convert IN [--to json|textproto|binary] [-o OUT]
//
// Reads a report in any of the three encodings and writes it in another.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "nianbao/v1/report.pb.h"
#include "report/report_io.h"

namespace nianbao::cli {

namespace {
constexpr char kUsage[] =
    "usage: nianbao convert IN [--to json|textproto|binary] [-o OUT]\n"
    "  IN    report file (json, textproto or binary; '-' for standard input)\n"
    "  --to  output encoding; default: from OUT's extension, else json\n"
    "  -o    output file; default: standard output\n";
}  // namespace

int RunConvert(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {{"--to", "to"}, {"-o", "output"}, {"--output", "output"}},
                          {{"--help", "help"}, {"-h", "help"}});
  if (!args.ok()) {
    std::cerr << "nianbao convert: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    std::cerr << "nianbao convert: expected one input file\n" << kUsage;
    return kExitUsage;
  }
  const std::string output = args->GetOr("output", "-");
  report::Encoding to = report::Encoding::kJson;
  if (auto name = args->Get("to")) {
    auto parsed = report::ParseEncodingName(*name);
    if (!parsed.ok()) {
      std::cerr << "nianbao convert: --to: " << parsed.status().message() << "\n";
      return kExitUsage;
    }
    to = *parsed;
  } else if (auto from_ext = report::EncodingFromExtension(output)) {
    to = *from_ext;
  }

  v1::AnnualReport report;
  if (auto s = report::ReadMessageFile(args->positional()[0], std::nullopt, &report); !s.ok()) {
    std::cerr << "nianbao convert: " << s.message() << "\n";
    return kExitUsage;
  }
  auto bytes = report::Serialize(report, to);
  if (!bytes.ok()) {
    std::cerr << "nianbao convert: " << bytes.status().message() << "\n";
    return kExitFailed;
  }
  if (auto s = report::WriteFile(output, *bytes); !s.ok()) {
    std::cerr << "nianbao convert: " << s.message() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace nianbao::cli
