#include "services/validation/numeral.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace nianbao::validation {
namespace {

int ArabicDigit(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

int ChineseDigit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

int64_t ChineseUnit(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    case U'万':
      return 10000;
    case U'亿':
      return 100000000;
    default:
      return 0;
  }
}

bool MulAdd(int64_t* acc, int64_t mul, int64_t add) {
  return !__builtin_mul_overflow(*acc, mul, acc) && !__builtin_add_overflow(*acc, add, acc);
}

std::optional<Numeral> ArabicAt(absl::string_view text, size_t pos) {
  Numeral n;
  n.begin = pos;
  size_t i = pos, len = 0;
  int digits = 0;
  while (i < text.size()) {
    const int d = ArabicDigit(CodePointAt(text, i, &len));
    if (d < 0) break;
    if (!MulAdd(&n.value.units, 10, d)) return std::nullopt;
    ++digits;
    i += len;
  }
  if (digits == 0) return std::nullopt;
  // A fraction: '.' or '．' followed by at least one digit.
  size_t dot_len = 0;
  if (i < text.size()) {
    const char32_t c = CodePointAt(text, i, &dot_len);
    if ((c == U'.' || c == U'．') && i + dot_len < text.size() &&
        ArabicDigit(CodePointAt(text, i + dot_len, &len)) >= 0) {
      i += dot_len;
      while (i < text.size()) {
        const int d = ArabicDigit(CodePointAt(text, i, &len));
        if (d < 0) break;
        if (!MulAdd(&n.value.units, 10, d)) return std::nullopt;
        ++n.value.scale;
        i += len;
      }
    }
  }
  n.end = i;
  return n;
}

std::optional<Numeral> ChineseAt(absl::string_view text, size_t pos) {
  // Collect the run of Chinese numeral characters.
  std::vector<char32_t> run;
  size_t i = pos, len = 0;
  while (i < text.size()) {
    const char32_t c = CodePointAt(text, i, &len);
    if (ChineseDigit(c) < 0 && ChineseUnit(c) == 0) break;
    run.push_back(c);
    i += len;
  }
  if (run.empty()) return std::nullopt;
  Numeral n;
  n.begin = pos;
  n.end = i;
  bool has_unit = false;
  for (char32_t c : run) has_unit |= ChineseUnit(c) != 0;
  if (!has_unit) {
    // Digit by digit: "二〇二〇" is 2020, "三" is 3.
    for (char32_t c : run) {
      if (!MulAdd(&n.value.units, 10, ChineseDigit(c))) return std::nullopt;
    }
    return n;
  }
  // Positional with units: 亿 and 万 close a section; 十百千 scale the digit
  // before them (a bare leading 十 means 一十).
  int64_t total = 0, section = 0, digit = 0;
  bool have_digit = false;
  for (char32_t c : run) {
    const int d = ChineseDigit(c);
    if (d >= 0) {
      digit = d;
      have_digit = true;
      continue;
    }
    const int64_t unit = ChineseUnit(c);
    if (unit < 10000) {
      int64_t v = have_digit ? digit : 1;
      if (__builtin_mul_overflow(v, unit, &v) || __builtin_add_overflow(section, v, &section)) {
        return std::nullopt;
      }
    } else {
      int64_t v = 0;
      if (__builtin_add_overflow(section, have_digit ? digit : 0, &v)) return std::nullopt;
      if (v == 0 && total == 0) v = 1;  // "万" alone
      if (unit == 100000000) {
        // 亿 scales everything before it, including a closed 万 section.
        if (__builtin_add_overflow(total, v, &v) || __builtin_mul_overflow(v, unit, &total)) {
          return std::nullopt;
        }
      } else {
        if (__builtin_mul_overflow(v, unit, &v) || __builtin_add_overflow(total, v, &total)) {
          return std::nullopt;
        }
      }
      section = 0;
    }
    digit = 0;
    have_digit = false;
  }
  int64_t v = 0;
  if (__builtin_add_overflow(section, have_digit ? digit : 0, &v) ||
      __builtin_add_overflow(total, v, &n.value.units)) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

std::optional<Numeral> NumeralAt(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  if (auto n = ArabicAt(text, pos)) return n;
  return ChineseAt(text, pos);
}

std::optional<Decimal> ParseNumeral(absl::string_view text) {
  auto n = NumeralAt(text, 0);
  if (!n || n->end != text.size()) return std::nullopt;
  return n->value;
}

std::optional<Decimal> Scaled(Decimal d, int k) {
  for (int i = 0; i < k; ++i) {
    if (__builtin_mul_overflow(d.units, 10, &d.units)) return std::nullopt;
  }
  return d;
}

int CompareDecimal(Decimal a, Decimal b) {
  // 128 bits hold an int64 times 10^18.
  __int128 x = a.units, y = b.units;
  for (int i = a.scale; i < b.scale; ++i) x *= 10;
  for (int i = b.scale; i < a.scale; ++i) y *= 10;
  return x < y ? -1 : x > y ? 1 : 0;
}

bool SameNumber(Decimal a, Decimal b) {
  const int scale = std::max(a.scale, b.scale);
  auto x = Scaled({a.units, scale}, scale - a.scale);
  auto y = Scaled({b.units, scale}, scale - b.scale);
  return x && y && x->units == y->units;
}

std::optional<Decimal> ParseDecimal(absl::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  auto n = ArabicAt(s, 0);
  if (!n || n->end != s.size()) return std::nullopt;
  if (negative) n->value.units = -n->value.units;
  return n->value;
}

std::string DecimalString(Decimal d) {
  if (d.scale == 0) return absl::StrCat(d.units);
  std::string digits = absl::StrCat(d.units < 0 ? -d.units : d.units);
  while (static_cast<int>(digits.size()) <= d.scale) digits.insert(0, "0");
  digits.insert(digits.size() - static_cast<size_t>(d.scale), ".");
  return d.units < 0 ? "-" + digits : digits;
}

}  // namespace nianbao::validation
