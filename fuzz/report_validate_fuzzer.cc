// Fuzz target: a report as it arrives (proto3 JSON or binary protobuf) parsed
// and then validated by the rule engine, alone and against itself as last
// year's report (which runs the cross-year rules). Both must cope with any
// report the parser accepts: no crash, no sanitizer report.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "services/validation/rule_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nianbao::v1::AnnualReport report;
  if (!nianbao::fuzz::ParseReport(nianbao::fuzz::Bytes(data, size), &report)) return 0;
  nianbao::validation::Validate(report);
  nianbao::validation::Validate(report, &report);
  // What the service sends back must serialize (e.g. valid UTF-8 in strings).
  nianbao::report::Serialize(report, nianbao::report::Encoding::kJson).IgnoreError();
  return 0;
}
