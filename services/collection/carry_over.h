// Carry-over (结转): a new report starts from what last year's report left
// open. 上年结转政府信息公开申请数量 takes last year's 结转下年度继续办理, column
// by column (both editions share table 3's columns, so this works across the
// 2020 → 2021 change of edition). For the 2019 trial edition's table 2,
// 上一年项目数量 takes last year's 上一年项目数量 + 本年增/减 where last year
// printed both figures and the result is not negative.
#ifndef NIANBAO_SERVICES_COLLECTION_CARRY_OVER_H_
#define NIANBAO_SERVICES_COLLECTION_CARRY_OVER_H_

#include <string>
#include <vector>

#include "nianbao/v1/report.pb.h"

namespace nianbao::collection {

// Fills the carry-over cells of `report` from `previous`. Cells `report`
// already has (figure or mark) are kept; blanks in `previous` fill nothing.
// `report` must have its edition set. Returns the field paths filled.
std::vector<std::string> PrefillFromPreviousYear(const v1::AnnualReport& previous,
                                                 v1::AnnualReport* report);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_CARRY_OVER_H_
