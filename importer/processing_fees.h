// The 2021 edition's information processing fees (信息处理费) are reported in
// section 六 as a sentence, e.g. "本年度共发出收费通知3件，通知收取信息处理费
// 300元，实际收取信息处理费200元。" The report keeps them as figures beside the
// sentence (OtherMatters.processing_fees); this reads them back from the
// sentence of the processing-fee subsection. Only figures standing right
// after their phrase, within one clause, are taken; anything else is left
// unset rather than guessed.
#ifndef NIANBAO_IMPORTER_PROCESSING_FEES_H_
#define NIANBAO_IMPORTER_PROCESSING_FEES_H_

#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// Fills result->report().other_matters().processing_fees from the text of
// the SUBSECTION_TOPIC_PROCESSING_FEES subsection, for 2021-edition reports,
// with an INFO diagnostic quoting the sentence for each figure taken.
void ReadProcessingFees(v1::ImportResult* result);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PROCESSING_FEES_H_
