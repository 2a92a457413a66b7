#include "importer/narrative_parser.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"
#include "format/format_definition.h"
#include "importer/label_text.h"
#include "importer/page_metadata.h"

namespace nianbao::importer {
namespace {

constexpr size_t kMaxHeadingCodePoints = 40;

}  // namespace

bool ParseSubsectionHeading(absl::string_view text, std::string* number, std::string* title) {
  const absl::string_view trimmed = format::TrimSpaces(text);
  const SplitLabel split = SplitNumber(trimmed);
  if (split.number_kind != 'p') return false;
  // Find where the printed number ends: after the closing parenthesis.
  size_t close = trimmed.find(")");
  const size_t wide = trimmed.find("）");
  size_t end;
  if (wide != absl::string_view::npos && (close == absl::string_view::npos || wide < close)) {
    end = wide + std::string("）").size();
  } else if (close != absl::string_view::npos) {
    end = close + 1;
  } else {
    return false;
  }
  const absl::string_view rest = format::TrimSpaces(trimmed.substr(end));
  if (CodePoints(rest) > kMaxHeadingCodePoints || EndsLikeSentence(rest) ||
      absl::StrContains(rest, "。")) {
    return false;
  }
  *number = std::string(trimmed.substr(0, end));
  *title = std::string(rest);
  return true;
}

v1::SubsectionTopic TopicOf(absl::string_view narrative_field, absl::string_view title) {
  const std::string t = NormalizeLabel(title);
  if (t.empty()) return v1::SUBSECTION_TOPIC_UNSPECIFIED;
  if (narrative_field == "general_situation") {
    // A printed title names the topic with extra words ("主动公开方面") or in
    // short ("平台建设" for 政府信息公开平台建设).
    std::string core = t;
    for (absl::string_view suffix : {"方面", "情况", "工作"}) {
      if (absl::EndsWith(core, suffix) && CodePoints(core) > CodePoints(suffix) + 1) {
        core.resize(core.size() - suffix.size());
        break;
      }
    }
    for (const v1::EditionFormat& edition : format::Definition().editions()) {
      for (const v1::TopicFormat& topic : edition.general_topics()) {
        const std::string official = NormalizeLabel(topic.title());
        if (absl::StrContains(core, official) || absl::StrContains(official, core)) {
          return topic.topic();
        }
      }
    }
    return v1::SUBSECTION_TOPIC_UNSPECIFIED;
  }
  if (narrative_field == "problems_and_improvements") {
    const bool problems = absl::StrContains(t, "问题");
    const bool improvements = absl::StrContains(t, "改进");
    if (problems && !improvements) return v1::SUBSECTION_TOPIC_PROBLEMS;
    if (improvements && !problems) return v1::SUBSECTION_TOPIC_IMPROVEMENTS;
    return v1::SUBSECTION_TOPIC_UNSPECIFIED;
  }
  if (narrative_field == "other_matters.narrative" && absl::StrContains(t, "信息处理费")) {
    return v1::SUBSECTION_TOPIC_PROCESSING_FEES;
  }
  return v1::SUBSECTION_TOPIC_UNSPECIFIED;
}

v1::Narrative ParseNarrative(const std::vector<std::string>& paragraphs,
                             absl::string_view narrative_field) {
  v1::Narrative narrative;
  v1::Subsection* current = nullptr;
  for (const std::string& raw : paragraphs) {
    const absl::string_view text = format::TrimSpaces(raw);
    if (text.empty()) continue;
    std::string number, title;
    if (ParseSubsectionHeading(text, &number, &title)) {
      current = narrative.add_blocks()->mutable_subsection();
      current->set_number(number);
      current->set_title(title);
      current->set_topic(TopicOf(narrative_field, title));
      continue;
    }
    v1::Block* block = current != nullptr ? current->add_blocks() : narrative.add_blocks();
    block->mutable_paragraph()->set_text(std::string(text));
  }
  return narrative;
}

v1::Narrative SplitClosing(v1::Narrative* narrative) {
  // The trailing paragraphs live at the end of the last subsection when the
  // narrative ends with one.
  google::protobuf::RepeatedPtrField<v1::Block>* blocks = narrative->mutable_blocks();
  while (!blocks->empty() && blocks->rbegin()->has_subsection()) {
    blocks = blocks->rbegin()->mutable_subsection()->mutable_blocks();
  }
  v1::Narrative closing;
  const int n = blocks->size();
  if (n == 0 || !(*blocks)[n - 1].has_paragraph()) return closing;
  const std::string& last = (*blocks)[n - 1].paragraph().text();
  if (!ParseDate(last) || CodePoints(last) > 20) return closing;
  int first = n - 1;
  // Up to two short signature lines (agency, office) before the date.
  while (first > 0 && n - first < 3 && (*blocks)[first - 1].has_paragraph()) {
    const std::string& text = (*blocks)[first - 1].paragraph().text();
    if (CodePoints(text) > 30 || EndsLikeSentence(text) || absl::StrContains(text, "。") ||
        absl::StrContains(text, "，")) {
      break;
    }
    --first;
  }
  for (int i = first; i < n; ++i) *closing.add_blocks() = (*blocks)[i];
  blocks->DeleteSubrange(first, n - first);
  return closing;
}

}  // namespace nianbao::importer
