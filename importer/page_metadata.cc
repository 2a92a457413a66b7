#include "importer/page_metadata.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"
#include "importer/label_text.h"

namespace nianbao::importer {
namespace {

bool ConsumeNumber(absl::string_view* s, int max_digits, int* value) {
  size_t i = 0;
  while (i < s->size() && i < static_cast<size_t>(max_digits) &&
         absl::ascii_isdigit(static_cast<unsigned char>((*s)[i]))) {
    ++i;
  }
  if (i == 0) return false;
  if (!absl::SimpleAtoi(s->substr(0, i), value)) return false;
  s->remove_prefix(i);
  return true;
}

// Position of the first "dddd年" in `s`, or npos.
size_t FindYear(absl::string_view s, int* year) {
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (i > 0 && absl::ascii_isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    absl::string_view rest = s.substr(i);
    int value = 0;
    absl::string_view t = rest;
    if (ConsumeNumber(&t, 4, &value) && rest.size() - t.size() == 4 && absl::StartsWith(t, "年")) {
      *year = value;
      return i;
    }
  }
  return absl::string_view::npos;
}

}  // namespace

v1::AdministrativeLevel LevelFromName(absl::string_view name) {
  name = format::TrimSpaces(name);
  for (absl::string_view m :
       {"北京市人民政府", "天津市人民政府", "上海市人民政府", "重庆市人民政府"}) {
    if (name == m) return v1::ADMINISTRATIVE_LEVEL_PROVINCE;
  }
  struct Suffix {
    absl::string_view text;
    v1::AdministrativeLevel level;
  };
  static constexpr Suffix kSuffixes[] = {
      {"街道办事处", v1::ADMINISTRATIVE_LEVEL_SUB_DISTRICT},
      {"乡人民政府", v1::ADMINISTRATIVE_LEVEL_TOWNSHIP},
      {"镇人民政府", v1::ADMINISTRATIVE_LEVEL_TOWNSHIP},
      {"自治区人民政府", v1::ADMINISTRATIVE_LEVEL_PROVINCE},
      {"省人民政府", v1::ADMINISTRATIVE_LEVEL_PROVINCE},
      {"区人民政府", v1::ADMINISTRATIVE_LEVEL_COUNTY},
      {"县人民政府", v1::ADMINISTRATIVE_LEVEL_COUNTY},
      {"旗人民政府", v1::ADMINISTRATIVE_LEVEL_COUNTY},
      {"市人民政府", v1::ADMINISTRATIVE_LEVEL_CITY},
      {"州人民政府", v1::ADMINISTRATIVE_LEVEL_CITY},
      {"盟行政公署", v1::ADMINISTRATIVE_LEVEL_CITY},
      {"局", v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT},
      {"委员会", v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT},
      {"厅", v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT},
      {"办公室", v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT},
  };
  for (const Suffix& s : kSuffixes) {
    if (absl::EndsWith(name, s.text)) return s.level;
  }
  return v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED;
}

std::optional<v1::CalendarDate> ParseDate(absl::string_view text) {
  absl::string_view s = format::TrimSpaces(text);
  int y = 0, m = 0, d = 0;
  if (!ConsumeNumber(&s, 4, &y) || y < 1000) return std::nullopt;
  const bool chinese = absl::ConsumePrefix(&s, "年");
  if (!chinese && !absl::ConsumePrefix(&s, "-") && !absl::ConsumePrefix(&s, "/") &&
      !absl::ConsumePrefix(&s, ".")) {
    return std::nullopt;
  }
  if (!ConsumeNumber(&s, 2, &m)) return std::nullopt;
  if (chinese ? !absl::ConsumePrefix(&s, "月")
              : !(absl::ConsumePrefix(&s, "-") || absl::ConsumePrefix(&s, "/") ||
                  absl::ConsumePrefix(&s, "."))) {
    return std::nullopt;
  }
  if (!ConsumeNumber(&s, 2, &d)) return std::nullopt;
  if (chinese && !absl::ConsumePrefix(&s, "日")) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  v1::CalendarDate date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

int YearInTitle(absl::string_view title) {
  int year = 0;
  return FindYear(title, &year) == absl::string_view::npos ? 0 : year;
}

std::string AgencyInTitle(absl::string_view title) {
  int year = 0;
  const size_t at = FindYear(title, &year);
  if (at == absl::string_view::npos) return "";
  return std::string(format::TrimSpaces(title.substr(0, at)));
}

bool IsTitleLike(absl::string_view text) {
  text = format::TrimSpaces(text);
  return absl::StrContains(text, "报告") && CodePoints(text) <= 60 && !EndsLikeSentence(text) &&
         !absl::StrContains(text, "。");
}

bool ParseSourceLine(absl::string_view text, std::string* publisher,
                     std::optional<v1::CalendarDate>* date) {
  absl::string_view s = format::TrimSpaces(text);
  if (!absl::ConsumePrefix(&s, "来源")) return false;
  if (!absl::ConsumePrefix(&s, ":") && !absl::ConsumePrefix(&s, "：")) return false;
  s = format::TrimSpaces(s);
  size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '\t' &&
         !absl::StartsWith(s.substr(end), "\u3000") && !absl::StartsWith(s.substr(end), "\u00a0") &&
         !absl::StartsWith(s.substr(end), "发布时间")) {
    ++end;
  }
  *publisher = std::string(s.substr(0, end));
  const size_t at = s.find("发布时间");
  if (at != absl::string_view::npos) {
    absl::string_view rest = s.substr(at + std::string("发布时间").size());
    if (!absl::ConsumePrefix(&rest, ":")) absl::ConsumePrefix(&rest, "：");
    *date = ParseDate(rest);
  }
  return true;
}

int YearOfStatisticsPeriod(absl::string_view text) {
  const size_t at = text.find("统计期限");
  if (at == absl::string_view::npos) return 0;
  int year = 0;
  return FindYear(text.substr(at), &year) == absl::string_view::npos ? 0 : year;
}

size_t ReadPageHead(const std::vector<std::string>& lines, v1::AnnualReport* report) {
  size_t title = lines.size();
  std::vector<size_t> titles;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string publisher;
    std::optional<v1::CalendarDate> date;
    if (ParseSourceLine(lines[i], &publisher, &date)) {
      report->set_publisher(publisher);
      if (date) *report->mutable_publication_date() = *date;
      continue;
    }
    if (IsTitleLike(lines[i])) titles.push_back(i);
  }
  if (titles.empty()) return 0;
  title = titles.back();
  report->set_title(std::string(format::TrimSpaces(lines[title])));
  // The agency: from whichever title names it with a level-bearing suffix
  // (the page title usually carries the full name, the report title often a
  // short one), else the longest name found.
  std::string agency;
  for (size_t t : titles) {
    std::string name = AgencyInTitle(lines[t]);
    const bool known = LevelFromName(name) != v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED;
    const bool have_known = LevelFromName(agency) != v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED;
    if ((known && !have_known) || (known == have_known && name.size() > agency.size())) {
      agency = std::move(name);
    }
  }
  if (!agency.empty()) {
    report->mutable_agency()->set_name(agency);
    report->mutable_agency()->set_level(LevelFromName(agency));
  }
  int year = YearInTitle(lines[title]);
  for (size_t i = 0; year == 0 && i < titles.size(); ++i) year = YearInTitle(lines[titles[i]]);
  for (size_t i = title + 1; year == 0 && i < lines.size(); ++i) {
    year = YearOfStatisticsPeriod(lines[i]);
  }
  if (year != 0) report->set_year(year);
  return title + 1;
}

}  // namespace nianbao::importer
