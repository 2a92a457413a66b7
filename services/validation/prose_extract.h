// Reads the figures a report's narrative states about applications,
// reconsiderations and lawsuits, and fees: "共收到政府信息公开申请300件",
// "予以公开472件，占53.2%", "行政复议10件", "实际收取信息处理费200元".
// Pure text work; prose_rules.cc compares the statements with the tables.
// docs/prose.md lists the recognised patterns.
#ifndef NIANBAO_SERVICES_VALIDATION_PROSE_EXTRACT_H_
#define NIANBAO_SERVICES_VALIDATION_PROSE_EXTRACT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/validation/numeral.h"

namespace nianbao::validation {

enum class Fact {
  kReceived,        // applications received this year
  kCarriedOver,     // carried over from last year
  kHandled,         // handled (答复/办结) this year: the results' total
  kCarriedForward,  // carried forward to next year
  kResult,          // a result category (keyword index into ProseKeywords::results)
  kReview,          // a reconsideration/lawsuit group (index into ProseKeywords::review)
  kFeeNotices,      // processing-fee notices issued
  kFeeNoticed,      // amount stated in the notices
  kFeeCollected,    // amount collected
  kDisclosureRate,  // 公开率 X%: value is the percentage
};

// Keywords taken from the format definition (row and column labels), each
// with the index the caller uses to find its figure in the tables.
struct ProseKeywords {
  std::vector<std::pair<std::string, int>> results;  // e.g. {"予以公开", 0}
  std::vector<std::pair<std::string, int>> review;   // e.g. {"行政复议", 0}
};

struct Statement {
  Fact fact;
  int index = -1;  // for kResult and kReview
  Decimal value;
  // For amounts: true when the unit was 万元 (else 元).
  bool wan = false;
  // "占X%" (or 百分之X) stated right after the figure.
  std::optional<Decimal> percent;
  // The sentence, as written.
  std::string sentence;
};

// Orders the keywords longest first, so that "未经复议直接起诉" wins over a
// shorter keyword at the same place. Call once before ExtractStatements.
void SortKeywords(ProseKeywords* keywords);

// Every recognised statement in `text` (one paragraph), in order.
// `keywords` must have been sorted by SortKeywords.
std::vector<Statement> ExtractStatements(absl::string_view text, const ProseKeywords& keywords);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_PROSE_EXTRACT_H_
