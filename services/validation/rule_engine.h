// The rule engine: runs every declared rule (rule.h) on a report and,
// optionally, last year's report. Used by the gRPC service and by
// `nianbao validate`. Stateless and thread-safe.
#ifndef NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_
#define NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_

#include <string>

#include "nianbao/v1/report.pb.h"
#include "nianbao/v1/validation.pb.h"

namespace nianbao::validation {

// Every violation of `report` (previous may be nullptr), in report order,
// each with its fingerprint; counts by severity; and one RuleResult per rule
// (passed, violated, not assessable with the reason, or not applicable).
// `response` is cleared first.
void Validate(const v1::AnnualReport& report, const v1::AnnualReport* previous,
              v1::ValidateReportResponse* response);

// The fingerprint of `v` as documented on Violation.fingerprint: FNV-1a 64
// over rule_id, field_path, expected, found and quote, each length-prefixed;
// 16 lowercase hex digits.
std::string Fingerprint(const v1::Violation& v);

v1::ValidateReportResponse Validate(const v1::AnnualReport& report,
                                    const v1::AnnualReport* previous = nullptr);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_
