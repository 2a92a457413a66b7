// Which edition of the national format a published report follows, judged
// from the labels printed in its tables — not from its year, since real
// reports sometimes use the wrong edition for their year.
#ifndef NIANBAO_IMPORTER_EDITION_DETECTOR_H_
#define NIANBAO_IMPORTER_EDITION_DETECTOR_H_

#include <map>
#include <string>
#include <vector>

#include "nianbao/v1/report.pb.h"

namespace nianbao::importer {

struct EditionVotes {
  // The edition with the most votes; EDITION_UNSPECIFIED on a tie or when no
  // printed label belongs to only one edition.
  v1::Edition edition = v1::EDITION_UNSPECIFIED;
  // Votes per edition: printed texts that are a table label of that edition
  // and of no other (e.g. 本年新制作数量 votes 2019, 本年制发件数 2021).
  std::map<v1::Edition, int> votes;
};

EditionVotes DetectEdition(const std::vector<std::string>& table_texts);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_EDITION_DETECTOR_H_
