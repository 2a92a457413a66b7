// Running text of a report (preamble, sections 一, 五, 六, text before a
// table) from its paragraphs: numbered subsection headings such as
// "(一)主动公开方面" or "（二）改进措施" open subsections, everything else is a
// paragraph kept to the letter. Subsections get their topic where the format
// names one (总体情况's sub-topics come from the format definition).
#ifndef NIANBAO_IMPORTER_NARRATIVE_PARSER_H_
#define NIANBAO_IMPORTER_NARRATIVE_PARSER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::importer {

// Whether `text` is a subsection heading: a parenthesized Chinese numeral
// ("(一)", "（一）") followed by a short title that is not a sentence.
// `number` gets the number exactly as printed, `title` the rest, trimmed.
bool ParseSubsectionHeading(absl::string_view text, std::string* number, std::string* title);

// The topic of a subsection titled `title` inside the narrative at
// AnnualReport field `narrative_field` ("general_situation",
// "problems_and_improvements", "other_matters.narrative").
v1::SubsectionTopic TopicOf(absl::string_view narrative_field, absl::string_view title);

// Builds a narrative from `paragraphs` (non-empty texts, in order).
v1::Narrative ParseNarrative(const std::vector<std::string>& paragraphs,
                             absl::string_view narrative_field);

// Moves a trailing signature block (落款: a short agency line or two, then a
// date line such as "2023年1月30日") from the end of `narrative` into a new
// narrative, which it returns (empty when there is none).
v1::Narrative SplitClosing(v1::Narrative* narrative);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_NARRATIVE_PARSER_H_
