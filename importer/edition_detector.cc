#include "importer/edition_detector.h"

#include "format/format_definition.h"
#include "importer/label_matcher.h"

namespace nianbao::importer {

EditionVotes DetectEdition(const std::vector<std::string>& table_texts) {
  EditionVotes result;
  const auto& editions = format::Definition().editions();
  for (const std::string& text : table_texts) {
    v1::Edition only = v1::EDITION_UNSPECIFIED;
    int matching = 0;
    for (const v1::EditionFormat& edition : editions) {
      bool match = false;
      for (const v1::TableFormat& table : edition.tables())
        match = match || MatchesAnyLabel(table, text);
      if (match) {
        ++matching;
        only = edition.edition();
      }
    }
    if (matching == 1) ++result.votes[only];
  }
  int best = 0;
  for (const auto& [edition, votes] : result.votes) {
    if (votes > best) {
      best = votes;
      result.edition = edition;
    } else if (votes == best) {
      result.edition = v1::EDITION_UNSPECIFIED;
    }
  }
  return result;
}

}  // namespace nianbao::importer
