#include "importer/label_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"

namespace nianbao::importer {
namespace {

constexpr absl::string_view kChineseNumerals[] = {"一", "二", "三", "四", "五", "六",
                                                  "七", "八", "九", "十", "〇", "零"};

// Consumes Chinese numerals from the front of `s` into `out`.
bool ConsumeChineseNumerals(absl::string_view* s, std::string* out) {
  bool any = false;
  for (bool more = true; more;) {
    more = false;
    for (absl::string_view n : kChineseNumerals) {
      if (absl::ConsumePrefix(s, n)) {
        out->append(n.data(), n.size());
        any = more = true;
      }
    }
  }
  return any;
}

bool ConsumeDigits(absl::string_view* s, std::string* out) {
  size_t i = 0;
  while (i < s->size() && absl::ascii_isdigit(static_cast<unsigned char>((*s)[i]))) ++i;
  if (i == 0) return false;
  out->append(s->data(), i);
  s->remove_prefix(i);
  return true;
}

}  // namespace

std::string NormalizeLabel(absl::string_view s) {
  return absl::StrReplaceAll(
      s, {{" ", ""},      {"\t", ""},     {"\r", ""},     {"\n", ""},     {"\u00a0", ""},
          {"\u2002", ""}, {"\u2003", ""}, {"\u2009", ""}, {"\u200b", ""}, {"\u3000", ""},
          {"（", "("},    {"）", ")"},    {"：", ":"},    {"，", ","},    {"；", ";"},
          {"／", "/"},    {"．", "."},    {"＋", "+"},    {"－", "-"},    {"０", "0"},
          {"１", "1"},    {"２", "2"},    {"３", "3"},    {"４", "4"},    {"５", "5"},
          {"６", "6"},    {"７", "7"},    {"８", "8"},    {"９", "9"}});
}

SplitLabel SplitNumber(absl::string_view raw) {
  const std::string normalized = NormalizeLabel(raw);
  absl::string_view s = normalized;
  SplitLabel out;
  std::string key;
  absl::string_view t = s;
  if (absl::ConsumePrefix(&t, "(") &&
      (ConsumeChineseNumerals(&t, &key) || ConsumeDigits(&t, &key)) &&
      absl::ConsumePrefix(&t, ")")) {
    // "(一)" may be followed by a stray "、" or ".".
    if (!absl::ConsumePrefix(&t, "、")) absl::ConsumePrefix(&t, ".");
    out.number_key = key;
    out.number_kind = 'p';
    out.rest = std::string(t);
    return out;
  }
  key.clear();
  t = s;
  if (ConsumeChineseNumerals(&t, &key) &&
      (absl::ConsumePrefix(&t, "、") || absl::ConsumePrefix(&t, "."))) {
    out.number_key = key;
    out.number_kind = 'c';
    out.rest = std::string(t);
    return out;
  }
  key.clear();
  t = s;
  if (ConsumeDigits(&t, &key) && (absl::ConsumePrefix(&t, ".") || absl::ConsumePrefix(&t, "、"))) {
    out.number_key = key;
    out.number_kind = 'd';
    out.rest = std::string(t);
    return out;
  }
  out.rest = std::string(s);
  return out;
}

size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool EndsLikeSentence(absl::string_view s) {
  s = format::TrimSpaces(s);
  for (absl::string_view end : {"。", "；", "！", "？", ";", "!", "?"}) {
    if (absl::EndsWith(s, end)) return true;
  }
  return false;
}

}  // namespace nianbao::importer
