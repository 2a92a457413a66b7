#include "services/collection/changed_fields.h"

#include <memory>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::collection {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsCell(const google::protobuf::Descriptor* d) {
  return d == v1::Count::descriptor() || d == v1::Amount::descriptor();
}

// Whether field `f` holds the same value in `a` and `b`: copies both, keeps
// only `f`, compares. Slow but simple; a report has a few hundred fields.
bool FieldEquals(const Message& a, const Message& b, const FieldDescriptor* f) {
  std::unique_ptr<Message> x(a.New()), y(b.New());
  x->CopyFrom(a);
  y->CopyFrom(b);
  for (Message* m : {x.get(), y.get()}) {
    std::vector<const FieldDescriptor*> fields;
    m->GetReflection()->ListFields(*m, &fields);
    for (const FieldDescriptor* g : fields) {
      if (g != f) m->GetReflection()->ClearField(m, g);
    }
  }
  return google::protobuf::util::MessageDifferencer::Equals(*x, *y);
}

void Diff(const Message& a, const Message& b, const std::string& prefix,
          std::vector<std::string>* out) {
  const google::protobuf::Descriptor* d = a.GetDescriptor();
  const Reflection* ra = a.GetReflection();
  const Reflection* rb = b.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const std::string path = prefix.empty() ? f->name() : prefix + "." + f->name();
    if (!f->is_repeated() && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        !IsCell(f->message_type()) && ra->HasField(a, f) && rb->HasField(b, f)) {
      Diff(ra->GetMessage(a, f), rb->GetMessage(b, f), path, out);
      continue;
    }
    if (!FieldEquals(a, b, f)) out->push_back(path);
  }
}

}  // namespace

std::vector<std::string> ChangedFields(const Message& before, const Message& after,
                                       const std::string& prefix) {
  std::vector<std::string> out;
  Diff(before, after, prefix, &out);
  return out;
}

}  // namespace nianbao::collection
