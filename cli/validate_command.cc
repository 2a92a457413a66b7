// nianbao validate FILE [--previous FILE] [--json]
//
// Checks a report against every rule of the national format, locally (the
// same rule engine the validation service runs). Exit 0 when there is no
// error (warnings allowed), 1 when there are errors, 2 on unusable input.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "nianbao/v1/report.pb.h"
#include "report/report_io.h"
#include "services/validation/rule_engine.h"
#include "services/validation/severity.h"

namespace nianbao::cli {

namespace {
constexpr char kUsage[] =
    "usage: nianbao validate FILE [--previous FILE] [--json]\n"
    "  FILE        report (json, textproto or binary; '-' for standard input)\n"
    "  --previous  last year's report of the same agency: enables the cross-year rules\n"
    "  --json      print the ValidateReportResponse (violations with fingerprints, counts,\n"
    "              and each rule's outcome) as JSON\n"
    "exit status: 0 no errors, 1 errors found, 2 unusable input\n";

void PrintHuman(const std::string& file, const v1::ValidateReportResponse& r, std::ostream& out) {
  for (const v1::Violation& v : r.violations()) {
    out << file << ": " << validation::SeverityWord(v.severity()) << " [" << v.rule_id() << "]";
    if (!v.field_path().empty()) out << " " << v.field_path();
    out << "\n  " << v.message_zh() << "\n  " << v.message_en() << "\n  fingerprint "
        << v.fingerprint() << "\n";
  }
  // The rules that could not be checked, so that silence is not read as
  // "checked and fine".
  for (const v1::RuleResult& rr : r.rule_results()) {
    if (rr.outcome() != v1::RULE_OUTCOME_NOT_ASSESSABLE) continue;
    out << file << ": not assessed [" << rr.rule_id() << "] " << rr.reason_zh() << " / "
        << rr.reason_en() << "\n";
  }
  int passed = 0, violated = 0, not_applicable = 0;
  for (const v1::RuleResult& rr : r.rule_results()) {
    passed += rr.outcome() == v1::RULE_OUTCOME_PASSED;
    violated += rr.outcome() == v1::RULE_OUTCOME_VIOLATED;
    not_applicable += rr.outcome() == v1::RULE_OUTCOME_NOT_APPLICABLE;
  }
  out << file << ": " << r.error_count() << " error(s), " << r.warning_count() << " warning(s), "
      << r.info_count() << " info; rules: " << passed << " passed, " << violated << " violated, "
      << r.not_assessable_count() << " not assessable, " << not_applicable << " not applicable\n";
}

}  // namespace

int RunValidate(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {{"--previous", "previous"}},
                          {{"--json", "json"}, {"--help", "help"}, {"-h", "help"}});
  if (!args.ok()) {
    std::cerr << "nianbao validate: " << args.status().message() << "\n" << kUsage;
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    std::cerr << "nianbao validate: expected one report file\n" << kUsage;
    return kExitUsage;
  }
  const std::string& file = args->positional()[0];
  v1::AnnualReport report;
  if (auto s = report::ReadMessageFile(file, std::nullopt, &report); !s.ok()) {
    std::cerr << "nianbao validate: " << s.message() << "\n";
    return kExitUsage;
  }
  v1::AnnualReport previous;
  const bool has_previous = args->Has("previous");
  if (has_previous) {
    if (auto s = report::ReadMessageFile(*args->Get("previous"), std::nullopt, &previous);
        !s.ok()) {
      std::cerr << "nianbao validate: --previous: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  const v1::ValidateReportResponse response =
      validation::Validate(report, has_previous ? &previous : nullptr);
  if (args->Has("json")) {
    auto json = report::Serialize(response, report::Encoding::kJson);
    if (!json.ok()) {
      std::cerr << "nianbao validate: " << json.status().message() << "\n";
      return kExitFailed;
    }
    std::cout << *json;
    if (!json->empty() && json->back() != '\n') std::cout << "\n";
  } else {
    PrintHuman(file, response, std::cout);
  }
  return response.error_count() > 0 ? kExitFailed : kExitOk;
}

}  // namespace nianbao::cli
