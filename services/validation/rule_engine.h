// The rule engine: runs every declared rule (rule.h) on a report and,
// optionally, last year's report. Used by the gRPC service and by
// `nianbao validate`. Stateless and thread-safe.
#ifndef NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_
#define NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_

#include "nianbao/v1/report.pb.h"
#include "nianbao/v1/validation.pb.h"

namespace nianbao::validation {

// Every violation of `report` (previous may be nullptr), in rule order, with
// counts by severity. `response` is cleared first.
void Validate(const v1::AnnualReport& report, const v1::AnnualReport* previous,
              v1::ValidateReportResponse* response);

v1::ValidateReportResponse Validate(const v1::AnnualReport& report,
                                    const v1::AnnualReport* previous = nullptr);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_RULE_ENGINE_H_
