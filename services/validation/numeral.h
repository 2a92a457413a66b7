// Numbers as Chinese prose writes them: Arabic digits (half- or full-width,
// with a decimal fraction: "300", "３００", "53.6"), Chinese numerals with
// units ("三百", "三百一十二", "两万零五", "十一") and digit-by-digit Chinese
// numerals ("二〇二〇"). Used to read the figures a report's narrative states.
#ifndef NIANBAO_SERVICES_VALIDATION_NUMERAL_H_
#define NIANBAO_SERVICES_VALIDATION_NUMERAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace nianbao::validation {

// An exact decimal: units / 10^scale ("53.6" is {536, 1}).
struct Decimal {
  int64_t units = 0;
  int scale = 0;
};

// Whether a and b are the same number (53.60 == 53.6). False if scaling
// would overflow.
bool SameNumber(Decimal a, Decimal b);

// -1, 0 or 1 as a < b, a == b, a > b (exact; scales up to 18).
int CompareDecimal(Decimal a, Decimal b);

// `d` times 10^k, or nullopt on overflow.
std::optional<Decimal> Scaled(Decimal d, int k);

// Parses an Amount.decimal-style string ("14957.701682"); nullopt if not one
// or beyond int64.
std::optional<Decimal> ParseDecimal(absl::string_view s);

std::string DecimalString(Decimal d);

// A numeral found in text: its value and byte range.
struct Numeral {
  Decimal value;
  size_t begin = 0;
  size_t end = 0;
};

// The numeral that starts at byte `pos` of `text`, if one does; it extends
// as far as numeral characters go. Chinese numerals are whole numbers.
// nullopt when there is none or it does not fit in int64.
std::optional<Numeral> NumeralAt(absl::string_view text, size_t pos);

// The whole of `text` as one numeral ("三百" -> 300), or nullopt.
std::optional<Decimal> ParseNumeral(absl::string_view text);

// Decodes the UTF-8 code point at `pos` and its length (1 for bad bytes).
// Inline: the prose scanner calls it for every character of every report.
inline char32_t CodePointAt(absl::string_view text, size_t pos, size_t* length) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[pos + k]); };
  const unsigned char c = b(0);
  *length = 1;
  if (c < 0x80) return c;
  // Chinese text is almost all three-byte sequences: decode those directly.
  if ((c >> 4) == 14 && pos + 3 <= text.size()) {
    if ((b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80) return 0xFFFD;
    *length = 3;
    return (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(b(1) & 0x3F) << 6) |
           (b(2) & 0x3F);
  }
  const size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || pos + n > text.size()) return 0xFFFD;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  *length = n;
  return cp;
}

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_NUMERAL_H_
