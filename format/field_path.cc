#include "format/field_path.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace nianbao::format {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

absl::StatusOr<FieldChain> ResolvePath(const Descriptor* root, absl::string_view path) {
  FieldChain chain;
  if (path.empty()) return chain;
  const Descriptor* current = root;
  for (absl::string_view segment : absl::StrSplit(path, '.')) {
    if (current == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("field path \"", path, "\": \"", segment, "\" follows a non-message field"));
    }
    const FieldDescriptor* field = current->FindFieldByName(std::string(segment));
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "field path \"", path, "\": ", current->full_name(), " has no field \"", segment, "\""));
    }
    if (field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return absl::InvalidArgumentError(absl::StrCat("field path \"", path, "\": \"", segment,
                                                     "\" is not a singular message field"));
    }
    chain.push_back(field);
    current = field->message_type();
  }
  return chain;
}

const Message* GetAt(const Message& root, const FieldChain& chain) {
  const Message* current = &root;
  for (const FieldDescriptor* field : chain) {
    const auto* reflection = current->GetReflection();
    if (!reflection->HasField(*current, field)) return nullptr;
    current = &reflection->GetMessage(*current, field);
  }
  return current;
}

Message* MutableAt(Message* root, const FieldChain& chain) {
  Message* current = root;
  for (const FieldDescriptor* field : chain) {
    current = current->GetReflection()->MutableMessage(current, field);
  }
  return current;
}

void ClearAt(Message* root, const FieldChain& chain) {
  if (chain.empty()) {
    root->Clear();
    return;
  }
  Message* current = root;
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    const auto* reflection = current->GetReflection();
    if (!reflection->HasField(*current, chain[i])) return;
    current = reflection->MutableMessage(current, chain[i]);
  }
  current->GetReflection()->ClearField(current, chain.back());
}

}  // namespace nianbao::format
