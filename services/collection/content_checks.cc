#include "services/collection/content_checks.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "format/format_definition.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "services/validation/rule_engine.h"

namespace nianbao::collection {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : absl::StrCat(prefix, ".", name);
}

// Walks every set field: unknown enum values, oversized strings, and the
// nesting depth of subsections. Stops adding after `budget` findings so a
// hostile report cannot make the answer huge.
class Walker {
 public:
  explicit Walker(BadRequestBuilder* bad) : bad_(bad) {}

  void Walk(const Message& m, const std::string& path, int depth) {
    const bool is_subsection = m.GetDescriptor() == v1::Subsection::descriptor();
    if (is_subsection) {
      ++depth;
      if (depth > kMaxSubsectionDepth) {
        Add(path, absl::StrCat("subsections nest deeper than ", kMaxSubsectionDepth, " levels"));
        return;  // nothing below is worth reporting
      }
    }
    std::vector<const FieldDescriptor*> fields;
    m.GetReflection()->ListFields(m, &fields);
    for (const FieldDescriptor* f : fields) {
      if (f->is_repeated()) {
        const int n = m.GetReflection()->FieldSize(m, f);
        for (int i = 0; i < n && budget_ > 0; ++i) {
          Value(m, f, i, absl::StrCat(Join(path, f->name()), "[", i, "]"), depth);
        }
      } else {
        Value(m, f, -1, Join(path, f->name()), depth);
      }
      if (budget_ <= 0) return;
    }
  }

 private:
  void Value(const Message& m, const FieldDescriptor* f, int index, const std::string& path,
             int depth) {
    const auto* r = m.GetReflection();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        Walk(index < 0 ? r->GetMessage(m, f) : r->GetRepeatedMessage(m, f, index), path, depth);
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int value = index < 0 ? r->GetEnumValue(m, f) : r->GetRepeatedEnumValue(m, f, index);
        if (f->enum_type()->FindValueByNumber(value) == nullptr) {
          Add(path, absl::StrCat("unknown ", f->enum_type()->name(), " value ", value));
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = index < 0 ? r->GetStringReference(m, f, &scratch)
                                         : r->GetRepeatedStringReference(m, f, index, &scratch);
        if (s.size() > kMaxTextBytes) {
          Add(path, absl::StrCat(s.size(), " bytes; at most ", kMaxTextBytes));
        }
        break;
      }
      default:
        break;
    }
  }

  void Add(const std::string& path, const std::string& what) {
    if (budget_-- > 0) bad_->Add(path, what);
  }

  BadRequestBuilder* bad_;
  int budget_ = 20;
};

// The validation rules whose findings make content impossible rather than
// unfinished.
const std::set<std::string>& ImpossibleRules() {
  static const auto* ids = new std::set<std::string>{"STRUCT.NEGATIVE", "STRUCT.AMOUNT_FORMAT",
                                                     "STRUCT.OTHER_EDITION_FIELDS",
                                                     "STRUCT.OVERFLOW", "STRUCT.YEAR_RANGE"};
  return *ids;
}

}  // namespace

void CheckStorableContent(const v1::AnnualReport& content, const std::string& prefix,
                          BadRequestBuilder* bad) {
  // The field at fault first (an oversized paragraph), then the whole.
  const bool was_empty = bad->empty();
  Walker(bad).Walk(content, prefix, 0);
  // The rules below read the tables by the edition; unknown enums or
  // oversized text are answer enough.
  if (was_empty && !bad->empty()) return;
  const size_t size = content.ByteSizeLong();
  if (size > kMaxContentBytes) {
    bad->Add(prefix, absl::StrCat(size, " bytes; a report's content is at most ", kMaxContentBytes,
                                  " bytes"));
    return;
  }

  const v1::Edition edition = content.edition() != v1::EDITION_UNSPECIFIED
                                  ? content.edition()
                                  : format::EditionForYear(content.year());
  if (format::FindEdition(edition) == nullptr) {
    bad->Add(Join(prefix, "edition"), "unknown, and no edition applies to the year");
    return;
  }
  v1::AnnualReport with_edition = content;
  with_edition.set_edition(edition);
  const v1::ValidateReportResponse result = validation::Validate(with_edition);
  int added = 0;
  for (const v1::Violation& v : result.violations()) {
    if (!ImpossibleRules().count(v.rule_id())) continue;
    if (++added > 20) break;
    bad->Add(Join(prefix, v.field_path()), absl::StrCat(v.rule_id(), ": ", v.message_en()));
  }
}

}  // namespace nianbao::collection
