// The printed form of table cells, both ways: a Count or Amount to the text a
// report prints ("285", "减75", "+19", "/", "14957.701682万元"), and such text
// back to a cell. Used by the document builder, importers and tests so that
// every output prints a cell the same way.
#ifndef NIANBAO_FORMAT_CELL_TEXT_H_
#define NIANBAO_FORMAT_CELL_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "nianbao/v1/format.pb.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::format {

// `s` without the spaces that surround figures in published reports: ASCII
// white space, no-break, en, em, thin and zero-width spaces, U+3000.
absl::string_view TrimSpaces(absl::string_view s);

// Text of a count cell; "" for an absent or unmarked blank cell. Signed
// columns print the sign as the cell's sign_style says.
std::string CountText(const v1::Count* count, v1::CellKind kind);

// Text of an amount: the decimal exactly as stored, followed by its unit
// ("万元", "元") unless the column header states that unit already.
std::string AmountText(const v1::Amount* amount, v1::CurrencyUnit header_unit);

// Text of the cell `cell` (a Count or Amount, or nullptr) under `column`.
std::string CellText(const google::protobuf::Message* cell, const v1::ColumnFormat& column);

// Whether `cell` (a Count or Amount, or nullptr) holds no figure.
bool IsBlank(const google::protobuf::Message* cell);

// The figure of a count cell; blank cells count as 0 in arithmetic.
int64_t CountValue(const v1::Count* count);

// Parses a printed count. Surrounding spaces (ASCII, full-width, no-break)
// are ignored. "" gives std::nullopt (a blank cell); "/", "／", "—", "——",
// "-" give a Count holding that mark. Digits may be full-width. In signed
// columns "减75", "增19", "+19", "-417" are accepted and the style kept.
// InvalidArgument for anything else, including figures beyond int64.
absl::StatusOr<std::optional<v1::Count>> ParseCount(absl::string_view text, v1::CellKind kind);

// Parses a printed amount such as "14957.701682万元", "251000元" or "2.02"
// (then in `header_unit`). The decimal is kept exactly as printed.
absl::StatusOr<std::optional<v1::Amount>> ParseAmount(absl::string_view text,
                                                      v1::CurrencyUnit header_unit);

// Whether `decimal` is a well-formed Amount.decimal: optional '-', digits,
// optionally '.' and digits.
bool IsValidDecimal(absl::string_view decimal);

}  // namespace nianbao::format

#endif  // NIANBAO_FORMAT_CELL_TEXT_H_
