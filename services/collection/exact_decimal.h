// Exact decimal arithmetic for money amounts (Amount.decimal strings such as
// "14957.701682"): parse, add with overflow checks, change unit by a power
// of ten, print keeping the precision. Aggregation sums amounts with it;
// floating point would lose the cents of a province's sum.
#ifndef NIANBAO_SERVICES_COLLECTION_EXACT_DECIMAL_H_
#define NIANBAO_SERVICES_COLLECTION_EXACT_DECIMAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::collection {

// unscaled × 10^-scale. 128 bits hold 38 digits, far beyond any budget.
struct ExactDecimal {
  __int128 unscaled = 0;
  int scale = 0;  // digits after the point, 0..30
};

// Parses "-12.50", "251000", "0.3". InvalidArgument for anything that is not
// an Amount.decimal; OutOfRange beyond 38 digits.
absl::StatusOr<ExactDecimal> ParseExactDecimal(absl::string_view text);

// a + b at the larger of the two scales; OutOfRange on overflow.
absl::StatusOr<ExactDecimal> AddExact(const ExactDecimal& a, const ExactDecimal& b);

// d × 10^power (power may be negative: 万元 → 元 is +4, 元 → 万元 is -4),
// exact: a negative power raises the scale instead of rounding.
absl::StatusOr<ExactDecimal> ScaleByPowerOfTen(const ExactDecimal& d, int power);

// "-12.50": exactly `scale` fraction digits, no exponent.
std::string ExactDecimalText(const ExactDecimal& d);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_EXACT_DECIMAL_H_
