#include "services/collection/exact_decimal.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace nianbao::collection {
namespace {

constexpr int kMaxScale = 30;

absl::StatusOr<__int128> MulPow10(__int128 v, int power) {
  for (int i = 0; i < power; ++i) {
    if (__builtin_mul_overflow(v, static_cast<__int128>(10), &v)) {
      return absl::OutOfRangeError("decimal overflow");
    }
  }
  return v;
}

}  // namespace

absl::StatusOr<ExactDecimal> ParseExactDecimal(absl::string_view text) {
  absl::string_view s = text;
  const bool negative = absl::ConsumePrefix(&s, "-");
  const size_t dot = s.find('.');
  absl::string_view whole = s.substr(0, dot);
  absl::string_view fraction = dot == absl::string_view::npos ? "" : s.substr(dot + 1);
  auto digits = [](absl::string_view d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (dot != absl::string_view::npos && fraction.empty())) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a decimal"));
  }
  if (fraction.size() > kMaxScale) {
    return absl::OutOfRangeError(absl::StrCat("\"", text, "\" has too many fraction digits"));
  }
  ExactDecimal d;
  d.scale = static_cast<int>(fraction.size());
  for (absl::string_view part : {whole, fraction}) {
    for (char c : part) {
      if (__builtin_mul_overflow(d.unscaled, static_cast<__int128>(10), &d.unscaled) ||
          __builtin_add_overflow(d.unscaled, static_cast<__int128>(c - '0'), &d.unscaled)) {
        return absl::OutOfRangeError(absl::StrCat("\"", text, "\" is too large"));
      }
    }
  }
  if (negative) d.unscaled = -d.unscaled;
  return d;
}

absl::StatusOr<ExactDecimal> AddExact(const ExactDecimal& a, const ExactDecimal& b) {
  const int scale = std::max(a.scale, b.scale);
  absl::StatusOr<__int128> x = MulPow10(a.unscaled, scale - a.scale);
  absl::StatusOr<__int128> y = MulPow10(b.unscaled, scale - b.scale);
  if (!x.ok()) return x.status();
  if (!y.ok()) return y.status();
  ExactDecimal sum;
  sum.scale = scale;
  if (__builtin_add_overflow(*x, *y, &sum.unscaled)) {
    return absl::OutOfRangeError("decimal sum overflows");
  }
  return sum;
}

absl::StatusOr<ExactDecimal> ScaleByPowerOfTen(const ExactDecimal& d, int power) {
  ExactDecimal out = d;
  if (power < 0) {
    out.scale -= power;
    if (out.scale > kMaxScale) return absl::OutOfRangeError("decimal scale too large");
    return out;
  }
  // Use up fraction digits first, then multiply.
  const int from_scale = std::min(power, out.scale);
  out.scale -= from_scale;
  absl::StatusOr<__int128> v = MulPow10(out.unscaled, power - from_scale);
  if (!v.ok()) return v.status();
  out.unscaled = *v;
  return out;
}

std::string ExactDecimalText(const ExactDecimal& d) {
  const bool negative = d.unscaled < 0;
  unsigned __int128 v = negative ? -static_cast<unsigned __int128>(d.unscaled)
                                 : static_cast<unsigned __int128>(d.unscaled);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  if (static_cast<int>(digits.size()) <= d.scale) {
    digits.insert(0, d.scale - digits.size() + 1, '0');
  }
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - d.scale);
  if (d.scale > 0) absl::StrAppend(&out, ".", digits.substr(digits.size() - d.scale));
  return out;
}

}  // namespace nianbao::collection
