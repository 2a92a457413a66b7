// What the store refuses to keep even in a draft: content no report can have
// and no renderer can print. A draft may still be wrong (sums that do not
// add up, empty sections: Submit's validation reports those); it may not be
// impossible:
//  - larger than the limits below (a whole report is tens of kilobytes);
//  - enum values the schema does not know;
//  - an edition neither stated nor implied by the year;
//  - the validation rules STRUCT.NEGATIVE, STRUCT.AMOUNT_FORMAT,
//    STRUCT.OTHER_EDITION_FIELDS, STRUCT.OVERFLOW and STRUCT.YEAR_RANGE
//    (negative counts, malformed amounts, fields of the other edition, sums
//    past 64 bits, years before the format or after this one).
// docs/bad_input.md lists the requests that hit each check.
#ifndef NIANBAO_SERVICES_COLLECTION_CONTENT_CHECKS_H_
#define NIANBAO_SERVICES_COLLECTION_CONTENT_CHECKS_H_

#include <cstddef>
#include <string>

#include "nianbao/v1/report.pb.h"
#include "services/collection/grpc_errors.h"

namespace nianbao::collection {

// One text field (a paragraph, a title, a name).
inline constexpr size_t kMaxTextBytes = 256 * 1024;
// The whole content, serialized.
inline constexpr size_t kMaxContentBytes = 4 * 1024 * 1024;
// Subsections inside subsections (the format has 一、(一) 1. (1): four).
inline constexpr int kMaxSubsectionDepth = 8;

// Adds a violation to `bad` for each way `content` breaks the rules above,
// naming the field as `prefix` + "." + its path (prefix e.g. "report.content").
// Agency fields (display name, code) are short texts.
inline constexpr size_t kMaxAgencyFieldBytes = 1024;

void CheckStorableContent(const v1::AnnualReport& content, const std::string& prefix,
                          BadRequestBuilder* bad);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_CONTENT_CHECKS_H_
