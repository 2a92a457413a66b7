// What a published page says about the report before its first section: the
// page title ("天津市红桥区人民政府2020年政府信息公开年度报告"), the CMS line
// ("来源:政府办 发布时间:2021-03-08 16:47"), and the report's own title.
// From them: agency name and level, year, title, publisher, publication date.
// These are page conventions, not labels of the national format.
#ifndef NIANBAO_IMPORTER_PAGE_METADATA_H_
#define NIANBAO_IMPORTER_PAGE_METADATA_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::importer {

// The level an agency's official name implies ("…区人民政府" → county,
// "…街道办事处" → sub-district, "天津市人民政府" → province); UNSPECIFIED when
// the name does not say.
v1::AdministrativeLevel LevelFromName(absl::string_view name);

// "2021-03-08", "2021/3/8", "2021.03.08" or "2021年3月8日" at the start of `text`
// (after spaces); std::nullopt otherwise.
std::optional<v1::CalendarDate> ParseDate(absl::string_view text);

// The year in a title: the first four digits followed by 年; 0 when none.
int YearInTitle(absl::string_view title);

// The agency named before the year in a title ("天津市红桥区人民政府2020年…"
// → "天津市红桥区人民政府"); "" when the title does not start with one.
std::string AgencyInTitle(absl::string_view title);

// Whether a line reads as a report title: mentions 报告, is short and is not
// a sentence.
bool IsTitleLike(absl::string_view text);

// The CMS source line: "来源:X 发布时间:DATE". False when `text` is not one.
bool ParseSourceLine(absl::string_view text, std::string* publisher,
                     std::optional<v1::CalendarDate>* date);

// The year of the statistics period stated in a preamble ("统计期限自2020年
// 1月1日起"); 0 when not stated.
int YearOfStatisticsPeriod(absl::string_view text);

// Reads the page head `lines` (everything before section 一) into `report`
// (agency, year, title, publisher, publication_date) and returns the index
// of the first preamble line: the line after the report title, or 0 when no
// title was found.
size_t ReadPageHead(const std::vector<std::string>& lines, v1::AnnualReport* report);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PAGE_METADATA_H_
