#include "format/cell_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace nianbao::format {
namespace {

constexpr absl::string_view kWanYuan = "万元";
constexpr absl::string_view kYuan = "元";

absl::string_view MarkText(v1::BlankMark mark) {
  switch (mark) {
    case v1::BLANK_MARK_SLASH:
      return "/";
    case v1::BLANK_MARK_DASH:
      return "—";
    case v1::BLANK_MARK_HYPHEN:
      return "-";
    default:
      return "";
  }
}

// Full-width digits and signs to ASCII; other characters unchanged.
std::string AsciiDigits(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    // Full-width forms U+FF10..U+FF19 are EF BC 90..99; U+FF0B '+' EF BC 8B,
    // U+FF0D '-' EF BC 8D, U+FF0E '.' EF BC 8E.
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      unsigned char c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 3;
        continue;
      }
      if (c == 0x8B || c == 0x8D || c == 0x8E) {
        out += c == 0x8B ? '+' : (c == 0x8D ? '-' : '.');
        i += 3;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

std::optional<v1::BlankMark> ParseMark(absl::string_view s) {
  if (s == "/" || s == "／") return v1::BLANK_MARK_SLASH;
  if (s == "—" || s == "——" || s == "–") return v1::BLANK_MARK_DASH;
  if (s == "-" || s == "－") return v1::BLANK_MARK_HYPHEN;
  return std::nullopt;
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

absl::string_view TrimSpaces(absl::string_view s) {
  // Web pages pad cells with U+2002 (en space), U+3000 and U+00A0 as well as
  // ASCII spaces.
  static constexpr absl::string_view kSpaces[] = {"\u00a0", "\u2002", "\u2003",
                                                  "\u2009", "\u200b", "\u3000"};
  for (bool changed = true; changed;) {
    changed = false;
    s = absl::StripAsciiWhitespace(s);
    for (absl::string_view space : kSpaces) {
      if (absl::ConsumePrefix(&s, space) || absl::ConsumeSuffix(&s, space)) changed = true;
    }
  }
  return s;
}

std::string CountText(const v1::Count* count, v1::CellKind kind) {
  if (count == nullptr) return "";
  if (count->content_case() != v1::Count::kValue) return std::string(MarkText(count->mark()));
  const int64_t v = count->value();
  if (kind != v1::CELL_KIND_SIGNED_COUNT || v == 0) return absl::StrCat(v);
  switch (count->sign_style()) {
    case v1::SIGN_STYLE_EXPLICIT:
      return v > 0 ? absl::StrCat("+", v) : absl::StrCat(v);
    case v1::SIGN_STYLE_CHINESE:
      // -INT64_MIN overflows; print the digits of the negative value instead.
      return v > 0 ? absl::StrCat("增", v)
                   : absl::StrCat("减", absl::StripPrefix(absl::StrCat(v), "-"));
    default:
      return absl::StrCat(v);
  }
}

std::string AmountText(const v1::Amount* amount, v1::CurrencyUnit header_unit) {
  if (amount == nullptr) return "";
  if (amount->content_case() != v1::Amount::kDecimal) {
    return std::string(MarkText(amount->mark()));
  }
  std::string out = amount->decimal();
  if (amount->unit() != header_unit) {
    if (amount->unit() == v1::CURRENCY_UNIT_WAN_YUAN) absl::StrAppend(&out, kWanYuan);
    if (amount->unit() == v1::CURRENCY_UNIT_YUAN) absl::StrAppend(&out, kYuan);
  }
  return out;
}

std::string CellText(const google::protobuf::Message* cell, const v1::ColumnFormat& column) {
  if (column.kind() == v1::CELL_KIND_AMOUNT) {
    return AmountText(static_cast<const v1::Amount*>(cell), column.header_unit());
  }
  return CountText(static_cast<const v1::Count*>(cell), column.kind());
}

bool IsBlank(const google::protobuf::Message* cell) {
  if (cell == nullptr) return true;
  if (const auto* count = dynamic_cast<const v1::Count*>(cell)) {
    return count->content_case() != v1::Count::kValue;
  }
  if (const auto* amount = dynamic_cast<const v1::Amount*>(cell)) {
    return amount->content_case() != v1::Amount::kDecimal;
  }
  return true;
}

int64_t CountValue(const v1::Count* count) {
  return count != nullptr && count->content_case() == v1::Count::kValue ? count->value() : 0;
}

bool IsValidDecimal(absl::string_view d) {
  absl::ConsumePrefix(&d, "-");
  const size_t dot = d.find('.');
  if (dot == absl::string_view::npos) return AllDigits(d);
  return AllDigits(d.substr(0, dot)) && AllDigits(d.substr(dot + 1));
}

absl::StatusOr<std::optional<v1::Count>> ParseCount(absl::string_view text, v1::CellKind kind) {
  const absl::string_view trimmed = TrimSpaces(text);
  if (trimmed.empty()) return std::nullopt;
  v1::Count count;
  if (auto mark = ParseMark(trimmed)) {
    count.set_mark(*mark);
    return count;
  }
  const std::string ascii = AsciiDigits(trimmed);
  absl::string_view digits = ascii;
  bool negative = false;
  if (kind == v1::CELL_KIND_SIGNED_COUNT) {
    if (absl::ConsumePrefix(&digits, "减")) {
      negative = true;
      count.set_sign_style(v1::SIGN_STYLE_CHINESE);
    } else if (absl::ConsumePrefix(&digits, "增")) {
      count.set_sign_style(v1::SIGN_STYLE_CHINESE);
    } else if (absl::ConsumePrefix(&digits, "+")) {
      count.set_sign_style(v1::SIGN_STYLE_EXPLICIT);
    } else if (absl::ConsumePrefix(&digits, "-")) {
      negative = true;
    }
  }
  int64_t value = 0;
  // Parse with the sign attached so that INT64_MIN is representable.
  const std::string signed_digits = absl::StrCat(negative ? "-" : "", digits);
  if (!AllDigits(digits) || !absl::SimpleAtoi(signed_digits, &value)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not ",
        kind == v1::CELL_KIND_SIGNED_COUNT ? "a signed whole number" : "a whole number",
        AllDigits(digits) ? " in range" : ""));
  }
  count.set_value(value);
  return count;
}

absl::StatusOr<std::optional<v1::Amount>> ParseAmount(absl::string_view text,
                                                      v1::CurrencyUnit header_unit) {
  const absl::string_view trimmed = TrimSpaces(text);
  if (trimmed.empty()) return std::nullopt;
  v1::Amount amount;
  if (auto mark = ParseMark(trimmed)) {
    amount.set_mark(*mark);
    amount.set_unit(header_unit);
    return amount;
  }
  const std::string ascii = AsciiDigits(trimmed);
  absl::string_view number = ascii;
  v1::CurrencyUnit unit = header_unit;
  if (absl::ConsumeSuffix(&number, kWanYuan)) {
    unit = v1::CURRENCY_UNIT_WAN_YUAN;
  } else if (absl::ConsumeSuffix(&number, kYuan)) {
    unit = v1::CURRENCY_UNIT_YUAN;
  }
  number = TrimSpaces(number);
  if (!IsValidDecimal(number)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not an amount"));
  }
  amount.set_decimal(std::string(number));
  amount.set_unit(unit);
  return amount;
}

}  // namespace nianbao::format
